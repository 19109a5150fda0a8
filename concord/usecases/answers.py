"""Answers: take an agency's upload (refuse what is unsafe or answers something else), read it."""

from __future__ import annotations

from concord.engine.matching import check_answers_base
from concord.engine.reader import read_answer
from concord.engine.safety import check_docx
from concord.errors import NotFound
from concord.models import Answer, CirculationStamp
from concord.storage.records import ConcordStore


def submit_answer(
    store: ConcordStore, round_id: str, agency: str, data: bytes, *, filename: str, actor: str
) -> tuple[Answer, bool]:
    """(answer, newly stored). Raises UnsafeDocument / WrongDocument / NotFound, storing nothing;
    RoundError when the round is closed or published (it takes no more answers)."""
    from concord.usecases.desk import check_takes_answers

    check_takes_answers(store, round_id)
    rnd = store.round(round_id)
    try:
        member = rnd.agency(agency)
    except KeyError as err:
        raise NotFound(err.args[0]) from err
    check_docx(data)
    expected = CirculationStamp(
        draft_id=rnd.draft_id, version=rnd.version, round_id=rnd.id, agency_id=member.id
    )
    check_answers_base(data, store.circulated_bytes(round_id, member.id), expected)
    return store.put_answer(round_id, member.id, data, filename=filename, actor=actor)


def ingest_answer(
    store: ConcordStore, round_id: str, answer_key: str, *, actor: str
) -> tuple[Answer, int, bool]:
    """(answer, item count, newly ingested): an answer already ingested is not read again."""
    answer = store.answer(round_id, answer_key)
    known = store.items_for(answer)
    if known is not None:
        return answer, len(known), False
    base = store.circulated_bytes(round_id, answer.agency.id)
    items = read_answer(store.answer_bytes(answer), base, answer.agency.name)
    return answer, len(items), store.put_items(answer, items, actor=actor)


def agencies_waiting(store: ConcordStore, round_id: str) -> list[str]:
    """Ids of the agencies whose newest answer is not ingested yet (or who did not answer)."""
    status = store.round_status(round_id)
    return [s.agency.id for s in status.agencies if not s.ingested]
