"""Typed errors with messages a user can act on; pages and ETL commands show them as is."""


class InflurecError(Exception):
    """Base of every error the library raises on purpose."""


class UnknownStyle(InflurecError, ValueError):
    """A style name that is not in the taxonomy."""


class UnreadableImage(InflurecError, ValueError):
    """Bytes, a file or a path that is not a usable image."""


class StoreError(InflurecError):
    """The database is missing, of another schema version, or refuses a write."""


class ModelFileError(InflurecError):
    """A model file that is missing, corrupt or does not match what it claims."""


class UnknownInfluencer(InflurecError, KeyError):
    """A username that is not in the database."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class SourceError(InflurecError):
    """A post source that cannot be read at all (a single bad record is skipped instead)."""
