"""A write that fails between a record and its audit entry (or between a payload and its record):
the retry completes the entry, numbers do not skip, and verify reports leftovers, not breakage."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest

from concord.models import Agency, Answer, Decision, Outcome
from concord.storage import keys
from concord.storage.base import ObjectStore, StoredObject
from concord.storage.errors import StorageUnavailable
from concord.storage.records import ConcordStore
from tests.storage.conftest import Backend

AGENCIES = [Agency.named("Bộ Tài chính"), Agency.named("Bộ Tư pháp")]
DEADLINE = datetime(2030, 1, 1, tzinfo=UTC)


class CrashingStore:
    """Passes everything through, except that the write `fail_when` picks raises, once: the
    process dies there, as far as the store can tell."""

    def __init__(self, inner: ObjectStore) -> None:
        self.inner = inner
        self.fail_when: Callable[[str], bool] | None = None
        self.failed: list[str] = []

    def put_if_absent(
        self,
        key: str,
        data: bytes,
        *,
        metadata: Mapping[str, str] | None = None,
        content_type: str = "application/octet-stream",
    ) -> StoredObject:
        if self.fail_when is not None and self.fail_when(key):
            self.fail_when = None
            self.failed.append(key)
            raise StorageUnavailable(f"{key}: injected failure")
        return self.inner.put_if_absent(key, data, metadata=metadata, content_type=content_type)

    def get(self, key: str) -> bytes:
        return self.inner.get(key)

    def head(self, key: str) -> StoredObject | None:
        return self.inner.head(key)

    def list(self, prefix: str) -> list[str]:
        return self.inner.list(prefix)

    def describe(self) -> str:
        return self.inner.describe()


@pytest.fixture
def crashing(backend: Backend) -> CrashingStore:
    return CrashingStore(backend.store)


def _entry_write(key: str) -> bool:
    return key.startswith("audit/")


def _fresh(crashing: CrashingStore) -> ConcordStore:
    """The next command: a new process over the same store."""
    return ConcordStore(crashing)


def _open(concord: ConcordStore) -> tuple[str, str]:
    draft, _ = concord.create_draft("Thông tư", b"v1", actor="an")
    rnd = concord.open_round(draft.id, version=1, agencies=AGENCIES, deadline=DEADLINE, actor="an")
    return draft.id, rnd.id


def _named(concord: ConcordStore, draft: str, key: str) -> list[str]:
    return [e.action for e in concord.audit.entries(draft) if key in e.objects]


def _intact(concord: ConcordStore) -> None:
    report = concord.audit.verify()
    assert report.ok, report.problems
    assert not report.leftovers, report.leftovers


def test_an_upload_interrupted_before_its_entry_is_a_reported_leftover(
    crashing: CrashingStore,
) -> None:
    """Every upload is an answer of its own (the newest used), so a retried upload is a new
    answer with its entry; the interrupted one stays a sealed leftover that verify reports."""
    concord = ConcordStore(crashing)
    draft, rnd = _open(concord)
    crashing.fail_when = _entry_write
    with pytest.raises(StorageUnavailable):
        concord.put_answer(rnd, "bo-tai-chinh", b"answer", filename="a.docx", actor="btc")
    [record] = [k for k in crashing.list(keys.answers_prefix(rnd)) if k.endswith(".json")]
    # Until the retry, verify reports a sealed record without its entry: a leftover, not tampering.
    report = _fresh(crashing).audit.verify()
    assert report.ok and any(
        x.startswith(f"{record}: a record Concord wrote") for x in report.leftovers
    )
    retry = _fresh(crashing)
    answer, new = retry.put_answer(rnd, "bo-tai-chinh", b"answer", filename="a.docx", actor="btc")
    assert new and answer.key != record.removesuffix(".json") + ".docx"
    assert _named(retry, draft, answer.key) == ["answer.uploaded"]
    assert retry.latest_answers(rnd)["bo-tai-chinh"].key == answer.key
    report = retry.audit.verify()
    assert report.ok and any(x.startswith(f"{record}:") for x in report.leftovers)


def _answer(concord: ConcordStore, rnd: str, agency: str = "bo-tai-chinh") -> Answer:
    answer, _ = concord.put_answer(
        rnd, agency, f"answer {agency}".encode(), filename="a.docx", actor="x"
    )
    return answer


def test_answer_ingested_retry_completes_the_entry(crashing: CrashingStore) -> None:
    concord = ConcordStore(crashing)
    draft, rnd = _open(concord)
    answer = _answer(concord, rnd)
    crashing.fail_when = _entry_write
    with pytest.raises(StorageUnavailable):
        concord.put_items(answer, [], actor="flow")
    retry = _fresh(crashing)
    # ingest_answer finds the items stored and completes their entry (usecases.answers).
    assert retry.items_for(answer) == []
    assert retry.complete_items(answer, actor="flow")
    assert not retry.put_items(answer, [], actor="flow")  # the other retry path: no second entry
    key = keys.items_record(rnd, answer.agency.id, answer.sha256)
    assert _named(retry, draft, key) == ["answer.ingested"]
    _intact(retry)


def _merge(concord: ConcordStore, rnd: str, docx: bytes = b"merged"):  # type: ignore[no-untyped-def]
    return concord.put_merge(
        rnd,
        answers=concord.answers(rnd),
        docx=docx,
        report={"n": 1},
        html="<p>r</p>",
        item_count=0,
        clash_count=0,
        actor="flow",
    )


def test_round_merged_retry_completes_the_entry(crashing: CrashingStore) -> None:
    concord = ConcordStore(crashing)
    draft, rnd = _open(concord)
    _answer(concord, rnd)
    crashing.fail_when = _entry_write
    with pytest.raises(StorageUnavailable):
        _merge(concord, rnd)
    retry = _fresh(crashing)
    latest = retry.latest_merge(rnd)
    assert latest is not None and latest.seq == 1
    assert retry.complete_merge(latest, actor="flow")  # what merge_ingested does on a retry
    assert not retry.complete_merge(latest, actor="flow")
    folder = keys.merge_dir(rnd, 1)
    for name in ("merge.json", "merged.docx", "report.json", "review.html"):
        assert _named(retry, draft, folder + name) == ["round.merged"]
    _intact(retry)


def test_a_merge_payload_without_its_record_does_not_skip_a_number(crashing: CrashingStore) -> None:
    concord = ConcordStore(crashing)
    _draft, rnd = _open(concord)
    _answer(concord, rnd)
    crashing.fail_when = lambda key: key.endswith("/merge.json")
    with pytest.raises(StorageUnavailable):
        _merge(concord, rnd, b"first attempt")
    report = _fresh(crashing).audit.verify()
    assert report.ok
    assert {x.split(":")[0] for x in report.leftovers} == {
        keys.merge_dir(rnd, 1) + n for n in ("merged.docx", "report.json", "review.html")
    }
    # The retry's merge differs (a new date inside): it still becomes merge 1.
    record = _merge(_fresh(crashing), rnd, b"second attempt")
    assert record.seq == 1
    assert record.docx_key == keys.merge_dir(rnd, 1) + f"merged-{_sha(b'second attempt')[:12]}.docx"
    assert _fresh(crashing).latest_merge(rnd) == record
    leftovers = _fresh(crashing).audit.verify().leftovers
    assert [x.split(":")[0] for x in leftovers] == [keys.merge_dir(rnd, 1) + "merged.docx"]


def test_version_published_retry_completes_the_entry(crashing: CrashingStore) -> None:
    concord = ConcordStore(crashing)
    draft, rnd = _open(concord)
    crashing.fail_when = _entry_write
    with pytest.raises(StorageUnavailable):
        concord.publish(rnd, b"v2", actor="lead")
    retry = _fresh(crashing)
    version = next(v for v in retry.versions(draft) if v.from_round == rnd)
    assert retry.complete_version(version, actor="lead")  # what publish_next_version does
    assert _named(retry, draft, keys.version_record(draft, 2)) == ["version.published"]
    _intact(retry)


def test_version_numbers_never_skip(crashing: CrashingStore) -> None:
    concord = ConcordStore(crashing)
    draft, _ = _open(concord)
    crashing.fail_when = lambda key: key.endswith("/version.json")
    with pytest.raises(StorageUnavailable):
        concord.add_version(draft, b"v2", actor="an")
    # The same bytes again reuse the payload; other bytes go beside it; either way: version 2.
    again = _fresh(crashing).add_version(draft, b"v2", actor="an")
    assert (again.number, again.key) == (2, keys.version_docx(draft, 2, draft))
    crashing.fail_when = lambda key: key.endswith("/version.json")
    with pytest.raises(StorageUnavailable):
        _fresh(crashing).add_version(draft, b"v3 first", actor="an")
    third = _fresh(crashing).add_version(draft, b"v3 second", actor="an")
    assert third.number == 3
    assert [v.number for v in _fresh(crashing).versions(draft)] == [1, 2, 3]
    report = _fresh(crashing).audit.verify()
    assert report.ok, report.problems
    assert [x.split(":")[0] for x in report.leftovers] == [keys.version_docx(draft, 3, draft)]


def test_one_report_per_publication(crashing: CrashingStore) -> None:
    concord = ConcordStore(crashing)
    draft, rnd = _open(concord)
    crashing.fail_when = _entry_write
    with pytest.raises(StorageUnavailable):
        concord.put_report(rnd, b"report one", actor="lead")
    retry = _fresh(crashing)
    assert retry.complete_report(rnd, retry.latest_report_key(rnd) or "", actor="lead")
    # A concurrent or repeated publish writing its own report gets the first one.
    second = _fresh(crashing).put_report(rnd, b"report two", actor="lead")
    assert second.key == keys.report_docx(rnd, 1)
    assert _fresh(crashing).store.list(keys.reports_prefix(rnd)) == [second.key]
    assert _named(retry, draft, second.key) == ["report.written"]
    _intact(_fresh(crashing))


@pytest.mark.parametrize("fail_at", ["first entry", "version record", "second entry"])
def test_registering_again_after_a_crash_gives_the_same_draft(
    crashing: CrashingStore, fail_at: str
) -> None:
    writes: list[str] = []

    def fail_when(key: str) -> bool:
        writes.append(key)
        entries = [k for k in writes if k.startswith("audit/")]
        if fail_at == "version record":
            return key.endswith("/version.json")
        return key.startswith("audit/") and len(entries) == (1 if fail_at == "first entry" else 2)

    crashing.fail_when = fail_when
    with pytest.raises(StorageUnavailable):
        ConcordStore(crashing).create_draft("Thông tư", b"v1", actor="an")
    draft, version = _fresh(crashing).create_draft("Thông tư", b"v1", actor="an")
    assert (draft.id, version.number) == ("thong-tu", 1)
    assert [d.id for d in _fresh(crashing).drafts()] == ["thong-tu"]
    assert _fresh(crashing).audit.entries("thong-tu")[0].action == "draft.registered"
    assert [e.action for e in _fresh(crashing).audit.entries("thong-tu")] == [
        "draft.registered",
        "version.added",
    ]
    _intact(_fresh(crashing))


def test_opening_a_round_again_after_a_crash_gives_the_same_round(crashing: CrashingStore) -> None:
    concord = ConcordStore(crashing)
    draft, _ = concord.create_draft("Thông tư", b"v1", actor="an")
    crashing.fail_when = _entry_write
    with pytest.raises(StorageUnavailable):
        concord.open_round(draft.id, version=1, agencies=AGENCIES, deadline=DEADLINE, actor="an")
    again = _fresh(crashing).open_round(
        draft.id, version=1, agencies=AGENCIES, deadline=DEADLINE, actor="an"
    )
    assert again.id == f"{draft.id}-r1"
    # Once its entry is there, opening again is a second round, as before.
    second = _fresh(crashing).open_round(
        draft.id, version=1, agencies=AGENCIES, deadline=DEADLINE, actor="an"
    )
    assert second.id == f"{draft.id}-r2"
    _intact(_fresh(crashing))


def test_copy_token_and_decisions_leave_nothing_unreported(crashing: CrashingStore) -> None:
    concord = ConcordStore(crashing)
    _draft, rnd = _open(concord)
    crashing.fail_when = _entry_write
    with pytest.raises(StorageUnavailable):
        concord.put_circulated(rnd, "bo-tai-chinh", b"copy", actor="an")
    _fresh(crashing).put_circulated(rnd, "bo-tai-chinh", b"copy", actor="an")
    crashing.fail_when = _entry_write
    with pytest.raises(StorageUnavailable):
        concord.issue_token(rnd, "bo-tai-chinh", actor="an")
    assert _fresh(crashing).issue_token(rnd, "bo-tai-chinh", actor="an") is None
    _intact(_fresh(crashing))
    crashing.fail_when = _entry_write
    with pytest.raises(StorageUnavailable):
        concord.put_decisions(rnd, [Decision(item_id="a", outcome=Outcome.NOTED)], actor="lead")
    report = _fresh(crashing).audit.verify()
    assert report.ok
    assert [x.split(":")[0] for x in report.leftovers] == [keys.decisions_record(rnd, 1)]
    # The same decisions again (a new time stamp aside) complete batch 1 instead of a batch 2.
    stored = _fresh(crashing).put_decisions(
        rnd, [Decision(item_id="a", outcome=Outcome.NOTED, decided_by="x")], actor="lead"
    )
    assert stored.key == keys.decisions_record(rnd, 1)
    _intact(_fresh(crashing))


def test_a_failed_action_does_not_lend_its_objects_to_the_next_entry(
    crashing: CrashingStore,
) -> None:
    concord = ConcordStore(crashing)
    draft, rnd = _open(concord)
    crashing.fail_when = lambda key: key.endswith("/version.json")
    with pytest.raises(StorageUnavailable):
        concord.add_version(draft, b"v2", actor="an")
    concord.record_reminder(rnd, "bo-tai-chinh", actor="an")
    assert concord.audit.entries(draft)[-1].objects == {}


def _sha(data: bytes) -> str:
    from concord.storage.canonical import sha256_hex

    return sha256_hex(data)


class FlakyAnchor:
    """A local anchor whose next write fails once when armed."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.armed = False

    def put(self, checkpoint) -> None:  # type: ignore[no-untyped-def]
        if self.armed:
            self.armed = False
            raise StorageUnavailable("anchor unreachable (injected)")
        self.inner.put(checkpoint)

    def checkpoints(self, scope: str):  # type: ignore[no-untyped-def]
        return self.inner.checkpoints(scope)

    def describe(self) -> str:
        return self.inner.describe()


def test_a_checkpoint_that_failed_is_covered_by_the_next(
    crashing: CrashingStore, concord_home: Path
) -> None:
    from concord.storage.anchor import LocalAnchor

    anchor = FlakyAnchor(LocalAnchor(concord_home / "audit-anchor.log"))
    concord = ConcordStore(crashing, anchor=anchor)
    draft, rnd = _open(concord)
    anchor.armed = True
    with pytest.raises(StorageUnavailable, match="anchor unreachable"):
        concord.put_answer(rnd, "bo-tai-chinh", b"answer", filename="a.docx", actor="btc")
    # The entry is written, only its checkpoint is missing: the store verifies intact.
    entries = len(concord.audit.entries(draft))
    _intact(ConcordStore(crashing, anchor=anchor))
    # The next entry's checkpoint covers the one that was missed (the chain links them).
    concord.record_reminder(rnd, "bo-tu-phap", actor="an")
    points, _ = anchor.checkpoints(concord.audit.scope)
    assert max(p.seq for p in points if p.draft_id == draft) == entries + 1
    assert entries not in {p.seq for p in points if p.draft_id == draft}
