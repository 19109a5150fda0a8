"""`concord items` and `concord decide` on a merged round (tasks run directly, no server)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from concord.cli import app
from concord.usecases.answers import ingest_answer, submit_answer
from concord.usecases.merging import merge_ingested
from tests.flows.conftest import OpenRound
from tests.support.cli import allow_actor


def merged_round(open_round_: OpenRound) -> str:
    store, rid = open_round_.store, open_round_.round_id
    for agency_id, year in (("bo-tai-chinh", "2035"), ("bo-tu-phap", "2040")):
        answer, _ = submit_answer(
            store,
            rid,
            agency_id,
            open_round_.answer(agency_id, year),
            filename=f"{agency_id}.docx",
            actor=agency_id,
        )
        ingest_answer(store, rid, answer.key, actor="t")
    merge_ingested(store, rid, actor="t")
    return rid


def test_items_are_listed_and_decided(open_round_: OpenRound) -> None:
    rid = merged_round(open_round_)
    runner = CliRunner()
    listed = runner.invoke(app, ["items", rid, "--json"])
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert {r["agency"] for r in rows} == {"Bộ Tài chính", "Bộ Tư pháp"}
    assert all(r["decision"] is None for r in rows)

    first = rows[0]["id"]
    allow_actor("Vụ")  # the older spelling --by still names the actor, where allowed
    decided = runner.invoke(
        app,
        ["decide", rid, first, "--outcome", "accepted", "--explanation", "Tiếp thu", "--by", "Vụ"],
    )
    assert decided.exit_code == 0, decided.output
    after = {
        r["id"]: r["decision"]
        for r in json.loads(runner.invoke(app, ["items", rid, "--json"]).output)
    }
    assert after[first]["outcome"] == "accepted" and after[first]["decided_by"] == "Vụ"
    assert sum(d is not None for d in after.values()) == 1
    draft_id = open_round_.store.round(rid).draft_id
    actions = [e.action for e in open_round_.store.audit.entries(draft_id)]
    assert actions[-1] == "decisions.recorded"


def test_decisions_on_unknown_items_are_refused_and_nothing_is_stored(
    open_round_: OpenRound,
) -> None:
    rid = merged_round(open_round_)
    result = CliRunner().invoke(app, ["decide", rid, "not-an-item", "--outcome", "noted"])
    assert result.exit_code == 2
    assert "no item not-an-item" in result.output
    assert open_round_.store.decisions(rid) == []
