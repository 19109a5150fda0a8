"""The issues still in dispute, as .docx: "Những vấn đề còn ý kiến khác nhau".

Before a draft goes to appraisal, leaders settle the points where an agency still disagrees:
its comments of the latest round that were not accepted or only partly accepted, and those it
raised again after an earlier round did not take them. Laid out as the synthesis report is (the
same template, the same columns), each row with what earlier rounds said about its passage.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from concord.engine.history_text import history_lines
from concord.engine.report import Signature, fill_report
from concord.engine.report_rows import (
    LANG,
    ReportRow,
    document_order,
    draft_text,
    location,
    outcome_label,
    proposal,
)
from concord.engine.templates import all_paragraphs, open_template, to_bytes
from concord.models import Decision, Item, ItemHistory

TITLE = "NHỮNG VẤN ĐỀ CÒN Ý KIẾN KHÁC NHAU"
REPORT_TITLE = "BẢNG TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN"


class DisputesInput(BaseModel):
    """The disputed items of the draft's latest decided round, with their histories."""

    model_config = ConfigDict(frozen=True)

    draft_title: str
    round_number: int = Field(ge=1, description="the latest round's place among the draft's")
    circulated_version: int = Field(ge=1, description="the version that round circulated")
    items: tuple[Item, ...] = ()
    decisions: tuple[Decision, ...] = ()
    histories: tuple[ItemHistory, ...] = ()
    date: date
    signature: Signature


def dispute_rows(data: DisputesInput) -> list[ReportRow]:
    """One row per disputed item, in the draft's order, each with its history."""
    decisions = {d.item_id: d for d in data.decisions}
    histories = {h.item_id: h for h in data.histories}
    rows = []
    for number, item in enumerate(sorted(data.items, key=document_order), start=1):
        decision = decisions.get(item.id)
        explanation = (decision.explanation,) if decision and decision.explanation else ()
        comment = "\n".join((proposal(item), *history_lines(histories.get(item.id), LANG)))
        rows.append(
            ReportRow(
                number=str(number),
                location=location(item) or "Chung",
                draft_text=draft_text(item),
                agency=item.agency,
                comment=comment,
                outcome=outcome_label(decision),
                explanation=explanation,
            )
        )
    return rows


def preamble(data: DisputesInput) -> list[str]:
    subject = (
        f"dự thảo {data.draft_title} (dự thảo lần {data.circulated_version}, lấy ý kiến vòng "
        f"{data.round_number})"
    )
    if not data.items:
        return [f"Qua các vòng lấy ý kiến đối với {subject}, không còn vấn đề có ý kiến khác nhau."]
    agencies = list(dict.fromkeys(i.agency for i in sorted(data.items, key=document_order)))
    decisions = {d.item_id: d for d in data.decisions}
    counts = Counter(outcome_label(decisions.get(i.id)) for i in data.items)
    repeated = sum(1 for h in data.histories if h.repeated and h.item_id in _ids(data))
    said = "; ".join(f"{label.lower()} {n}" for label, n in counts.items())
    lines = [
        f"Qua các vòng lấy ý kiến đối với {subject}, còn {len(data.items)} ý kiến của "
        f"{len(agencies)} cơ quan ({', '.join(agencies)}) chưa được tiếp thu đầy đủ ({said})."
    ]
    if repeated:
        lines.append(
            f"Trong đó có {repeated} ý kiến được cơ quan nêu lại sau khi không được tiếp thu "
            "đầy đủ ở vòng trước."
        )
    lines.append("Ban soạn thảo báo cáo các vấn đề còn ý kiến khác nhau như sau:")
    return lines


CLOSING = (
    "Ban soạn thảo kính đề nghị Lãnh đạo xem xét, cho ý kiến chỉ đạo đối với các vấn đề nêu "
    "trên trước khi trình thẩm định."
)


def build_disputes_report(data: DisputesInput) -> bytes:
    doc = open_template("synthesis-report")
    title = next(p for p in all_paragraphs(doc) if p.text == REPORT_TITLE)
    title.runs[0].text = TITLE
    for run in title.runs[1:]:
        run.text = ""
    fill_report(
        doc,
        data.signature,
        day=data.date,
        subtitle=f"Dự thảo {data.draft_title} (dự thảo lần {data.circulated_version})",
        preamble=preamble(data),
        closing=CLOSING,
        rows=dispute_rows(data),
    )
    doc.core_properties.title = f"Những vấn đề còn ý kiến khác nhau - {data.draft_title}"
    return to_bytes(doc)


def _ids(data: DisputesInput) -> set[str]:
    return {i.id for i in data.items}
