"""Following paragraphs from one version to the next (engine.tracing), and telling a repeated
point from a new one (engine.repeats)."""

from __future__ import annotations

from concord.engine.blocks import Block
from concord.engine.repeats import same_point
from concord.engine.tracing import compose, trace, trace_blocks
from concord.models import Item, ItemKind
from tests.support.answers import circulated, to_bytes
from tests.support.three_rounds import revised_version


def _blocks(*texts: str, part: str = "body") -> list[Block]:
    return [Block(part, i, text, "", "paragraph") for i, text in enumerate(texts)]


def _pairs(old: list[str], new: list[str]) -> dict[int, int]:
    return {i: j for (_, i), (_, j) in trace_blocks(_blocks(*old), _blocks(*new)).items()}


def test_unchanged_paragraphs_pair_in_order_around_an_inserted_article() -> None:
    old = ["Điều 1. Phạm vi", "Nội dung một.", "Điều 2. Đối tượng", "Nội dung hai."]
    new = ["Điều 1. Phạm vi", "Nội dung một.", "Điều 2. Giải thích", "Từ ngữ.", *old[2:]]
    new[4] = "Điều 3. Đối tượng"
    assert _pairs(old, new) == {0: 0, 1: 1, 2: 4, 3: 5}


def test_a_revised_paragraph_is_the_same_passage() -> None:
    old = ["Điều 1.", "Các cơ quan bảo đảm công khai, minh bạch trong hoạt động.", "Hết."]
    new = ["Điều 1.", "Các cơ quan bảo đảm công khai, minh bạch, kịp thời trong hoạt động.", "Hết."]
    assert _pairs(old, new) == {0: 0, 1: 1, 2: 2}


def test_a_moved_paragraph_is_followed_and_a_deleted_one_has_no_counterpart() -> None:
    old = [
        "A. Mở đầu.",
        "Bảo đảm bình đẳng giới trong mọi lĩnh vực.",
        "Công khai.",
        "Bỏ đi đoạn này.",
    ]
    new = [
        "A. Mở đầu.",
        "Công khai.",
        "Nội dung mới hoàn toàn khác.",
        "Bảo đảm bình đẳng giới trong mọi lĩnh vực.",
    ]
    pairs = _pairs(old, new)
    assert pairs[1] == 3  # moved below
    assert 3 not in pairs  # deleted: nothing carries it on
    assert 2 not in pairs.values()  # written new: nothing before it


def test_a_paragraph_rewritten_beyond_recognition_is_not_linked() -> None:
    old = ["Điều 1.", "Ngân sách nhà nước bảo đảm kinh phí thực hiện.", "Hết."]
    new = ["Điều 1.", "Tổ chức, cá nhân được khuyến khích tham gia đóng góp.", "Hết."]
    assert _pairs(old, new) == {0: 0, 2: 2}


def test_parts_are_traced_separately() -> None:
    old = [*_blocks("Chung."), *_blocks("Chung.", part="header")]
    new = [*_blocks("Chung."), *_blocks("Dự thảo lần 3", "Chung.", part="header")]
    assert trace_blocks(old, new) == {("body", 0): ("body", 0), ("header", 0): ("header", 1)}


def test_counterparts_compose_across_versions() -> None:
    first = {("body", 0): ("body", 0), ("body", 1): ("body", 2), ("body", 2): ("body", 3)}
    second = {("body", 0): ("body", 1), ("body", 2): ("body", 2)}
    assert compose([first, second]) == {("body", 0): ("body", 1), ("body", 1): ("body", 2)}


def test_a_docx_revision_is_traced_paragraph_by_paragraph() -> None:
    counterparts = trace(to_bytes(circulated()), revised_version())
    # Version 1: 0 title, 1 Điều 1, 2 its sentence, 3 Điều 2, 4-6 its clauses, 7 Điều 3, 8-9.
    assert counterparts[("body", 2)] == ("body", 2)
    assert counterparts[("body", 3)] == ("body", 5)  # "Điều 2. Đối tượng" is now Điều 3
    assert ("body", 6) not in counterparts  # "b) Bộ Tư pháp phối hợp." was deleted
    assert counterparts[("body", 8)] == ("body", 10)  # moved after "2. Công khai..."
    assert counterparts[("body", 9)] == ("body", 9)  # revised: ", kịp thời" added


def _item(kind: ItemKind, **text: str) -> Item:
    return Item(kind=kind, agency="Bộ Tư pháp", block=1, start=0, end=0, tracked=True, **text)


def test_the_same_point_in_another_form_is_a_repeat() -> None:
    change = _item(ItemKind.REPLACE, old="2030", new="2040")
    assert same_point(change, _item(ItemKind.COMMENT, comment="Vẫn đề nghị mốc 2040."))
    assert same_point(
        _item(ItemKind.COMMENT, comment="Đề nghị bổ sung cụm từ “kịp thời”."),
        _item(ItemKind.INSERT, new=", kịp thời"),
    )


def test_another_point_on_the_same_passage_is_not_a_repeat() -> None:
    earlier = _item(ItemKind.COMMENT, comment="Đề nghị giải thích từ “cơ quan”.")
    assert not same_point(earlier, _item(ItemKind.COMMENT, comment="Đề nghị bổ sung từ “đơn vị”."))
    assert not same_point(
        _item(ItemKind.REPLACE, old="2030", new="2040"),
        _item(ItemKind.REPLACE, old="2030", new="2035"),
    )
