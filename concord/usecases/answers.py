"""Answers: take an agency's upload (refuse what is unsafe, answers something else or cannot
be read), read it."""

from __future__ import annotations

from concord.engine.errors import UnreadableDocument
from concord.engine.matching import check_answers_base
from concord.engine.reader import read_answer
from concord.errors import ConcordError, NotFound
from concord.models import Agency, Answer, CirculationStamp, Item
from concord.storage.records import ConcordStore
from concord.usecases.uploads import Upload, checked_bytes


def submit_answer(
    store: ConcordStore, round_id: str, agency: str, upload: Upload, *, filename: str, actor: str
) -> tuple[Answer, bool]:
    """(answer, newly stored). `upload` is the file's bytes or its path (checked from disk).
    Raises UnsafeDocument / WrongDocument / UnreadableDocument / NotFound, storing nothing."""
    rnd = store.round(round_id)
    try:
        member = rnd.agency(agency)
    except KeyError as err:
        raise NotFound(err.args[0]) from err
    data = checked_bytes(upload)
    expected = CirculationStamp(
        draft_id=rnd.draft_id, version=rnd.version, round_id=rnd.id, agency_id=member.id
    )
    base = store.circulated_bytes(round_id, member.id)
    check_answers_base(data, base, expected)
    items = read_for_receipt(data, base, member)
    answer, new = store.put_answer(round_id, member.id, data, filename=filename, actor=actor)
    store.put_items(answer, items, actor=actor)  # so ingesting it later is a no-op
    return answer, new


def read_for_receipt(data: bytes, base: bytes, agency: Agency) -> list[Item]:
    """The answer's items, read before it is acknowledged: an answer Concord cannot read is
    refused at upload rather than stored and found unreadable at the merge."""
    try:
        return read_answer(data, base, agency.name)
    except ConcordError:
        raise
    except (ValueError, LookupError, RecursionError, MemoryError) as exc:
        raise UnreadableDocument(
            f"Concord cannot read this answer ({type(exc).__name__}). Open it in Word, save it "
            "again as a Word Document (.docx) and upload the new file."
        ) from exc


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
