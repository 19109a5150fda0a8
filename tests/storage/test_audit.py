"""The audit chain: appends, concurrent appenders, and tampering an intruder might try."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from concord.storage.anchor import LocalAnchor
from concord.storage.audit import AuditLog
from concord.storage.audit_key import AuditKey
from concord.storage.canonical import sha256_hex
from tests.storage.conftest import Backend

KEY = AuditKey(b"k" * 32, "test")


def new_log(store) -> AuditLog:  # type: ignore[no-untyped-def]
    """A log as a separate process would open it: same key, same anchor file."""
    anchor = LocalAnchor(Path(os.environ["CONCORD_HOME"]) / "audit-anchor.log")
    return AuditLog(store, key=KEY, anchor=anchor)


def test_append_chains_entries(backend: Backend) -> None:
    log = new_log(backend.store)
    backend.store.put_if_absent("drafts/d/x.docx", b"v1")
    first = log.append(
        "d",
        actor="an",
        action="version.added",
        subject_key="drafts/d/x.docx",
        subject_sha256=sha256_hex(b"v1"),
        details={"version": 1},
    )
    second = log.append("d", actor="bình", action="reminder.sent")
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_sha256 == ""
    stored_first = backend.store.get("audit/d/0000000001.json")
    assert second.prev_sha256 == sha256_hex(stored_first)
    # canonical JSON: sorted keys, no whitespace, UTF-8
    text = stored_first.decode()
    assert " " not in text.replace("version.added", "") and list(json.loads(text)) == sorted(
        json.loads(text)
    )
    assert "bình" in backend.store.get("audit/d/0000000002.json").decode()
    assert [e.action for e in log.entries("d")] == ["version.added", "reminder.sent"]
    report = log.verify("d")
    assert report.ok and report.checked == 2 and report.objects_checked == 1


def test_a_second_log_continues_the_same_chain(backend: Backend) -> None:
    new_log(backend.store).append("d", actor="a", action="one")
    event = new_log(backend.store).append("d", actor="b", action="two")
    assert event.seq == 2
    assert new_log(backend.store).verify().ok


def test_concurrent_appenders_make_one_chain(atomic_backend: Backend) -> None:
    logs = [
        new_log(atomic_backend.store) for _ in range(4)
    ]  # separate tail hints, as separate processes

    def append(i: int) -> int:
        return logs[i % 4].append("d", actor=f"w{i}", action="reminder.sent").seq

    with ThreadPoolExecutor(8) as pool:
        seqs = list(pool.map(append, range(40)))
    assert sorted(seqs) == list(range(1, 41))
    report = new_log(atomic_backend.store).verify("d")
    assert report.ok, report.problems
    assert report.checked == 40


@pytest.fixture
def chained(backend: Backend) -> Backend:
    log = new_log(backend.store)
    for i in range(1, 8):
        key = f"drafts/d/versions/v{i:04d}/d.docx"
        backend.store.put_if_absent(key, f"version {i}".encode())
        log.append(
            "d",
            actor="an",
            action="version.added",
            subject_key=key,
            subject_sha256=sha256_hex(f"version {i}".encode()),
        )
    assert log.verify("d").ok
    return backend


def _flip_byte(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def test_a_changed_entry_is_named(chained: Backend) -> None:
    key = "audit/d/0000000004.json"
    data = chained.store.get(key)
    chained.overwrite(key, data.replace(b'"actor":"an"', b'"actor":"ao"'))
    report = new_log(chained.store).verify("d")
    assert not report.ok
    assert report.problems[0].startswith("audit/d/0000000004.json: ")
    assert any(p.startswith("audit/d/0000000005.json: hash chain broken") for p in report.problems)


def test_a_flipped_byte_anywhere_in_an_entry_is_named(chained: Backend) -> None:
    key = "audit/d/0000000002.json"
    data = chained.store.get(key)
    chained.overwrite(key, _flip_byte(data, len(data) // 2))
    report = new_log(chained.store).verify()
    assert not report.ok and report.problems[0].startswith(key)


def test_a_changed_stored_version_is_named(chained: Backend) -> None:
    key = "drafts/d/versions/v0003/d.docx"
    chained.overwrite(key, _flip_byte(chained.store.get(key), 0))
    report = new_log(chained.store).verify("d")
    assert not report.ok
    assert len(report.problems) == 1
    assert report.problems[0].startswith(f"audit/d/0000000003.json: {key} changed since")


def test_deleting_the_newest_entry_is_detected(chained: Backend) -> None:
    chained.delete("audit/d/0000000007.json")
    report = new_log(chained.store).verify("d")
    assert not report.ok
    assert "audit/d/0000000007.json: missing" in report.problems[0]
    assert "chain ends at 6" in report.problems[0]


def test_deleting_a_middle_entry_is_detected(chained: Backend) -> None:
    chained.delete("audit/d/0000000003.json")
    report = new_log(chained.store).verify("d")
    assert not report.ok and report.problems[0].startswith("audit/d/0000000003.json: missing")


def test_rewriting_the_tail_still_shows_against_signature_and_anchor(chained: Backend) -> None:
    # An intruder who edits entry 7 cannot re-sign it, and its anchored hash no longer matches.
    key = "audit/d/0000000007.json"
    chained.overwrite(key, chained.store.get(key).replace(b'"actor":"an"', b'"actor":"zz"'))
    report = new_log(chained.store).verify("d")
    assert not report.ok
    assert report.problems[0] == (
        f"{key}: signature does not verify (entry forged, edited or re-chained)"
    )
    assert report.problems[1].startswith(f"{key}: differs from the hash anchored in ")


def test_a_store_from_before_signing_verifies_as_unsigned_legacy(backend: Backend) -> None:
    """Entries without signature or object list, records without seals: reported, not broken;
    new entries continue the chain signed, and an unsigned one after them is forged."""
    from datetime import UTC, datetime

    from concord.models import AuditEvent
    from concord.storage.audit import entry_bytes

    store = backend.store
    store.put_if_absent("drafts/d/draft.json", b"{}")
    store.put_if_absent("drafts/d/versions/v0001/d.docx", b"v1")
    store.put_if_absent("drafts/d/versions/v0001/version.json", b"{}")
    old = AuditEvent(
        seq=1,
        at=datetime(2025, 1, 1, tzinfo=UTC),
        actor="an",
        action="version.added",
        draft_id="d",
        subject_key="drafts/d/versions/v0001/d.docx",
        subject_sha256=sha256_hex(b"v1"),
    )
    data = entry_bytes(old)
    assert b"mac" not in data and b"objects" not in data  # the legacy form, byte for byte
    store.put_if_absent("audit/d/0000000001.json", data)
    report = new_log(store).verify()
    assert report.ok, report.problems
    assert report.unsigned == 1
    assert "1 unsigned (legacy) entries" in report.summary()
    assert sorted(n.split(":")[0] for n in report.notes) == [
        "drafts/d/draft.json",
        "drafts/d/versions/v0001/version.json",
    ]
    new_log(store).append("d", actor="an", action="reminder.sent")
    assert new_log(store).verify().ok
    forged = old.model_copy(
        update={"seq": 3, "prev_sha256": sha256_hex(store.get("audit/d/0000000002.json"))}
    )
    store.put_if_absent("audit/d/0000000003.json", entry_bytes(forged))
    problems = new_log(store).verify().problems
    assert problems == [
        "audit/d/0000000003.json: unsigned entry after signed ones (forged: Concord signs "
        "every entry)"
    ]
