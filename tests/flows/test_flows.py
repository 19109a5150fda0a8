"""The flows themselves, run by Prefect against a throwaway test server (one, ~15 s: kept to
a single test walking a whole round)."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta

from docx import Document
from prefect.testing.utilities import prefect_test_harness

from concord.flows.advance_round import advance_round
from concord.flows.ingest_answer import ingest_answer
from concord.flows.merge_round import merge_round
from concord.flows.open_round import open_round
from concord.flows.publish_version import publish_version
from concord.models import Decision, Outcome, RoundState
from concord.usecases.answers import submit_answer
from concord.usecases.drafts import register_draft
from tests.flows.conftest import AGENCIES
from tests.flows.documents import EDITED, answer_docx, draft_docx


def test_a_round_from_opening_to_publication(store):
    with prefect_test_harness(server_startup_timeout=120):
        draft, _ = register_draft(
            store, "Nghị quyết thử", draft_docx(), kind="resolution", actor="t"
        )
        deadline = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
        round_id = open_round(draft.id, AGENCIES, deadline, actor="t")

        def upload(agency: str, year: str) -> str:
            data = answer_docx(store.circulated_bytes(round_id, agency), agency, year)
            answer, _ = submit_answer(store, round_id, agency, data, filename="a.docx", actor="t")
            return answer.key

        first = ingest_answer(round_id, upload("bo-tai-chinh", "2035"), actor="t")
        # The upload already read it (an answer is read before it is acknowledged).
        assert not first["ingested"] and first["items"] == 1 and first["merged"] is None
        second_key = upload("bo-tu-phap", "2040")
        second = ingest_answer(round_id, second_key, actor="t")
        assert ingest_answer(round_id, second_key, actor="t")["ingested"] is False

        # Bộ Y tế never answers: once the deadline passes, advancing the round reminds it and
        # merges the two answers.
        time.sleep(max(0.0, (store.round(round_id).deadline - datetime.now(UTC)).total_seconds()))
        result = advance_round(round_id, actor="t")
        assert second["merged"] is None
        assert result["reminded"] == ["bo-y-te"]
        assert advance_round(round_id, actor="t") == {
            "ingested": [],
            "reminded": [],
            "merged": None,
        }
        status = store.round_status(round_id)
        assert status.state is RoundState.MERGED
        assert result["merged"] == status.merged.docx_key
        assert merge_round(round_id, actor="t") == status.merged.docx_key  # nothing new to merge
        actions = [e.action for e in store.audit.entries(draft.id)]
        assert actions.count("reminder.sent") == 1 and actions.count("round.merged") == 1

        items = store.items_for(store.latest_answers(round_id)["bo-tai-chinh"])
        decision = Decision(item_id=items[0].id, outcome=Outcome.ACCEPTED)
        store.put_decisions(round_id, [decision], actor="t")
        assert publish_version(round_id, actor="t", allow_undecided=True) == 2

        # A round whose every agency answered is merged by the ingest run that completes it.
        far = (datetime.now(UTC) + timedelta(days=1)).isoformat()
        round_id = open_round(draft.id, ["Bộ Tài chính"], far, version=1, actor="t")
        done = ingest_answer(round_id, upload("bo-tai-chinh", "2035"), actor="t")
        assert done["merged"] == store.round_status(round_id).merged.docx_key
    published = Document(io.BytesIO(store.version_bytes(draft.id, 2)))
    assert EDITED.replace("2030", "2035") in [p.text for p in published.paragraphs]
