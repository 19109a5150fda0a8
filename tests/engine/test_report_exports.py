"""The report's .docx, .xlsx and .pdf hold the same rows; an official can sign the .docx."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from concord.engine.pdf import ConversionUnavailable, docx_to_pdf
from concord.engine.report import ReportInput, agency_extract, build_synthesis_report
from concord.engine.report_rows import GENERAL, SPECIFIC, report_rows
from concord.engine.report_xlsx import HEADER_ROW, build_report_xlsx
from concord.models import ItemKind
from tests.engine.test_report import MND, MOFA, _item, sample_input
from tests.support.libreoffice import convert

SIGNED = {
    "number": "15/BC-BNV",
    "signer": "Nguyễn Văn An",
    "signer_title": "Thứ trưởng",
    "recipients": ("- Như trên;", "- Văn phòng Chính phủ;", "- Lưu: VT, PC."),
}


@pytest.fixture(scope="module")
def signed() -> ReportInput:
    data = sample_input()
    general = _item(
        MOFA,
        ItemKind.COMMENT,
        block=0,
        start=0,
        end=5,
        location="",
        anchor="NGHỊ",
        comment="Đề nghị rà soát thể thức văn bản.",
    )
    return data.model_copy(update={**SIGNED, "items": (*data.items, general)})


def _docx_rows(report: bytes) -> list[tuple[str, ...]]:
    table = docx.Document(io.BytesIO(report)).tables[1]
    return [tuple(c.text for c in row.cells) for row in table.rows[1:]]


def _xlsx_rows(book: bytes) -> list[tuple[str, ...]]:
    sheet = openpyxl.load_workbook(io.BytesIO(book)).active
    rows = sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    return [tuple(v or "" for v in row) for row in rows]


def test_general_comments_come_first_in_their_own_section(signed: ReportInput) -> None:
    rows = report_rows(signed)
    assert rows[0].section == GENERAL
    assert rows[1].comment.endswith("Đề nghị rà soát thể thức văn bản.")
    assert rows[1].location == "Chung"
    assert rows[2].section == SPECIFIC
    assert [r.number for r in rows if not r.section] == [str(n) for n in range(1, 8)]


def test_docx_and_xlsx_hold_the_same_rows(signed: ReportInput) -> None:
    in_docx = _docx_rows(build_synthesis_report(signed))
    in_xlsx = _xlsx_rows(build_report_xlsx(signed))
    # A section row is one merged cell: Word repeats its text, the sheet leaves the rest empty.
    assert [(r[0],) * 6 if not any(r[1:]) else r for r in in_xlsx] == in_docx
    assert len(in_docx) == 9


def test_the_signature_and_number(signed: ReportInput) -> None:
    document = docx.Document(io.BytesIO(build_synthesis_report(signed)))
    heading, _, signature = document.tables
    assert "Số: 15/BC-BNV" in heading.cell(0, 0).text
    assert signature.cell(0, 0).text.split("\n") == ["Nơi nhận:", *SIGNED["recipients"]]
    lines = [t for t in signature.cell(0, 1).text.split("\n") if t]
    assert lines == ["THỨ TRƯỞNG", "Nguyễn Văn An"]


def test_an_agency_extract_holds_its_rows_only(signed: ReportInput) -> None:
    extract = agency_extract(signed, MND)
    rows = [r for r in _docx_rows(build_synthesis_report(extract)) if len(set(r)) > 1]
    assert {r[3] for r in rows} == {f"{MND} (gửi sau thời hạn)"}
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(build_synthesis_report(extract))).paragraphs
    )
    assert f"phần ý kiến của {MND}" in text


def test_no_pdf_without_libreoffice(signed: ReportInput, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ConversionUnavailable, match="LibreOffice"):
        docx_to_pdf(build_synthesis_report(signed))


def _squash(text: str) -> str:
    """Letters and digits only: line breaks, and glyphs a PDF keeps as pictures, aside."""
    return re.sub(r"[\W_]+", "", text)


@pytest.mark.libreoffice
def test_libreoffice_reads_an_official_text_and_prints_the_same_rows(
    signed: ReportInput, tmp_path: Path
) -> None:
    report = build_synthesis_report(signed)
    src = tmp_path / "report.docx"
    src.write_bytes(report)
    with zipfile.ZipFile(convert(src, "odt", tmp_path / "odt")) as z:
        content = z.read("content.xml").decode()
    seen = re.sub(r"<[^>]+>", " ", content)
    assert "Công văn số 123/BNG-LPQT ngày 10/11/2026" in seen
    assert "Nguyễn Văn An" in seen and "THỨ TRƯỞNG" in seen
    assert "Nơi nhận:" in seen and "Văn phòng Chính phủ" in seen
    assert signed.round_id not in seen and "bng.docx" not in seen
    assert "dự thảo lần 1" in seen

    pdf = PdfReader(io.BytesIO(docx_to_pdf(report)))
    # Landscape A4; the column titles on one line ("STT", not "ST/T"), repeated on each page.
    assert [round(float(x)) for x in pdf.pages[0].mediabox[2:]] == [842, 595]
    assert len(pdf.pages) >= 2
    assert all("STT Điều, khoản" in page.extract_text() for page in pdf.pages)
    printed = _squash("".join(page.extract_text() for page in pdf.pages))
    for row in _docx_rows(report):
        for cell in row:
            first = _squash(cell.split("\n")[0])[:20]
            assert first in printed, (first, row)
