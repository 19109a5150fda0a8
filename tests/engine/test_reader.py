"""read_answer on answers built by hand: one kind of change per test, located in the circulated
version (block indexes from tests.support.answers.circulated)."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocxDocument

from concord.engine.blocks import (
    extract_blocks,
    iter_block_paragraphs,
    paragraph_text,
    part_containers,
    plain_text,
    unplain_paragraphs,
)
from concord.engine.merger import merge
from concord.engine.ooxml import read_parts
from concord.engine.reader import PreparedBase, prepare_base, read_answer
from concord.models import Item, ItemKind
from tests.support.answers import (
    add_reply,
    body_paragraphs,
    circulated,
    dele,
    formatted,
    ins,
    move_from,
    move_to,
    run,
    set_content,
    to_bytes,
)

BASE = to_bytes(circulated())
AG = "Bộ Tài chính"
WHO = "Nguyễn Văn A"


def _read(doc: DocxDocument) -> list[Item]:
    return read_answer(to_bytes(doc), BASE, AG)


def _edit(index: int, *fragments: str, mark: str = "") -> list[Item]:
    doc = circulated()
    set_content(body_paragraphs(doc)[index], *fragments, mark=mark)
    return _read(doc)


def test_unchanged_answer_gives_nothing() -> None:
    assert read_answer(BASE, BASE, AG) == []


def test_tracked_replace() -> None:
    (item,) = _edit(
        2, run("Nghị quyết này quy định chính sách phát triển năm "), dele("2030", WHO),
        ins("2035", WHO), run("."),
    )  # fmt: skip
    assert (item.kind, item.old, item.new, item.tracked) == (ItemKind.REPLACE, "2030", "2035", True)
    assert (item.agency, item.author, item.date) == (AG, WHO, "2025-03-01T09:00:00Z")
    assert (item.block, item.start, item.end, item.anchor) == (2, 50, 54, "2030")
    assert item.location == "Điều 1"


def test_tracked_insert_and_delete() -> None:
    (item,) = _edit(4, run("1. Các bộ, "), ins("cơ quan, ", WHO), run("ngành trung ương."))
    assert (item.kind, item.new, item.block, item.start, item.end) == (
        ItemKind.INSERT, "cơ quan, ", 4, 11, 11,
    )  # fmt: skip
    assert item.location == "Điều 2, khoản 1"
    (item,) = _edit(4, run("1. Các bộ, "), dele("ngành ", WHO), run("trung ương."))
    assert (item.kind, item.old, item.start, item.end, item.anchor) == (
        ItemKind.DELETE, "ngành ", 11, 17, "ngành ",
    )  # fmt: skip


def test_deleted_and_inserted_paragraphs() -> None:
    (item,) = _edit(6, dele("b) Bộ Tư pháp phối hợp.", WHO), mark=f"del:{WHO}")
    assert (item.kind, item.old) == (ItemKind.DELETE, "b) Bộ Tư pháp phối hợp.\n")
    assert (item.block, item.start, item.end_block, item.end) == (6, 0, 7, 0)
    assert item.location == "Điều 2, khoản 1, điểm b"
    doc = circulated()
    paragraphs = body_paragraphs(doc)
    new = doc.add_paragraph()._p
    paragraphs[9].addnext(new)
    set_content(new, ins("3. Tiết kiệm, hiệu quả.", WHO), mark=f"ins:{WHO}")
    (item,) = _read(doc)
    assert (item.kind, item.new, item.tracked) == (
        ItemKind.INSERT,
        "\n3. Tiết kiệm, hiệu quả.",
        True,
    )
    assert (item.block, item.start, item.end) == (9, 24, 24)


def test_table_cell_change() -> None:
    doc = circulated()
    set_content(
        doc.tables[0].cell(1, 1).paragraphs[0]._p, dele("42", WHO), ins("45", WHO), run("%")
    )
    (item,) = _read(doc)
    assert (item.kind, item.old, item.new, item.block, item.start, item.end) == (
        ItemKind.REPLACE, "42", "45", 13, 0, 2,
    )  # fmt: skip
    assert item.location == "Điều 3, Bảng 1, hàng 2"


def test_comment_with_reply_and_resolved() -> None:
    doc = circulated()
    paragraph = doc.paragraphs[8]  # "1. Bảo đảm bình đẳng giới."
    paragraph.clear()
    paragraph.add_run("1. Bảo đảm ")
    anchored = paragraph.add_run("bình đẳng giới")
    paragraph.add_run(".")
    doc.add_comment(anchored, text="Bổ sung chỉ tiêu cụ thể", author=WHO)
    answer = add_reply(to_bytes(doc), "0", "Trần Thị B", "Đồng ý bổ sung", done=True)
    (item,) = read_answer(answer, BASE, AG)
    assert (item.kind, item.comment, item.author) == (
        ItemKind.COMMENT,
        "Bổ sung chỉ tiêu cụ thể",
        WHO,
    )
    assert (item.block, item.start, item.end, item.anchor) == (8, 11, 25, "bình đẳng giới")
    assert item.resolved is True
    assert [(r.author, r.text) for r in item.replies] == [("Trần Thị B", "Đồng ý bổ sung")]


def test_untracked_edits() -> None:
    doc = circulated()
    doc.paragraphs[2].text = "Nghị quyết này quy định chính sách phát triển xanh năm 2035."
    doc.paragraphs[9].text = ""  # "2. Công khai, minh bạch." emptied: a whitespace-only block
    items = _read(doc)
    kinds = [(i.kind, i.old, i.new, i.block, i.tracked) for i in items]
    assert (ItemKind.INSERT, "", "xanh ", 2, False) in kinds
    assert (ItemKind.REPLACE, "2030", "2035", 2, False) in kinds
    assert (ItemKind.DELETE, "2. Công khai, minh bạch.", "", 9, False) in kinds


def test_move() -> None:
    doc = circulated()
    paragraphs = body_paragraphs(doc)
    set_content(paragraphs[4], run("1. Các bộ, ngành trung ương."), move_from(" Ưu tiên.", WHO))
    set_content(paragraphs[9], run("2. Công khai, minh bạch."), move_to(" Ưu tiên.", WHO))
    answer = circulated()
    # The circulated text has " Ưu tiên." at the end of block 4.
    set_content(body_paragraphs(answer)[4], run("1. Các bộ, ngành trung ương. Ưu tiên."))
    base = to_bytes(answer)
    (item,) = read_answer(to_bytes(doc), base, AG)
    assert (item.kind, item.old, item.new) == (ItemKind.MOVE, " Ưu tiên.", " Ưu tiên.")
    assert (item.block, item.start, item.end) == (4, 28, 37)
    assert (item.to_block, item.to_offset) == (9, 24)


def test_format_change() -> None:
    (item,) = _edit(8, run("1. Bảo đảm "), formatted("bình đẳng giới", WHO), run("."))
    assert (item.kind, item.detail, item.author) == (ItemKind.FORMAT, "bold added", WHO)
    assert (item.block, item.start, item.end, item.anchor) == (8, 11, 25, "bình đẳng giới")


def test_header_change() -> None:
    doc = circulated()
    set_content(
        doc.sections[0].header.paragraphs[0]._p, run("Dự thảo lần "), dele("2", WHO), ins("3", WHO)
    )
    (item,) = _read(doc)
    assert (item.part, item.kind, item.old, item.new) == ("header", ItemKind.REPLACE, "2", "3")
    assert (item.block, item.start, item.location) == (0, 12, "Đầu trang")


def test_output_is_sorted_and_deterministic() -> None:
    doc = circulated()
    paragraphs = body_paragraphs(doc)
    set_content(paragraphs[8], run("1. Bảo đảm "), ins("thực chất ", WHO), run("bình đẳng giới."))
    set_content(
        paragraphs[2], dele("Nghị quyết này", WHO), run(" quy định chính sách phát triển năm 2030.")
    )
    answer = to_bytes(doc)
    first = read_answer(answer, BASE, AG)
    assert [i.block for i in first] == [2, 8]
    assert [i.id for i in read_answer(answer, BASE, AG)] == [i.id for i in first]


def _field(instruction: str, result: str) -> list[str]:
    return [
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run(result),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]


ACT = "Nghị quyết này quy định chính sách phát triển năm "


def _with_fields(page: str, pages: str, day: str, *tail: str) -> DocxDocument:
    """The circulated draft with "Trang {PAGE}/{NUMPAGES}" in the footer and "Ngày {DATE}: "
    opening block 2; `tail` replaces block 2's text after the date ("2030." by default)."""
    doc = circulated()
    footer = doc.sections[0].footer.paragraphs[0]._p
    set_content(footer, run("Trang "), *_field("PAGE", page), run("/"), *_field("NUMPAGES", pages))
    body = body_paragraphs(doc)[2]
    set_content(body, run("Ngày "), *_field(r'DATE \@ "dd/MM/yyyy"', day), run(": "),
                run(ACT), *(tail or (run("2030."),)))  # fmt: skip
    return doc


def test_recomputed_field_results_are_no_edit() -> None:
    base = to_bytes(_with_fields("1", "4", "01/03/2025"))
    answer = to_bytes(_with_fields("3", "5", "15/04/2025"))
    assert read_answer(answer, base, AG) == []


def test_edits_around_computed_fields_keep_their_offsets() -> None:
    base = to_bytes(_with_fields("1", "4", "01/03/2025"))
    edited = _with_fields("3", "5", "15/04/2025", dele("2030", WHO), ins("2035", WHO), run("."))
    set_content(
        edited.sections[0].footer.paragraphs[0]._p,
        run("Trang số "), *_field("PAGE", "7"), run("/"), *_field("NUMPAGES", "5"),
    )  # fmt: skip
    found = read_answer(to_bytes(edited), base, AG)
    text = next(b.text for b in extract_blocks(base) if b.part == "body" and b.index == 2)
    assert text == "Ngày : " + ACT + "2030."
    body = next(i for i in found if i.part == "body")
    footer = next(i for i in found if i.part == "footer")
    assert len(found) == 2
    assert (body.kind, body.old, body.new, body.start) == (
        ItemKind.REPLACE, "2030", "2035", text.index("2030"),
    )  # fmt: skip
    assert (footer.kind, footer.new, footer.start, footer.end) == (ItemKind.INSERT, "số ", 6, 6)
    # The merger counts the same text: the edit lands on "2030", the date field stays whole.
    merged = merge(base, found, date="2025-04-01T00:00:00Z").docx
    accepted = extract_blocks(merged, view="accept")
    assert [b.text for b in accepted if b.part == "body"][2] == "Ngày : " + ACT + "2035."
    document = read_parts(merged)["word/document.xml"].decode()
    assert "DATE" in document and "01/03/2025" in document


SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_a_prepared_base_reads_every_answer_as_the_bytes_do() -> None:
    prepared = prepare_base(BASE)
    assert isinstance(prepared, PreparedBase)
    assert prepare_base(bytes(BASE)) is prepared  # cached by content, not by object
    doc = circulated()
    set_content(
        body_paragraphs(doc)[2], run("Nghị quyết này quy định chính sách phát triển năm "),
        dele("2030", WHO), ins("2035", WHO), run("."),
    )  # fmt: skip
    doc.paragraphs[4].text = "1. Các bộ, ngành trung ương và địa phương."
    answer = to_bytes(doc)
    items = read_answer(answer, prepared, AG)
    assert [(i.kind, i.tracked) for i in items] == [
        (ItemKind.REPLACE, True), (ItemKind.INSERT, False),
    ]  # fmt: skip
    assert items == read_answer(answer, BASE, AG)


def test_plain_paragraphs_read_as_the_walk_reads_them() -> None:
    """The shortcut for plain paragraphs gives the walk's text, and is taken for most of a
    real draft and answer (fields, tabs, hyperlinks, tracked changes left to the walk)."""
    for name in ("draft-women-integration.docx", "answer-bo-ngoai-giao.docx"):
        plain = walked = 0
        for containers in part_containers(read_parts((SAMPLES / name).read_bytes())).values():
            for container in containers:
                unplain = unplain_paragraphs(container)
                for p in iter_block_paragraphs(container):
                    text = plain_text(p, unplain)
                    if text is None:
                        walked += 1
                        continue
                    plain += 1
                    assert text == paragraph_text(p, "base") == paragraph_text(p, "accept")
        assert plain > walked > 0, name


def test_a_tracked_change_of_typography_alone_is_no_item() -> None:
    doc = circulated()
    base = to_bytes(doc)
    p = body_paragraphs(doc)[1]
    set_content(p, run("Điều 1."), dele(" ", "X"), ins("\u00a0", "X"), run("Phạm vi điều chỉnh"))
    assert read_answer(to_bytes(doc), base, "X") == []
    set_content(p, run("Điều 1. Phạm vi "), dele("điều", "X"), ins("“điều”", "X"), run(" chỉnh"))
    (item,) = read_answer(to_bytes(doc), base, "X")
    assert (item.old, item.new) == ("điều", "“điều”")  # quotes added: a real edit
