"""New drafts from the templates: Vietnamese legal layout, articles, page setup."""

from __future__ import annotations

import io

import docx
import pytest

from concord.engine.blocks import extract_blocks
from concord.engine.templates import TemplateError, new_draft, template_path

ARTICLES = (
    ("Phạm vi điều chỉnh", ("1. Nghị quyết này quy định ...", "a) Điểm một;", "b) Điểm hai.")),
    ("Hiệu lực thi hành", ("Nghị quyết này có hiệu lực kể từ ngày ký.",)),
)


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_resolution_has_the_legal_heading_and_numbered_articles() -> None:
    doc = _open(new_draft("resolution", "Về thử nghiệm", issuer="Chính phủ", articles=ARTICLES))
    heading = doc.tables[0]
    assert heading.cell(0, 0).text.startswith("CHÍNH PHỦ")
    assert "/NQ-CP" in heading.cell(0, 0).text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading.cell(0, 1).text
    assert "Độc lập - Tự do - Hạnh phúc" in heading.cell(0, 1).text
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == ["NGHỊ QUYẾT", "Về thử nghiệm"]
    assert "QUYẾT NGHỊ:" in texts
    articles = [(p.style.name, p.text) for p in doc.paragraphs if p.text.startswith("Điều")]
    assert articles == [
        ("Heading 1", "Điều 1. Phạm vi điều chỉnh"),
        ("Heading 1", "Điều 2. Hiệu lực thi hành"),
    ]
    first = texts.index("Điều 1. Phạm vi điều chỉnh")
    assert texts[first + 1 : first + 4] == [
        "1. Nghị quyết này quy định ...",
        "a) Điểm một;",
        "b) Điểm hai.",
    ]
    assert "TM. CHÍNH PHỦ" in doc.tables[-1].cell(0, 1).text
    assert not any("{{" in b.text for b in extract_blocks(_docx_bytes(doc)))


def _docx_bytes(doc: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_directive_numbers_sections_without_articles() -> None:
    doc = _open(
        new_draft("directive", "Về tăng cường", issuer="Thủ tướng Chính phủ", articles=ARTICLES)
    )
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "CHỈ THỊ"
    assert "1. Phạm vi điều chỉnh" in texts and "2. Hiệu lực thi hành" in texts
    assert "/CT-TTg" in doc.tables[0].cell(0, 0).text
    assert doc.tables[0].cell(0, 0).text.startswith("THỦ TƯỚNG CHÍNH PHỦ")


def test_page_setup_font_and_draft_mark() -> None:
    doc = _open(new_draft("resolution", "Về thử nghiệm", issuer="Chính phủ"))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30
    normal = doc.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 14)
    assert section.header.paragraphs[0].text == "DỰ THẢO"
    assert section.footer._element.xpath(".//w:fldSimple[contains(@w:instr, 'PAGE')]")


def test_same_inputs_same_bytes() -> None:
    args = ("resolution", "Về thử nghiệm")
    assert new_draft(*args, issuer="Chính phủ", articles=ARTICLES) == new_draft(
        *args, issuer="Chính phủ", articles=ARTICLES
    )


def test_bad_requests_are_refused() -> None:
    with pytest.raises(TemplateError):
        new_draft("decree", "Về thử nghiệm", issuer="Chính phủ")  # type: ignore[arg-type]
    with pytest.raises(TemplateError):
        new_draft("resolution", "  ", issuer="Chính phủ")
    with pytest.raises(TemplateError):
        template_path("missing")
    assert template_path("synthesis-report").name == "synthesis-report.docx"
