"""Take an agency's uploaded answer: refuse what is unsafe or answers something else, store it
once, and announce it so the ingest-answer deployment reads it.

A plain function, not a flow: it carries the document's bytes, and flow parameters are kept to
references. Web uploads and `concord answer` both call it.
"""

from __future__ import annotations

from concord.engine.matching import check_answers_base
from concord.engine.safety import check_docx
from concord.models import Answer, CirculationStamp
from concord.storage.errors import RecordError
from concord.tasks import events
from concord.tasks.store import concord_store


def submit_answer(
    round_id: str, agency: str, data: bytes, *, filename: str, actor: str, emit: bool = True
) -> tuple[Answer, bool]:
    """(answer, newly stored). Raises UnsafeDocument / WrongDocument / RecordError, storing nothing.

    The event id derives from the answer's key and SHA-256: uploading the same file again sends
    the same event, which Prefect drops, so the answer is ingested once.
    """
    store = concord_store()
    rnd = store.round(round_id)
    try:
        member = rnd.agency(agency)
    except KeyError as err:
        raise RecordError(err.args[0]) from err
    check_docx(data)
    expected = CirculationStamp(
        draft_id=rnd.draft_id, version=rnd.version, round_id=rnd.id, agency_id=member.id
    )
    check_answers_base(data, store.circulated_bytes(round_id, member.id), expected)
    answer, new = store.put_answer(round_id, member.id, data, filename=filename, actor=actor)
    if emit:
        announce(answer)
    return answer, new


def announce(answer: Answer) -> bool:
    """Emit concord.answer.uploaded for `answer`; False when no Prefect server is configured."""
    return events.emit(
        events.ANSWER_UPLOADED,
        round_id=answer.round_id,
        draft_id=answer.draft_id,
        agencies=[answer.agency.id],
        payload={"answer_key": answer.key, "agency": answer.agency.id, "sha256": answer.sha256},
        id=events.event_id(events.ANSWER_UPLOADED, answer.key, answer.sha256),
    )
