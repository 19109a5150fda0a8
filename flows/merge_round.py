"""Merge a round: every agency's newest answer into one .docx, with report and review page."""

from __future__ import annotations

from prefect import flow, get_run_logger

from concord.tasks.outcomes import ingest_waiting, merge_latest


@flow(name="merge-round")
def merge_round(round_id: str, actor: str = "concord") -> str:
    """The merged .docx key. Answers not ingested yet are ingested first (a no-op for the rest)."""
    ingest_waiting(round_id, actor)
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
