from __future__ import annotations

from pathlib import Path

from docx import Document
from lxml import etree

from concord.engine.blocks import extract_blocks
from concord.engine.ooxml import read_parts, serialize_xml, write_parts
from samples.make_samples import DRAFT_FILE
from tests.support.answers import circulated, to_bytes


def _labels(data: bytes) -> dict[str, str]:
    return {b.text: b.location for b in extract_blocks(data) if b.part == "body"}


def test_labels_use_the_documents_own_words() -> None:
    labels = _labels(to_bytes(circulated()))
    assert labels["Điều 1. Phạm vi điều chỉnh"] == "Điều 1"
    assert labels["1. Các bộ, ngành trung ương."] == "Điều 2, khoản 1"
    assert labels["b) Bộ Tư pháp phối hợp."] == "Điều 2, khoản 1, điểm b"
    assert labels["42%"] == "Điều 3, Bảng 1, hàng 2"
    assert labels["NGHỊ QUYẾT về phát triển bền vững"] == "đoạn 1"


def test_english_document_and_heading_levels() -> None:
    doc = Document()
    doc.add_paragraph("Chapter I", style="Heading 1")
    doc.add_paragraph("Article 1. Scope")
    doc.add_paragraph("1. This applies.")
    doc.add_paragraph("Article 2. Subjects")
    doc.add_paragraph("a) ministries")
    doc.add_paragraph("Chapter II", style="Heading 1")
    doc.add_paragraph("Annex", style="Heading 1")
    doc.add_paragraph("text in the annex")
    labels = _labels(to_bytes(doc))
    assert labels["Chapter I"] == "Chapter I"
    assert labels["1. This applies."] == "Article 1, clause 1"
    assert labels["a) ministries"] == "Article 2, point a"
    assert labels["text in the annex"] == "Annex"
    assert [b.is_heading for b in extract_blocks(to_bytes(doc))][:2] == [True, True]


def test_word_auto_numbering_gives_the_label() -> None:
    doc = Document()
    for title in ("Scope", "Subjects"):
        doc.add_paragraph(title, style="List Number")
        doc.add_paragraph("body text of " + title)
    parts = read_parts(to_bytes(doc))
    numbering = etree.fromstring(parts["word/numbering.xml"])
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    # The "List Number" style's level 0 text becomes "Article %1." as a drafter would set it.
    style_num = etree.fromstring(parts["word/styles.xml"]).find(
        f".//{w}style[@{w}styleId='ListNumber']/{w}pPr/{w}numPr/{w}numId"
    )
    num = numbering.find(f"{w}num[@{w}numId='{style_num.get(w + 'val')}']")
    abstract_id = num.find(f"{w}abstractNumId").get(w + "val")
    abstract = numbering.find(f"{w}abstractNum[@{w}abstractNumId='{abstract_id}']")
    abstract.find(f"{w}lvl[@{w}ilvl='0']/{w}lvlText").set(w + "val", "Article %1.")
    parts["word/numbering.xml"] = serialize_xml(numbering)
    labels = _labels(write_parts(parts))
    assert labels["Scope"] == "Article 1"
    assert labels["body text of Subjects"] == "Article 2"


NO_BORDERS = (
    '<w:tblBorders xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right"))
    + '<w:insideH w:val="none"/><w:insideV w:val="nil"/></w:tblBorders>'
)


def _table(doc: Document, rows: list[tuple[str, str]], *, borders: bool) -> None:
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = doc.styles["Table Grid"]  # borders from the style...
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if not borders:  # ...which the table's own w:tblBorders turn off
        table._tbl.tblPr.append(etree.fromstring(NO_BORDERS))


def test_layout_tables_in_the_head_and_at_the_end_are_not_numbered() -> None:
    doc = Document()
    _table(doc, [("CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")], borders=False)
    doc.add_paragraph("NGHỊ QUYẾT")
    doc.add_paragraph("Điều 1. Mục tiêu")
    _table(doc, [("Chỉ tiêu", "2030"), ("Tỷ lệ nữ", "30%")], borders=True)
    doc.add_paragraph("Điều 2. Hiệu lực")
    _table(doc, [("Năm", "Số"), ("2030", "12")], borders=False)  # borderless, mid-document
    doc.add_paragraph("Nghị quyết có hiệu lực từ ngày ký.")
    _table(doc, [("Nơi nhận:", "TM. CHÍNH PHỦ")], borders=False)
    doc.add_paragraph("")
    labels = _labels(to_bytes(doc))
    assert labels["CHÍNH PHỦ"] == labels["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] == "phần đầu văn bản"
    assert labels["Tỷ lệ nữ"] == "Điều 1, Bảng 1, hàng 2"
    assert labels["12"] == "Điều 2, Bảng 2, hàng 2"
    assert labels["Nơi nhận:"] == labels["TM. CHÍNH PHỦ"] == "phần cuối văn bản"


def test_a_bordered_table_before_the_articles_is_a_table() -> None:
    doc = Document()
    _table(doc, [("Summary", "Value")], borders=True)
    doc.add_paragraph("Article 1. Scope")
    doc.add_paragraph("Article 2. Subjects")
    assert _labels(to_bytes(doc))["Summary"] == "Table 1, row 1"


def test_every_label_of_the_sample_draft() -> None:
    draft = (Path(__file__).resolve().parents[2] / "samples" / DRAFT_FILE).read_bytes()
    blocks = extract_blocks(draft)
    labels = [(b.part, b.location) for b in blocks]
    body = [b for b in blocks if b.part == "body"]
    head = [b.text for b in body if b.location == "phần đầu văn bản"]
    assert head[0] == "CHÍNH PHỦ" and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head
    assert all(b.kind == "cell" for b in body if b.location == "phần đầu văn bản")
    cells = [b for b in body if b.kind == "cell" and b.location.startswith("Điều")]
    assert {b.location.split(", hàng")[0] for b in cells} == {"Điều 3, Bảng 1"}
    assert len(cells) == 15 and cells[-1].location == "Điều 3, Bảng 1, hàng 5"
    end = [b.text for b in body if b.location == "phần cuối văn bản"]
    assert end[0] == "Nơi nhận:" and end[-1] == "THỦ TƯỚNG"
    assert not any("Bảng 2" in loc or "Bảng 3" in loc for _, loc in labels)
    assert ("header", "Đầu trang") in labels and ("footer", "Chân trang") in labels
    articles = [b.location for b in body if b.text.startswith("Điều ")]
    assert articles == [f"Điều {n}" for n in range(1, 13)]
