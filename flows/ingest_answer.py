"""Ingest one uploaded answer: read its items once; when every agency's answer is in, merge.

The run that completes the round merges it itself (the merge task, in this run) rather than
through an event and a second deployment: starting another flow-run process cost 5-15 s per
hop here, most of a round's latency. concord.round.complete still announces the merge.
"""

from __future__ import annotations

from prefect import flow, get_run_logger

from concord.tasks.answers import agencies_waiting, ingest_items
from concord.tasks.events import announce_round_complete
from concord.tasks.mail import queue_receipt, send_message
from concord.tasks.outcomes import merge_latest


@flow(name="ingest-answer")
def ingest_answer(round_id: str, answer_key: str, actor: str = "concord") -> dict:
    """{"answer_key", "agency", "items", "ingested" (False: already done), "merged" (key|None)}."""
    answer, count, new = ingest_items(round_id, answer_key, actor)
    # The agency's receipt (once per answer); a mail server that is down delays it, never this.
    for path in queue_receipt(round_id, answer_key, actor):
        send_message(path, actor, return_state=True)
    waiting = agencies_waiting(round_id)
    merged = None
    if not waiting:
        # Every answer is ingested, so the merge task alone does what merge-round would (that
        # flow first ingests stragglers): no subflow, no per-answer task runs on the way.
        # Two ingest runs may both see the round complete: the second merge finds the same
        # answers merged and returns that merge, and Prefect keeps one event of the same id.
        record, _ = merge_latest(round_id, actor)
        merged = record.docx_key
        announce_round_complete(answer.draft_id, record)
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
        "merged": merged,
    }
