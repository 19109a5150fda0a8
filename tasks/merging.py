"""Merging a round: every agency's newest ingested answer into one tracked-changes .docx."""

from __future__ import annotations

from collections.abc import Sequence

from prefect import task

from concord.engine.merger import merge
from concord.engine.review_html import render_review
from concord.models import Answer, Item, MergeRecord
from concord.tasks.store import IO_RETRIES, IO_RETRY_DELAYS, concord_store


class NothingToMerge(RuntimeError):
    """No agency has an ingested answer yet."""


def ingested_answers(round_id: str) -> list[tuple[Answer, list[Item]]]:
    """The newest answer of each agency that has its items stored, with them, in agency order."""
    store = concord_store()
    latest = store.latest_answers(round_id)
    found = []
    for agency in store.round(round_id).agencies:
        answer = latest.get(agency.id)
        items = store.items_for(answer) if answer is not None else None
        if answer is not None and items is not None:
            found.append((answer, items))
    return found


def merged_answers(round_id: str) -> list[Answer]:
    """The answers a merge of the round takes: see ingested_answers."""
    return [answer for answer, _ in ingested_answers(round_id)]


def covers(merge_record: MergeRecord | None, answers: Sequence[Answer]) -> bool:
    """Whether `merge_record` merged exactly these answers (then merging again changes nothing)."""
    return merge_record is not None and merge_record.answers == tuple(
        sorted(a.sha256 for a in answers)
    )


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def merge_latest(round_id: str, actor: str, date: str | None = None) -> tuple[MergeRecord, bool]:
    """(merge, newly made): the latest merge when it already covers the same answers."""
    store = concord_store()
    ingested = ingested_answers(round_id)
    answers = [answer for answer, _ in ingested]
    if not answers:
        raise NothingToMerge(f"no agency's answer to round {round_id} is ingested yet")
    latest = store.latest_merge(round_id)
    if covers(latest, answers):
        return latest, False
    rnd = store.round(round_id)
    draft = store.draft(rnd.draft_id)
    base = store.version_bytes(rnd.draft_id, rnd.version)
    items = [item for _, found in ingested for item in found]
    result = merge(base, items, date=date)
    title = f"{draft.title}, version {rnd.version}: round {rnd.id}"
    record = store.put_merge(
        round_id,
        answers=answers,
        docx=result.docx,
        report=result.report(),
        html=render_review(base, result, title=title),
        item_count=len(result.items),
        clash_count=len(result.clashes),
        actor=actor,
    )
    return record, True
