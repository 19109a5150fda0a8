"""Ingesting answers: the items read out of an agency's answer, stored once."""

from __future__ import annotations

from prefect import task

from concord.engine.reader import read_answer
from concord.models import Answer
from concord.tasks.store import IO_RETRIES, IO_RETRY_DELAYS, concord_store


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def ingest_items(round_id: str, answer_key: str, actor: str) -> tuple[Answer, int, bool]:
    """(answer, item count, newly ingested): an answer already ingested is not read again."""
    store = concord_store()
    answer = store.answer(round_id, answer_key)
    known = store.items_for(answer)
    if known is not None:
        return answer, len(known), False
    base = store.circulated_bytes(round_id, answer.agency.id)
    items = read_answer(store.answer_bytes(answer), base, answer.agency.name)
    return answer, len(items), store.put_items(answer, items, actor=actor)


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def agencies_waiting(round_id: str) -> list[str]:
    """Ids of the agencies whose newest answer is not ingested yet (or who did not answer)."""
    status = concord_store().round_status(round_id)
    return [s.agency.id for s in status.agencies if not s.ingested]


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def latest_answers(round_id: str) -> dict[str, Answer]:
    """agency id -> its newest answer."""
    return concord_store().latest_answers(round_id)
