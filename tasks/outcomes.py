"""Merging and publishing a round, as retried tasks."""

from __future__ import annotations

from prefect import task

from concord.models import MergeRecord
from concord.storage.factory import open_concord_store
from concord.tasks.retry import RETRY
from concord.usecases import merging, publishing


@task(**RETRY)
def merge_latest(round_id: str, actor: str, date: str | None = None) -> tuple[MergeRecord, bool]:
    """(merge, newly made) over what is ingested: the latest merge when it covers the same."""
    return merging.merge_ingested(open_concord_store(), round_id, actor=actor, date=date)


@task(**RETRY)
def ingest_waiting(round_id: str, actor: str) -> None:
    merging.ingest_waiting(open_concord_store(), round_id, actor=actor)


@task(**RETRY)
def publish(
    round_id: str, actor: str, issuer: str, allow_undecided: bool = False
) -> publishing.Publication:
    return publishing.publish_round(
        open_concord_store(),
        round_id,
        actor=actor,
        issuer=issuer,
        allow_undecided=allow_undecided,
    )
