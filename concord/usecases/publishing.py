"""Publishing a round: the next version from the decisions, and the round's synthesis report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from concord.engine.publish import apply_decisions
from concord.engine.report import ReportAnswer, ReportInput, build_synthesis_report
from concord.errors import InvalidInput
from concord.models import Version
from concord.storage.records import ConcordStore
from concord.usecases.decisions import merged_items
from concord.usecases.merging import merged_answers

# The drafting body named at the head of the synthesis report when none is given.
DEFAULT_ISSUER = "BAN SOẠN THẢO"


@dataclass(frozen=True)
class Publication:
    version: Version
    report_key: str


def publish_round(
    store: ConcordStore, round_id: str, *, actor: str, issuer: str = DEFAULT_ISSUER
) -> Publication:
    """Version N+1 and the synthesis report; re-running after a crash completes what is missing."""
    version = publish_next_version(store, round_id, actor=actor)
    report = store.latest_report_key(round_id)
    if report is None:
        report = write_report(store, round_id, version.number, issuer=issuer, actor=actor)
    else:
        store.complete_report(round_id, report, actor=actor)  # a crash may have kept its entry
    return Publication(version, report)


def publish_next_version(store: ConcordStore, round_id: str, *, actor: str) -> Version:
    """The version made from the decisions; on a retry after success, the one published then."""
    rnd = store.round(round_id)
    for version in store.versions(rnd.draft_id):
        if version.from_round == round_id:
            store.complete_version(version, actor=actor)  # a crash may have kept its entry
            return version
    found = merged_items(store, round_id)
    decisions = store.decisions(round_id)
    if not decisions:
        raise InvalidInput(
            f"no decisions recorded for round {round_id}: decide on its items first "
            f"(`concord items {round_id}`, `concord decide`)"
        )
    base = store.version_bytes(rnd.draft_id, rnd.version)
    docx = apply_decisions(base, found.items, decisions)
    note = f"from the decisions on round {round_id}"
    return store.publish(round_id, docx, actor=actor, note=note)


def write_report(
    store: ConcordStore, round_id: str, new_version: int, *, issuer: str, actor: str
) -> str:
    """The synthesis report's key."""
    rnd = store.round(round_id)
    found = merged_items(store, round_id)
    answers = merged_answers(store, round_id)
    data = ReportInput(
        draft_title=store.draft(rnd.draft_id).title,
        round_id=round_id,
        circulated_version=rnd.version,
        new_version=new_version,
        agencies=tuple(a.name for a in rnd.agencies),
        answers=tuple(
            ReportAnswer(agency=a.agency.name, received=a.uploaded_at, filename=a.filename)
            for a in answers
        ),
        items=tuple(found.items),
        decisions=tuple(store.decisions(round_id)),
        clashes=tuple(found.clashes),
        date=date.today(),
        issuer=issuer,
    )
    return store.put_report(round_id, build_synthesis_report(data), actor=actor).key
