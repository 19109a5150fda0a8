"""The worker keeps rounds moving from what the store holds, with no event and no Prefect."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from concord.models import RoundState
from concord.usecases.answers import submit_answer
from concord.usecases.drafts import register_draft
from concord.usecases.rounds import open_round
from concord.worker import Worker
from tests.flows.conftest import OpenRound
from tests.flows.documents import answer_docx, draft_docx


def _upload(rnd: OpenRound, agency: str, year: str) -> None:
    data = rnd.answer(agency, year)
    submit_answer(rnd.store, rnd.round_id, agency, data, filename="a.docx", actor=agency)


def test_a_complete_round_is_read_and_merged_once_without_events(open_round_: OpenRound) -> None:
    worker = Worker(open_round_.store, api_url=None)  # no Prefect: the direct path
    for agency, year in (("bo-tai-chinh", "2035"), ("bo-tu-phap", "2040")):
        _upload(open_round_, agency, year)
    # Read as they were taken; not merged: one agency is missing. Nothing to do yet.
    assert worker.sweep() == 0
    assert open_round_.store.latest_merge(open_round_.round_id) is None
    _upload(open_round_, "bo-y-te", "2032")
    assert worker.sweep() == 1
    status = open_round_.store.round_status(open_round_.round_id)
    assert status.state is RoundState.MERGED and len(status.merged.answers) == 3
    assert worker.sweep() == 0  # nothing left to do: no second merge
    draft_id = status.round.draft_id
    merges = [e for e in open_round_.store.audit.entries(draft_id) if e.action == "round.merged"]
    assert len(merges) == 1


def test_a_passed_deadline_is_kept_once_and_a_late_answer_merged_again(store) -> None:
    draft, _ = register_draft(store, "Dự thảo", draft_docx(), kind="resolution", actor="t")
    soon = datetime.now(UTC) + timedelta(seconds=1)
    rnd = open_round(store, draft.id, ["Bộ Tư pháp", "Bộ Y tế"], soon, actor="t")
    round_ = OpenRound(store, rnd.id)
    worker = Worker(store, api_url=None)
    _upload(round_, "bo-tu-phap", "2035")
    worker.sweep()
    assert store.latest_merge(rnd.id) is None  # before the deadline: waits for Bộ Y tế
    time.sleep(max(0.0, (soon - datetime.now(UTC)).total_seconds()) + 0.1)
    worker.sweep()
    first = store.latest_merge(rnd.id)
    assert first is not None and len(first.answers) == 1
    reminders = [e for e in store.audit.entries(draft.id) if e.action == "reminder.sent"]
    assert [e.details["agency"] for e in reminders] == ["bo-y-te"]
    # Bộ Y tế answers late: taken, marked late, and the round merged again with it.
    copy = store.circulated_bytes(rnd.id, "bo-y-te")
    late, _ = submit_answer(
        store, rnd.id, "bo-y-te", answer_docx(copy, "bo-y-te", "2031"), filename="y.docx", actor="t"
    )
    assert late.late
    worker.sweep()
    assert len(store.latest_merge(rnd.id).answers) == 2
    worker.sweep()
    kept = [e for e in store.audit.entries(draft.id) if e.action == "round.deadline_kept"]
    assert len(kept) == 1


def test_one_broken_round_does_not_stop_the_others(open_round_: OpenRound, monkeypatch) -> None:
    worker = Worker(open_round_.store, api_url=None)
    for agency in ("bo-tai-chinh", "bo-tu-phap", "bo-y-te"):
        _upload(open_round_, agency, "2035")
    other = open_round(
        open_round_.store,
        open_round_.store.round(open_round_.round_id).draft_id,
        ["Bộ Công an"],
        datetime.now(UTC) + timedelta(days=1),
        actor="t",
    )
    real = worker._advance_if_needed

    def flaky(round_id: str) -> int:
        if round_id == other.id:
            raise OSError("disk hiccup")
        return real(round_id)

    monkeypatch.setattr(worker, "_advance_if_needed", flaky)
    assert worker.sweep() == 1
    assert open_round_.store.latest_merge(open_round_.round_id) is not None
