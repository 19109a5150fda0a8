"""Merging a round: every agency's newest ingested answer into one tracked-changes .docx."""

from __future__ import annotations

from collections.abc import Sequence

from concord.engine.identity import MERGED, merge_digest, stamp
from concord.engine.merger import merge
from concord.engine.review_html import render_review
from concord.errors import NothingToMerge
from concord.models import Answer, CirculationStamp, Item, MergeRecord
from concord.storage.records import ConcordStore
from concord.usecases.answers import ingest_answer


def ingested_answers(store: ConcordStore, round_id: str) -> list[tuple[Answer, list[Item]]]:
    """The newest answer of each agency that has its items stored, with them, in agency order."""
    latest = store.latest_answers(round_id)
    found = []
    for agency in store.round(round_id).agencies:
        answer = latest.get(agency.id)
        items = store.items_for(answer) if answer is not None else None
        if answer is not None and items is not None:
            found.append((answer, items))
    return found


def merged_answers(store: ConcordStore, round_id: str) -> list[Answer]:
    """The answers a merge of the round takes: see ingested_answers."""
    return [answer for answer, _ in ingested_answers(store, round_id)]


def covers(merge_record: MergeRecord | None, answers: Sequence[Answer]) -> bool:
    """Whether `merge_record` merged exactly these answers (then merging again changes nothing)."""
    return merge_record is not None and merge_record.answers == tuple(
        sorted(a.sha256 for a in answers)
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
    latest = store.latest_merge(round_id)
    if covers(latest, answers):
        assert latest is not None
        return latest, False
    rnd = store.round(round_id)
    draft = store.draft(rnd.draft_id)
    base = store.version_bytes(rnd.draft_id, rnd.version)
    items = [item for _, found in ingested for item in found]
    result = merge(base, items, date=date)
    title = f"{draft.title}, version {rnd.version}: round {rnd.id}"
    # Stamped as the round's merged file: a decided copy uploaded back is known for what it is.
    identity = CirculationStamp(
        draft_id=rnd.draft_id,
        version=rnd.version,
        round_id=rnd.id,
        agency_id=MERGED,
        merge=merge_digest(a.sha256 for a in answers),
    )
    record = store.put_merge(
        round_id,
        answers=answers,
        docx=stamp(result.docx, identity),
        report=result.report(),
        html=render_review(base, result, title=title),
        item_count=len(result.items),
        clash_count=len(result.clashes),
        actor=actor,
    )
    return record, True
