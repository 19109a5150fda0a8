"""Merge fidelity for what real answers contain (issue 13), judged by LibreOffice.

Answers are authored by LibreOffice itself where it can (tracked and untracked edits over UNO),
or written as Word writes them where it cannot; the merged file is read back by LibreOffice:
every change under its agency, Accept All the expected text, Reject All the circulated text.
"""

from __future__ import annotations

import copy
import io
import os
import unicodedata

import docx
import pytest
from lxml import etree

from concord.engine.blocks import extract_blocks
from concord.engine.errors import RetypedDocument
from concord.engine.matching import check_answers_base
from concord.engine.merger import merge
from concord.engine.ooxml import NS, parse_xml, read_parts, serialize_xml, write_parts
from concord.engine.reader import read_answer
from concord.models import CirculationStamp, ItemKind
from tests.support.answers import (
    body_paragraphs,
    ins,
    move_from,
    move_to,
    run,
    set_content,
    to_bytes,
)
from tests.support.libreoffice import lo_read
from tests.support.lo_author import (
    Authoring,
    DeleteRow,
    Replace,
    ReplaceInCell,
    add_comments,
    author_answers,
    lo_accept_reject,
    uno_available,
)

pytestmark = pytest.mark.libreoffice

DATE = "2026-02-01T08:00:00Z"
TRACKER = "Bộ Tư pháp"
TYPIST = "Bộ Công an"
DECOMPOSED = "Bộ Tài chính"
PLANNER = "Bộ Kế hoạch và Đầu tư"
W = NS["w"]
QUOTED = 'Chương trình "Chuyển đổi số quốc gia" giai đoạn 2021-2030 được bảo đảm kinh phí.'
RETYPED = "Chương trình “Chuyển đổi số quốc gia” giai đoạn 2021–2030 được bố trí đủ kinh phí."
PARAS = [
    "Điều 1. Phạm vi điều chỉnh",
    "Nghị quyết này quy định chính sách phát triển kinh tế số đến năm 2030.",
    "Điều 2. Kinh phí",
    QUOTED,
    "Điều 3. Tổ chức thực hiện",
    "Ủy ban nhân dân các tỉnh chịu trách nhiệm thi hành Nghị quyết này.",
]


def _draft() -> bytes:
    doc = docx.Document()
    for text in PARAS:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def decomposed(answer: bytes) -> bytes:
    """The same file with every text part saved decomposed (NFD), as Mac and web editors do."""
    parts = read_parts(answer)
    for name in list(parts):
        if name.startswith("word/") and name.endswith(".xml"):
            text = parts[name].decode("utf-8")
            parts[name] = unicodedata.normalize("NFD", text).encode("utf-8")
    return write_parts(parts)


def _circulated(base: bytes) -> str:
    return "".join(b.text + "\n" for b in extract_blocks(base) if b.part == "body")


@pytest.fixture(scope="module")
def round_(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    if not uno_available() and not os.environ.get("CONCORD_REQUIRE_LIBREOFFICE"):
        pytest.skip("python3-uno is not installed: LibreOffice cannot be driven")
    base = _draft()
    jobs = {
        TRACKER: ([Replace("chịu trách nhiệm thi hành", "tổ chức thi hành")], True),
        # Re-typed with curly quotes and an en dash, one real edit inside: not tracked.
        TYPIST: ([Replace(QUOTED, RETYPED)], False),
        DECOMPOSED: ([Replace("năm 2030", "năm 2035")], True),
    }
    made = author_answers(
        [Authoring(base, edits, agency, track) for agency, (edits, track) in jobs.items()],
        tmp_path_factory.mktemp("lo-author"),
    )
    answers = dict(zip(jobs, made, strict=True))
    answers[DECOMPOSED] = decomposed(answers[DECOMPOSED])
    return {"base": base, **answers}


# -- 1: decomposed Unicode -----------------------------------------------------------------


def test_a_decomposed_copy_has_no_items() -> None:
    base = _draft()
    assert read_answer(decomposed(base), base, DECOMPOSED) == []


def test_a_decomposed_copy_passes_the_word_check() -> None:
    base = _draft()
    stamp = CirculationStamp(draft_id="d1", version=1)
    check_answers_base(decomposed(base), base, stamp)  # no WrongDocument: 100% shared


def test_a_decomposed_answer_reads_as_its_one_edit(round_: dict[str, bytes]) -> None:
    (item,) = read_answer(round_[DECOMPOSED], round_["base"], DECOMPOSED)
    assert (item.kind, item.old, item.new, item.author) == (
        ItemKind.REPLACE,
        "năm 2030",
        "năm 2035",
        DECOMPOSED,
    )
    assert unicodedata.is_normalized("NFC", item.anchor)


def test_a_retyped_file_is_refused_with_a_clear_code() -> None:
    base = _draft()
    doc = docx.Document()
    for n in range(8):
        doc.add_paragraph(f"Văn bản khác hẳn, đoạn số {n}, không liên quan tới dự thảo nào cả.")
    other = io.BytesIO()
    doc.save(other)
    with pytest.raises(RetypedDocument) as caught:
        read_answer(other.getvalue(), base, "Bộ Nội vụ")
    assert caught.value.code == "retyped_document"
    assert "not an answer to this draft" in str(caught.value)


# -- 5: typography -------------------------------------------------------------------------


def test_typography_is_no_item_but_the_real_edit_is(round_: dict[str, bytes]) -> None:
    items = read_answer(round_[TYPIST], round_["base"], TYPIST)
    assert [(i.kind, i.old.strip(), i.new.strip(), i.tracked) for i in items] == [
        (ItemKind.REPLACE, "bảo đảm", "bố trí đủ", False)
    ]


def test_no_break_spaces_and_doubled_spaces_are_no_items() -> None:
    base = _draft()
    parts = read_parts(base)
    xml = parts["word/document.xml"].decode()
    xml = xml.replace("phát triển kinh tế", "phát\u00a0triển  kinh tế").replace(
        "được bảo đảm", "được  bảo\u00a0đảm"
    )
    parts["word/document.xml"] = xml.encode()
    assert read_answer(write_parts(parts), base, TYPIST) == []


# -- the round, merged and judged ------------------------------------------------------------


def test_the_round_merges_every_agency_faithfully(round_: dict[str, bytes], tmp_path) -> None:
    base = round_["base"]
    agencies = (TRACKER, TYPIST, DECOMPOSED)
    items = [i for a in agencies for i in read_answer(round_[a], base, a)]
    assert len(items) == 3
    result = merge(base, items, date=DATE)
    assert result.clashes == []
    reading = lo_read(result.docx, tmp_path)
    circulated = _circulated(base)
    assert reading.reject_all == circulated
    expected = (
        circulated.replace("chịu trách nhiệm thi hành", "tổ chức thi hành")
        .replace("bảo đảm kinh phí", "bố trí đủ kinh phí")
        .replace("năm 2030.", "năm 2035.")
    )
    assert reading.accept_all == expected
    assert unicodedata.is_normalized("NFC", reading.accept_all)
    assert {c.author for c in reading.changes} == set(agencies)
    assert '"Chuyển đổi số quốc gia"' in reading.accept_all  # the draft's quotes stay


# -- 4: Word paragraph moves ---------------------------------------------------------------

MOVER = "Bộ Ngoại giao"
LAST_MOVER = "Bộ Y tế"


def _word_answer(base: bytes, build) -> bytes:
    """`base` edited as Word writes tracked changes (raw WordprocessingML)."""
    doc = docx.Document(io.BytesIO(base))
    paras = body_paragraphs(doc)
    build(doc, paras)
    return to_bytes(doc)


def _move_third_before_second(doc, paras) -> None:
    # Word: the moved paragraph's text and mark are w:moveFrom at the origin, a new paragraph
    # whose text and mark are w:moveTo at the destination, ranges linked by w:name.
    moved = PARAS[3]
    set_content(paras[3], move_from(moved, MOVER, "m1"), mark=f"moveFrom:{MOVER}")
    target = copy.deepcopy(paras[1])
    set_content(target, move_to(moved, MOVER, "m1"), mark=f"moveTo:{MOVER}")
    paras[1].addprevious(target)


def _move_last_to_top(doc, paras) -> None:
    # The body's last paragraph keeps its mark: Word moves the mark before it instead.
    last, before = paras[-1], paras[-2]
    set_content(
        before,
        run(PARAS[-2]),
        f'<w:moveFromRangeStart w:id="901" w:name="m2" w:author="{LAST_MOVER}"/>',
        mark=f"moveFrom:{LAST_MOVER}",
    )
    set_content(
        last,
        move_from(PARAS[-1], LAST_MOVER, "m2").split("<w:moveFromRangeStart")[0]
        + move_from(PARAS[-1], LAST_MOVER, "m2").split("/>", 1)[1],
    )
    target = copy.deepcopy(paras[0])
    set_content(target, move_to(PARAS[-1], LAST_MOVER, "m2"), mark=f"moveTo:{LAST_MOVER}")
    paras[0].addprevious(target)


def test_a_word_paragraph_move_is_one_item_and_a_real_move(tmp_path) -> None:
    base = _draft()
    answer = _word_answer(base, _move_third_before_second)
    (item,) = read_answer(answer, base, MOVER)
    assert (item.kind, item.old, item.block, item.start, item.end_block, item.end) == (
        ItemKind.MOVE,
        PARAS[3] + "\n",
        3,
        0,
        4,
        0,
    )
    result = merge(base, [item], date=DATE)
    assert result.unplaced == []
    document = read_parts(result.docx)["word/document.xml"].decode()
    assert "w:moveFrom " in document and "w:moveTo " in document
    reading = lo_read(result.docx, tmp_path)
    assert reading.reject_all == _circulated(base)
    order = [PARAS[0], PARAS[3], PARAS[1], PARAS[2], PARAS[4], PARAS[5]]
    assert reading.accept_all == "".join(p + "\n" for p in order)
    assert {c.author for c in reading.changes} == {MOVER}


def test_moving_the_body_s_last_paragraph_merges(tmp_path) -> None:
    base = _draft()
    answer = _word_answer(base, _move_last_to_top)
    (item,) = read_answer(answer, base, LAST_MOVER)
    assert (item.kind, item.old) == (ItemKind.MOVE, "\n" + PARAS[-1])
    other = read_answer(_word_answer(base, _move_third_before_second), base, MOVER)
    result = merge(base, [item, *other], date=DATE)
    assert result.unplaced == []
    reading = lo_read(result.docx, tmp_path)
    assert reading.reject_all == _circulated(base)
    order = [PARAS[5], PARAS[0], PARAS[3], PARAS[1], PARAS[2], PARAS[4]]
    assert reading.accept_all == "".join(p + "\n" for p in order)
    assert {c.author for c in reading.changes} == {MOVER, LAST_MOVER}


# -- 3: text after a field -----------------------------------------------------------------

REFERRER = "Văn phòng Chính phủ"


def _field_draft() -> bytes:
    """PARAS, with paragraph 5 citing "Điều 1" through a REF field to a bookmark on it."""
    doc = docx.Document(io.BytesIO(_draft()))
    paras = body_paragraphs(doc)
    set_content(
        paras[0],
        '<w:bookmarkStart w:id="77" w:name="_Ref1"/>',
        run("Điều 1"),
        '<w:bookmarkEnd w:id="77"/>',
        run(". Phạm vi điều chỉnh"),
    )
    set_content(paras[5], *_citing())
    return to_bytes(doc)


def _citing(after: str = "") -> list[str]:
    field = [
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run("Điều 1"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]
    return [run("Ủy ban nhân dân các tỉnh thi hành "), *field, after, run(" của Nghị quyết này.")]


def test_text_inserted_after_a_field_goes_outside_it(tmp_path) -> None:
    base = _field_draft()
    circulated = _circulated(base)
    assert "thi hành Điều 1 của Nghị quyết" in circulated

    def answer(doc, paras) -> None:
        set_content(paras[5], *_citing(ins(" và Điều 3", REFERRER)))

    (item,) = read_answer(_word_answer(base, answer), base, REFERRER)
    assert (item.kind, item.new) == (ItemKind.INSERT, " và Điều 3")
    result = merge(base, [item], date=DATE)
    document = read_parts(result.docx)["word/document.xml"].decode()
    end = document.index('w:fldCharType="end"')
    assert document.index("và Điều 3") > end  # after the field, not in its result
    reading = lo_read(result.docx, tmp_path)
    assert [(c.kind, c.author, c.text) for c in reading.changes] == [
        ("insertion", REFERRER, " và Điều 3")
    ]
    assert reading.reject_all == circulated
    assert reading.accept_all == circulated.replace("Điều 1 của", "Điều 1 và Điều 3 của")


# -- 6: the same wording through different selections --------------------------------------

WIDE = "Bộ Xây dựng"
NARROW = "Bộ Công Thương"


def test_same_wording_through_different_selections_is_one_edit(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    if not uno_available() and not os.environ.get("CONCORD_REQUIRE_LIBREOFFICE"):
        pytest.skip("python3-uno is not installed: LibreOffice cannot be driven")
    base = _draft()
    wide, narrow = author_answers(
        [
            Authoring(base, [Replace("bảo đảm kinh phí", "bố trí đủ kinh phí")], WIDE, True),
            Authoring(base, [Replace("bảo đảm", "bố trí đủ")], NARROW, True),
        ],
        tmp_path_factory.mktemp("lo-author-same"),
    )
    items = read_answer(wide, base, WIDE) + read_answer(narrow, base, NARROW)
    assert [(i.old, i.new) for i in items] == [
        ("bảo đảm kinh phí", "bố trí đủ kinh phí"),
        ("bảo đảm", "bố trí đủ"),
    ]
    result = merge(base, items, date=DATE)
    assert result.clashes == []
    reading = lo_read(result.docx, tmp_path_factory.mktemp("lo-judge-same"))
    circulated = _circulated(base)
    assert reading.reject_all == circulated
    assert reading.accept_all == circulated.replace("bảo đảm kinh phí", "bố trí đủ kinh phí")
    assert sorted((c.kind, c.text) for c in reading.changes) == [
        ("deletion", "bảo đảm"),
        ("insertion", "bố trí đủ"),
    ]
    (credit,) = [a for a in reading.annotations if a.author == "Concord"]
    assert WIDE in credit.text and NARROW in credit.text


# -- 2: table rows -------------------------------------------------------------------------

ROW_ADDER = "Bộ Giáo dục và Đào tạo"
ROW_APPENDER = "Bộ Lao động"
ROW_DELETER = "Bộ Văn hóa"
CELL_EDITOR = "Bộ Khoa học và Công nghệ"
TABLE = [
    ("STT", "Chỉ tiêu", "Mục tiêu"),
    ("1", "Tỷ trọng kinh tế số", "20%"),
    ("2", "Dịch vụ công trực tuyến", "80%"),
    ("3", "Doanh nghiệp công nghệ số", "100.000"),
]
NEW_ROW = ("2a", "Chữ ký số cá nhân", "50%")
LAST_ROW = ("4", "Nhân lực số", "1 triệu")


def _table_draft() -> bytes:
    doc = docx.Document(io.BytesIO(_draft()))
    table = doc.add_table(rows=len(TABLE), cols=3)
    table.style = "Table Grid"
    for r, row in enumerate(TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph("Nghị quyết có hiệu lực từ ngày ký.")
    return to_bytes(doc)


def _tables(docx_bytes: bytes) -> list[list[tuple[str, ...]]]:
    """Every body table as rows of cell texts, read from the file (cell by cell)."""
    doc = docx.Document(io.BytesIO(docx_bytes))
    return [[tuple(c.text for c in row.cells) for row in t.rows] for t in doc.tables]


def _word_row(cells: tuple[str, ...], author: str) -> str:
    """A row inserted with Track Changes on, as Word writes it: w:trPr/w:ins, content w:ins."""
    tcs = "".join(f"<w:tc><w:p>{ins(text, author)}</w:p></w:tc>" for text in cells)
    return f"<w:tr><w:trPr>{_rev_xml('ins', author)}</w:trPr>{tcs}</w:tr>"


def _rev_xml(kind: str, author: str) -> str:
    return f'<w:{kind} w:id="{len(author)}" w:author="{author}" w:date="{DATE}"/>'


def _insert_row(after: int, cells: tuple[str, ...], author: str):
    def build(doc, paras) -> None:
        rows = doc.tables[0]._tbl.tr_lst
        xml = f'<root xmlns:w="{W}">{_word_row(cells, author)}</root>'
        rows[after].addnext(etree.fromstring(xml)[0])

    return build


def test_row_insertions_and_deletions_are_row_items_and_real_row_changes(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    if not uno_available() and not os.environ.get("CONCORD_REQUIRE_LIBREOFFICE"):
        pytest.skip("python3-uno is not installed: LibreOffice cannot be driven")
    base = _table_draft()
    (deleted,) = author_answers(
        [Authoring(base, [DeleteRow(0, 4)], ROW_DELETER, True)],
        tmp_path_factory.mktemp("lo-author-rows"),
    )
    answers = {
        ROW_ADDER: _word_answer(base, _insert_row(2, NEW_ROW, ROW_ADDER)),
        ROW_APPENDER: _word_answer(base, _insert_row(3, LAST_ROW, ROW_APPENDER)),
        ROW_DELETER: deleted,
    }
    items = {a: read_answer(answers[a], base, a) for a in answers}
    (added,) = items[ROW_ADDER]
    assert (added.kind, added.cells) == (ItemKind.INSERT, NEW_ROW)
    assert added.location == "Điều 3, Bảng 1, hàng 4"
    (appended,) = items[ROW_APPENDER]
    assert (appended.kind, appended.cells) == (ItemKind.INSERT, LAST_ROW)
    assert appended.location == "Điều 3, Bảng 1, hàng 5"
    (gone,) = items[ROW_DELETER]
    assert (gone.kind, gone.cells) == (ItemKind.DELETE, TABLE[3])
    assert gone.location == "Điều 3, Bảng 1, hàng 4"
    result = merge(base, [i for a in answers for i in items[a]], date=DATE)
    assert result.clashes == [] and result.unplaced == []
    document = read_parts(result.docx)["word/document.xml"].decode()
    assert document.count("<w:trPr><w:ins ") + document.count("<w:trPr><w:del ") >= 3
    accepted, rejected = lo_accept_reject(result.docx, tmp_path_factory.mktemp("lo-judge-rows"))
    assert _tables(rejected) == [TABLE]
    assert _tables(accepted) == [[TABLE[0], TABLE[1], TABLE[2], NEW_ROW, LAST_ROW]]
    reading = lo_read(result.docx, tmp_path_factory.mktemp("lo-read-rows"))
    assert {c.author for c in reading.changes} == set(answers)


def test_a_row_deletion_clashes_with_an_edit_inside_the_row(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    if not uno_available() and not os.environ.get("CONCORD_REQUIRE_LIBREOFFICE"):
        pytest.skip("python3-uno is not installed: LibreOffice cannot be driven")
    base = _table_draft()
    deleted, edited = author_answers(
        [
            Authoring(base, [DeleteRow(0, 3)], ROW_DELETER, True),
            Authoring(base, [ReplaceInCell(0, "C3", "80%", "90%")], CELL_EDITOR, True),
        ],
        tmp_path_factory.mktemp("lo-author-clash"),
    )
    items = read_answer(deleted, base, ROW_DELETER) + read_answer(edited, base, CELL_EDITOR)
    result = merge(base, items, date=DATE)
    (clash,) = result.clashes
    assert clash.agencies == tuple(sorted((ROW_DELETER, CELL_EDITOR)))
    accepted, rejected = lo_accept_reject(result.docx, tmp_path_factory.mktemp("lo-judge-clash"))
    assert _tables(rejected) == [TABLE]
    # Clashing proposals are both kept for the drafters: the row stays, with the edit in it.
    assert _tables(accepted) == [
        [TABLE[0], TABLE[1], ("2", "Dịch vụ công trực tuyến", "90%"), TABLE[3]]
    ]


# -- 7: headers, footers and notes ----------------------------------------------------------

HEADER = "Dự thảo lần 2"
FOOTER = "Văn phòng Chính phủ phát hành"
NOTE = "Theo Luật Giao dịch điện tử năm 2023."
HEADER_EDITOR = "Bộ Thông tin và Truyền thông"
NOTE_EDITOR = "Bộ Quốc phòng"
NOTE_COMMENT = "Ghi đúng số hiệu luật."
_FOOTNOTES = (
    f'<w:footnotes xmlns:w="{NS["w"]}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {NOTE}</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _parts_draft() -> bytes:
    """PARAS with a header, a footer and a footnote on paragraph 1."""
    doc = docx.Document(io.BytesIO(_draft()))
    doc.sections[0].header.paragraphs[0].text = HEADER
    doc.sections[0].footer.paragraphs[0].text = FOOTER
    ref = etree.fromstring(
        f'<w:r xmlns:w="{NS["w"]}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteReference w:id="1"/></w:r>'
    )
    body_paragraphs(doc)[1].append(ref)
    parts = read_parts(to_bytes(doc))
    parts["word/footnotes.xml"] = _FOOTNOTES.encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    rel = (
        '<Relationship Id="rIdNotes" Target="footnotes.xml" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/footnotes"/>'
    )
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", rel + "</Relationships>"
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    override = (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/>'
    )
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    return write_parts(parts)


def _comment_in_note(answer: bytes, text: str, author: str) -> bytes:
    """`answer` with a comment by `author` on its footnote's text, as Word anchors one there:
    made on the body with python-docx, then its markers moved into the note."""
    parts = read_parts(add_comments(answer, [("Nghị quyết này", text)], author=author))
    document = parse_xml(parts["word/document.xml"])
    notes = parse_xml(parts["word/footnotes.xml"])
    start = document.find(".//w:commentRangeStart", NS)
    end = document.find(".//w:commentRangeEnd", NS)
    ref = document.find(".//w:commentReference", NS).getparent()
    note_run = [
        r for r in notes.iterfind(".//w:footnote/w:p/w:r", NS) if r.find("w:t", NS) is not None
    ]
    note_run[0].addprevious(start)
    note_run[-1].addnext(end)
    end.addnext(ref)
    parts["word/document.xml"] = serialize_xml(document)
    parts["word/footnotes.xml"] = serialize_xml(notes)
    return write_parts(parts)


def _part_texts(docx_bytes: bytes, part: str) -> list[str]:
    return [b.text for b in extract_blocks(docx_bytes) if b.part == part]


def test_edits_in_headers_footers_and_notes_are_real_tracked_changes(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    if not uno_available() and not os.environ.get("CONCORD_REQUIRE_LIBREOFFICE"):
        pytest.skip("python3-uno is not installed: LibreOffice cannot be driven")
    base = _parts_draft()
    assert _part_texts(base, "footnotes") == [" " + NOTE]
    header_answer, note_answer = author_answers(
        [
            Authoring(
                base,
                [Replace("lần 2", "lần 3"), Replace("phát hành", "ban hành")],
                HEADER_EDITOR,
                True,
            ),
            Authoring(base, [Replace("năm 2023", "số 20/2023/QH15")], NOTE_EDITOR, True),
        ],
        tmp_path_factory.mktemp("lo-author-parts"),
    )
    note_answer = _comment_in_note(note_answer, NOTE_COMMENT, NOTE_EDITOR)
    header_items = read_answer(header_answer, base, HEADER_EDITOR)
    note_items = read_answer(note_answer, base, NOTE_EDITOR)
    assert sorted(i.part for i in header_items) == ["footer", "header"]
    assert [(i.part, i.kind, i.old, i.new) for i in note_items] == [
        ("footnotes", ItemKind.COMMENT, "", ""),
        ("footnotes", ItemKind.REPLACE, "năm 2023", "số 20/2023/QH15"),
    ]
    result = merge(base, header_items + note_items, date=DATE)
    assert result.unplaced == [] and result.clashes == []
    parts = read_parts(result.docx)
    headers = "".join(v.decode() for k, v in parts.items() if k.startswith("word/header"))
    assert f'w:author="{HEADER_EDITOR}"' in headers
    assert f'w:author="{NOTE_EDITOR}"' in parts["word/footnotes.xml"].decode()
    accepted, rejected = lo_accept_reject(result.docx, tmp_path_factory.mktemp("lo-judge-parts"))
    for part, circulated, changed in (
        ("header", HEADER, "Dự thảo lần 3"),
        ("footer", FOOTER, "Văn phòng Chính phủ ban hành"),
        ("footnotes", " " + NOTE, " " + NOTE.replace("năm 2023", "số 20/2023/QH15")),
    ):
        assert _part_texts(rejected, part) == [circulated], part
        assert _part_texts(accepted, part) == [changed], part
    assert _part_texts(accepted, "body") == _part_texts(base, "body")
    reading = lo_read(result.docx, tmp_path_factory.mktemp("lo-read-parts"))
    assert {c.author for c in reading.changes} >= {NOTE_EDITOR}
    # The note's comment is the agency's, at the body's start naming the note: LibreOffice
    # cannot open a .docx holding a comment in a footnote (as Word writes one there).
    assert "w:commentReference" not in parts["word/footnotes.xml"].decode()
    said = [a.text for a in reading.annotations if a.author == NOTE_EDITOR]
    assert len(said) == 1 and NOTE_COMMENT in said[0] and "chú thích" in said[0]


def test_rows_inserted_at_one_place_by_two_agencies_are_both_rows(tmp_path) -> None:
    base = _table_draft()
    items = read_answer(_word_answer(base, _insert_row(2, NEW_ROW, ROW_ADDER)), base, ROW_ADDER)
    items += read_answer(
        _word_answer(base, _insert_row(2, LAST_ROW, ROW_APPENDER)), base, ROW_APPENDER
    )
    result = merge(base, items, date=DATE)
    (clash,) = result.clashes
    assert set(clash.agencies) == {ROW_ADDER, ROW_APPENDER}
    accepted, rejected = lo_accept_reject(result.docx, tmp_path)
    assert _tables(rejected) == [TABLE]
    # Both proposed rows, in agency-name order, each a row of its own.
    first, second = sorted([(ROW_ADDER, NEW_ROW), (ROW_APPENDER, LAST_ROW)])
    assert _tables(accepted) == [[*TABLE[:3], first[1], second[1], TABLE[3]]]


def test_a_published_row_insertion_is_a_row(tmp_path) -> None:
    from concord.engine.publish import apply_decisions
    from concord.models import Decision, Outcome

    base = _table_draft()
    (row,) = read_answer(_word_answer(base, _insert_row(2, NEW_ROW, ROW_ADDER)), base, ROW_ADDER)
    published = apply_decisions(base, [row], [Decision(item_id=row.id, outcome=Outcome.ACCEPTED)])
    assert _tables(published) == [[*TABLE[:3], NEW_ROW, TABLE[3]]]
    assert "w:ins " not in read_parts(published)["word/document.xml"].decode()
