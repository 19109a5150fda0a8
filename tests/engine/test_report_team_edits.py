"""The synthesis report lists the drafting team's own edits apart ("Ban soạn thảo chỉnh lý"):
a section of their own after the agencies' comments, the revision it circulated first."""

from __future__ import annotations

import io
from datetime import date

from docx import Document

from concord.engine.report import ReportInput, build_synthesis_report
from concord.engine.report_rows import DRAFTING, TEAM_OUTCOME
from concord.models import Item, ItemKind
from tests.flows.test_decided_docx import _report_rows

EDIT = Item(
    kind=ItemKind.REPLACE,
    agency="Ban soạn thảo",
    block=1,
    start=0,
    end=4,
    old="2030",
    new="2033",
    location="Điều 1",
    tracked=False,
)
DATA = ReportInput(
    draft_title="Nghị quyết",
    round_id="nq-r1",
    circulated_version=1,
    agencies=("Bộ Tài chính",),
    date=date(2026, 3, 1),
    issuer="BỘ NỘI VỤ",
    drafting_items=(EDIT,),
)


def _rows(data: ReportInput) -> list[str]:
    return _report_rows(Document(io.BytesIO(build_synthesis_report(data))))


def test_the_teams_own_edits_are_a_section_of_their_own() -> None:
    rows = _rows(DATA)
    at = rows.index(DRAFTING)
    assert "Điều 1" in rows[at + 1] and "2030" in rows[at + 1] and TEAM_OUTCOME in rows[at + 1]


def test_no_section_without_edits() -> None:
    assert DRAFTING not in _rows(DATA.model_copy(update={"drafting_items": ()}))
