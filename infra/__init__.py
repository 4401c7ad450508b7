"""Shared infrastructure below the stages: settings, the database connection, migrations, error
classes, per-file time budget, progress hook and child-process lifeline. Imports nothing above it."""
