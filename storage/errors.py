"""Exceptions raised by storage (under concord.errors.ConcordError); S3/OS errors are
translated here, the cause kept.

StorageError
├── ObjectExists        a conditional create found the key taken (S3 412/409)
├── ObjectMissing       no object at that key (S3 404 / NoSuchKey)
├── StorageUnavailable  the store could not be reached or kept failing (5xx, timeouts)
├── IntegrityError      a stored object's bytes do not match its recorded SHA-256
├── RecordError         a Concord record is missing or inconsistent (unknown draft/round, ...)
├── AuditKeyError       the audit key cannot be made or read, or is readable by others
│                       (storage.audit_key)
└── AnchorError         the anchor bucket has no S3 Object Lock (storage.anchor)
"""

from __future__ import annotations

from concord.errors import ConcordError


class StorageError(ConcordError):
    code = "storage_error"


class ObjectExists(StorageError):
    code = "object_exists"

    def __init__(self, key: str) -> None:
        super().__init__(f"an object already exists at {key!r}; stored objects are never replaced")
        self.key = key


class ObjectMissing(StorageError):
    code = "object_missing"

    def __init__(self, key: str) -> None:
        super().__init__(f"no object at {key!r}")
        self.key = key


class StorageUnavailable(StorageError):
    code = "storage_unavailable"


class IntegrityError(StorageError):
    code = "integrity_error"


class RecordError(StorageError):
    code = "record_error"
