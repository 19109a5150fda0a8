"""A round's life: the newest upload is the answer, late answers marked or refused, deadlines
extended per agency, nothing taken after publication or closing, one merge per set of answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from concord.errors import MergeInProgress, RoundClosed
from concord.models import Decision, LatePolicy, Outcome, RoundState
from concord.usecases.answers import ingest_answer, submit_answer
from concord.usecases.decisions import merged_items, record_decisions
from concord.usecases.drafts import register_draft
from concord.usecases.merging import merge_ingested, merge_round
from concord.usecases.publishing import publish_round
from concord.usecases.rounds import close_round, extend_deadline, open_round, round_status
from tests.flows.conftest import OpenRound
from tests.flows.documents import answer_docx, draft_docx


def _send(rnd: OpenRound, agency: str, year: str, data: bytes | None = None):
    data = data or rnd.answer(agency, year)
    answer, _ = submit_answer(rnd.store, rnd.round_id, agency, data, filename="a.docx", actor="t")
    return answer


def test_upload_a_then_b_then_a_again_uses_a(open_round_: OpenRound) -> None:
    a = open_round_.answer("bo-tai-chinh", "2035")
    first = _send(open_round_, "bo-tai-chinh", "", a)
    _send(open_round_, "bo-tai-chinh", "2040")
    third = _send(open_round_, "bo-tai-chinh", "", a)
    latest = open_round_.store.latest_answers(open_round_.round_id)["bo-tai-chinh"]
    assert latest.key == third.key and latest.sha256 == first.sha256
    merged, _ = merge_round(open_round_.store, open_round_.round_id, actor="t")
    assert merged.answers == (first.sha256,)


@pytest.fixture
def past_deadline(store):
    """A round whose deadline passed an hour ago; `policy` chosen per test."""

    def make(policy: LatePolicy) -> OpenRound:
        draft, _ = register_draft(
            store, f"Dự thảo {policy}", draft_docx(), kind="resolution", actor="t"
        )
        when = datetime.now(UTC) - timedelta(hours=1)
        rnd = open_round(
            store, draft.id, ["Bộ Tư pháp", "Bộ Y tế"], when, actor="t", late_answers=policy
        )
        return OpenRound(store, rnd.id)

    return make


def test_a_late_answer_is_taken_and_marked_late(past_deadline) -> None:
    rnd = past_deadline(LatePolicy.ACCEPT)
    answer = _send(rnd, "bo-tu-phap", "2035")
    assert answer.late
    status = round_status(rnd.store, rnd.round_id)
    assert status.deadline_passed
    assert [(s.agency.id, s.late) for s in status.agencies] == [
        ("bo-tu-phap", True),
        ("bo-y-te", False),
    ]


def test_a_round_refusing_late_answers_takes_them_after_an_extension(past_deadline) -> None:
    rnd = past_deadline(LatePolicy.REFUSE)
    with pytest.raises(RoundClosed, match="does not take late answers") as refused:
        _send(rnd, "bo-tu-phap", "2035")
    assert refused.value.code == "deadline_passed"
    assert rnd.store.answers(rnd.round_id) == []
    later = datetime.now(UTC) + timedelta(days=2)
    extend_deadline(rnd.store, rnd.round_id, "Bộ Tư pháp", later.isoformat(), actor="t")
    assert not _send(rnd, "bo-tu-phap", "2035").late
    with pytest.raises(RoundClosed):  # the other agency's deadline did not move
        _send(rnd, "bo-y-te", "2035")


def test_a_closed_round_takes_no_answer(open_round_: OpenRound) -> None:
    assert close_round(open_round_.store, open_round_.round_id, actor="t")
    with pytest.raises(RoundClosed, match="closed"):
        _send(open_round_, "bo-tai-chinh", "2035")
    assert round_status(open_round_.store, open_round_.round_id).closed


def test_an_answer_after_publication_is_refused_saying_so(open_round_: OpenRound) -> None:
    store, rid = open_round_.store, open_round_.round_id
    _send(open_round_, "bo-tai-chinh", "2035")
    merge_round(store, rid, actor="t")
    items = merged_items(store, rid).items
    record_decisions(
        store, rid, [Decision(item_id=i.id, outcome=Outcome.NOTED) for i in items], actor="t"
    )
    publish_round(store, rid, actor="t")
    with pytest.raises(RoundClosed, match="published as version 2") as refused:
        _send(open_round_, "bo-tu-phap", "2040")
    assert refused.value.code == "round_published"
    assert round_status(store, rid).state is RoundState.PUBLISHED


def test_the_same_answers_are_merged_once(open_round_: OpenRound) -> None:
    store, rid = open_round_.store, open_round_.round_id
    _send(open_round_, "bo-tai-chinh", "2035")
    first, new = merge_round(store, rid, actor="t")
    again, new_again = merge_round(store, rid, actor="t")
    assert (new, new_again) == (True, False) and again == first
    assert (
        len(
            [
                k
                for k in store.store.list(f"drafts/{rid.rsplit('-r', 1)[0]}/")
                if k.endswith("merge.json")
            ]
        )
        == 1
    )


def test_a_round_of_250_agencies_opens_and_reports_status(store) -> None:
    draft, _ = register_draft(store, "Dự thảo lớn", draft_docx(), kind="resolution", actor="t")
    names = [f"Ủy ban nhân dân tỉnh số {n}" for n in range(250)]
    rnd = open_round(store, draft.id, names, datetime.now(UTC) + timedelta(days=9), actor="t")
    status = store.round_status(rnd.id)
    assert len(status.agencies) == 250 and not any(s.answered for s in status.agencies)
    copy = store.circulated_bytes(rnd.id, rnd.agencies[249].id)
    data = answer_docx(copy, rnd.agencies[249].id, "2035")
    submit_answer(store, rnd.id, rnd.agencies[249].id, data, filename="x.docx", actor="t")
    assert store.round_status(rnd.id).agencies[249].answered


def test_a_merge_claimed_by_another_process_is_not_made_twice(open_round_: OpenRound) -> None:
    store, rid = open_round_.store, open_round_.round_id
    answer = _send(open_round_, "bo-tai-chinh", "2035")
    ingest_answer(store, rid, answer.key, actor="t")
    # Another worker claimed this very set of answers a moment ago and is merging it.
    assert store.claim_merge(rid, [answer], actor="other", stale_after=timedelta(minutes=10))
    with pytest.raises(MergeInProgress):
        merge_ingested(store, rid, actor="t")
    assert store.latest_merge(rid) is None
    # A claim whose merger died long ago is taken over.
    assert store.claim_merge(rid, [answer], actor="late", stale_after=timedelta(0))
