from __future__ import annotations

from docx import Document
from lxml import etree

from engine.blocks import extract_blocks
from engine.ooxml import read_parts, serialize_xml, write_parts
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
