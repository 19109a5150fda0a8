"""Ingesting answers: the items read out of an agency's answer, stored once."""

from __future__ import annotations

from prefect import task

from concord.models import Answer
from concord.storage.factory import open_concord_store
from concord.tasks.retry import RETRY
from concord.usecases import answers


@task(**RETRY)
def ingest_items(round_id: str, answer_key: str, actor: str) -> tuple[Answer, int, bool]:
    """(answer, item count, newly ingested): an answer already ingested is not read again."""
    return answers.ingest_answer(open_concord_store(), round_id, answer_key, actor=actor)


@task(**RETRY)
def agencies_waiting(round_id: str) -> list[str]:
    """Ids of the agencies whose newest answer is not ingested yet (or who did not answer)."""
    return answers.agencies_waiting(open_concord_store(), round_id)


@task(**RETRY)
def latest_answers(round_id: str) -> dict[str, Answer]:
    """agency id -> its newest answer."""
    return open_concord_store().latest_answers(round_id)
