"""Merging a round: every agency's newest ingested answer into one tracked-changes .docx."""

from __future__ import annotations

from collections.abc import Sequence

from prefect import task

from engine.merger import merge
from engine.review_html import render_review
from models import Answer, Item, MergeRecord
from tasks.store import IO_RETRIES, IO_RETRY_DELAYS, concord_store


class NothingToMerge(RuntimeError):
    """No agency has an ingested answer yet."""


def merged_answers(round_id: str) -> list[Answer]:
    """The newest answer of each agency that has its items stored, in agency order."""
    store = concord_store()
    latest = store.latest_answers(round_id)
    rnd = store.round(round_id)
    return [
        latest[a.id]
        for a in rnd.agencies
        if a.id in latest and store.items_for(latest[a.id]) is not None
    ]


def covers(merge_record: MergeRecord | None, answers: Sequence[Answer]) -> bool:
    """Whether `merge_record` merged exactly these answers (then merging again changes nothing)."""
    return merge_record is not None and merge_record.answers == tuple(
        sorted(a.sha256 for a in answers)
    )


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def merge_latest(round_id: str, actor: str, date: str | None = None) -> tuple[MergeRecord, bool]:
    """(merge, newly made): the latest merge when it already covers the same answers."""
    store = concord_store()
    answers = merged_answers(round_id)
    if not answers:
        raise NothingToMerge(f"no agency's answer to round {round_id} is ingested yet")
    latest = store.latest_merge(round_id)
    if covers(latest, answers):
        return latest, False
    rnd = store.round(round_id)
    draft = store.draft(rnd.draft_id)
    base = store.version_bytes(rnd.draft_id, rnd.version)
    items: list[Item] = []
    for answer in answers:
        items += store.items_for(answer) or []
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
