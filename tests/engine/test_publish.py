"""Publishing: decisions turn into the next version, clean of revisions and comments."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from concord.engine.blocks import extract_blocks
from concord.engine.ooxml import NS, parse_xml, read_parts, serialize_xml, write_parts
from concord.engine.publish import (
    DecisionConflict,
    UnknownDecisionItem,
    accept_all_changes,
    apply_decisions,
)
from concord.engine.templates import new_draft
from concord.models import Decision, Item, ItemKind, Outcome
from tests.support.libreoffice import lo_read

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

ARTICLES = (
    ("Mục tiêu", ("1. Nâng cao năng lực cho phụ nữ trên trường quốc tế.", "2. Đến năm 2030.")),
    ("Kinh phí", ("1. Ngân sách nhà nước bảo đảm.", "2. Bộ Tài chính hướng dẫn.")),
)
REVISION_TAGS = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")


@pytest.fixture(scope="module")
def base() -> bytes:
    return new_draft("resolution", "Về thử nghiệm", issuer="Chính phủ", articles=ARTICLES)


def body_texts(docx: bytes, view: str = "base") -> list[str]:
    return [b.text for b in extract_blocks(docx, view) if b.part == "body"]


def change(base: bytes, agency: str, phrase: str, new: str, *, kind=ItemKind.REPLACE) -> Item:
    """A change of `phrase` (found once in the body) proposed by `agency`."""
    for block in extract_blocks(base):
        if block.part == "body" and phrase in block.text:
            start = block.text.index(phrase)
            end = start + len(phrase)
            if kind == ItemKind.INSERT:
                start = end = start + len(phrase)
                phrase = ""
            return Item(
                kind=kind,
                agency=agency,
                block=block.index,
                start=start,
                end=end,
                old=phrase,
                new=new,
                tracked=True,
            )
    raise AssertionError(f"{phrase!r} not in the draft")


def decide(item: Item, outcome: Outcome, text: str | None = None) -> Decision:
    return Decision(item_id=item.id, outcome=outcome, explanation="lý do", text=text)


def revision_marks(docx: bytes) -> list[str]:
    root = parse_xml(read_parts(docx)["word/document.xml"])
    found = [etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)]
    return [t for t in found if t in (*REVISION_TAGS, "commentReference", "commentRangeStart")]


def test_each_outcome_does_what_it_says(base: bytes) -> None:
    accepted = change(base, "Bộ Ngoại giao", "trên trường quốc tế", "trong các diễn đàn quốc tế")
    partly = change(base, "Bộ Công an", "Ngân sách nhà nước", "Ngân sách trung ương và địa phương")
    partly_no_text = change(base, "Bộ Quốc phòng", "Đến năm 2030", "Đến năm 2035")
    noted = change(base, "Bộ Tư pháp", "Bộ Tài chính", "Bộ Kế hoạch và Đầu tư")
    refused = change(base, "Bộ Y tế", "hướng dẫn", "", kind=ItemKind.DELETE)
    inserted = change(base, "Bộ Nội vụ", "bảo đảm.", "\n3. Huy động nguồn xã hội hóa.")
    inserted = inserted.model_copy(
        update={"kind": ItemKind.INSERT, "old": "", "start": inserted.end}
    )
    remark = Item(
        kind=ItemKind.COMMENT,
        agency="Bộ Y tế",
        block=accepted.block,
        start=0,
        end=5,
        anchor="1. Nâ",
        comment="Đề nghị viết lại toàn bộ.",
        tracked=True,
    )
    items = [accepted, partly, partly_no_text, noted, refused, inserted, remark]
    decisions = [
        decide(accepted, Outcome.ACCEPTED),
        decide(partly, Outcome.PARTLY_ACCEPTED, "Ngân sách trung ương"),
        decide(partly_no_text, Outcome.PARTLY_ACCEPTED),
        decide(noted, Outcome.NOTED),
        decide(refused, Outcome.NOT_ACCEPTED),
        decide(inserted, Outcome.PARTLY_ACCEPTED, "3. Huy động các nguồn hợp pháp khác."),
        decide(remark, Outcome.ACCEPTED),
    ]

    published = apply_decisions(base, items, decisions)

    texts = body_texts(published)
    before = body_texts(base)
    i = before.index("1. Nâng cao năng lực cho phụ nữ trên trường quốc tế.")
    assert texts[i] == "1. Nâng cao năng lực cho phụ nữ trong các diễn đàn quốc tế."
    assert texts[i + 1] == "2. Đến năm 2030."
    k = before.index("1. Ngân sách nhà nước bảo đảm.")
    assert texts[k : k + 3] == [
        "1. Ngân sách trung ương bảo đảm.",
        "3. Huy động các nguồn hợp pháp khác.",
        "2. Bộ Tài chính hướng dẫn.",
    ]
    assert len(texts) == len(before) + 1
    assert revision_marks(published) == []
    parts = read_parts(published)
    assert not any("comments" in name for name in parts)
    assert b"comments" not in parts["word/_rels/document.xml.rels"]


def test_no_decision_leaves_the_text_and_an_undecided_item_is_not_applied(base: bytes) -> None:
    item = change(base, "Bộ Ngoại giao", "trên trường quốc tế", "ở nước ngoài")
    assert body_texts(apply_decisions(base, [item], [])) == body_texts(base)


def test_two_accepted_changes_on_the_same_words_conflict(base: bytes) -> None:
    first = change(base, "Bộ Ngoại giao", "trên trường quốc tế", "trong các diễn đàn quốc tế")
    second = change(base, "Bộ Văn hóa, Thể thao và Du lịch", "trường quốc", "giao lưu quốc")
    decisions = [decide(first, Outcome.ACCEPTED), decide(second, Outcome.ACCEPTED)]
    with pytest.raises(DecisionConflict) as raised:
        apply_decisions(base, [first, second], decisions)
    assert raised.value.code == "decision_conflict"
    assert "Bộ Ngoại giao" in str(raised.value)
    assert "Bộ Văn hóa, Thể thao và Du lịch" in str(raised.value)
    # One side accepted, the other not: no conflict.
    decisions[1] = decide(second, Outcome.NOT_ACCEPTED)
    texts = body_texts(apply_decisions(base, [first, second], decisions))
    assert "1. Nâng cao năng lực cho phụ nữ trong các diễn đàn quốc tế." in texts


def test_adjacent_changes_do_not_conflict(base: bytes) -> None:
    left = change(base, "Bộ Ngoại giao", "phụ nữ ", "phụ nữ Việt Nam ")
    right = change(base, "Bộ Công an", "trên trường", "ở tầm")
    decisions = [decide(left, Outcome.ACCEPTED), decide(right, Outcome.ACCEPTED)]
    texts = body_texts(apply_decisions(base, [left, right], decisions))
    assert "1. Nâng cao năng lực cho phụ nữ Việt Nam ở tầm quốc tế." in texts


def test_a_decision_on_an_unknown_item_is_refused(base: bytes) -> None:
    with pytest.raises(UnknownDecisionItem):
        apply_decisions(base, [], [Decision(item_id="nope", outcome=Outcome.ACCEPTED)])


def test_accept_all_matches_the_accept_view_of_a_resaved_answer() -> None:
    answer = (SAMPLES / "answer-bo-van-hoa-the-thao-va-du-lich.docx").read_bytes()
    clean = accept_all_changes(answer)
    assert body_texts(clean) == body_texts(answer, "accept")
    assert revision_marks(clean) == []
    settings = read_parts(clean)["word/settings.xml"]
    assert b"trackRevisions" not in settings


def _with_body(docx: bytes, body_xml: str) -> bytes:
    """`docx` with its body paragraphs replaced by `body_xml` (section properties kept)."""
    parts = read_parts(docx)
    root = parse_xml(parts["word/document.xml"])
    body = root.find("w:body", NS)
    sect = body.find("w:sectPr", NS)
    for child in list(body):
        body.remove(child)
    wrapper = etree.fromstring(f'<w:body xmlns:w="{NS["w"]}">{body_xml}</w:body>')
    for child in list(wrapper):
        body.append(child)
    body.append(sect)
    parts["word/document.xml"] = serialize_xml(root)
    return write_parts(parts)


def test_accept_all_joins_deleted_paragraph_marks_and_drops_deleted_rows(base: bytes) -> None:
    mark = 'w:id="{}" w:author="A"'
    xml = (
        f"<w:p><w:pPr><w:rPr><w:del {mark.format(1)}/></w:rPr></w:pPr>"
        "<w:r><w:t>Một </w:t></w:r></w:p>"
        f"<w:p><w:pPr><w:rPr><w:del {mark.format(2)}/></w:rPr></w:pPr>"
        f"<w:del {mark.format(3)}><w:r><w:delText>bỏ</w:delText></w:r></w:del></w:p>"
        f"<w:p><w:r><w:t>hai</w:t></w:r><w:ins {mark.format(4)}><w:r><w:t> ba</w:t></w:r>"
        "</w:ins></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>giữ</w:t></w:r></w:p></w:tc></w:tr>"
        f"<w:tr><w:trPr><w:del {mark.format(5)}/></w:trPr>"
        "<w:tc><w:p><w:r><w:t>xóa</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        f"<w:p><w:pPr><w:rPr><w:ins {mark.format(6)}/></w:rPr></w:pPr>"
        "<w:r><w:t>cuối</w:t></w:r></w:p>"
    )
    clean = accept_all_changes(_with_body(base, xml))
    assert body_texts(clean) == ["Một hai ba", "giữ", "cuối"]
    assert revision_marks(clean) == []


@pytest.mark.libreoffice
def test_libreoffice_sees_no_change_and_no_comment_in_the_published_version(
    base: bytes, tmp_path: Path
) -> None:
    answer = (SAMPLES / "answer-bo-ngoai-giao.docx").read_bytes()
    reading = lo_read(accept_all_changes(answer), tmp_path)
    assert reading.changes == []
    assert reading.annotations == []
    assert "trong các diễn đàn đa phương và song phương" in reading.accept_all
    assert "trên trường quốc tế" not in reading.accept_all
