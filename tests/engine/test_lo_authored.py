"""A round whose answers LibreOffice itself authored, read and merged, judged by LibreOffice.

Seven agencies answer one Vietnamese draft: tracked and untracked edits made in Writer under the
agency's name, a table cell, a deleted paragraph, an edit two agencies make identically, a clash,
an answer with no change, and comments added to a file LibreOffice saved. One LibreOffice
session authors every answer; the merged file is judged by LibreOffice's own reading.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass

import docx
import pytest

from concord.engine.blocks import Block, extract_blocks
from concord.engine.merger import MergeResult, merge
from concord.engine.ooxml import read_parts
from concord.engine.reader import read_answer
from concord.models import Item, ItemKind
from tests.support.libreoffice import LoReading, lo_read, lo_resave
from tests.support.lo_author import (
    Authoring,
    DeleteParagraph,
    InsertParagraphAfter,
    Replace,
    ReplaceInCell,
    add_comments,
    author_answers,
    uno_available,
)

pytestmark = pytest.mark.libreoffice

DATE = "2026-01-15T09:30:00Z"
A = "Bộ Tư pháp"  # tracked replacement + new paragraph
B = "Bộ Công an"  # untracked edit
C = "Bộ Tài chính"  # tracked table cell + deleted paragraph
D = "Bộ Y tế"  # A's new paragraph, identically
E = "Bộ Kế hoạch và Đầu tư"  # replaces the words A replaced, differently: a clash
F = "Bộ Nội vụ"  # no change
G = "Bộ Ngoại giao"  # comments only
AGENCIES = (A, B, C, D, E, F, G)

NEW_PARAGRAPH = "Đơn vị sự nghiệp công lập."
COMMENT_TEXT = "Cần định nghĩa kinh tế số."
CELL_COMMENT = "Số liệu năm nào?"
CLAUSE_3 = "3. Hộ kinh doanh cá thể."


def _draft() -> bytes:
    doc = docx.Document()
    doc.add_heading("NGHỊ QUYẾT VỀ PHÁT TRIỂN KINH TẾ SỐ", level=1)
    doc.add_heading("Điều 1. Phạm vi điều chỉnh", level=2)
    doc.add_paragraph("Nghị quyết này quy định chính sách phát triển kinh tế số đến năm 2030.")
    doc.add_heading("Điều 2. Đối tượng áp dụng", level=2)
    doc.add_paragraph("1. Cơ quan nhà nước ở trung ương và địa phương.")
    doc.add_paragraph("2. Doanh nghiệp, tổ chức, cá nhân có liên quan.")
    doc.add_paragraph(CLAUSE_3)
    doc.add_heading("Điều 3. Chỉ tiêu chủ yếu", level=2)
    doc.add_paragraph("Các chỉ tiêu được nêu tại bảng sau.")
    rows = [
        ("Chỉ tiêu", "Mục tiêu"),
        ("Tỷ trọng kinh tế số trong GDP", "20%"),
        ("Tỷ lệ dịch vụ công trực tuyến", "80%"),
    ]
    table = doc.add_table(rows=len(rows), cols=2)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_heading("Điều 4. Tổ chức thực hiện", level=2)
    doc.add_paragraph("Ủy ban nhân dân các tỉnh chịu trách nhiệm thi hành Nghị quyết này.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@dataclass
class Answers:
    base: bytes
    blocks: list[Block]
    answers: dict[str, bytes]
    items: dict[str, list[Item]]


@dataclass
class Judged:
    result: MergeResult
    merged: LoReading


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Answers:
    if not uno_available() and not os.environ.get("CONCORD_REQUIRE_LIBREOFFICE"):
        pytest.skip("python3-uno is not installed: LibreOffice cannot be driven")
    base = _draft()
    jobs = {
        A: ([Replace("2030", "2035"), InsertParagraphAfter("1. Cơ quan", NEW_PARAGRAPH)], True),
        B: ([Replace("chịu trách nhiệm thi hành", "tổ chức thi hành")], False),
        C: ([ReplaceInCell(0, "B2", "20", "30"), DeleteParagraph(CLAUSE_3)], True),
        D: ([InsertParagraphAfter("1. Cơ quan", NEW_PARAGRAPH)], True),
        E: ([Replace("2030", "2040")], True),
        F: ([], False),
    }
    authored = author_answers(
        [Authoring(base, edits, agency, track) for agency, (edits, track) in jobs.items()],
        tmp_path_factory.mktemp("lo-author"),
    )
    answers = dict(zip(jobs, authored, strict=True))
    # G comments on the copy LibreOffice saved, then LibreOffice saves it once more.
    commented = add_comments(
        answers[F],
        [("kinh tế số", COMMENT_TEXT), ("Tỷ lệ dịch vụ công trực tuyến", CELL_COMMENT)],
        author=G,
    )
    answers[G] = lo_resave(commented, tmp_path_factory.mktemp("lo-resave"))
    items = {agency: read_answer(answers[agency], base, agency) for agency in AGENCIES}
    blocks = [b for b in extract_blocks(base) if b.part == "body"]
    return Answers(base, blocks, answers, items)


@pytest.fixture(scope="module")
def judged(answers: Answers, tmp_path_factory: pytest.TempPathFactory) -> Judged:
    every = [item for agency in AGENCIES for item in answers.items[agency]]
    result = merge(answers.base, every, date=DATE)
    return Judged(result, lo_read(result.docx, tmp_path_factory.mktemp("lo-judge")))


def _key(item: Item) -> tuple:
    return (
        item.kind,
        item.old,
        item.new,
        item.tracked,
        item.block,
        item.start,
        item.end_block,
        item.end,
        item.author,
        item.location,
    )


def _at(blocks: list[Block], block: int, words: str) -> int:
    at = blocks[block].text.find(words)
    assert at >= 0, f"{words!r} not in block {block}"
    return at


def _edited(blocks: list[Block], item: Item) -> str:
    """The block's text with the (one-block) item applied."""
    assert item.end_block is None
    text = blocks[item.block].text
    assert text[item.start : item.end] == item.old
    return text[: item.start] + item.new + text[item.end :]


# -- reading: each answer as LibreOffice wrote it ---------------------------------------------


def test_answers_are_written_by_libreoffice(answers: Answers) -> None:
    for agency in AGENCIES:
        parts = read_parts(answers.answers[agency])
        assert b"<Application>LibreOffice" in parts["docProps/app.xml"], agency
    # Tracked changes carry the agency as LibreOffice's user; untracked answers carry none.
    for agency, tracked in ((A, True), (B, False), (C, True), (D, True), (E, True), (F, False)):
        document = read_parts(answers.answers[agency])["word/document.xml"].decode()
        assert (f'w:author="{agency}"' in document) is tracked, agency
        assert ("w:author=" in document) is tracked, agency


def test_tracked_replacement_and_new_paragraph(answers: Answers) -> None:
    blocks = answers.blocks
    year = _at(blocks, 2, "2030")
    clause_1 = len(blocks[4].text)
    assert [_key(i) for i in answers.items[A]] == [
        (ItemKind.REPLACE, "2030", "2035", True, 2, year, None, year + 4, A, "Điều 1"),
        (
            ItemKind.INSERT,
            "",
            "\n" + NEW_PARAGRAPH,
            True,
            4,
            clause_1,
            None,
            clause_1,
            A,
            "Điều 2, khoản 1",
        ),
    ]


def test_untracked_edit(answers: Answers) -> None:
    (item,) = answers.items[B]
    assert (item.kind, item.tracked, item.block, item.location) == (
        ItemKind.REPLACE,
        False,
        16,
        "Điều 4",
    )
    assert _edited(answers.blocks, item) == (
        "Ủy ban nhân dân các tỉnh tổ chức thi hành Nghị quyết này."
    )


def test_table_cell_and_deleted_paragraph(answers: Answers) -> None:
    assert [_key(i) for i in answers.items[C]] == [
        (ItemKind.DELETE, CLAUSE_3 + "\n", "", True, 6, 0, 7, 0, C, "Điều 2, khoản 3"),
        (ItemKind.REPLACE, "20", "30", True, 12, 0, None, 2, C, "Điều 3, Bảng 1, hàng 2"),
    ]


def test_identical_and_clashing_answers_read_as_the_same_places(answers: Answers) -> None:
    (same,) = answers.items[D]
    (other,) = answers.items[E]
    inserted = answers.items[A][1]
    replaced = answers.items[A][0]
    assert (same.kind, same.block, same.start, same.end, same.new, same.author) == (
        inserted.kind,
        inserted.block,
        inserted.start,
        inserted.end,
        inserted.new,
        D,
    )
    assert (other.kind, other.block, other.start, other.end, other.old, other.new) == (
        ItemKind.REPLACE,
        replaced.block,
        replaced.start,
        replaced.end,
        "2030",
        "2040",
    )
    assert other.author == E


def test_unchanged_answer_has_no_items(answers: Answers) -> None:
    assert answers.items[F] == []


def test_comments_added_to_a_libreoffice_file(answers: Answers) -> None:
    blocks = answers.blocks
    words = _at(blocks, 2, "kinh tế số")
    got = [
        (i.kind, i.comment, i.author, i.anchor, i.block, i.start, i.end) for i in answers.items[G]
    ]
    assert got == [
        (ItemKind.COMMENT, COMMENT_TEXT, G, "kinh tế số", 2, words, words + len("kinh tế số")),
        (
            ItemKind.COMMENT,
            CELL_COMMENT,
            G,
            "Tỷ lệ dịch vụ công trực tuyến",
            13,
            0,
            len(blocks[13].text),
        ),
    ]


# -- merging: the merged file as LibreOffice reads it -----------------------------------------


def _changes(reading: LoReading, author: str) -> set[tuple[str, str]]:
    return {(c.kind, c.text) for c in reading.by_author(author)}


def test_each_agency_changes_under_its_name(answers: Answers, judged: Judged) -> None:
    merged = judged.merged
    (untracked,) = answers.items[B]
    assert _changes(merged, B) == {("deletion", untracked.old), ("insertion", untracked.new)}
    assert _changes(merged, C) == {
        ("deletion", CLAUSE_3 + "\n"),
        ("deletion", "20"),
        ("insertion", "30"),
    }
    assert ("insertion", "2035") in _changes(merged, A)
    assert ("insertion", "2040") in _changes(merged, E)
    # The clashing words are deleted once, on behalf of one of the two agencies.
    deleted_year = [c for c in merged.changes if (c.kind, c.text) == ("deletion", "2030")]
    assert [c.author for c in deleted_year] in ([A], [E])
    assert {c.author for c in merged.changes} <= {A, B, C, D, E}


def test_identical_edit_appears_once(judged: Judged) -> None:
    merged = judged.merged
    twice = [c for c in merged.changes if c.text == "\n" + NEW_PARAGRAPH]
    assert len(twice) == 1 and twice[0].kind == "insertion" and twice[0].author in (A, D)
    assert merged.accept_all.count(NEW_PARAGRAPH) == 1
    same = [
        a
        for a in merged.annotations
        if a.author == "Concord" and a.text.startswith("Trùng nội dung: cùng đề nghị sửa của ")
    ]
    assert len(same) == 1 and A in same[0].text and D in same[0].text


def test_clash_reported_with_both_agencies(answers: Answers, judged: Judged) -> None:
    year = _at(answers.blocks, 2, "2030")
    (clash,) = judged.result.clashes
    assert (clash.block, clash.start, clash.end, clash.anchor) == (2, year, year + 4, "2030")
    assert clash.agencies == tuple(sorted((A, E)))
    assert dict(zip(clash.agencies, clash.texts, strict=True)) == {A: "2035", E: "2040"}
    ids = {answers.items[A][0].id, answers.items[E][0].id}
    assert set(clash.item_ids) == ids
    flagged = [
        a
        for a in judged.merged.annotations
        if a.author == "Concord"
        and a.text.startswith("Đề nghị khác nhau (2 cơ quan) về cùng nội dung:")
    ]
    assert len(flagged) == 1 and A in flagged[0].text and E in flagged[0].text


def test_comments_under_their_agency(judged: Judged) -> None:
    mine = sorted(a.text for a in judged.merged.annotations if a.author == G)
    assert mine == sorted([COMMENT_TEXT, CELL_COMMENT])
    assert {a.author for a in judged.merged.annotations} == {G, "Concord"}


def _sub(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} is not once in the circulated text"
    return text.replace(old, new)


def test_reject_all_is_the_circulated_text_and_accept_all_has_every_edit(
    answers: Answers, judged: Judged
) -> None:
    # LibreOffice reads every paragraph, table cells included, as its text and a newline.
    circulated = "".join(b.text + "\n" for b in answers.blocks)
    assert judged.merged.reject_all == circulated
    expected = circulated
    # Clashing versions follow the deleted words in agency-name order.
    versions = "".join(v for _, v in sorted({A: "2035", E: "2040"}.items()))
    expected = _sub(expected, "năm 2030.", f"năm {versions}.")
    expected = _sub(expected, "địa phương.\n", f"địa phương.\n{NEW_PARAGRAPH}\n")
    expected = _sub(expected, CLAUSE_3 + "\n", "")
    expected = _sub(expected, "\n20%\n", "\n30%\n")
    expected = _sub(expected, "chịu trách nhiệm thi hành", "tổ chức thi hành")
    assert judged.merged.accept_all == expected
