-- The applied migrations, readable by anyone who may connect (EXECUTE is granted to PUBLIC by default)
-- without exposing the operational table itself: reading commands run by claims_reader compare it
-- with the migrations they were built for and stop with one clear line when the schema is behind.
CREATE FUNCTION schema_versions() RETURNS TABLE (version integer, checksum text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT version, checksum FROM schema_migrations ORDER BY version
$$;
