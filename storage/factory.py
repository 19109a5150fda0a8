"""Open the store the settings name: an S3 bucket if CONCORD_S3_BUCKET is set, else a directory."""

from __future__ import annotations

from functools import cache

from concord.models import ConcordSettings
from concord.storage.anchor import open_anchor
from concord.storage.audit_key import load_audit_key
from concord.storage.base import ObjectStore
from concord.storage.local import LocalStore
from concord.storage.records import ConcordStore


def open_store(settings: ConcordSettings) -> ObjectStore:
    if settings.s3_bucket:
        # Imported here: boto3 costs about a second at start-up, paid by every flow-run process.
        from concord.storage.s3 import S3Store

        # The bucket is not created here: a mistyped name must fail, not start a new store.
        return S3Store(
            settings.s3_bucket,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            prefix=settings.s3_prefix,
        )
    return LocalStore(settings.store_dir)


def open_concord_store(settings: ConcordSettings | None = None) -> ConcordStore:
    """The one way to get Concord's store: one per configuration and process.

    Kept per process because a ConcordStore caches immutable records (drafts, rounds) and an S3
    client costs a connection pool; the settings are read from the environment when not given.
    """
    settings = settings or ConcordSettings()
    return _cached(settings.model_dump_json())


@cache
def _cached(settings_json: str) -> ConcordStore:
    settings = ConcordSettings.model_validate_json(settings_json)
    return ConcordStore(
        open_store(settings),
        audit_key=load_audit_key(settings.home),
        anchor=open_anchor(settings),
    )


def forget_stores() -> None:
    """Drop the per-process stores (tests that change CONCORD_HOME between cases)."""
    _cached.cache_clear()
