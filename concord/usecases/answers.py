"""Answers: take an agency's upload (refuse what is unsafe, answers something else or an earlier
version of the draft), read it."""

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
    """(answer, newly stored). Raises UnsafeDocument / WrongDocument / NotFound, storing nothing."""
    rnd = store.round(round_id)
    try:
        member = rnd.agency(agency)
    except KeyError as err:
        raise NotFound(err.args[0]) from err
    check_docx(data)
    expected = CirculationStamp(
        draft_id=rnd.draft_id, version=rnd.version, round_id=rnd.id, agency_id=member.id
    )
    earlier = {
        v.number: store.version_bytes(rnd.draft_id, v.number)
        for v in store.versions(rnd.draft_id)
        if v.number < rnd.version
    }
    check_answers_base(data, store.circulated_bytes(round_id, member.id), expected, earlier)
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
