"""The appraisal dossier's index ("Danh mục hồ sơ") as .docx, and what each document is called.

The index lists every document of the bundle (its path in the zip, what it is, its size and
SHA-256) and the audit digest taken when the bundle was made, so a reader can check a file by
hand (`sha256sum`) without Concord. Landscape A4: a SHA-256 is 64 characters.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.text.run import Run

from concord.engine.templates import to_bytes
from concord.models import DossierFile, DossierKind, DossierManifest

TITLE = "DANH MỤC HỒ SƠ THẨM ĐỊNH"
FONT = "Times New Roman"
HEADERS = ("STT", "Tài liệu", "Tệp trong hồ sơ", "Dung lượng", "SHA-256")
WIDTHS_CM = (1.2, 7.0, 8.1, 2.9, 6.5)  # 25.7 cm: landscape A4 less 2 cm margins

# What each kind of document is, in the words of a Vietnamese dossier; filled with `describe`.
DESCRIPTIONS: Mapping[DossierKind, str] = {
    "index": "Danh mục hồ sơ (văn bản này)",
    "draft": "Dự thảo lần {version} (bản Word)",
    "draft_pdf": "Dự thảo lần {version} (bản PDF)",
    "redline": "Bản so sánh dự thảo lần {old} với dự thảo lần {version} (theo dõi thay đổi)",
    "report": "Vòng {round}: Bản tổng hợp, giải trình, tiếp thu ý kiến (bản Word)",
    "report_pdf": "Vòng {round}: Bản tổng hợp, giải trình, tiếp thu ý kiến (bản PDF)",
    "report_xlsx": "Vòng {round}: Bảng tổng hợp ý kiến (bản Excel)",
    "answer": "Vòng {round}: văn bản góp ý của {agency}, như đã nhận ({filename})",
    "letter": "Vòng {round}: công văn trả lời của {agency}{reference}",
    "disputes": "Báo cáo những vấn đề còn ý kiến khác nhau",
    "audit_digest": "Mã nhật ký kiểm tra của Concord khi lập hồ sơ (audit digest)",
}


def describe(kind: DossierKind, **values: object) -> str:
    return DESCRIPTIONS[kind].format(**values)


def human_size(size: int) -> str:
    """Bytes with Vietnamese thousands separators: 12345 -> "12.345 byte"."""
    return f"{size:,}".replace(",", ".") + " byte"


def build_dossier_index(manifest: DossierManifest) -> bytes:
    """The index of `manifest.files` (the index itself is not among them: it cannot hold its
    own SHA-256)."""
    doc = Document()
    _page_and_font(doc)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = heading.add_run(TITLE)
    title.bold = True
    title.font.size = Pt(14)
    when = manifest.assembled_at.astimezone(UTC).strftime("%d/%m/%Y %H:%M UTC")
    for line in (
        f"Dự thảo: {manifest.draft_title} (mã {manifest.draft_id})",
        f"Hồ sơ của dự thảo lần {manifest.version}, lập lúc {when} bởi {manifest.assembled_by}.",
        f"Gồm {len(manifest.files)} tài liệu dưới đây, tệp manifest.json (danh mục để máy đọc) "
        "và văn bản này.",
    ):
        doc.add_paragraph(line)
    _files_table(doc, manifest.files)
    doc.add_paragraph().add_run("Xác thực hồ sơ").bold = True
    for line in (
        "SHA-256 của manifest.json được ghi vào nhật ký kiểm tra (audit) của Concord khi lập hồ "
        "sơ. Lệnh `concord dossier verify <tệp .zip>` đối chiếu từng tệp với manifest.json, "
        "manifest.json với nhật ký, và các tệp lấy từ kho lưu trữ với bản đang lưu.",
        "Mã nhật ký kiểm tra khi lập hồ sơ:",
    ):
        doc.add_paragraph(line)
    _mono(doc.add_paragraph().add_run(manifest.audit_digest))
    doc.core_properties.title = f"Danh mục hồ sơ - {manifest.draft_title}"
    return to_bytes(doc)


def _page_and_font(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)


def _files_table(doc: DocxDocument, files: Mapping[str, DossierFile]) -> None:
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for number, (path, entry) in enumerate(files.items(), start=1):
        cells = table.add_row().cells
        cells[0].text = str(number)
        cells[1].text = entry.description
        _mono(cells[2].paragraphs[0].add_run(path))
        cells[3].text = human_size(entry.size)
        _mono(cells[4].paragraphs[0].add_run(entry.sha256))
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    for column, width in zip(table.columns, WIDTHS_CM, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_CM, strict=True):
            cell.width = Cm(width)


def _mono(run: Run) -> None:
    run.font.name = "Courier New"
    run.font.size = Pt(8)
