"""The round's synthesis report: "Bảng tổng hợp, giải trình, tiếp thu ý kiến".

As Vietnamese drafting bodies write it: a preamble (the bodies consulted, the written replies
received and their dates, the bodies that did not reply counted as agreeing, the count of
opinions per outcome), then one table row per comment or change: No. | article/clause | draft
text | commenting body | comment | explanation and acceptance. Rows of clashing changes are
shaded and marked. Built from templates/synthesis-report.docx (landscape A4).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.table import Table, _Cell
from pydantic import BaseModel, ConfigDict, Field

from concord.engine.blocks import PARTS
from concord.engine.ooxml import qn
from concord.engine.templates import (
    fill_placeholders,
    find_marker,
    open_template,
    replace_marker,
    to_bytes,
)
from concord.engine.wording import Lang, clash_with, describe_change, excerpt, part_name
from concord.engine.wording import draft_text as _draft_text
from concord.models import Clash, Decision, Item, ItemKind, Outcome
from concord.models.decisions import OUTCOME_LABELS

CLASH_MARK = "⚠"
CLASH_SHADING = "FFF2CC"
UNDECIDED = "Chưa xử lý"
# The report is the Vietnamese form; its item phrases come from engine.wording.
LANG: Lang = "vi"


class ReportAnswer(BaseModel):
    """A written reply received in the round."""

    model_config = ConfigDict(frozen=True)

    agency: str
    received: date | datetime
    filename: str = ""


class ReportInput(BaseModel):
    model_config = ConfigDict(frozen=True)

    draft_title: str
    round_id: str
    circulated_version: int = Field(ge=1)
    new_version: int | None = Field(default=None, description="the version published, if any")
    agencies: tuple[str, ...] = Field(description="every body consulted in the round")
    answers: tuple[ReportAnswer, ...] = ()
    items: tuple[Item, ...] = ()
    decisions: tuple[Decision, ...] = ()
    clashes: tuple[Clash, ...] = ()
    date: date
    issuer: str = Field(description="the drafting body, e.g. 'BỘ NỘI VỤ'")
    team_edits: tuple[Item, ...] = Field(
        default=(), description="the drafting team's own edits, listed apart (team_edits_section)"
    )
    revision_edits: tuple[Item, ...] = Field(
        default=(), description="the changes of the team's own revision circulated in the round"
    )
    revised_from: int | None = None


def build_synthesis_report(data: ReportInput) -> bytes:
    doc = open_template("synthesis-report")
    replace_marker(find_marker(doc, "preamble"), [(p, "Body Text", False) for p in preamble(data)])
    replace_marker(find_marker(doc, "closing"), [(closing(data), "Body Text", False)])
    fill_placeholders(
        doc,
        {
            "issuer": data.issuer.strip().upper(),
            "subtitle": f"Dự thảo {data.draft_title} (phiên bản {data.circulated_version})",
            "place_date": "Hà Nội, " + _long_date(data.date),
        },
    )
    decisions = {d.item_id: d for d in data.decisions}
    clashing = clash_partners(data.items, data.clashes)
    table = doc.tables[-1]
    for number, item in enumerate(sorted(data.items, key=_order), start=1):
        _add_row(table, number, item, decisions.get(item.id), clashing.get(item.id, ()))
    add_team_edits(doc, table, data)
    doc.core_properties.title = f"Bảng tổng hợp ý kiến - {data.draft_title}"
    return to_bytes(doc)


def _order(item: Item) -> tuple:
    part = PARTS.index(item.part) if item.part in PARTS else len(PARTS)
    return (part, item.block, item.start, item.agency)


def _day(value: date | datetime) -> str:
    return value.strftime("%d/%m/%Y")


def _long_date(value: date) -> str:
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def _outcome(decision: Decision | None) -> str:
    return UNDECIDED if decision is None else OUTCOME_LABELS[decision.outcome][1]


def preamble(data: ReportInput) -> list[str]:
    """The paragraphs before the table."""
    consulted = list(data.agencies)
    replied = {a.agency for a in data.answers}
    silent = [a for a in consulted if a not in replied]
    lines = [
        f"Thực hiện việc lấy ý kiến đối với dự thảo {data.draft_title} (phiên bản "
        f"{data.circulated_version}, đợt lấy ý kiến {data.round_id}), cơ quan chủ trì soạn "
        f"thảo đã gửi dự thảo đến {len(consulted)} cơ quan: {', '.join(consulted)}."
    ]
    if data.answers:
        received = "; ".join(
            f"{a.agency} (ngày {_day(a.received)}" + (f", tệp {a.filename})" if a.filename else ")")
            for a in data.answers
        )
        lines.append(
            f"Đến {_long_date(data.date)}, đã nhận được {len(data.answers)}/{len(consulted)} "
            f"văn bản góp ý: {received}."
        )
    else:
        lines.append(f"Đến {_long_date(data.date)}, chưa nhận được văn bản góp ý nào.")
    if silent:
        lines.append(
            f"Các cơ quan không có văn bản trả lời ({', '.join(silent)}) được coi là đồng ý với "
            "dự thảo."
        )
    with_items = {i.agency for i in data.items}
    agreeing = [a.agency for a in data.answers if a.agency not in with_items]
    if agreeing:
        lines.append(f"{', '.join(agreeing)} thống nhất với dự thảo, không có ý kiến khác.")
    lines.append(_summary(data))
    lines.append("Nội dung tổng hợp, giải trình, tiếp thu cụ thể như sau:")
    return lines


def _summary(data: ReportInput) -> str:
    decisions = {d.item_id: d for d in data.decisions}
    counts = Counter(_outcome(decisions.get(i.id)) for i in data.items)
    labels = [OUTCOME_LABELS[o][1] for o in Outcome] + [UNDECIDED]
    parts = [f"{label.lower()} {counts[label]}" for label in labels if counts[label]]
    text = f"Tổng số có {len(data.items)} ý kiến"
    text += f", trong đó: {'; '.join(parts)}." if parts else "."
    if data.clashes:
        text += (
            f" Có {len(data.clashes)} nội dung các cơ quan đề nghị sửa khác nhau (đánh dấu "
            f"{CLASH_MARK} trong bảng)."
        )
    return text


def closing(data: ReportInput) -> str:
    if data.new_version is None:
        return "Dự thảo sẽ được chỉnh lý trên cơ sở tiếp thu, giải trình các ý kiến nêu trên."
    return (
        "Trên cơ sở tiếp thu, giải trình các ý kiến nêu trên, dự thảo đã được chỉnh lý thành "
        f"phiên bản {data.new_version}."
    )


def clash_partners(items: Sequence[Item], clashes: Sequence[Clash]) -> dict[str, tuple[str, ...]]:
    """For each clashing item, the other agencies whose changes overlap it.

    A clash names its items; one that does not (made elsewhere) is matched by agency and block.
    """
    partners: dict[str, tuple[str, ...]] = {}
    for clash in clashes:
        members = [i for i in items if i.id in clash.item_ids] or [
            i
            for i in items
            if i.kind != ItemKind.COMMENT
            and i.agency in clash.agencies
            and i.part == clash.part
            and i.block == clash.block
            and i.start < clash.end
            and clash.start < max(i.end, i.start + 1)
        ]
        for item in members:
            others = tuple(a for a in clash.agencies if a != item.agency)
            partners[item.id] = tuple(dict.fromkeys((*partners.get(item.id, ()), *others)))
    return partners


def draft_text(item: Item) -> str:
    """What the draft says where the item applies."""
    return _draft_text(item, LANG)


def proposal(item: Item) -> str:
    """The comment, or the change proposed, in words."""
    return describe_change(item, LANG)


def location(item: Item) -> str:
    """The article/clause; outside the body, the part's name says more than a block label."""
    if item.part != "body":
        return part_name(item.part, LANG)
    return item.location


def _add_row(
    table: Table, number: int, item: Item, decision: Decision | None, clash: tuple[str, ...]
) -> None:
    cells = table.add_row().cells
    _write(cells[0], str(number), center=True)
    _write(cells[1], location(item))
    _write(cells[2], draft_text(item))
    _write(cells[3], item.agency)
    comment = proposal(item)
    if clash:
        comment = f"{CLASH_MARK} {clash_with(clash, LANG)}\n{comment}"
    _write(cells[4], comment)
    _write(cells[5], _outcome(decision), bold=True)
    if decision is not None:
        if decision.outcome == Outcome.PARTLY_ACCEPTED and decision.text:
            cells[5].add_paragraph(f"Nội dung tiếp thu: {excerpt(decision.text)}")
        if decision.explanation:
            cells[5].add_paragraph(decision.explanation)
    if clash:
        for cell in cells:
            _shade(cell, CLASH_SHADING)


def _write(cell: _Cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)  # python-docx turns "\n" into a line break
    run.bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


# --- the drafting team's own edits ("Ban soạn thảo chỉnh lý"), after the table ---------------

TEAM_EDITS_HEADING = "III. Ban soạn thảo chỉnh lý"


def team_edits_section(
    edits: Sequence[Item], revision: Sequence[Item] = (), revised_from: int | None = None
) -> list[str]:
    """The lines listing the team's own edits (none: no section): `revision`, the changes of
    its own revision circulated in this round (from version `revised_from`), then `edits`, those
    it made while deciding on the opinions."""
    if not edits and not revision:
        return []
    lines = [TEAM_EDITS_HEADING]
    if revision:
        lines.append(
            "Trước đợt lấy ý kiến này, Ban soạn thảo đã chỉnh lý dự thảo"
            + (f" từ phiên bản {revised_from}" if revised_from else "")
            + " như sau:"
        )
        lines += _numbered(revision)
    if edits:
        lines.append("Ngoài các ý kiến nêu trên, Ban soạn thảo đã chỉnh lý dự thảo như sau:")
        lines += _numbered(edits)
    return lines


def _numbered(edits: Sequence[Item]) -> list[str]:
    lines = []
    for n, edit in enumerate(sorted(edits, key=_order), start=1):
        where = f"{location(edit)}: " if location(edit) else ""
        # Whether the team tracked its edit says nothing to the reader of the report.
        lines.append(f"{n}. {where}{proposal(edit.model_copy(update={'tracked': True}))}")
    return lines


def add_team_edits(doc: DocxDocument, table: Table, data: ReportInput) -> None:
    """The team's edits as paragraphs right after the table (the heading in bold)."""
    anchor = table._tbl
    lines = team_edits_section(data.team_edits, data.revision_edits, data.revised_from)
    for n, line in enumerate(lines):
        paragraph = doc.add_paragraph(style="Body Text")
        paragraph.add_run(line).bold = n == 0
        anchor.addnext(paragraph._p)
        anchor = paragraph._p
