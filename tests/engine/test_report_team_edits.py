"""The synthesis report lists the drafting team's own edits apart ("Ban soạn thảo chỉnh lý")."""

from __future__ import annotations

import io
from datetime import date

from docx import Document

from concord.engine.report import TEAM_EDITS_HEADING, ReportInput, build_synthesis_report
from concord.models import Item, ItemKind

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
    team_edits=(EDIT,),
)


def test_the_teams_own_edits_are_listed_right_after_the_table() -> None:
    doc = Document(io.BytesIO(build_synthesis_report(DATA)))
    lines = [p.text for p in doc.paragraphs]
    at = lines.index(TEAM_EDITS_HEADING)
    assert lines[at + 2].startswith("1. Điều 1: ") and "2030" in lines[at + 2]
    assert "theo dõi thay đổi" not in lines[at + 2]
    body = list(doc.element.body)
    assert body.index(doc.paragraphs[at]._p) == body.index(doc.tables[-1]._tbl) + 1


def test_no_section_without_edits() -> None:
    plain = DATA.model_copy(update={"team_edits": ()})
    doc = Document(io.BytesIO(build_synthesis_report(plain)))
    assert TEAM_EDITS_HEADING not in [p.text for p in doc.paragraphs]


def test_the_revision_circulated_comes_first() -> None:
    revision = EDIT.model_copy(update={"old": "2025", "new": "2030", "location": "Điều 2"})
    data = DATA.model_copy(update={"revision_edits": (revision,), "revised_from": 2})
    lines = [p.text for p in Document(io.BytesIO(build_synthesis_report(data))).paragraphs]
    at = lines.index(TEAM_EDITS_HEADING)
    assert "từ phiên bản 2" in lines[at + 1] and lines[at + 2].startswith("1. Điều 2: ")
    assert lines[at + 3].startswith("Ngoài các ý kiến") and lines[at + 4].startswith("1. Điều 1")
