"""Merging a round: every agency's newest ingested answer into one tracked-changes .docx.

One agency's answer never stops the merge: an answer that cannot be read (stored before answers
were read at upload) or that the merger fails on is set aside, named in the merge report's
`set_aside` list, and the rest are merged.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from concord.engine.identity import MERGED, merge_digest, stamp
from concord.engine.merger import MergeResult, merge
from concord.engine.review_html import render_review
from concord.errors import ConcordError, MergeInProgress, NothingToMerge, is_transient
from concord.messages import t
from concord.models import Answer, CirculationStamp, Item, MergeRecord
from concord.storage.records import ConcordStore
from concord.usecases.answers import ingest_answer
from concord.usecases.parallel import IN_PROCESS_UP_TO, ReadJob, read_each

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


def ingest_waiting(store: ConcordStore, round_id: str, *, actor: str) -> dict[str, str]:
    """Read every newest answer not read yet, on every core when there are several; returns
    agency id -> why, for the answers that cannot be read (left out of the merge, not fatal
    to it). A failure that may pass by itself (the store unreachable) is raised."""
    waiting = [a for a in store.latest_answers(round_id).values() if store.items_for(a) is None]
    failed: dict[str, str] = {}
    if len(waiting) <= IN_PROCESS_UP_TO:
        for answer in waiting:
            try:
                ingest_answer(store, round_id, answer.key, actor=actor)
            except ConcordError as err:
                _note_failure(failed, answer, err)
        return failed
    for answer in (a for a in waiting if a.letter_only):  # its items are the typed ones
        ingest_answer(store, round_id, answer.key, actor=actor)
    files = [a for a in waiting if not a.letter_only]
    jobs = [
        # Each agency answers its own stamped copy of the version.
        ReadJob(a.agency.name, store.answer_bytes(a), store.circulated_bytes(round_id, a.agency.id))
        for a in files
    ]
    # Checked when submitted (submit_answer): not checked again.
    for answer, outcome in zip(files, read_each(jobs, check=False), strict=True):
        if isinstance(outcome, ConcordError):
            _note_failure(failed, answer, outcome)
        else:
            store.put_items(answer, outcome, actor=actor)
    return failed


def _note_failure(failed: dict[str, str], answer: Answer, err: ConcordError) -> None:
    if is_transient(err):
        raise err
    failed[answer.agency.id] = f"[{err.code}] {err}"


def left_out(store: ConcordStore, record: MergeRecord) -> list[Answer]:
    """The newest answers of the merged round that `record` did not take (set aside)."""
    return [
        a for a in store.latest_answers(record.round_id).values() if a.sha256 not in record.answers
    ]


def set_aside(store: ConcordStore, round_id: str, merged: Sequence[Answer]) -> list[Answer]:
    """The newest answers of the round that a merge of `merged` leaves out."""
    taken = {a.sha256 for a in merged}
    return [a for a in store.latest_answers(round_id).values() if a.sha256 not in taken]


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
        raise NothingToMerge(t("refusal.nothing_to_merge", round=round_id))
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
        raise MergeInProgress(t("refusal.merge_in_progress", round=round_id))
    rnd = store.round(round_id)
    draft = store.draft(rnd.draft_id)
    base = store.version_bytes(rnd.draft_id, rnd.version)
    result, failed = _merge_each_agency_safely(base, ingested, date)
    answers = [answer for answer, _ in ingested if answer.agency.id not in failed]
    if not answers:
        raise NothingToMerge(t("refusal.nothing_merged", round=round_id, failed=failed))
    report = result.report()
    report["set_aside"] = [
        {
            "agency": a.agency.id,
            "name": a.agency.name,
            "answer": a.key,
            "reason": failed.get(a.agency.id, "the answer cannot be read"),
        }
        for a in set_aside(store, round_id, answers)
    ]
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
        report=report,
        html=render_review(base, result, title=title),
        item_count=len(result.items),
        clash_count=len(result.clashes),
        actor=actor,
        typed=typed,
    )
    return record, True


def _merge_each_agency_safely(
    base: bytes, ingested: list[tuple[Answer, list[Item]]], date: str | None
) -> tuple[MergeResult, dict[str, str]]:
    """Merge all items; if that fails, find the agencies whose items alone fail and merge the
    others (agency id -> why, for those set aside)."""
    try:
        return merge(base, [i for _, found in ingested for i in found], date=date), {}
    except Exception as err:
        if is_transient(err):
            raise
    failed: dict[str, str] = {}
    for answer, found in ingested:
        try:
            merge(base, found, date=date)
        except Exception as err:
            if is_transient(err):
                raise
            failed[answer.agency.id] = f"the merge failed on it ({type(err).__name__}: {err})"
    kept = [i for answer, found in ingested if answer.agency.id not in failed for i in found]
    return merge(base, kept, date=date), failed
