"""The round's synthesis report as .docx: "Bảng tổng hợp, giải trình, tiếp thu ý kiến".

As Vietnamese drafting bodies write it: the issuing body and the report's "Số" line, a preamble
(the bodies consulted, the replies received with their letter numbers and dates, late ones
marked, the bodies that did not reply counted and named as agreeing), then the table: No. |
article/clause | draft text | commenting body | comment | explanation and acceptance, general
comments first, then comments on articles in the draft's order, then the drafting team's own
changes; then "Nơi nhận" and the signer. What is said comes from engine.report_rows; this module
lays it out in templates/synthesis-report.docx (landscape A4, repeated header row).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.table import Table, _Cell
from pydantic import BaseModel, ConfigDict

from concord.engine.ooxml import qn
from concord.engine.report_rows import (
    CLASH_MARK,
    UNDECIDED,
    ReportAnswer,
    ReportInput,
    ReportRow,
    agency_extract,
    clash_partners,
    closing,
    draft_text,
    location,
    long_date,
    preamble,
    proposal,
    report_rows,
    subtitle,
)
from concord.engine.templates import (
    fill_placeholders,
    find_marker,
    open_template,
    replace_marker,
    to_bytes,
)

__all__ = [
    "CLASH_MARK",
    "UNDECIDED",
    "ReportAnswer",
    "ReportInput",
    "agency_extract",
    "build_synthesis_report",
    "clash_partners",
    "closing",
    "draft_text",
    "location",
    "preamble",
    "proposal",
    "report_rows",
]

CLASH_SHADING = "FFF2CC"
SECTION_SHADING = "F2F2F2"
# Left blank for the clerk who numbers the report when none is given.
BLANK_NUMBER = "Số:        /BC-"
DEFAULT_RECIPIENTS = ("- Lưu: VT, Ban soạn thảo.",)


class Signature(BaseModel):
    """Who issues and signs a report laid out in the synthesis report's template."""

    model_config = ConfigDict(frozen=True)

    issuer: str
    number: str = ""
    signer: str = ""
    signer_title: str = ""
    recipients: tuple[str, ...] = ()


def fill_report(
    doc: DocxDocument,
    signature: Signature,
    *,
    day: date,
    subtitle: str,
    preamble: Sequence[str],
    closing: str,
    rows: Sequence[ReportRow],
) -> None:
    """Lay out a report in the synthesis report's template (opened as `doc`): the heading, the
    paragraphs before and after the six-column table, its rows, "Nơi nhận" and the signer."""
    replace_marker(find_marker(doc, "preamble"), [(p, "Body Text", False) for p in preamble])
    replace_marker(find_marker(doc, "closing"), [(closing, "Body Text", False)])
    recipients = [(r, "Normal", False) for r in signature.recipients or DEFAULT_RECIPIENTS]
    replace_marker(find_marker(doc, "recipients"), recipients)
    issuer = signature.issuer.strip().upper()
    number = signature.number.strip()
    fill_placeholders(
        doc,
        {
            "issuer": issuer,
            "number": f"Số: {number}" if number else BLANK_NUMBER,
            "subtitle": subtitle,
            "place_date": "Hà Nội, " + long_date(day),
            "signer_title": (signature.signer_title.strip() or issuer).upper(),
            "signer": signature.signer.strip(),
        },
    )
    table = doc.tables[1]
    for row in rows:
        add_report_row(table, row)


def build_synthesis_report(data: ReportInput) -> bytes:
    doc = open_template("synthesis-report")
    signature = Signature(
        issuer=data.issuer,
        number=data.number,
        signer=data.signer,
        signer_title=data.signer_title,
        recipients=data.recipients,
    )
    fill_report(
        doc,
        signature,
        day=data.date,
        subtitle=subtitle(data),
        preamble=preamble(data),
        closing=closing(data),
        rows=report_rows(data),
    )
    title = "Bảng tổng hợp ý kiến"
    if data.extract_for:
        title += f" ({data.extract_for})"
    doc.core_properties.title = f"{title} - {data.draft_title}"
    return to_bytes(doc)


def add_report_row(table: Table, row: ReportRow) -> None:
    """One row of the six-column table (a section row spans it), shaded when it clashes."""
    cells = table.add_row().cells
    if row.section:
        merged = cells[0].merge(cells[-1])
        _write(merged, row.section, bold=True)
        _shade(merged, SECTION_SHADING)
        return
    _write(cells[0], row.number, center=True)
    _write(cells[1], row.location)
    _write(cells[2], row.draft_text)
    _write(cells[3], row.agency)
    _write(cells[4], row.comment)
    _write(cells[5], row.outcome, bold=True)
    for line in row.explanation:
        cells[5].add_paragraph(line)
    if row.clash:
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
