"""claims-etl: news articles -> attributed claims in Postgres."""
