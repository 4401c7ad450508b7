"""Error classes the CLI turns into one clear line (no traceback wall)."""


class ClaimsEtlError(Exception):
    """Base class: the message is written for the operator."""


class DatabaseUnavailable(ClaimsEtlError):
    """The configured Postgres server cannot be reached: the run stops at once."""


class MigrationError(ClaimsEtlError):
    """The schema on the server does not match the migrations in `sql/`."""


class WorkerDied(ClaimsEtlError):
    """A transform worker process died (killed, out of memory): the run stops and is recorded as failed."""
