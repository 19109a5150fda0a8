"""Answers: take an agency's upload (refuse what is unsafe, answers something else or an earlier
version of the draft, or cannot be read), read it."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

from concord.engine.convert import (
    DEFAULT_CONVERSION,
    ConversionLimits,
    convert_to_docx,
    sniff_kind,
)
from concord.engine.errors import UnreadableDocument, UnsafeDocument
from concord.engine.locate import locate
from concord.engine.matching import check_answers_base
from concord.engine.reader import read_answer
from concord.engine.safety import check_docx
from concord.engine.safety.pdf import check_pdf
from concord.errors import ConcordError, InvalidInput, RoundClosed
from concord.messages import t
from concord.models import (
    Agency,
    Answer,
    CirculationStamp,
    Item,
    ItemKind,
    LatePolicy,
    Round,
    Stance,
)
from concord.storage.answer_records import Attachment
from concord.storage.records import ConcordStore
from concord.usecases.consulted import consulted
from concord.usecases.uploads import Upload, checked_bytes, read_bounded

# A letter reference is a number and a date; anything longer is not one.
LETTER_LIMIT = 200


def submit_answer(
    store: ConcordStore,
    round_id: str,
    agency: str,
    upload: Upload,
    *,
    filename: str,
    actor: str,
    **attached: Any,
) -> tuple[Answer, bool]:
    """(answer, newly stored). `upload` is the file's bytes or its path (checked from disk).
    Raises UnsafeDocument / WrongDocument / UnreadableDocument / NotFound, storing nothing.

    `attached`: what `receive_answer` stores with it (original, letter_file, letter, stance).
    """
    letter = attached.get("letter")
    if letter is not None and (len(letter) > LETTER_LIMIT or "\n" in letter.strip()):
        raise InvalidInput(t("refusal.letter_reference", limit=LETTER_LIMIT))
    rnd = store.round(round_id)
    member = consulted(rnd, agency)
    late = check_accepting(store, rnd, member.id)
    data = checked_bytes(upload)
    expected = CirculationStamp(
        draft_id=rnd.draft_id, version=rnd.version, round_id=rnd.id, agency_id=member.id
    )
    base = store.circulated_bytes(round_id, member.id)
    earlier = {
        v.number: store.version_bytes(rnd.draft_id, v.number)
        for v in store.versions(rnd.draft_id)
        if v.number < rnd.version
    }
    check_answers_base(data, base, expected, earlier)
    items = read_for_receipt(data, base, member)
    answer, new = store.put_answer(
        round_id, member.id, data, filename=filename, actor=actor, late=late, **attached
    )
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
        raise UnreadableDocument(t("refusal.answer_unreadable", error=type(exc).__name__)) from exc


def check_accepting(store: ConcordStore, rnd: Round, agency_id: str) -> bool:
    """Whether an answer now is late; RoundClosed when the round takes no more answers."""
    check_open(store, rnd)
    deadline = store.deadline_for(rnd.id, agency_id)
    late = datetime.now(UTC) > deadline
    if late and rnd.late_answers is LatePolicy.REFUSE:
        when = deadline.isoformat(timespec="minutes")
        raise RoundClosed(
            t("refusal.deadline_passed", deadline=when, round=rnd.id), code="deadline_passed"
        )
    return late


def check_open(store: ConcordStore, rnd: Round) -> None:
    """RoundClosed when the round is published or closed: an answer now would be ignored."""
    published = store.published_version(rnd)
    if published is not None:
        raise RoundClosed(
            t("refusal.round_published", round=rnd.id, version=published),
            code="round_published",
        )
    if store.is_closed(rnd.id):
        raise RoundClosed(t("refusal.round_closed", round=rnd.id))


def ingest_answer(
    store: ConcordStore, round_id: str, answer_key: str, *, actor: str
) -> tuple[Answer, int, bool]:
    """(answer, item count, newly ingested): an answer already ingested is not read again."""
    answer = store.answer(round_id, answer_key)
    known = store.items_for(answer)
    if known is not None:
        store.complete_items(answer, actor=actor)  # a crash may have kept its audit entry
        return answer, len(known), False
    base = store.circulated_bytes(round_id, answer.agency.id)
    # A letter-only answer has no marked-up copy: its items are the ones typed in from it.
    items = (
        []
        if answer.letter_only
        else read_answer(store.answer_bytes(answer), base, answer.agency.name)
    )
    return answer, len(items), store.put_items(answer, items, actor=actor)


def agencies_waiting(store: ConcordStore, round_id: str) -> list[str]:
    """Ids of the agencies whose newest answer is not ingested yet (or who did not answer)."""
    status = store.round_status(round_id)
    return [s.agency.id for s in status.agencies if not s.ingested]


# -- answers as ministries send them: .doc/.odt, the reply letter, the stance ----------------

LETTER_KINDS = ("pdf", "docx")


def receive_answer(
    store: ConcordStore,
    round_id: str,
    agency: str,
    data: Upload | None,
    *,
    filename: str = "",
    letter_file: Upload | None = None,
    letter_filename: str = "",
    letter: str | None = None,
    stance: Stance | str | None = None,
    actor: str,
    conversion: ConversionLimits = DEFAULT_CONVERSION,
) -> tuple[Answer, bool]:
    """(answer, newly stored) from a .docx/.doc/.odt and/or the signed reply letter.

    A .doc/.odt is converted to .docx first (and kept beside it); a letter alone is a letter-only
    answer, whose items are typed in (`add_typed_item`). Every check runs before anything is
    stored: a refusal stores nothing.
    """
    if data is None and letter_file is None:
        raise InvalidInput(t("refusal.answer_needs_file"))
    letter = " ".join(letter.split()) if letter else None
    stance = parse_stance(stance)
    member = _member(store, round_id, agency)
    letter_att = (
        check_letter(read_bounded(letter_file), letter_filename)
        if letter_file is not None
        else None
    )
    if data is None:
        assert letter_att is not None
        late = check_accepting(store, store.round(round_id), member.id)
        return store.put_letter_answer(
            round_id, member.id, letter_att, letter=letter, stance=stance, actor=actor, late=late
        )
    docx, original = to_docx(read_bounded(data), filename, conversion)
    return submit_answer(
        store,
        round_id,
        member.id,
        docx,
        filename=filename,
        actor=actor,
        original=original,
        letter_file=letter_att,
        letter=letter,
        stance=stance,
    )


def to_docx(
    data: bytes, filename: str, conversion: ConversionLimits
) -> tuple[bytes, Attachment | None]:
    """The .docx to read, and the uploaded original when it had to be converted."""
    if b"%PDF-" in data[:1024]:
        raise UnsafeDocument(t("refusal.pdf_answer"), code="pdf_answer")
    kind = sniff_kind(data)
    if kind == "docx":
        return data, None
    docx = convert_to_docx(data, kind, conversion)
    return docx, Attachment(data=data, ext=kind, filename=filename)


def check_letter(data: bytes, filename: str) -> Attachment:
    """The reply letter, checked: a PDF (never rendered here) or a .docx."""
    if b"%PDF-" in data[:1024]:  # the header may follow a few bytes of junk, as readers allow
        check_pdf(data)
        return Attachment(data=data, ext="pdf", filename=filename)
    if data.startswith(b"PK\x03\x04") and sniff_kind(data) == "docx":
        check_docx(data)
        return Attachment(data=data, ext="docx", filename=filename)
    raise UnsafeDocument(t("refusal.letter_format"), code="letter_format")


def parse_stance(value: Stance | str | None) -> Stance | None:
    if value is None or isinstance(value, Stance):
        return value
    try:
        return Stance(value.strip().lower().replace("-", "_"))
    except ValueError:
        names = ", ".join(s.value for s in Stance)
        raise InvalidInput(t("refusal.unknown_stance", value=value, names=names)) from None


def _member(store: ConcordStore, round_id: str, agency: str) -> Agency:
    return consulted(store.round(round_id), agency)


# -- items typed in by a coordinator from the agency's letter --------------------------------

GENERAL = "Ý kiến chung"


def add_typed_item(
    store: ConcordStore,
    round_id: str,
    agency: str,
    *,
    where: str | None = None,
    quote: str | None = None,
    comment: str | None = None,
    replace_with: str | None = None,
    general: bool = False,
    actor: str,
) -> tuple[str, bool]:
    """(item id, newly stored): a comment or proposed wording the agency sent in its letter.

    Located (`where` + `quote`, found in the circulated version) or `general` (neither: a
    comment on the whole draft, "ý kiến chung"), never both. It joins the agency's newest
    answer, which must exist (its letter is what the item is typed from), and is merged and
    decided like a read item.
    """
    if general == (where is not None or quote is not None):
        # The web page shows this code's wording in its own language (concord.messages).
        raise InvalidInput(t("error.where_or_general"), code="where_or_general")
    member = _member(store, round_id, agency)
    answer = store.latest_answers(round_id).get(member.id)
    if answer is None:
        raise InvalidInput(t("refusal.typed_needs_letter", agency=member.name, round=round_id))
    item = typed_item(store, round_id, member, where, quote, comment, replace_with, actor=actor)
    return store.put_typed_item(answer, item, actor=actor, letter=answer.letter)


def typed_item(
    store: ConcordStore,
    round_id: str,
    member: Agency,
    where: str | None,
    quote: str | None,
    comment: str | None,
    replace_with: str | None,
    *,
    actor: str,
) -> Item:
    if (comment is None) == (replace_with is None):
        raise InvalidInput(t("refusal.typed_one_of"))
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    common = {"agency": member.name, "author": member.name, "date": when, "entered_by": actor}
    if where is None and quote is None:
        if replace_with is not None:
            raise InvalidInput(t("refusal.typed_replace_needs_place"))
        assert comment is not None
        return Item(
            kind=ItemKind.COMMENT,
            comment=_text(comment),
            location=GENERAL,
            block=0,
            start=0,
            end=0,
            tracked=False,
            **common,
        )
    if not where or not quote:
        raise InvalidInput(t("refusal.typed_where_quote"))
    rnd = store.round(round_id)
    found = locate(store.circulated_bytes(rnd.id, member.id), where, quote)
    place = {"block": found.block, "start": found.start, "end": found.end}
    if replace_with is not None:
        return Item(
            kind=ItemKind.REPLACE,
            old=found.text,
            new=unicodedata.normalize("NFC", replace_with),
            location=found.location,
            tracked=True,
            **place,
            **common,
        )
    assert comment is not None
    return Item(
        kind=ItemKind.COMMENT,
        anchor=found.text,
        comment=_text(comment),
        location=found.location,
        tracked=False,
        **place,
        **common,
    )


def _text(value: str) -> str:
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        raise InvalidInput(t("refusal.typed_empty"))
    return text
