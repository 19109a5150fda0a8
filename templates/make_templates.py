"""Build the .docx templates in this folder: `python templates/make_templates.py`.

The templates follow the layout of Vietnamese legal documents (Decree 30/2020/ND-CP): A4, Times
New Roman 14 pt, the issuing body and document number on the left of the heading, the national
name and motto on the right. `engine.templates` and `engine.report` fill their `{{placeholders}}`
(each placeholder sits alone in one run so a run-level replacement finds it).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from concord.engine.ooxml import qn, read_parts, write_parts  # noqa: E402

FONT = "Times New Roman"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PLACE_DATE = "Hà Nội, ngày      tháng      năm 20…"

# Column titles of the synthesis table, with widths (cm) that fill a landscape A4 line.
REPORT_COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 1.5),
    ("Điều, khoản", 2.9),
    ("Nội dung dự thảo", 6.0),
    ("Cơ quan góp ý", 3.4),
    ("Nội dung góp ý", 6.4),
    ("Giải trình, tiếp thu", 5.5),
)


def _set_font(rpr_owner, size: float) -> None:
    """Times New Roman for every script: without eastAsia/cs and with theme fonts left in place,
    Word shows Vietnamese diacritics in the theme font."""
    font = rpr_owner.font
    font.name = FONT
    font.size = Pt(size)
    rpr = rpr_owner.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)


def _styles(doc, size: float) -> None:
    normal = doc.styles["Normal"]
    _set_font(normal, size)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    for name in ("Header", "Footer", "Body Text"):
        _set_font(doc.styles[name], size)
    body = doc.styles["Body Text"].paragraph_format
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.first_line_indent = Cm(1)
    body.space_before = Pt(0)
    body.space_after = Pt(6)
    body.line_spacing = 1.15
    # Articles ("Điều 1. ...") are Heading 1 so they show in the navigation pane and outline.
    heading = doc.styles["Heading 1"]
    _set_font(heading, size)
    heading.font.bold = True
    heading.font.color.rgb = None
    fmt = heading.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(1)
    fmt.space_before = Pt(6)
    fmt.space_after = Pt(6)
    fmt.keep_with_next = True


def _page(doc, *, landscape: bool) -> None:
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(20)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    section.header_distance = section.footer_distance = Mm(10)


def _draft_mark_and_page_number(doc, *, draft_mark: bool) -> None:
    section = doc.sections[0]
    if draft_mark:
        mark = section.header.paragraphs[0]
        mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        mark.add_run("DỰ THẢO").bold = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)


def _line(
    container, text: str, *, bold=False, italic=False, size=None, align=WD_ALIGN_PARAGRAPH.CENTER
) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size is not None:
        run.font.size = Pt(size)
    return paragraph


def _no_borders(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _widths(table: Table, widths_cm: tuple[float, ...]) -> None:
    """Both the grid (LibreOffice reads it) and each cell's width (Word reads those)."""
    for col, width in zip(table.columns, widths_cm, strict=True):
        col.width = Cm(width)
        for cell in col.cells:
            cell.width = Cm(width)


def _heading_block(
    doc,
    *,
    left: tuple[str, ...],
    right_width: float,
    left_width: float,
    place_date: str = PLACE_DATE,
) -> None:
    """Issuer and number on the left, nation and motto on the right, as every legal text opens."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, (left_width, right_width))
    left_cell, right_cell = table.rows[0].cells
    left_cell.paragraphs[0].add_run(left[0]).bold = True
    left_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(left_cell, "-------")
    for text in left[1:]:
        _line(left_cell, text, size=13)
    right_cell.paragraphs[0].add_run(NATION).bold = True
    right_cell.paragraphs[0].runs[0].font.size = Pt(13)
    right_cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _line(right_cell, MOTTO, bold=True)
    _line(right_cell, "---------------")
    _line(right_cell, place_date, italic=True)


def _signature(doc, recipients: tuple[str, ...], signer: tuple[str, ...]) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (8.0, 8.0))
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    left.paragraphs[0].runs[0].italic = True
    left.paragraphs[0].runs[0].font.size = Pt(12)
    for recipient in recipients:
        _line(left, recipient, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    right.paragraphs[0].add_run(signer[0]).bold = True
    for text in signer[1:]:
        _line(right, text, bold=True)


def _new(size: float, *, landscape: bool, draft_mark: bool, title: str):
    doc = Document()
    _styles(doc, size)
    _page(doc, landscape=landscape)
    _draft_mark_and_page_number(doc, draft_mark=draft_mark)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "Concord", "Concord"
    props.comments, props.keywords, props.revision = "", "", 1
    return doc


def resolution():
    doc = _new(14, landscape=False, draft_mark=True, title="Nghị quyết")
    _heading_block(doc, left=("{{issuer}}", "Số:      /NQ-CP"), left_width=6.0, right_width=10.0)
    _line(doc, "NGHỊ QUYẾT", bold=True).paragraph_format.space_before = Pt(12)
    _line(doc, "{{title}}", bold=True)
    _line(doc, "_______", bold=True)
    _line(doc, "{{issuer}}", bold=True).paragraph_format.space_before = Pt(12)
    basis = doc.add_paragraph(style="Body Text")
    basis.add_run("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;").italic = True
    _line(doc, "QUYẾT NGHỊ:", bold=True).paragraph_format.space_after = Pt(6)
    doc.add_paragraph("{{articles}}", style="Body Text")
    _signature(
        doc,
        ("- Ban Bí thư Trung ương Đảng;", "- Các bộ, cơ quan ngang bộ;", "- Lưu: VT."),
        ("TM. {{issuer}}", "THỦ TƯỚNG"),
    )
    return doc


def directive():
    doc = _new(14, landscape=False, draft_mark=True, title="Chỉ thị")
    _heading_block(doc, left=("{{issuer}}", "Số:      /CT-TTg"), left_width=6.0, right_width=10.0)
    _line(doc, "CHỈ THỊ", bold=True).paragraph_format.space_before = Pt(12)
    _line(doc, "{{title}}", bold=True)
    _line(doc, "_______", bold=True).paragraph_format.space_after = Pt(6)
    doc.add_paragraph("{{articles}}", style="Body Text")
    _signature(
        doc,
        ("- Các bộ, cơ quan ngang bộ;", "- UBND các tỉnh, thành phố;", "- Lưu: VT."),
        ("THỦ TƯỚNG",),
    )
    return doc


def _no_wrap(cell) -> None:
    """A column title stays on one line ("STT", not "ST/T")."""
    cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))


def _fixed_layout(table: Table) -> None:
    """Column widths as given, not stretched by long cell text: the table fits the A4 line."""
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def _report_signature(doc) -> None:
    """ "Nơi nhận" on the left, the signer's title and name on the right (filled by the report)."""
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (11.0, 14.7))
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    left.paragraphs[0].runs[0].italic = True
    left.paragraphs[0].runs[0].font.size = Pt(12)
    left.add_paragraph("{{recipients}}")
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    right.paragraphs[0].add_run("{{signer_title}}").bold = True
    for _ in range(3):
        _line(right, "")
    _line(right, "{{signer}}", bold=True)


def synthesis_report():
    doc = _new(13, landscape=True, draft_mark=False, title="Bảng tổng hợp ý kiến")
    _heading_block(
        doc,
        left=("{{issuer}}", "{{number}}"),
        left_width=9.0,
        right_width=12.0,
        place_date="{{place_date}}",
    )
    _line(doc, "BẢNG TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN", bold=True, size=14)
    _line(doc, "{{subtitle}}", bold=True)
    _line(doc, "_______").paragraph_format.space_after = Pt(6)
    doc.add_paragraph("{{preamble}}", style="Body Text")
    table = doc.add_table(rows=1, cols=len(REPORT_COLUMNS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, tuple(width for _, width in REPORT_COLUMNS))
    _fixed_layout(table)
    header = table.rows[0]
    # Repeat the column titles on every page of a long table.
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, (title, _) in zip(header.cells, REPORT_COLUMNS, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].add_run(title).bold = True
        _no_wrap(cell)
    doc.add_paragraph("{{closing}}", style="Body Text").paragraph_format.space_before = Pt(12)
    _report_signature(doc)
    return doc


def save(doc, path: Path) -> None:
    """Save with fixed zip timestamps so regenerating an unchanged template gives the same
    bytes."""
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(write_parts(read_parts(buf.getvalue())))


def main() -> None:
    for name, build in (
        ("resolution", resolution),
        ("directive", directive),
        ("synthesis-report", synthesis_report),
    ):
        save(build(), HERE / f"{name}.docx")
        print(HERE / f"{name}.docx")


if __name__ == "__main__":
    main()
