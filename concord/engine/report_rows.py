"""What the synthesis report says, independent of its format: its input, preamble and rows.

The .docx (engine.report), the .xlsx (engine.report_xlsx) and the PDF made from the .docx all
print `report_rows(data)`, so they hold the same rows. The official text names agencies by
name and their replies by letter number and date; it never shows Concord's ids or file names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from concord.engine.history_text import history_lines
from concord.engine.tree import PARTS
from concord.engine.wording import Lang, clash_with, describe_change, excerpt, part_name
from concord.engine.wording import draft_text as _draft_text
from concord.models import Clash, Decision, Item, ItemHistory, ItemKind, Outcome
from concord.models.decisions import OUTCOME_LABELS

CLASH_MARK = "⚠"
UNDECIDED = "Chưa xử lý"
LATE = "gửi sau thời hạn"
# The report is the Vietnamese form; its item phrases come from engine.wording.
LANG: Lang = "vi"
GENERAL = "I. Ý KIẾN CHUNG"
SPECIFIC = "II. Ý KIẾN CỤ THỂ VỀ CÁC ĐIỀU, KHOẢN"
DRAFTING = "III. BAN SOẠN THẢO CHỈNH LÝ"
TEAM_OUTCOME = "Ban soạn thảo chỉnh lý"
DRAFTING_TEAM = "Ban soạn thảo"


class ReportAnswer(BaseModel):
    """A written reply received in the round."""

    model_config = ConfigDict(frozen=True)

    agency: str
    received: date | datetime
    filename: str = Field(default="", description="kept for the record; never printed")
    letter: str | None = Field(default=None, description="'số 123/BNG-LPQT ngày 02/12/2026'")
    late: bool = False
    stance: str = Field(default="", description="models.Stance value, '' when not stated")


class ReportInput(BaseModel):
    model_config = ConfigDict(frozen=True)

    draft_title: str
    round_id: str = Field(description="kept for the record; never printed")
    circulated_version: int = Field(ge=1)
    new_version: int | None = Field(default=None, description="the version published, if any")
    agencies: tuple[str, ...] = Field(description="every body consulted in the round")
    answers: tuple[ReportAnswer, ...] = ()
    items: tuple[Item, ...] = ()
    decisions: tuple[Decision, ...] = ()
    clashes: tuple[Clash, ...] = ()
    # The drafting team's own changes ("Ban soạn thảo chỉnh lý"), in a section of their own;
    # each may have a decision (its explanation) among `decisions`.
    drafting_items: tuple[Item, ...] = ()
    # What earlier rounds said about each item's passage (printed under its comment).
    histories: tuple[ItemHistory, ...] = ()
    date: date
    issuer: str = Field(description="the drafting body, e.g. 'BỘ NỘI VỤ'")
    number: str = Field(default="", description="the report's number, e.g. '15/BC-BNV'")
    signer: str = ""
    signer_title: str = ""
    recipients: tuple[str, ...] = ()
    extract_for: str | None = Field(
        default=None, description="an agency's extract: only its rows, said so in the preamble"
    )


@dataclass(frozen=True)
class ReportRow:
    """One table row; a section row has only `section` set."""

    number: str = ""
    location: str = ""
    draft_text: str = ""
    agency: str = ""
    comment: str = ""
    outcome: str = ""
    explanation: tuple[str, ...] = ()
    clash: bool = False
    section: str = ""

    @property
    def cells(self) -> tuple[str, ...]:
        """The six columns as text (the explanation lines under the outcome)."""
        if self.section:
            return (self.section, "", "", "", "", "")
        response = "\n".join((self.outcome, *self.explanation))
        return (
            self.number,
            self.location,
            self.draft_text,
            self.agency,
            self.comment,
            response,
        )


def agency_extract(data: ReportInput, agency: str) -> ReportInput:
    """The part of the report about one agency: its reply and its rows."""
    items = tuple(i for i in data.items if i.agency == agency)
    ids = {i.id for i in items}
    return data.model_copy(
        update={
            "items": items,
            "answers": tuple(a for a in data.answers if a.agency == agency),
            "decisions": tuple(d for d in data.decisions if d.item_id in ids),
            "clashes": tuple(c for c in data.clashes if agency in c.agencies),
            "drafting_items": (),
            "histories": tuple(h for h in data.histories if h.item_id in ids),
            "extract_for": agency,
        }
    )


def report_rows(data: ReportInput) -> list[ReportRow]:
    """Section rows and item rows, numbered in order: general comments, then by article."""
    decisions = {d.item_id: d for d in data.decisions}
    histories = {h.item_id: h for h in data.histories}
    clashing = clash_partners(data.items, data.clashes)
    late = {a.agency for a in data.answers if a.late}
    general = sorted((i for i in data.items if is_general(i)), key=document_order)
    specific = sorted((i for i in data.items if not is_general(i)), key=document_order)
    drafting = sorted(data.drafting_items, key=document_order)
    rows: list[ReportRow] = []
    number = 0
    for title, items in ((GENERAL, general), (SPECIFIC, specific), (DRAFTING, drafting)):
        if not items:
            continue
        rows.append(ReportRow(section=title))
        for item in items:
            number += 1
            partners = clashing.get(item.id, ())
            row = _row(number, item, decisions.get(item.id), partners, item.agency in late)
            earlier = history_lines(histories.get(item.id), LANG)
            if earlier:
                row = replace(row, comment="\n".join((row.comment, *earlier)))
            if title == DRAFTING:  # the team's own change: made, not decided on
                row = replace(row, outcome=TEAM_OUTCOME)
            rows.append(row)
    return rows


def _row(
    number: int, item: Item, decision: Decision | None, clash: tuple[str, ...], late: bool
) -> ReportRow:
    comment = proposal(item)
    if clash:
        comment = f"{CLASH_MARK} {clash_with(clash, LANG)}\n{comment}"
    explanation: list[str] = []
    if decision is not None:
        if decision.outcome == Outcome.PARTLY_ACCEPTED and decision.text:
            explanation.append(f"Nội dung tiếp thu: {excerpt(decision.text)}")
        if decision.explanation:
            explanation.append(decision.explanation)
    return ReportRow(
        number=str(number),
        location=location(item) or "Chung",
        draft_text=draft_text(item),
        agency=item.agency + (f" ({LATE})" if late else ""),
        comment=comment,
        outcome=outcome_label(decision),
        explanation=tuple(explanation),
        clash=bool(clash),
    )


def is_general(item: Item) -> bool:
    """A comment on the draft as a whole: outside the body, or where no article is numbered."""
    return item.part != "body" or not re.search(r"\d", item.location)


def document_order(item: Item) -> tuple:
    """Where an item stands in the draft: part, paragraph, offset (then agency)."""
    part = PARTS.index(item.part) if item.part in PARTS else len(PARTS)
    return (part, item.block, item.start, item.agency)


def outcome_label(decision: Decision | None) -> str:
    return UNDECIDED if decision is None else OUTCOME_LABELS[decision.outcome][1]


def day(value: date | datetime) -> str:
    return value.strftime("%d/%m/%Y")


def long_date(value: date) -> str:
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


def reply_reference(answer: ReportAnswer) -> str:
    """'Công văn số 123/BNG-LPQT ngày 02/12/2026', or the date received when no letter is known."""
    letter = (answer.letter or "").strip()
    if not letter:
        text = f"văn bản nhận ngày {day(answer.received)}"
    elif letter.lower().startswith("số"):
        text = f"Công văn {letter}"
    else:
        text = letter
    if answer.stance in STANCES:
        text += f", {STANCES[answer.stance]}"
    return text + (f", {LATE}" if answer.late else "")


# How the preamble says an agency's stated position.
STANCES = {
    "agrees": "thống nhất với dự thảo",
    "agrees_with_comments": "thống nhất, có ý kiến góp ý",
    "disagrees": "không thống nhất với dự thảo",
    "no_answer": "không có ý kiến",
}


def subtitle(data: ReportInput) -> str:
    text = f"Dự thảo {data.draft_title} (dự thảo lần {data.circulated_version})"
    if data.extract_for:
        text += f"\nTrích phần ý kiến của {data.extract_for}"
    return text


def preamble(data: ReportInput) -> list[str]:
    """The paragraphs before the table."""
    if data.extract_for:
        return _extract_preamble(data)
    consulted = list(data.agencies)
    replied = {a.agency for a in data.answers}
    silent = [a for a in consulted if a not in replied]
    lines = [
        f"Thực hiện việc lấy ý kiến đối với dự thảo {data.draft_title} (dự thảo lần "
        f"{data.circulated_version}), cơ quan chủ trì soạn thảo đã gửi dự thảo đến "
        f"{len(consulted)} cơ quan: {', '.join(consulted)}."
    ]
    if data.answers:
        received = "; ".join(f"{a.agency} ({reply_reference(a)})" for a in data.answers)
        lines.append(
            f"Đến {long_date(data.date)}, đã nhận được {len(data.answers)}/{len(consulted)} "
            f"văn bản góp ý: {received}."
        )
    else:
        lines.append(f"Đến {long_date(data.date)}, chưa nhận được văn bản góp ý nào.")
    late = [a.agency for a in data.answers if a.late]
    if late:
        lines.append(f"Văn bản gửi sau thời hạn ({len(late)}): {', '.join(late)}.")
    if silent:
        lines.append(
            f"Có {len(silent)} cơ quan không có văn bản trả lời ({', '.join(silent)}), được coi "
            "là đồng ý với dự thảo."
        )
    with_items = {i.agency for i in data.items}
    agreeing = [a.agency for a in data.answers if a.agency not in with_items]
    if agreeing:
        lines.append(f"{', '.join(agreeing)} thống nhất với dự thảo, không có ý kiến khác.")
    lines.append(_summary(data))
    lines.append("Nội dung tổng hợp, giải trình, tiếp thu cụ thể như sau:")
    return lines


def _extract_preamble(data: ReportInput) -> list[str]:
    agency = data.extract_for or ""
    replies = "; ".join(reply_reference(a) for a in data.answers)
    said = f" ({replies})" if replies else ""
    return [
        f"Trích Bảng tổng hợp, giải trình, tiếp thu ý kiến đối với dự thảo {data.draft_title} "
        f"(dự thảo lần {data.circulated_version}): phần ý kiến của {agency}{said}.",
        _summary(data),
    ]


def _summary(data: ReportInput) -> str:
    decisions = {d.item_id: d for d in data.decisions}
    counts = Counter(outcome_label(decisions.get(i.id)) for i in data.items)
    labels = [OUTCOME_LABELS[o][1] for o in Outcome] + [UNDECIDED]
    parts = [f"{label.lower()} {counts[label]}" for label in labels if counts[label]]
    general = sum(1 for i in data.items if is_general(i))
    text = f"Tổng số có {len(data.items)} ý kiến ({general} ý kiến chung)"
    text += f", trong đó: {'; '.join(parts)}." if parts else "."
    if data.clashes:
        text += (
            f" Có {len(data.clashes)} nội dung các cơ quan đề nghị sửa khác nhau (đánh dấu "
            f"{CLASH_MARK} trong bảng)."
        )
    return text


def closing(data: ReportInput) -> str:
    if data.new_version is None:
        return "Dự thảo sẽ được chỉnh lý trên cơ sở tiếp thu, giải trình các ý kiến nêu trên."
    return (
        "Trên cơ sở tiếp thu, giải trình các ý kiến nêu trên, dự thảo đã được chỉnh lý thành "
        f"dự thảo lần {data.new_version}."
    )


def clash_partners(items: Sequence[Item], clashes: Sequence[Clash]) -> dict[str, tuple[str, ...]]:
    """For each clashing item, the other agencies whose changes overlap it.

    A clash names its items; one that does not (made elsewhere) is matched by agency and block.
    """
    partners: dict[str, tuple[str, ...]] = {}
    for clash in clashes:
        members = [i for i in items if i.id in clash.item_ids] or [
            i
            for i in items
            if i.kind != ItemKind.COMMENT
            and i.agency in clash.agencies
            and i.part == clash.part
            and i.block == clash.block
            and i.start < clash.end
            and clash.start < max(i.end, i.start + 1)
        ]
        for item in members:
            others = tuple(a for a in clash.agencies if a != item.agency)
            partners[item.id] = tuple(dict.fromkeys((*partners.get(item.id, ()), *others)))
    return partners


def draft_text(item: Item) -> str:
    """What the draft says where the item applies."""
    return _draft_text(item, LANG)


def proposal(item: Item) -> str:
    """The comment, or the change proposed, in words."""
    return describe_change(item, LANG)


def location(item: Item) -> str:
    """The article/clause; outside the body, the part's name says more than a block label."""
    if item.part != "body":
        return part_name(item.part, LANG)
    return item.location
