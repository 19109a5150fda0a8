"""The store every task in this process uses (CONCORD_HOME / CONCORD_S3_* settings)."""

from __future__ import annotations

from functools import cache

from concord.models import ConcordSettings
from concord.storage.factory import open_concord_store
from concord.storage.records import ConcordStore

# Retries for tasks that read or write the store: S3 hiccups pass, a wrong key fails fast anyway.
IO_RETRIES = 3
IO_RETRY_DELAYS = [1, 2, 4]


@cache
def concord_store() -> ConcordStore:
    """One ConcordStore per process: it caches immutable records (rounds, drafts)."""
    return open_concord_store(ConcordSettings())
