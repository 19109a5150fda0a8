"""Checkpoints of each audit chain's head, kept where the document bucket's writers cannot reach.

After every audit append the new head (draft, seq, SHA-256 of the entry) is signed with the audit
key and written to an anchor. Deleting the newest entries, a draft's whole audit, or rewriting the
chain from entry k then disagrees with an anchored head, whatever was done inside the bucket.

- `S3Anchor` (CONCORD_ANCHOR_BUCKET): a separate bucket with S3 Object Lock; each checkpoint is an
  empty object in COMPLIANCE mode whose *name* carries the checkpoint, so nobody (root included)
  can delete or overwrite it before its retention ends, and one listing of object versions reads
  them all. A delete marker hides nothing: versions are read, not the current listing. A bucket
  without Object Lock is refused with a clear error rather than silently unprotected.
- `LocalAnchor`: an append-only file `CONCORD_HOME/audit-anchor.log` (mode 0600), one JSON line per
  checkpoint, for a single host where the bucket's writers do not have a shell.

Each checkpoint names the store (`scope`) it belongs to, so one CONCORD_HOME used with several
stores keeps their heads apart. The anchor only stores; storage.audit signs and checks.
"""

from __future__ import annotations

import base64
import hashlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from concord.models import ConcordSettings
from concord.storage.canonical import canonical_json
from concord.storage.errors import StorageError, StorageUnavailable

LOCAL_FILE = "audit-anchor.log"


class AnchorError(StorageError):
    code = "audit_anchor"


class Checkpoint(BaseModel):
    """One anchored head: entry `seq` of `draft_id` in `scope` had this SHA-256."""

    scope: str
    draft_id: str
    seq: int
    sha256: str
    key_id: str = ""
    mac: str = ""

    def signed_bytes(self) -> bytes:
        return canonical_json(self.model_dump(mode="json", exclude={"mac"}))


class Anchor(Protocol):
    def put(self, checkpoint: Checkpoint) -> None:
        """Keep `checkpoint` where it can be neither changed nor deleted by bucket writers."""

    def checkpoints(self, scope: str) -> tuple[list[Checkpoint], list[str]]:
        """Every checkpoint of `scope`, and what could not be read (as problems)."""

    def describe(self) -> str: ...


class LocalAnchor:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def put(self, checkpoint: Checkpoint) -> None:
        line = canonical_json(checkpoint.model_dump(mode="json")) + b"\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # O_APPEND: one small write lands whole at the end, even with several writers.
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as err:
            raise StorageUnavailable(
                f"cannot append to the audit anchor {self.path}: {err}"
            ) from err

    def checkpoints(self, scope: str) -> tuple[list[Checkpoint], list[str]]:
        found: list[Checkpoint] = []
        problems: list[str] = []
        try:
            lines = self.path.read_bytes().splitlines()
        except FileNotFoundError:
            return found, problems
        for number, line in enumerate(lines, 1):
            try:
                point = Checkpoint.model_validate_json(line)
            except ValueError:
                problems.append(f"{self.path} line {number}: not a checkpoint (file edited)")
                continue
            if point.scope == scope:
                found.append(point)
        return found, problems

    def describe(self) -> str:
        return str(self.path)


class S3Anchor:
    def __init__(self, bucket: str, client: Any, *, retention_days: int = 3650) -> None:
        self.bucket = bucket
        self.client = client
        self.retention = timedelta(days=retention_days)
        self._checked = False

    def _require_lock(self) -> None:
        if self._checked:
            return
        try:
            found = self.client.get_object_lock_configuration(Bucket=self.bucket)
            enabled = found["ObjectLockConfiguration"].get("ObjectLockEnabled") == "Enabled"
        except Exception as err:
            enabled = False
            cause: Exception | None = err
        else:
            cause = None
        if not enabled:
            raise AnchorError(
                f"the anchor bucket {self.bucket} has no S3 Object Lock ({cause or 'disabled'}): "
                "create it with Object Lock enabled, or unset CONCORD_ANCHOR_BUCKET to anchor "
                "in CONCORD_HOME/audit-anchor.log"
            )
        self._checked = True

    @staticmethod
    def _prefix(scope: str) -> str:
        return f"anchors/{hashlib.sha256(scope.encode()).hexdigest()[:16]}/"

    def put(self, checkpoint: Checkpoint) -> None:
        self._require_lock()
        name = (
            f"{self._prefix(checkpoint.scope)}{checkpoint.draft_id}/"
            f"{checkpoint.seq:010d}.{checkpoint.sha256}.{checkpoint.key_id}.{checkpoint.mac}"
        )
        body = canonical_json(checkpoint.model_dump(mode="json"))
        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=name,
                Body=body,
                ContentMD5=base64.b64encode(hashlib.md5(body).digest()).decode(),
                ObjectLockMode="COMPLIANCE",
                ObjectLockRetainUntilDate=datetime.now(UTC) + self.retention,
            )
        except Exception as err:
            raise StorageUnavailable(
                f"cannot write the audit checkpoint to s3://{self.bucket}: {err}"
            ) from err

    def checkpoints(self, scope: str) -> tuple[list[Checkpoint], list[str]]:
        found: list[Checkpoint] = []
        problems: list[str] = []
        prefix = self._prefix(scope)
        try:
            pages = list(
                self.client.get_paginator("list_object_versions").paginate(
                    Bucket=self.bucket, Prefix=prefix
                )
            )
        except Exception as err:
            raise StorageUnavailable(
                f"cannot read the audit checkpoints in s3://{self.bucket}: {err}"
            ) from err
        seen: set[str] = set()
        for page in pages:
            for version in page.get("Versions", []):
                name = version["Key"]
                if name in seen:
                    continue
                seen.add(name)
                draft, _, rest = name.removeprefix(prefix).partition("/")
                parts = rest.split(".")
                if len(parts) != 4 or not parts[0].isdigit():
                    problems.append(f"s3://{self.bucket}/{name}: not a checkpoint")
                    continue
                found.append(
                    Checkpoint(
                        scope=scope,
                        draft_id=draft,
                        seq=int(parts[0]),
                        sha256=parts[1],
                        key_id=parts[2],
                        mac=parts[3],
                    )
                )
        return found, problems

    def describe(self) -> str:
        return f"s3://{self.bucket} (Object Lock)"


def open_anchor(settings: ConcordSettings) -> Anchor:
    if settings.anchor_bucket:
        import boto3  # here: boto3 costs start-up time only stores that use S3 should pay

        from concord.storage.s3 import DEFAULT_CONFIG

        client = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            region_name=settings.s3_region,
            config=DEFAULT_CONFIG,
        )
        return S3Anchor(
            settings.anchor_bucket, client, retention_days=settings.anchor_retention_days
        )
    return LocalAnchor(settings.home / LOCAL_FILE)


def scope_of(describe: str) -> str:
    """The store a checkpoint belongs to: its description without the endpoint it was reached at."""
    return describe.split(" at ", 1)[0]
