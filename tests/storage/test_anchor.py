"""Checkpoints in a separate bucket with S3 Object Lock (moto), and in a local append-only file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from concord.models import ConcordSettings
from concord.storage import keys
from concord.storage.anchor import AnchorError, LocalAnchor, S3Anchor, open_anchor
from concord.storage.audit_key import AuditKeyError, load_audit_key
from concord.storage.records import ConcordStore
from concord.storage.s3 import S3Store
from tests.storage.test_tamper import run_lifecycle


@pytest.fixture
def client() -> Iterator[object]:
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="documents")
        client.create_bucket(Bucket="audit-anchor", ObjectLockEnabledForBucket=True)
        yield client


def test_checkpoints_in_a_locked_bucket_survive_whoever_holds_the_credentials(client) -> None:  # type: ignore[no-untyped-def]
    anchor = S3Anchor("audit-anchor", client, retention_days=1)
    concord = ConcordStore(S3Store("documents", client=client), anchor=anchor)
    draft, _ = run_lifecycle(concord)
    versions = client.list_object_versions(Bucket="audit-anchor")["Versions"]
    assert len(versions) == 15
    head = client.head_object(Bucket="audit-anchor", Key=versions[0]["Key"])
    assert head["ObjectLockMode"] == "COMPLIANCE"
    # The intruder holds the same credentials: deleting a version is refused, and a delete
    # marker hides nothing from verify.
    for version in versions:
        with pytest.raises(ClientError, match="AccessDenied"):
            client.delete_object(
                Bucket="audit-anchor", Key=version["Key"], VersionId=version["VersionId"]
            )
        client.delete_object(Bucket="audit-anchor", Key=version["Key"])
    for seq in (14, 15):
        client.delete_object(Bucket="documents", Key=keys.audit_entry(draft, seq))
    report = ConcordStore(S3Store("documents", client=client), anchor=anchor).audit.verify()
    assert not report.ok
    assert report.problems[0] == (
        f"{keys.audit_entry(draft, 15)}: missing; entry 15 is anchored in s3://audit-anchor "
        "(Object Lock) but the chain ends at 13 (newest entries deleted)"
    )


def test_an_anchor_bucket_without_object_lock_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    client.create_bucket(Bucket="plain")
    concord = ConcordStore(S3Store("documents", client=client), anchor=S3Anchor("plain", client))
    with pytest.raises(AnchorError, match="has no S3 Object Lock"):
        concord.create_draft("Quy định", b"v1", actor="an")


def test_the_anchor_bucket_setting_chooses_the_locked_bucket(tmp_path: Path) -> None:
    assert isinstance(open_anchor(ConcordSettings(home=tmp_path)), LocalAnchor)
    with mock_aws():
        chosen = open_anchor(ConcordSettings(home=tmp_path, anchor_bucket="audit-anchor"))
    assert isinstance(chosen, S3Anchor) and chosen.bucket == "audit-anchor"


def test_the_local_anchor_is_append_only_and_private(tmp_path: Path) -> None:
    anchor = LocalAnchor(tmp_path / "home" / "audit-anchor.log")
    concord = ConcordStore(_local(tmp_path), anchor=anchor)
    run_lifecycle(concord)
    lines = anchor.path.read_bytes().splitlines()
    assert len(lines) == 15
    assert stat.S_IMODE(anchor.path.stat().st_mode) == 0o600
    # An edited line is itself reported.
    anchor.path.write_bytes(b"\n".join([lines[0].replace(b'"seq":1', b'"seq":9'), *lines[1:]]))
    report = ConcordStore(concord.store, anchor=anchor).audit.verify()
    assert report.problems[0].startswith("checkpoint ")
    assert "signature does not verify (forged checkpoint)" in report.problems[0]


def _local(tmp_path: Path):  # type: ignore[no-untyped-def]
    from concord.storage.local import LocalStore

    return LocalStore(tmp_path / "store")


def test_the_audit_key_is_created_private_and_kept(tmp_path: Path) -> None:
    first = load_audit_key(tmp_path)
    path = tmp_path / "audit.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_audit_key(tmp_path).key_id == first.key_id
    os.chmod(path, 0o644)
    with pytest.raises(AuditKeyError, match="chmod 600"):
        load_audit_key(tmp_path)


def test_the_key_from_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCORD_AUDIT_KEY", "x" * 40)
    assert load_audit_key(tmp_path).source == "CONCORD_AUDIT_KEY"
    assert not (tmp_path / "audit.key").exists()
    monkeypatch.setenv("CONCORD_AUDIT_KEY", "short")
    with pytest.raises(AuditKeyError, match="at least 32"):
        load_audit_key(tmp_path)


def test_entries_signed_with_another_key_are_named_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _local(tmp_path)
    run_lifecycle(ConcordStore(store))
    monkeypatch.setenv("CONCORD_AUDIT_KEY", "y" * 40)
    report = ConcordStore(store).audit.verify()
    assert not report.ok
    assert "signed with another audit key" in report.problems[0]


def test_an_unreachable_anchor_bucket_is_storage_unavailable(client) -> None:  # type: ignore[no-untyped-def]
    from concord.storage.errors import StorageUnavailable

    anchor = S3Anchor("no-such-bucket", client)
    with pytest.raises(StorageUnavailable, match="cannot read the audit checkpoints"):
        ConcordStore(S3Store("documents", client=client), anchor=anchor).audit.verify()
