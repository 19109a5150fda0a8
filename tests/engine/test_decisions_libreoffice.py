"""Decisions made in LibreOffice itself: a merged file decided and saved by Writer over UNO,
and a file decided as Word writes it, then re-saved by LibreOffice.

LibreOffice's UNO bridge crashed on .docx files holding comments, so the merged file here has
changes only (no comment items, no clash). Writer accepts what is left (Accept All), and the
coordinator, tracking on under their own name, rewords an accepted year, then edits a heading
with tracking off: read back, the rejected change is not accepted, the reworded one partly
accepted with the new wording, the other accepted, and the heading edit is the team's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from concord.engine.decisions_docx import TEAM, read_decisions
from concord.engine.merger import merge
from concord.engine.publish import apply_decisions
from concord.models import Decision, ItemKind, Outcome
from tests.engine.test_merger import DATE, base_docx, item, texts
from tests.support.libreoffice import lo_resave
from tests.support.lo_author import Dispatch, Record, Replace, author_answer, uno_available
from tests.support.word_decide import Decided

pytestmark = pytest.mark.libreoffice

FIN, JUS, HEA = "Bộ Tài chính", "Bộ Tư pháp", "Bộ Y tế"


@pytest.mark.skipif(not uno_available(), reason="python3-uno is not installed")
def test_decisions_made_and_saved_by_libreoffice_are_read_back(tmp_path: Path) -> None:
    replace = item(ItemKind.REPLACE, FIN, 1, 45, 49, old="2030", new="2035")
    delete = item(ItemKind.DELETE, HEA, 1, 27, 31, old="all ")
    insert = item(ItemKind.INSERT, JUS, 3, 22, 22, new=" by 2040")
    items = [replace, delete, insert]
    merged = merge(base_docx(), items, date=DATE).docx
    # Bộ Y tế's deletion is rejected first (as Word writes it); the rest is LibreOffice's work.
    partly = Decided(merged).reject(lambda author, text: author == HEA).to_bytes()
    decided = author_answer(
        partly,
        [
            Dispatch(".uno:AcceptAllTrackedChanges"),
            Record(True),
            Replace("2040", "2045"),
            Record(False),
            Replace("Targets", "Targets and means"),
        ],
        author="Điều phối viên",
        track=False,
        workdir=tmp_path,
    )
    found = read_decisions(decided, base_docx(), items, agencies=(FIN, JUS, HEA))
    outcomes = {d.item_id: (d.outcome, d.text) for d in found.decisions}
    assert outcomes == {
        replace.id: (Outcome.ACCEPTED, None),
        delete.id: (Outcome.NOT_ACCEPTED, None),
        insert.id: (Outcome.PARTLY_ACCEPTED, " by 2045"),
    }
    assert found.undecided == []
    assert [(e.agency, e.old, e.new) for e in found.team_edits] == [(TEAM, "", " and means")]
    team = [Decision(item_id=e.id, outcome=Outcome.ACCEPTED) for e in found.team_edits]
    published = apply_decisions(base_docx(), items + found.team_edits, found.decisions + team)
    assert texts(published)[0] == (
        "Article 1. Scope\nThis resolution applies to all ministries by 2035.\n"
        "Article 2. Targets and means\nEmissions fall by half by 2045.\n"
    )


def test_a_decided_file_resaved_by_libreoffice_keeps_its_replies_meaning(tmp_path: Path) -> None:
    """LibreOffice 7.4 writes no commentsExtended.xml: each reply comes back as a comment of its
    own on the same text, and still answers the comment (or the clash) anchored there."""
    comment = item(ItemKind.COMMENT, HEA, 3, 0, 9, anchor="Emissions", comment="Vì sao?")
    fin = item(ItemKind.REPLACE, FIN, 1, 45, 49, old="2030", new="2035")
    jus = item(ItemKind.REPLACE, JUS, 1, 42, 49, old="by 2030", new="in 2040")
    items = [comment, fin, jus]
    decided = Decided(merge(base_docx(), items, date=DATE).docx)
    decided.reject(lambda author, text: author == FIN and text == "by 2035").accept()
    decided.reply("Vì sao?", "Không tiếp thu: đã rõ.").reply("Concord", "Giữ phương án Bộ Tư pháp.")
    resaved = lo_resave(decided.to_bytes(), tmp_path)
    found = read_decisions(resaved, base_docx(), items, agencies=(FIN, JUS, HEA))
    assert {d.item_id: (d.outcome, d.explanation) for d in found.decisions} == {
        comment.id: (Outcome.NOT_ACCEPTED, "đã rõ."),
        fin.id: (Outcome.NOT_ACCEPTED, "Giữ phương án Bộ Tư pháp."),
        jus.id: (Outcome.ACCEPTED, "Giữ phương án Bộ Tư pháp."),
    }
    assert found.undecided == [] and found.team_edits == []
