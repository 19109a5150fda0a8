"""An S3-compatible bucket as an object store (AWS S3, SeaweedFS, MinIO, moto).

Every write is `put_object(..., IfNoneMatch="*")` with the SHA-256 sent as ChecksumSHA256 (the
server rejects bytes that arrive damaged) and kept in the `sha256` metadata. Transient failures
(5xx, throttling, timeouts, dropped connections) are retried by botocore's "standard" retry mode;
when the retries run out the error becomes StorageUnavailable with the cause kept.

A retried PUT whose first attempt landed comes back 412. To tell "my own earlier attempt" from
"someone else's object", each put_if_absent call writes a random `write-id` in the metadata: on
412 (or a 409 ConditionalRequestConflict from a concurrent create) the object is read back; with
our write-id and our SHA-256 it is ours and the call succeeds; otherwise ObjectExists. Identical
bytes written by another caller are still ObjectExists: a conditional create has one winner.

Metadata values are percent-encoded, because S3 metadata is ASCII and actors have Vietnamese names.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, unquote

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from concord.storage.base import StoredObject
from concord.storage.errors import (
    IntegrityError,
    ObjectExists,
    ObjectMissing,
    StorageError,
    StorageUnavailable,
)
from concord.storage.keys import check_key

_EXISTS = {"PreconditionFailed", "ConditionalRequestConflict", "412", "409"}
_MISSING = {"NoSuchKey", "NotFound", "404"}
_SHA = "sha256"
_WRITE_ID = "write-id"
_CONFLICT_ROUNDS = 5

DEFAULT_CONFIG = Config(
    retries={"mode": "standard", "total_max_attempts": 5},
    connect_timeout=5,
    read_timeout=20,
    s3={"addressing_style": "path"},
)


class S3Store:
    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        prefix: str = "",
        client: Any = None,
        create_bucket: bool = False,
    ) -> None:
        """`create_bucket`: create a missing bucket; off by default, because a typo in a bucket
        name should fail loudly rather than silently store records somewhere new."""
        self.bucket = bucket
        self.endpoint_url = endpoint_url
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.client = client or boto3.client(
            "s3", endpoint_url=endpoint_url, region_name=region, config=DEFAULT_CONFIG
        )
        if create_bucket:
            self.ensure_bucket()

    def ensure_bucket(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
            return
        except ClientError as err:
            if _code(err) not in _MISSING and _status(err) != 404:
                raise _translate(err, f"bucket {self.bucket}") from err
        except BotoCoreError as err:
            raise _translate(err, f"bucket {self.bucket}") from err
        try:
            self.client.create_bucket(Bucket=self.bucket)
        except ClientError as err:
            if _code(err) not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                raise _translate(err, f"bucket {self.bucket}") from err
        except BotoCoreError as err:
            raise _translate(err, f"bucket {self.bucket}") from err

    def _full(self, key: str) -> str:
        return self.prefix + check_key(key)

    def put_if_absent(
        self,
        key: str,
        data: bytes,
        *,
        metadata: Mapping[str, str] | None = None,
        content_type: str = "application/octet-stream",
    ) -> StoredObject:
        digest = hashlib.sha256(data).digest()
        sha = digest.hex()
        write_id = uuid.uuid4().hex
        meta = {k.lower(): quote(str(v), safe="") for k, v in (metadata or {}).items()}
        meta[_SHA] = sha
        meta[_WRITE_ID] = write_id
        for _ in range(_CONFLICT_ROUNDS):
            try:
                self.client.put_object(
                    Bucket=self.bucket,
                    Key=self._full(key),
                    Body=data,
                    IfNoneMatch="*",
                    ChecksumSHA256=base64.b64encode(digest).decode(),
                    Metadata=meta,
                    ContentType=content_type,
                )
                return StoredObject(
                    key=key, size=len(data), sha256=sha, metadata=dict(metadata or {})
                )
            except ClientError as err:
                if _code(err) not in _EXISTS and _status(err) not in (409, 412):
                    raise _translate(err, key) from err
                found = self._head_raw(key)
                if found is None:
                    # 409: a concurrent create was in flight and did not complete; try again.
                    continue
                if found["Metadata"].get(_WRITE_ID) != write_id:
                    raise ObjectExists(key) from err
                if found["Metadata"].get(_SHA) != sha:
                    raise IntegrityError(f"{key!r} holds other bytes than were written") from err
                # Our own earlier attempt landed; the retry's 412 is not a duplicate.
                return _stored(key, found)
            except BotoCoreError as err:
                raise _translate(err, key) from err
        raise StorageUnavailable(f"{key!r}: conditional create kept conflicting")

    def get(self, key: str) -> bytes:
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._full(key))["Body"].read()
        except ClientError as err:
            if _code(err) in _MISSING or _status(err) == 404:
                raise ObjectMissing(key) from err
            raise _translate(err, key) from err
        except BotoCoreError as err:
            raise _translate(err, key) from err

    def _head_raw(self, key: str) -> dict[str, Any] | None:
        try:
            return self.client.head_object(Bucket=self.bucket, Key=self._full(key))
        except ClientError as err:
            if _code(err) in _MISSING or _status(err) == 404:
                return None
            raise _translate(err, key) from err
        except BotoCoreError as err:
            raise _translate(err, key) from err

    def head(self, key: str) -> StoredObject | None:
        found = self._head_raw(key)
        return None if found is None else _stored(key, found)

    def list(self, prefix: str) -> list[str]:
        keys: list[str] = []
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=self.prefix + prefix
            )
            for page in pages:
                keys.extend(o["Key"][len(self.prefix) :] for o in page.get("Contents", []))
        except ClientError as err:
            raise _translate(err, prefix) from err
        except BotoCoreError as err:
            raise _translate(err, prefix) from err
        return sorted(keys)

    def describe(self) -> str:
        where = f" at {self.endpoint_url}" if self.endpoint_url else ""
        return f"s3://{self.bucket}/{self.prefix}{where}"

    def location(self, key: str) -> str:
        return f"s3://{self.bucket}/{self._full(key)}"


def _stored(key: str, head: dict[str, Any]) -> StoredObject:
    raw = head.get("Metadata", {})
    metadata = {k: unquote(v) for k, v in raw.items() if k not in (_SHA, _WRITE_ID)}
    return StoredObject(
        key=key, size=head["ContentLength"], sha256=raw.get(_SHA, ""), metadata=metadata
    )


def _code(err: ClientError) -> str:
    return str(err.response.get("Error", {}).get("Code", ""))


def _status(err: ClientError) -> int:
    return int(err.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)


def _translate(err: Exception, what: str) -> StorageError:
    """S3/botocore errors -> storage errors; the caller raises `from err` to keep the cause."""
    if isinstance(err, BotoCoreError):
        return StorageUnavailable(f"{what}: the store could not be reached ({err})")
    assert isinstance(err, ClientError)
    status = _status(err)
    if status >= 500 or _code(err) in {"SlowDown", "Throttling", "RequestTimeout"}:
        return StorageUnavailable(f"{what}: the store kept failing ({_code(err)}, HTTP {status})")
    return StorageError(f"{what}: {_code(err) or status}: {err}")
