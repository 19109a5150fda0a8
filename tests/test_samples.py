"""The committed sample round is what samples/make_samples.py says it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from concord.engine.blocks import extract_blocks
from concord.engine.publish import apply_decisions
from concord.engine.reader import read_answer
from concord.models import Decision, Item, ItemKind, Outcome
from samples.make_samples import (
    ANSWERS,
    CLASH_PHRASE,
    DRAFT_FILE,
    MCST,
    MND,
    MOFA,
    MPI,
    MPS,
    build_draft,
)

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
CHANGES = {ItemKind.INSERT, ItemKind.DELETE, ItemKind.REPLACE}


@pytest.fixture(scope="module")
def draft() -> bytes:
    return (SAMPLES / DRAFT_FILE).read_bytes()


@pytest.fixture(scope="module")
def items(draft: bytes) -> dict[str, list[Item]]:
    return {
        sample.agency: read_answer((SAMPLES / f"{stem}.docx").read_bytes(), draft, sample.agency)
        for stem, sample in ANSWERS.items()
    }


def body(items: list[Item]) -> list[Item]:
    return [i for i in items if i.part == "body"]


def test_the_draft_is_what_the_generator_builds(draft: bytes) -> None:
    assert build_draft() == draft
    texts = [b.text for b in extract_blocks(draft) if b.part == "body"]
    articles = [t for t in texts if t.startswith("Điều ")]
    assert len(articles) == 12
    assert articles[0] == "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng"
    assert (
        "Chỉ tiêu" in texts
        and "a) Phụ nữ Việt Nam tham gia các hoạt động hợp tác quốc tế;" in texts
    )
    headers = [b.text for b in extract_blocks(draft) if b.part == "header"]
    assert "DỰ THẢO" in headers


def test_mofa_tracked_changes_and_two_comments(items: dict[str, list[Item]]) -> None:
    found = body(items[MOFA])
    changes = [i for i in found if i.kind in CHANGES]
    comments = [i for i in found if i.kind == ItemKind.COMMENT]
    assert sorted(i.kind for i in changes) == ["delete", "replace", "replace"]
    assert all(i.tracked and i.author == MOFA for i in changes)
    assert len(comments) == 2 and all(i.author == MOFA for i in comments)


def test_mps_comments_only_one_with_a_reply(items: dict[str, list[Item]]) -> None:
    found = body(items[MPS])
    assert [i.kind for i in found] == ["comment", "comment"]
    threaded = [i for i in found if i.replies]
    assert len(threaded) == 1
    assert threaded[0].replies[0].author == "Cục Cảnh sát hình sự (Bộ Công an)"


def test_mnd_untracked_edits(items: dict[str, list[Item]]) -> None:
    found = body(items[MND])
    assert len(found) == 2
    assert all(i.kind in CHANGES and not i.tracked for i in found)
    assert any("sĩ quan" in i.new for i in found)
    assert any("90 ngày" in i.new for i in found)


def test_mpi_no_change_in_the_body(items: dict[str, list[Item]]) -> None:
    assert body(items[MPI]) == []


def test_mpi_no_change_at_all(items: dict[str, list[Item]]) -> None:
    assert items[MPI] == []


def test_mcst_clashes_with_mofa_adds_a_paragraph_and_edits_the_table(
    draft: bytes, items: dict[str, list[Item]]
) -> None:
    found = body(items[MCST])
    assert all(i.tracked and i.kind in CHANGES for i in found)
    mofa_clash = [i for i in body(items[MOFA]) if i.old == CLASH_PHRASE]
    mcst_clash = [i for i in found if i.old == CLASH_PHRASE]
    assert len(mofa_clash) == len(mcst_clash) == 1
    a, b = mofa_clash[0], mcst_clash[0]
    assert (a.block, a.start, a.end) == (b.block, b.start, b.end) and a.new != b.new
    assert any(i.kind == ItemKind.INSERT and i.new.startswith("\n3. ") for i in found)
    blocks = [blk for blk in extract_blocks(draft) if blk.part == "body"]
    in_table = [i for i in found if blocks[i.block].kind == "cell"]
    assert [(i.old, i.new) for i in in_table] == [("10.000", "12.000")]


def _haystack(item: Item) -> str:
    return "\x1f".join((item.old, item.new, item.comment, item.anchor, item.detail))


def _decide(items: list[Item], rules: dict) -> list[Decision]:
    """samples/decisions.json as the demo applies it: the first rule of the item's agency whose
    `match` is in the item's old, new, comment, anchor or detail text; otherwise the default."""
    decisions = []
    for item in items:
        text = _haystack(item)
        rule = next(
            (r for r in rules["rules"] if r["agency"] == item.agency and r["match"] in text),
            rules["default"],
        )
        decisions.append(
            Decision(
                item_id=item.id,
                outcome=Outcome(rule["outcome"]),
                explanation=rule["explanation"],
                text=rule.get("text"),
            )
        )
    return decisions


def test_sample_decisions_cover_every_outcome_and_publish(
    draft: bytes, items: dict[str, list[Item]]
) -> None:
    rules = json.loads((SAMPLES / "decisions.json").read_text(encoding="utf-8"))
    everything = [i for found in items.values() for i in found]
    for rule in rules["rules"]:
        matched = [
            i for i in everything if i.agency == rule["agency"] and rule["match"] in _haystack(i)
        ]
        assert len(matched) == 1, rule["match"]
    decisions = _decide(everything, rules)
    assert {d.outcome for d in decisions} == set(Outcome)
    by_id = {d.item_id: d.outcome for d in decisions}
    clash = {i.agency: by_id[i.id] for i in everything if i.old == CLASH_PHRASE}
    assert clash == {MOFA: Outcome.ACCEPTED, MCST: Outcome.NOT_ACCEPTED}

    published = [b.text for b in extract_blocks(apply_decisions(draft, everything, decisions))]
    joined = "\n".join(published)
    assert "trong các diễn đàn đa phương và song phương" in joined
    assert "giao lưu văn hóa quốc tế" not in joined
    assert "các cơ quan, tổ chức của Liên hợp quốc." in joined
    assert "ASEAN" not in joined
    assert "cán bộ, sĩ quan nữ" in joined
    assert "trước ngày 30 tháng 6 năm 2026" in joined
    assert "11.000" in published and "10.000" not in published
    assert any(t.startswith("3. Xây dựng chương trình quảng bá") for t in published)
    assert "đồng bào dân tộc thiểu số và miền núi" in joined
