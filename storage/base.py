"""The storage contract: immutable objects, created once, read many times.

Nothing here knows about .docx. Every write is a conditional create: a key that exists is
never overwritten (ObjectExists), which is what lets concurrent uploads and audit appends
coexist without locks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict


class StoredObject(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    size: int
    sha256: str
    metadata: dict[str, str] = {}


@runtime_checkable
class ObjectStore(Protocol):
    """What Concord needs from a store, and nothing more."""

    def put_if_absent(
        self,
        key: str,
        data: bytes,
        *,
        metadata: Mapping[str, str] | None = None,
        content_type: str = "application/octet-stream",
    ) -> StoredObject:
        """Create `key` with `data`; raise ObjectExists if it is taken."""

    def get(self, key: str) -> bytes:
        """The object's bytes; raise ObjectMissing."""

    def head(self, key: str) -> StoredObject | None:
        """The object's size, SHA-256 and metadata, or None when absent."""

    def list(self, prefix: str) -> list[str]:
        """Keys under `prefix`, sorted."""

    def describe(self) -> str:
        """Where objects live, for people (a path or s3://bucket at endpoint)."""
