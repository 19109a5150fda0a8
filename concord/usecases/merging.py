"""Merging a round: every agency's newest ingested answer into one tracked-changes .docx."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from concord.engine.merger import merge
from concord.engine.review_html import render_review
from concord.errors import MergeInProgress, NothingToMerge
from concord.models import Answer, Item, MergeRecord
from concord.storage.records import ConcordStore
from concord.usecases.answers import ingest_answer

# Longer than any merge takes: a claim this old belongs to a merger that died.
CLAIM_STALE_AFTER = timedelta(minutes=10)


def ingested_answers(store: ConcordStore, round_id: str) -> list[tuple[Answer, list[Item]]]:
    """The newest answer of each agency that has its items stored, with them, in agency order."""
    latest = store.latest_answers(round_id)
    found = []
    for agency in store.round(round_id).agencies:
        answer = latest.get(agency.id)
        items = store.items_for(answer) if answer is not None else None
        if answer is not None and items is not None:
            found.append((answer, items + store.typed_items(round_id, agency.id)))
    return found


def merged_answers(store: ConcordStore, round_id: str) -> list[Answer]:
    """The answers a merge of the round takes: see ingested_answers."""
    return [answer for answer, _ in ingested_answers(store, round_id)]


def covers(
    merge_record: MergeRecord | None, answers: Sequence[Answer], typed: Sequence[str] = ()
) -> bool:
    """Whether `merge_record` merged exactly these answers and typed-in items (then merging
    again changes nothing)."""
    return (
        merge_record is not None
        and merge_record.answers == tuple(sorted(a.sha256 for a in answers))
        and merge_record.typed == tuple(sorted(typed))
    )


def ingest_waiting(store: ConcordStore, round_id: str, *, actor: str) -> None:
    """Read every newest answer not read yet (a no-op for the rest)."""
    for answer in store.latest_answers(round_id).values():
        ingest_answer(store, round_id, answer.key, actor=actor)


def merge_round(
    store: ConcordStore, round_id: str, *, actor: str, date: str | None = None
) -> tuple[MergeRecord, bool]:
    """(merge, newly made): stragglers are ingested first; the same answers merge once."""
    ingest_waiting(store, round_id, actor=actor)
    return merge_ingested(store, round_id, actor=actor, date=date)


def merge_ingested(
    store: ConcordStore, round_id: str, *, actor: str, date: str | None = None
) -> tuple[MergeRecord, bool]:
    """(merge, newly made) over the answers already ingested."""
    ingested = ingested_answers(store, round_id)
    answers = [answer for answer, _ in ingested]
    if not answers:
        raise NothingToMerge(
            f"no agency has answered round {round_id} yet: nothing to merge "
            f"(`concord round status {round_id}` shows who answered)"
        )
    typed = [item.id for _, found in ingested for item in found if item.entered_by]
    latest = store.latest_merge(round_id)
    if covers(latest, answers, typed):
        assert latest is not None
        store.complete_merge(latest, actor=actor)  # a crash may have kept its audit entry
        return latest, False
    claimed = store.claim_merge(
        round_id, answers, actor=actor, stale_after=CLAIM_STALE_AFTER, typed=typed
    )
    if not claimed:
        raise MergeInProgress(
            f"round {round_id} is being merged right now with the same answers: "
            "its merge appears in a moment"
        )
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
        typed=typed,
    )
    return record, True
