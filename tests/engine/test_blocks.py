from __future__ import annotations

from docx import Document

from concord.engine.blocks import extract_blocks, iter_block_paragraphs, paragraph_text
from tests.support.answers import body_paragraphs, circulated, dele, ins, run, set_content, to_bytes


def test_blocks_in_document_order_with_tables_and_header() -> None:
    blocks = extract_blocks(to_bytes(circulated()))
    body = [b for b in blocks if b.part == "body"]
    assert body[0].text == "NGHỊ QUYẾT về phát triển bền vững"
    cells = [b for b in body if b.kind == "cell"]
    assert [c.text for c in cells] == ["Chỉ tiêu", "Mục tiêu", "Tỷ lệ che phủ rừng", "42%"]
    assert (cells[3].table, cells[3].row, cells[3].col) == (1, 2, 2)
    assert body[-1].text == "Nghị quyết có hiệu lực từ ngày ký."
    assert [b.index for b in body] == list(range(len(body)))
    header = [b for b in blocks if b.part == "header"]
    assert [b.text for b in header] == ["Dự thảo lần 2"]


def test_tabs_breaks_nested_tables_and_iteration_agree() -> None:
    doc = Document()
    p = doc.add_paragraph("a")
    p.runs[0].add_tab()
    p.add_run("b").add_break()
    p.add_run("c")
    outer = doc.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "left"
    inner = outer.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "inner"
    doc.add_paragraph("after")
    blocks = [b for b in extract_blocks(to_bytes(doc)) if b.part == "body"]
    texts = [b.text for b in blocks]
    assert texts[0] == "a\tb\vc"
    assert texts.index("inner") > texts.index("left")
    assert texts[-1] == "after"
    # The merger's traversal yields exactly the blocks, in the same order.
    paragraphs = list(iter_block_paragraphs(doc.element.body))
    assert [paragraph_text(p) for p in paragraphs] == texts


def test_base_and_accept_views_of_tracked_text() -> None:
    doc = circulated()
    p = body_paragraphs(doc)[2]
    set_content(p, run("năm "), dele("2030", "X"), ins("2035", "X"))
    assert paragraph_text(p, "base") == "năm 2030"
    assert paragraph_text(p, "accept") == "năm 2035"
    blocks = extract_blocks(to_bytes(doc), view="accept")
    assert blocks[2].text == "năm 2035"


def _field(instruction: str, result: str) -> list[str]:
    return [
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run(result),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]


def test_field_instructions_are_not_text_results_of_typed_fields_are() -> None:
    doc = Document()
    p = doc.add_paragraph()
    set_content(p._p, run("See "), *_field(' HYPERLINK "https://example.org" ', "the site"))
    assert paragraph_text(p._p) == "See the site"


def test_computed_field_results_are_no_text() -> None:
    doc = Document()
    p = doc.add_paragraph()
    set_content(
        p._p,
        run("Page "),
        *_field(" PAGE \\* MERGEFORMAT ", "3"),
        run(" of "),
        '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>12</w:t></w:r></w:fldSimple>',
        run(", "),
        *_field(' DATE \\@ "d/M/yyyy" ', "1/3/2025"),
        run(", total "),
        *_field(" = 2 + 3 ", "5"),
    )
    assert paragraph_text(p._p) == "Page  of , , total "


def test_nested_fields_show_only_the_outer_result() -> None:
    doc = Document()
    p = doc.add_paragraph()
    # IF { PAGE } = 1 "first" "next": the nested PAGE result is an argument, never shown; the
    # IF result is typed text.
    set_content(
        p._p,
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>',
        *_field(" PAGE ", "1"),
        '<w:r><w:instrText xml:space="preserve"> = 1 "first" "next" </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run("first"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        run(" page"),
    )
    assert paragraph_text(p._p) == "first page"


def test_footer_labels_use_the_bodys_language() -> None:
    doc = circulated()
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = "1"
    blocks = extract_blocks(to_bytes(doc))
    assert [b.location for b in blocks if b.part == "footer"] == ["Chân trang"]
