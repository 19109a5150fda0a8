"""ConcordStore: the record layer every flow relies on, over each backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from concord.models import Agency, Decision, Item, ItemKind, Outcome, RoundState
from concord.storage.errors import IntegrityError, RecordError
from concord.storage.records import ConcordStore
from tests.storage.conftest import Backend

AGENCIES = [Agency.named("Bộ Tài chính"), Agency.named("Bộ Tư pháp")]
DEADLINE = datetime(2030, 1, 1, tzinfo=UTC)


@pytest.fixture
def concord(backend: Backend) -> ConcordStore:
    return ConcordStore(backend.store)


def _item(agency: str, block: int) -> Item:
    return Item(
        kind=ItemKind.COMMENT,
        agency=agency,
        block=block,
        start=0,
        end=3,
        comment="why?",
        tracked=False,
    )


def test_draft_versions_and_keys(concord: ConcordStore) -> None:
    draft, v1 = concord.create_draft("Nghị quyết về ngân sách", b"v1 bytes", actor="an")
    assert draft.id == "nghi-quyet-ve-ngan-sach"
    assert v1.key == "drafts/nghi-quyet-ve-ngan-sach/versions/v0001/nghi-quyet-ve-ngan-sach.docx"
    again, _ = concord.create_draft("Nghị quyết về ngân sách", b"other", actor="an")
    assert again.id == "nghi-quyet-ve-ngan-sach-2"
    v2 = concord.add_version(draft.id, b"v2 bytes", actor="an", note="edited")
    assert [v.number for v in concord.versions(draft.id)] == [1, 2]
    assert concord.version_bytes(draft.id, 2) == b"v2 bytes"
    assert v2.note == "edited"
    assert [d.id for d in concord.drafts()] == [draft.id, again.id]
    head = concord.store.head(v2.key)
    assert head is not None and head.metadata["actor"] == "an" and "when" in head.metadata
    assert concord.location(v2.key).endswith("versions/v0002/nghi-quyet-ve-ngan-sach.docx")


def test_long_titles_give_ids_cut_between_words(concord: ConcordStore) -> None:
    title = "Nghị quyết về hỗ trợ phụ nữ hội nhập quốc tế đến năm 2030"
    draft, _ = concord.create_draft(title, b"v1", actor="an")
    assert draft.id == "nghi-quyet-ve-ho-tro-phu-nu-hoi-nhap"
    unbroken, _ = concord.create_draft("X" * 60, b"v1", actor="an")
    assert unbroken.id == "x" * 40


def test_unknown_records_raise_record_error(concord: ConcordStore) -> None:
    with pytest.raises(RecordError, match="no draft 'nope'"):
        concord.draft("nope")
    with pytest.raises(RecordError, match="no round 'nope-r1'"):
        concord.round("nope-r1")
    with pytest.raises(RecordError, match="invalid round id"):
        concord.round("nope")
    draft, _ = concord.create_draft("D", b"v1", actor="an")
    with pytest.raises(RecordError, match="has no version 5"):
        concord.open_round(draft.id, version=5, agencies=AGENCIES, deadline=DEADLINE, actor="an")
    with pytest.raises(RecordError, match="at least one agency"):
        concord.open_round(draft.id, version=1, agencies=[], deadline=DEADLINE, actor="an")
    rnd = concord.open_round(draft.id, version=1, agencies=AGENCIES, deadline=DEADLINE, actor="an")
    with pytest.raises(RecordError, match="not consulted"):
        concord.put_answer(rnd.id, "bo-cong-an", b"x", filename="x.docx", actor="an")
    with pytest.raises(RecordError, match="empty"):
        concord.put_answer(rnd.id, "bo-tu-phap", b"", filename="x.docx", actor="an")


def test_a_round_from_opening_to_publication(concord: ConcordStore, backend: Backend) -> None:
    draft, _ = concord.create_draft("Chỉ thị", b"v1", kind="directive", actor="an")
    rnd = concord.open_round(draft.id, version=1, agencies=AGENCIES, deadline=DEADLINE, actor="an")
    assert rnd.id == f"{draft.id}-r1" and concord.round(rnd.id) == rnd
    assert concord.rounds(draft.id) == [rnd]
    for agency in AGENCIES:
        concord.put_circulated(rnd.id, agency.id, f"copy {agency.id}".encode(), actor="an")
    assert concord.circulated_bytes(rnd.id, "bo-tai-chinh") == b"copy bo-tai-chinh"
    assert concord.round_status(rnd.id).state == RoundState.OPEN

    answer, new = concord.put_answer(
        rnd.id, "Bộ Tài chính", b"answer 1", filename="a.docx", actor="mof"
    )
    assert new and answer.key.startswith(f"drafts/{draft.id}/rounds/r1/answers/bo-tai-chinh/")
    same, new_again = concord.put_answer(
        rnd.id, "bo-tai-chinh", b"answer 1", filename="b.docx", actor="mof"
    )
    # Every upload is an answer of its own, the same bytes included: the newest is used.
    assert new_again and same.key != answer.key and same.sha256 == answer.sha256
    later, _ = concord.put_answer(
        rnd.id, "bo-tai-chinh", b"answer 2", filename="c.docx", actor="mof"
    )
    assert concord.answer(rnd.id, later.key) == later
    assert concord.latest_answers(rnd.id)["bo-tai-chinh"] == later
    assert concord.answer_bytes(later) == b"answer 2"

    assert concord.items_for(later) is None
    assert concord.put_items(
        later, [_item("bo-tai-chinh", 1), _item("bo-tai-chinh", 2)], actor="flow"
    )
    assert not concord.put_items(later, [], actor="flow")
    assert [i.block for i in concord.items_for(later) or []] == [1, 2]
    status = concord.round_status(rnd.id, counts=True)
    assert status.state == RoundState.OPEN
    assert status.agencies[0].ingested and status.agencies[0].counts == {"comment": 2}
    assert not status.agencies[1].answered

    other, _ = concord.put_answer(rnd.id, "bo-tu-phap", b"answer 3", filename="d.docx", actor="moj")
    concord.put_items(other, [], actor="flow")
    assert concord.round_status(rnd.id).state == RoundState.COMPLETE

    merge = concord.put_merge(
        rnd.id,
        answers=[later, other],
        docx=b"merged",
        report={"n": 2},
        html="<p>review</p>",
        item_count=2,
        clash_count=0,
        actor="flow",
    )
    assert merge.seq == 1 and merge.docx_key.endswith("/merges/0001/merged.docx")
    assert concord.object_bytes(merge.html_key) == b"<p>review</p>"
    assert concord.latest_merge(rnd.id) == merge
    assert concord.round_status(rnd.id).state == RoundState.MERGED

    d1 = Decision(item_id="a", outcome=Outcome.ACCEPTED)
    d2 = Decision(item_id="b", outcome=Outcome.NOTED)
    concord.put_decisions(rnd.id, [d1, d2], actor="lead")
    stored = concord.put_decisions(
        rnd.id, [Decision(item_id="a", outcome=Outcome.NOT_ACCEPTED)], actor="lead"
    )
    assert stored.key.endswith("/decisions/0002.json")
    assert [(d.item_id, d.outcome) for d in concord.decisions(rnd.id)] == [
        ("a", Outcome.NOT_ACCEPTED),
        ("b", Outcome.NOTED),
    ]
    assert concord.latest_report_key(rnd.id) is None
    report = concord.put_report(rnd.id, b"report", actor="lead")
    assert report.key.endswith("/report/synthesis-report-0001.docx")
    assert concord.latest_report_key(rnd.id) == report.key

    concord.record_reminder(rnd.id, "bo-tu-phap", actor="lead")
    v2 = concord.publish(rnd.id, b"v2", actor="lead", note="after round 1")
    assert (v2.number, v2.from_round) == (2, rnd.id)
    status = concord.round_status(rnd.id)
    assert status.state == RoundState.PUBLISHED and status.published_version == 2
    with pytest.raises(RecordError, match="already published as version 2"):
        concord.publish(rnd.id, b"v3", actor="lead")
    with pytest.raises(RecordError, match="published as version 2: its decisions are final"):
        concord.put_decisions(rnd.id, [d1], actor="lead")

    actions = [e.action for e in concord.audit.entries(draft.id)]
    assert actions == [
        "draft.registered",
        "version.added",
        "round.opened",
        "copy.circulated",
        "copy.circulated",
        "answer.uploaded",
        "answer.uploaded",
        "answer.uploaded",
        "answer.ingested",
        "answer.uploaded",
        "answer.ingested",
        "round.merged",
        "decisions.recorded",
        "decisions.recorded",
        "report.written",
        "reminder.sent",
        "version.published",
    ]
    assert concord.audit.verify(draft.id).ok

    backend.overwrite(later.key, b"answer X")
    with pytest.raises(IntegrityError):
        concord.answer_bytes(later)
    problems = concord.audit.verify(draft.id).problems
    assert len(problems) == 1 and later.key in problems[0]


def test_clock_is_used_for_records_and_audit(backend: Backend) -> None:
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    ticks = iter(start + timedelta(seconds=i) for i in range(100))
    concord = ConcordStore(backend.store, clock=lambda: next(ticks))
    draft, version = concord.create_draft("T", b"v1", actor="an")
    assert draft.created_at == start
    assert concord.audit.entries(draft.id)[0].at >= start
    assert version.created_at > start
