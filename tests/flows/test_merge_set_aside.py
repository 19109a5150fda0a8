"""A merge never fails for one agency's answer: it names that agency and merges the rest."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from concord.engine.merger import merge as engine_merge
from concord.usecases import merging
from concord.usecases.answers import submit_answer
from concord.usecases.merging import left_out, merge_round
from tests.flows.conftest import OpenRound
from tests.support import hostile
from tests.support.cli import concord_env, run_concord


def _submit(rnd: OpenRound, agency: str, year: str) -> None:
    data = rnd.answer(agency, year)
    submit_answer(rnd.store, rnd.round_id, agency, data, filename=f"{agency}.docx", actor="t")


def _report(rnd: OpenRound, key: str) -> dict:
    return json.loads(rnd.store.object_bytes(key))


def test_an_unreadable_stored_answer_is_set_aside_and_named(open_round_: OpenRound):
    """An answer stored before answers were read at upload (here put straight into the store)
    that the reader cannot parse: the others are merged, the report names the agency."""
    _submit(open_round_, "bo-tai-chinh", "2035")
    unreadable = hostile.tables_nested_1000_deep()
    open_round_.store.put_answer(
        open_round_.round_id, "bo-y-te", unreadable, filename="old.docx", actor="t"
    )
    record, new = merge_round(open_round_.store, open_round_.round_id, actor="t")
    assert new and len(record.answers) == 1
    [aside] = _report(open_round_, record.report_key)["set_aside"]
    assert (aside["agency"], aside["name"]) == ("bo-y-te", "Bộ Y tế")
    assert [a.agency.id for a in left_out(open_round_.store, record)] == ["bo-y-te"]


def test_an_answer_the_merger_fails_on_is_set_aside(
    open_round_: OpenRound, monkeypatch: pytest.MonkeyPatch
):
    def failing_on_health(base, items, **kwargs):
        if any(item.agency == "Bộ Y tế" for item in items):
            raise ValueError("cannot place an item")
        return engine_merge(base, items, **kwargs)

    monkeypatch.setattr(merging, "merge", failing_on_health)
    for agency, year in (("bo-tai-chinh", "2035"), ("bo-tu-phap", "2040"), ("bo-y-te", "2032")):
        _submit(open_round_, agency, year)
    record, _ = merge_round(open_round_.store, open_round_.round_id, actor="t")
    assert len(record.answers) == 2
    [aside] = _report(open_round_, record.report_key)["set_aside"]
    assert aside["agency"] == "bo-y-te"
    assert "cannot place an item" in aside["reason"]


def test_concord_merge_names_the_agency_set_aside(open_round_: OpenRound):
    _submit(open_round_, "bo-tai-chinh", "2035")
    open_round_.store.put_answer(
        open_round_.round_id,
        "bo-y-te",
        hostile.tables_nested_1000_deep(),
        filename="old.docx",
        actor="t",
    )
    home = Path(os.environ["CONCORD_HOME"])
    done = run_concord(concord_env(home), "merge", open_round_.round_id)
    assert done.returncode == 0, done.stderr
    assert "set aside: the answer of Bộ Y tế" in done.stderr
    assert "1 answers" in done.stdout
