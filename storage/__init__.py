"""Object stores (a directory, an S3 bucket), Concord's records over them, and the audit chain."""

from concord.storage.base import ObjectStore, StoredObject
from concord.storage.errors import (
    IntegrityError,
    ObjectExists,
    ObjectMissing,
    RecordError,
    StorageError,
    StorageUnavailable,
)

__all__ = [
    "IntegrityError",
    "ObjectExists",
    "ObjectMissing",
    "ObjectStore",
    "RecordError",
    "StorageError",
    "StorageUnavailable",
    "StoredObject",
]
