"""Publishing: the next version from the decisions, and the round's synthesis report."""

from __future__ import annotations

import json
from datetime import date

from prefect import task

from concord.engine.publish import apply_decisions
from concord.engine.report import ReportAnswer, ReportInput, build_synthesis_report
from concord.models import Clash, Item, MergeRecord, Version
from concord.storage.errors import RecordError
from concord.tasks.merging import merged_answers
from concord.tasks.store import IO_RETRIES, IO_RETRY_DELAYS, concord_store


def merged_items(round_id: str) -> tuple[MergeRecord, list[Item], list[Clash]]:
    """The latest merge and its items and clashes: the ids the decisions refer to."""
    store = concord_store()
    record = store.latest_merge(round_id)
    if record is None:
        raise RecordError(f"round {round_id} has not been merged: nothing to decide on")
    report = json.loads(store.object_bytes(record.report_key))
    items = [Item.model_validate(raw) for raw in report["items"]]
    clashes = [Clash.model_validate(raw) for raw in report["clashes"]]
    return record, items, clashes


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def publish_next_version(round_id: str, actor: str) -> Version:
    """The version made from the decisions; on a retry after success, the one published then."""
    store = concord_store()
    rnd = store.round(round_id)
    for version in store.versions(rnd.draft_id):
        if version.from_round == round_id:
            return version
    _, items, _ = merged_items(round_id)
    decisions = store.decisions(round_id)
    if not decisions:
        raise RecordError(f"no decisions recorded for round {round_id}")
    base = store.version_bytes(rnd.draft_id, rnd.version)
    docx = apply_decisions(base, items, decisions)
    note = f"from the decisions on round {round_id}"
    return store.publish(round_id, docx, actor=actor, note=note)


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def write_report(round_id: str, new_version: int, issuer: str, actor: str) -> str:
    """The synthesis report's key."""
    store = concord_store()
    rnd = store.round(round_id)
    _, items, clashes = merged_items(round_id)
    answers = merged_answers(round_id)
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
        items=tuple(items),
        decisions=tuple(store.decisions(round_id)),
        clashes=tuple(clashes),
        date=date.today(),
        issuer=issuer,
    )
    return store.put_report(round_id, build_synthesis_report(data), actor=actor).key
