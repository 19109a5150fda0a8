"""Ingest one uploaded answer: read its items once; announce the round complete when it is."""

from __future__ import annotations

from prefect import flow, get_run_logger

from tasks.answers import agencies_waiting, ingest_items, latest_answers
from tasks.events import ROUND_COMPLETE, emit, event_id


@flow(name="ingest-answer")
def ingest_answer(round_id: str, answer_key: str, actor: str = "concord") -> dict:
    """{"answer_key", "agency", "items", "ingested" (False: already done), "complete"}."""
    answer, count, new = ingest_items(round_id, answer_key, actor)
    waiting = agencies_waiting(round_id)
    if not waiting:
        # Every ingest that sees the round complete emits the same event id: Prefect keeps one.
        latest = latest_answers(round_id)
        shas = sorted(a.sha256 for a in latest.values())
        emit(
            ROUND_COMPLETE,
            round_id=round_id,
            draft_id=answer.draft_id,
            agencies=sorted(latest),
            payload={"answers": shas},
            id=event_id(ROUND_COMPLETE, round_id, *shas),
        )
    get_run_logger().info(
        "%s: %d items from %s (%s); waiting for %s",
        round_id,
        count,
        answer.agency.name,
        "ingested" if new else "already ingested",
        ", ".join(waiting) or "nobody",
    )
    return {
        "answer_key": answer.key,
        "agency": answer.agency.id,
        "items": count,
        "ingested": new,
        "complete": not waiting,
    }
