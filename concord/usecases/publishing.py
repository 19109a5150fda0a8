"""Publishing a round: the next version from the decisions, and the round's synthesis report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from concord.engine.decisions_docx import TEAM
from concord.engine.pdf import docx_to_pdf
from concord.engine.publish import apply_decisions
from concord.engine.reader import read_answer
from concord.engine.report import (
    ReportAnswer,
    ReportInput,
    agency_extract,
    build_synthesis_report,
)
from concord.engine.report_xlsx import build_report_xlsx
from concord.errors import InvalidInput, Undecided
from concord.messages import t
from concord.models import Decision, Item, ItemKind, Outcome, RoundSettings, Version
from concord.storage.records import ConcordStore
from concord.usecases.consulted import consulted
from concord.usecases.decisions import merged_items
from concord.usecases.history import histories_for
from concord.usecases.merging import merged_answers

# The drafting body named at the head of the synthesis report when none is given.
DEFAULT_ISSUER = "BAN SOẠN THẢO"


@dataclass(frozen=True)
class Publication:
    version: Version
    report_key: str


ReportFormat = Literal["docx", "pdf", "xlsx"]


def publish_round(
    store: ConcordStore,
    round_id: str,
    *,
    actor: str,
    issuer: str = DEFAULT_ISSUER,
    signature: RoundSettings | None = None,
    allow_undecided: bool = False,
) -> Publication:
    """Version N+1 and the synthesis report; re-running after a crash completes what is missing.

    `signature` (number, signer, "Nơi nhận") replaces the round's own settings in the report.
    Items left undecided refuse publishing unless `allow_undecided` (the report then marks them
    "Chưa xử lý").
    """
    if signature is not None and signature != store.report_settings(round_id):
        store.put_report_settings(round_id, signature, actor=actor)
    version = publish_next_version(store, round_id, actor=actor, allow_undecided=allow_undecided)
    report = store.latest_report_key(round_id)
    if report is None:
        report = write_report(store, round_id, version.number, issuer=issuer, actor=actor)
    else:
        store.complete_report(round_id, report, actor=actor)  # a crash may have kept its entry
    return Publication(version, report)


def publish_next_version(
    store: ConcordStore, round_id: str, *, actor: str, allow_undecided: bool = False
) -> Version:
    """The version made from the decisions and the team's own edits read from a decided file;
    on a retry after success, the one published then."""
    rnd = store.round(round_id)
    for version in store.versions(rnd.draft_id):
        if version.from_round == round_id:
            store.complete_version(version, actor=actor)  # a crash may have kept its entry
            return version
    found = merged_items(store, round_id)
    decisions = store.decisions(round_id)
    if not allow_undecided:
        check_all_decided(round_id, [i.id for i in found.items], decisions)
    if not decisions:
        raise InvalidInput(t("refusal.no_decisions", round=round_id))
    team = store.team_edits(round_id)
    made = [Decision(item_id=edit.id, outcome=Outcome.ACCEPTED) for edit in team]
    base = store.version_bytes(rnd.draft_id, rnd.version)
    docx = apply_decisions(base, [*found.items, *team], [*decisions, *made])
    note = f"from the decisions on round {round_id}"
    return store.publish(round_id, docx, actor=actor, note=note)


def revision_edits(store: ConcordStore, draft_id: str, number: int) -> list[Item]:
    """The changes of version `number` from the one before it when the drafting team recorded it
    by hand (`concord draft revise`), not published from a round; else none."""
    version = next(v for v in store.versions(draft_id) if v.number == number)
    if number < 2 or version.from_round is not None:
        return []
    old, new = store.version_bytes(draft_id, number - 1), store.version_bytes(draft_id, number)
    return [i for i in read_answer(new, old, TEAM) if i.kind != ItemKind.COMMENT]


def check_all_decided(round_id: str, item_ids: list[str], decisions: list[Decision]) -> None:
    """Raise Undecided naming the items no decision covers."""
    decided = {d.item_id for d in decisions}
    undecided = [i for i in dict.fromkeys(item_ids) if i not in decided]
    if undecided:
        listed = ", ".join(undecided)
        raise Undecided(
            t("refusal.undecided", count=len(undecided), round=round_id, items=listed), undecided
        )


def write_report(
    store: ConcordStore, round_id: str, new_version: int, *, issuer: str, actor: str
) -> str:
    """The synthesis report's key."""
    data = report_input(store, round_id, issuer=issuer, new_version=new_version)
    return store.put_report(round_id, build_synthesis_report(data), actor=actor).key


def report_input(
    store: ConcordStore,
    round_id: str,
    *,
    issuer: str = DEFAULT_ISSUER,
    new_version: int | None = None,
) -> ReportInput:
    """Everything the report says, from what is stored (the signature as last given)."""
    rnd = store.round(round_id)
    found = merged_items(store, round_id)
    answers = merged_answers(store, round_id)
    signature = store.report_settings(round_id)
    if new_version is None:
        new_version = store.round_status(round_id).published_version
    return ReportInput(
        draft_title=store.draft(rnd.draft_id).title,
        round_id=round_id,
        circulated_version=rnd.version,
        new_version=new_version,
        agencies=tuple(a.name for a in rnd.agencies),
        answers=tuple(
            ReportAnswer(
                agency=a.agency.name,
                received=a.uploaded_at,
                filename=a.filename,
                letter=a.letter,
                late=a.late,
                stance=a.stance.value if a.stance else "",
            )
            for a in answers
        ),
        items=tuple(found.items),
        decisions=tuple(store.decisions(round_id)),
        clashes=tuple(found.clashes),
        # The team's own changes: those of the revision it circulated, then those made while
        # deciding ("Ban soạn thảo chỉnh lý").
        drafting_items=(
            *revision_edits(store, rnd.draft_id, rnd.version),
            *store.team_edits(round_id),
        ),
        histories=tuple(histories_for(store, rnd, found.items).values()),
        date=date.today(),
        issuer=issuer,
        number=signature.number,
        signer=signature.signer,
        signer_title=signature.signer_title,
        recipients=signature.recipients,
    )


def export_report(
    store: ConcordStore,
    round_id: str,
    fmt: ReportFormat,
    *,
    agency: str | None = None,
    issuer: str = DEFAULT_ISSUER,
) -> bytes:
    """The report (or one agency's extract) as .docx, .pdf (LibreOffice) or .xlsx."""
    data = report_input(store, round_id, issuer=issuer)
    if agency is not None:
        member = consulted(store.round(round_id), agency)
        data = agency_extract(data, member.name)
    if fmt == "xlsx":
        return build_report_xlsx(data)
    docx = build_synthesis_report(data)
    if fmt == "pdf":
        return docx_to_pdf(docx)
    if fmt != "docx":
        raise InvalidInput(t("refusal.report_format", fmt=fmt))
    return docx
