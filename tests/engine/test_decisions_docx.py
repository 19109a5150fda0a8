"""Decisions read back from a merged file decided the way Word writes it."""

from __future__ import annotations

import pytest

from concord.engine.decisions_docx import TEAM, read_decisions, reply_outcome
from concord.engine.merger import merge
from concord.engine.publish import apply_decisions
from concord.models import Decision, Item, ItemKind, Outcome
from tests.engine.test_merger import DATE, PARAS, base_docx, item, texts
from tests.support.word_decide import Decided

FIN, JUS, HEA = "Bộ Tài chính", "Bộ Tư pháp", "Bộ Y tế"
AGENCIES = (FIN, JUS, HEA)


def _merged(items: list[Item]) -> bytes:
    return merge(base_docx(), items, date=DATE).docx


def _read(decided: Decided, items: list[Item]):
    return read_decisions(decided.to_bytes(), base_docx(), items, agencies=AGENCIES)


def _outcomes(found) -> dict[str, tuple[Outcome, str, str | None]]:
    return {d.item_id: (d.outcome, d.explanation, d.text) for d in found.decisions}


def test_accepted_rejected_and_pending_changes() -> None:
    replace = item(ItemKind.REPLACE, FIN, 1, 45, 49, old="2030", new="2035")
    delete = item(ItemKind.DELETE, HEA, 1, 27, 31, old="all ")
    insert = item(ItemKind.INSERT, JUS, 3, 22, 22, new=" by 2040")
    items = [replace, delete, insert]
    decided = Decided(_merged(items)).accept(lambda a, t: a == FIN).reject(lambda a, t: a == HEA)
    found = _read(decided, items)
    assert _outcomes(found) == {
        replace.id: (Outcome.ACCEPTED, "", None),
        delete.id: (Outcome.NOT_ACCEPTED, "", None),
    }
    assert found.undecided == [insert.id]
    assert found.team_edits == []


def test_accepted_text_then_changed_is_partly_accepted_with_the_wording() -> None:
    replace = item(ItemKind.REPLACE, FIN, 1, 45, 49, old="2030", new="2035")
    decided = Decided(_merged([replace])).accept().replace("2035", "2033")
    found = _read(decided, [replace])
    assert _outcomes(found) == {replace.id: (Outcome.PARTLY_ACCEPTED, "", "2033")}


def test_clash_alternative_kept_accepts_that_agency_only() -> None:
    fin = item(ItemKind.REPLACE, FIN, 1, 45, 49, old="2030", new="2035")
    jus = item(ItemKind.REPLACE, JUS, 1, 42, 49, old="by 2030", new="in 2040")
    decided = Decided(_merged([fin, jus])).reject(lambda a, t: a == FIN and t == "by 2035")
    decided.accept()
    found = _read(decided, [fin, jus])
    assert _outcomes(found) == {
        jus.id: (Outcome.ACCEPTED, "", None),
        fin.id: (Outcome.NOT_ACCEPTED, "", None),
    }


@pytest.mark.parametrize(
    ("reply", "outcome", "explanation"),
    [
        ("Tiếp thu một phần: giữ năm 2030.", Outcome.PARTLY_ACCEPTED, "giữ năm 2030."),
        ("Không tiếp thu. Trái Luật.", Outcome.NOT_ACCEPTED, "Trái Luật."),
        ("Giải trình: đã quy định tại Điều 3.", Outcome.NOTED, "đã quy định tại Điều 3."),
        ("Tiếp thu", Outcome.ACCEPTED, ""),
        ("Partly accepted - the year stays.", Outcome.PARTLY_ACCEPTED, "the year stays."),
        ("Noted: covered elsewhere", Outcome.NOTED, "covered elsewhere"),
        ("Not accepted", Outcome.NOT_ACCEPTED, ""),
    ],
)
def test_reply_sets_a_comment_items_outcome(reply: str, outcome: Outcome, explanation: str) -> None:
    comment = item(ItemKind.COMMENT, HEA, 3, 0, 9, anchor="Emissions", comment="Vì sao?")
    decided = Decided(_merged([comment])).reply("Vì sao?", reply)
    found = _read(decided, [comment])
    assert _outcomes(found) == {comment.id: (outcome, explanation, None)}
    assert found.undecided == []


def test_reply_words_need_a_word_boundary() -> None:
    assert reply_outcome("Tiếp thuận lợi")[0] is None
    assert reply_outcome("ACCEPTED.")[0] == Outcome.ACCEPTED


def test_reply_on_a_clash_explains_its_changes() -> None:
    fin = item(ItemKind.REPLACE, FIN, 1, 45, 49, old="2030", new="2035")
    jus = item(ItemKind.REPLACE, JUS, 1, 42, 49, old="by 2030", new="in 2040")
    decided = Decided(_merged([fin, jus])).reject()
    decided.reply("Concord", "Giữ năm 2030 theo Chiến lược.")
    found = _read(decided, [fin, jus])
    assert _outcomes(found) == {
        fin.id: (Outcome.NOT_ACCEPTED, "Giữ năm 2030 theo Chiến lược.", None),
        jus.id: (Outcome.NOT_ACCEPTED, "Giữ năm 2030 theo Chiến lược.", None),
    }


def test_team_edits_apart_and_the_next_version_is_the_decided_text() -> None:
    replace = item(ItemKind.REPLACE, FIN, 1, 45, 49, old="2030", new="2035")
    insert = item(ItemKind.INSERT, JUS, 3, 22, 22, new=" by 2040")
    items = [replace, insert]
    decided = Decided(_merged(items)).accept(lambda a, t: a == FIN).reject()
    decided.replace("Scope", "Scope and subjects")
    found = _read(decided, items)
    assert [(e.agency, e.old, e.new) for e in found.team_edits] == [(TEAM, "", " and subjects")]
    team = [Decision(item_id=e.id, outcome=Outcome.ACCEPTED) for e in found.team_edits]
    next_version = apply_decisions(base_docx(), items + found.team_edits, found.decisions + team)
    assert texts(next_version)[1] == texts(decided.to_bytes())[1]
    by_id = apply_decisions(
        base_docx(),
        items + found.team_edits,
        [
            Decision(item_id=replace.id, outcome=Outcome.ACCEPTED),
            Decision(item_id=insert.id, outcome=Outcome.NOT_ACCEPTED),
            *team,
        ],
    )
    assert texts(by_id) == texts(next_version)


def test_new_paragraph_accepted_and_deleted_paragraph_rejected() -> None:
    n1 = len(PARAS[1])
    add = item(ItemKind.INSERT, FIN, 1, n1, n1, new="\nA new paragraph.")
    drop = item(ItemKind.DELETE, JUS, 3, 0, 0, end_block=4, old=PARAS[3] + "\n")
    decided = Decided(_merged([add, drop])).accept(lambda a, t: a == FIN).reject()
    found = _read(decided, [add, drop])
    assert _outcomes(found) == {
        add.id: (Outcome.ACCEPTED, "", None),
        drop.id: (Outcome.NOT_ACCEPTED, "", None),
    }
    assert found.team_edits == []


def test_accepted_insertion_at_the_end_of_a_paragraph() -> None:
    insert = item(ItemKind.INSERT, JUS, 3, 22, 22, new=" by 2040")
    found = _read(Decided(_merged([insert])).accept(), [insert])
    assert _outcomes(found) == {insert.id: (Outcome.ACCEPTED, "", None)}
    assert found.team_edits == []


def test_replies_to_what_the_merger_wrote_as_comments() -> None:
    header = item(ItemKind.REPLACE, FIN, 0, 0, 3, part="header", old="Old", new="New")
    bold = item(ItemKind.FORMAT, HEA, 3, 0, 9, detail="bold added")
    decided = Decided(_merged([header, bold]))
    decided.reply("In the header", "Accepted: the header is updated.")
    decided.reply("Formatting", "Not accepted")
    found = _read(decided, [header, bold])
    assert _outcomes(found) == {
        header.id: (Outcome.ACCEPTED, "the header is updated.", None),
        bold.id: (Outcome.NOT_ACCEPTED, "", None),
    }


def test_a_move_accepted_and_identical_changes_accepted_for_every_agency() -> None:
    move = item(
        ItemKind.MOVE, FIN, 3, 0, 10, old="Emissions ", new="Emissions ", to_block=1, to_offset=0
    )
    same = [
        item(ItemKind.REPLACE, agency, 1, 45, 49, old="2030", new="2035") for agency in (JUS, HEA)
    ]
    decided = Decided(_merged([move, *same])).accept()
    found = _read(decided, [move, *same])
    assert _outcomes(found) == {i.id: (Outcome.ACCEPTED, "", None) for i in (move, *same)}
    assert found.team_edits == []


def test_identical_changes_left_pending_are_undecided_for_every_agency() -> None:
    same = [
        item(ItemKind.REPLACE, agency, 1, 45, 49, old="2030", new="2035") for agency in (JUS, HEA)
    ]
    found = _read(Decided(_merged(same)), same)
    assert found.decisions == [] and sorted(found.undecided) == sorted(i.id for i in same)


def test_the_teams_new_and_removed_paragraphs_reach_the_next_version() -> None:
    replace = item(ItemKind.REPLACE, FIN, 1, 45, 49, old="2030", new="2035")
    decided = Decided(_merged([replace])).accept()
    decided.add_paragraph_after("This resolution", "A paragraph the team adds.")
    decided.remove_paragraph("Emissions")
    found = _read(decided, [replace])
    assert _outcomes(found) == {replace.id: (Outcome.ACCEPTED, "", None)}
    assert found.team_edits and all(e.agency == TEAM for e in found.team_edits)
    team = [Decision(item_id=e.id, outcome=Outcome.ACCEPTED) for e in found.team_edits]
    published = apply_decisions(
        base_docx(), [replace, *found.team_edits], [*found.decisions, *team]
    )
    assert (
        texts(published)[0]
        == texts(decided.to_bytes())[1]
        == (
            "Article 1. Scope\nThis resolution applies to all ministries by 2035.\n"
            "A paragraph the team adds.\nArticle 2. Targets\n"
        )
    )


def test_a_paragraph_the_team_adds_at_the_end() -> None:
    decided = Decided(_merged([])).add_paragraph_after("Emissions", "Article 3. Entry into force")
    found = _read(decided, [])
    [edit] = found.team_edits
    assert (edit.block, edit.start, edit.new) == (3, 23, "\nArticle 3. Entry into force")
    accepted = [Decision(item_id=edit.id, outcome=Outcome.ACCEPTED)]
    published = apply_decisions(base_docx(), [edit], accepted)
    assert texts(published)[0].endswith("half.\nArticle 3. Entry into force\n")


def test_words_added_right_after_a_change_make_it_partly_accepted() -> None:
    replace = item(ItemKind.REPLACE, FIN, 1, 45, 49, old="2030", new="2035")
    decided = Decided(_merged([replace])).accept().replace("2035", "2035 and 2036")
    found = _read(decided, [replace])
    assert _outcomes(found) == {replace.id: (Outcome.PARTLY_ACCEPTED, "", "2035 and 2036")}
    assert found.team_edits == []


def test_a_reply_decides_changes_left_pending() -> None:
    fin = item(ItemKind.REPLACE, FIN, 1, 45, 49, old="2030", new="2035")
    jus = item(ItemKind.REPLACE, JUS, 1, 42, 49, old="by 2030", new="in 2040")
    decided = Decided(_merged([fin, jus])).reply("Concord", "Không tiếp thu: giữ nguyên.")
    found = _read(decided, [fin, jus])
    assert _outcomes(found) == {
        fin.id: (Outcome.NOT_ACCEPTED, "giữ nguyên.", None),
        jus.id: (Outcome.NOT_ACCEPTED, "giữ nguyên.", None),
    }
    assert found.undecided == []
