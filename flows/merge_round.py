"""Merge a round: every agency's newest answer into one .docx, with report and review page."""

from __future__ import annotations

from prefect import flow, get_run_logger

from concord.tasks.answers import ingest_items, latest_answers
from concord.tasks.merging import merge_latest


@flow(name="merge-round")
def merge_round(round_id: str, actor: str = "concord") -> str:
    """The merged .docx key. Answers not ingested yet are ingested first (a no-op for the rest)."""
    for answer in latest_answers(round_id).values():
        ingest_items(round_id, answer.key, actor)
    record, new = merge_latest(round_id, actor)
    get_run_logger().info(
        "%s: %s %d items, %d clashes -> %s",
        round_id,
        "merged" if new else "already merged (same answers):",
        record.item_count,
        record.clash_count,
        record.docx_key,
    )
    return record.docx_key
