"""Concord's own words: Vietnamese in a Vietnamese draft, English in an English one."""

from __future__ import annotations

from concord.engine.merger import merge
from concord.engine.ooxml import parse_xml, qn, read_parts
from concord.engine.review_html import render_review
from concord.engine.wording import (
    EXCERPT,
    clash_lines,
    describe_change,
    draft_text,
    excerpt,
    format_detail,
    formatting,
    moved,
    outside_body,
    part_name,
    same_change,
)
from concord.models import Item, ItemKind, Reply
from tests.engine.test_merger import DATE, PARAS, base_docx, item

VI_PARAS = [
    "Điều 1. Phạm vi điều chỉnh",
    "Nghị quyết này áp dụng đối với các bộ, ngành đến năm 2030.",
    "Điều 2. Mục tiêu",
    "Phát thải giảm một nửa.",
]


def _comments(docx: bytes) -> dict[str, str]:
    """author + first words -> the whole text of each comment in the merged file."""
    root = parse_xml(read_parts(docx)["word/comments.xml"])
    out = {}
    for c in root.iter(qn("w:comment")):
        paras = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in c.iter(qn("w:p"))]
        out[c.get(qn("w:author")) + ": " + paras[0]] = "\n".join(paras)
    return out


def _items(year: int, new_a: str, new_b: str) -> list[Item]:
    """A header change, a formatting change, a clash, the same change twice, a clashing move."""
    at = PARAS[1].index("2030") if year == 0 else VI_PARAS[1].index("2030")
    first = (PARAS if year == 0 else VI_PARAS)[3].split()[0] + " "
    return [
        item(ItemKind.REPLACE, "Bộ X", 0, 0, 1, part="footer", old="1", new="3"),
        item(ItemKind.FORMAT, "Bộ Y", 0, 0, 5, detail="bold added"),
        item(ItemKind.REPLACE, "Bộ A", 1, at, at + 4, old="2030", new=new_a),
        item(ItemKind.REPLACE, "Bộ B", 1, at, at + 4, old="2030", new=new_b),
        item(ItemKind.INSERT, "Bộ C", 2, 0, 0, new="Mới: "),
        item(ItemKind.INSERT, "Bộ D", 2, 0, 0, new="Mới: "),
        item(ItemKind.MOVE, "Bộ E", 3, 0, len(first), old=first, new=first, to_block=1),
        item(ItemKind.DELETE, "Bộ G", 3, 0, len(first) + 2, old=VI_PARAS[3][: len(first) + 2]),
    ]


def test_vietnamese_draft_gets_vietnamese_concord_comments() -> None:
    result = merge(base_docx(VI_PARAS), _items(1, "2035", "2040"), date=DATE)
    comments = _comments(result.docx)
    assert comments["Bộ X: Ở phần chân trang, Bộ X đề nghị: sửa “1” thành “3”"]
    assert comments["Bộ Y: Thay đổi định dạng: thêm in đậm"]
    assert comments["Concord: Trùng nội dung: cùng đề nghị sửa của Bộ C, Bộ D"]
    clash = comments["Concord: Đề nghị khác nhau (2 cơ quan) về cùng nội dung:"]
    assert clash.split("\n")[1:] == ["Bộ A: “2035”", "Bộ B: “2040”"]
    assert any(k.startswith("Bộ E: Chuyển đoạn: “Phát ” được chuyển") for k in comments)
    assert not any(
        word in text
        for text in comments.values()
        for word in ("Clash", "Same change", "proposes", "Formatting", "Moved")
    )


def test_english_draft_keeps_english_concord_comments() -> None:
    result = merge(base_docx(PARAS), _items(0, "2035", "2040"), date=DATE)
    comments = _comments(result.docx)
    assert comments["Bộ X: In the footer, Bộ X proposes: replace “1” with “3”"]
    assert comments["Bộ Y: Formatting: bold added"]
    assert comments["Concord: Same change proposed by: Bộ C, Bộ D"]
    clash = comments["Concord: Clash: 2 agencies change this text differently."]
    assert clash.split("\n")[1:] == ["Bộ A: “2035”", "Bộ B: “2040”"]
    assert any(k.startswith("Bộ E: Moved: “Emissions ” goes elsewhere") for k in comments)


def test_review_page_speaks_the_drafts_language() -> None:
    items = _items(1, "2035", "2040")
    vi_base, en_base = base_docx(VI_PARAS), base_docx(PARAS)
    vi = render_review(vi_base, merge(vi_base, items, date=DATE), title="t")
    en = render_review(en_base, merge(en_base, _items(0, "2035", "2040"), date=DATE), title="t")
    assert '<html lang="vi">' in vi and '<html lang="en">' in en
    assert "8 ý kiến của 8 cơ quan; 2 nội dung đề nghị khác nhau." in vi
    assert "8 items from 8 agencies; 2 clashes." in en
    assert "<strong>Đề nghị khác nhau</strong> về “2030” giữa Bộ A, Bộ B" in vi
    assert "Ở phần chân trang: 1 → 3" in vi and "In the footer: 1 → 3" in en
    assert "Thay đổi định dạng: thêm in đậm" in vi and "Formatting: bold added" in en


def test_phrases_in_both_languages() -> None:
    comment = item(
        ItemKind.COMMENT, "Bộ X", 0, 0, 3, part="footnotes", anchor="a\nb", comment="Rõ hơn."
    )
    assert outside_body(comment, "vi") == "Ở phần chú thích, Bộ X góp ý về “a ¶ b”: Rõ hơn."
    assert outside_body(comment, "en") == "In the footnotes, Bộ X comments on “a ¶ b”: Rõ hơn."
    assert part_name("footer", "vi") == "Chân trang" and part_name("footer", "en") == "Footer"
    assert part_name("elsewhere", "vi") == "elsewhere"
    assert same_change(["A", "B"], "vi") == "Trùng nội dung: cùng đề nghị sửa của A, B"
    assert clash_lines(["A", "B"], ["x", ""], "vi") == [
        "Đề nghị khác nhau (2 cơ quan) về cùng nội dung:",
        "A: “x”",
        "B: (không có)",
    ]
    assert clash_lines(["A", "B"], ["x", ""], "en")[2] == "B: (nothing)"
    assert formatting("", "vi") == "Thay đổi định dạng: có thay đổi"
    assert formatting("", "en") == "Formatting: changed"
    assert moved("x", "en") == "Moved: “x” goes elsewhere (deleted here, inserted there)"


def test_report_rows_in_words() -> None:
    untracked = item(ItemKind.REPLACE, "A", 0, 0, 1, old="a", new="b").model_copy(
        update={"tracked": False}
    )
    assert describe_change(untracked, "vi") == (
        "Sửa: “a” → “b”\n(sửa trực tiếp, không bật theo dõi thay đổi)"
    )
    assert describe_change(untracked, "en").startswith("Replace: “a” → “b”\n(edited directly")
    reply = Reply(author="B", text="Đồng ý.")
    thread = item(ItemKind.COMMENT, "A", 0, 0, 1, comment="Sửa lại.", replies=(reply,))
    assert describe_change(thread, "vi") == "Sửa lại.\nTrả lời (B): Đồng ý."
    insert = item(ItemKind.INSERT, "A", 0, 0, 0, new="x", anchor="đoạn")
    assert draft_text(insert, "vi") == "(bổ sung vào đoạn) “đoạn”"
    assert draft_text(insert.model_copy(update={"anchor": ""}), "en") == "(new text)"
    long = "chữ " * EXCERPT
    assert excerpt(long).endswith("…”") and len(excerpt(long)) <= EXCERPT + 3


def test_merged_comment_texts_are_plain_text() -> None:
    """Phrases go into w:t as they are: nothing of the template leaks, braces survive."""
    braces = item(ItemKind.REPLACE, "A", 0, 0, 1, part="header", old="{x}", new="{y}")
    result = merge(base_docx(VI_PARAS), [braces], date=DATE)
    texts = [
        t.text for t in parse_xml(read_parts(result.docx)["word/comments.xml"]).iter(qn("w:t"))
    ]
    assert "Ở phần đầu trang, A đề nghị: sửa “{x}” thành “{y}”" in "".join(texts)


def test_formatting_details_are_said_in_the_documents_language() -> None:
    detail = "bold added, italic removed, font size changed"
    assert format_detail(detail, "en") == detail
    assert format_detail(detail, "vi") == "thêm in đậm, bỏ in nghiêng, đổi cỡ chữ"
    # A property the table does not know keeps its own name rather than being dropped.
    assert format_detail("emboss changed", "vi") == "đổi emboss"
    assert formatting(detail, "vi") == "Thay đổi định dạng: thêm in đậm, bỏ in nghiêng, đổi cỡ chữ"
