"""Answers (one per upload, named by when it came and its SHA-256), their items, and the items
typed in from an agency's letter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from concord.messages import t
from concord.models import Agency, Answer, Item, Round, Stance
from concord.storage import keys
from concord.storage.base import StoredObject
from concord.storage.canonical import canonical_json, model_bytes, sha256_hex
from concord.storage.errors import IntegrityError, ObjectExists, ObjectMissing, RecordError
from concord.storage.record_base import DOCX, _json, _require_bytes
from concord.storage.round_records import RoundRecords

PDF = "application/pdf"
BINARY = "application/octet-stream"


@dataclass(frozen=True)
class Attachment:
    """A file stored with an answer: the original before conversion, or the reply letter."""

    data: bytes
    ext: str  # "pdf", "docx", "doc", "odt": the key's extension
    filename: str = ""


class AnswerRecords(RoundRecords):
    def put_answer(
        self,
        round_id: str,
        agency_id: str,
        docx: bytes,
        *,
        filename: str,
        actor: str,
        late: bool = False,
        original: Attachment | None = None,
        letter_file: Attachment | None = None,
        letter: str | None = None,
        stance: Stance | None = None,
    ) -> tuple[Answer, bool]:
        """Store one upload (the original beside it if it was converted, the letter); every
        upload is its own answer, the newest being the one used.

        (answer, new): not new only when this very upload was already stored (a retry within
        the same microsecond), never because the same bytes came earlier.
        """
        rnd = self.round(round_id)
        agency = self._agency(rnd, agency_id)
        _require_bytes(docx, "an answer")
        sha = sha256_hex(docx)
        now = self._clock()
        key = keys.answer_docx(round_id, agency.id, sha, now)
        stored = self._put_same(key, docx, actor=actor, round_id=round_id, content_type=DOCX)
        fields: dict[str, Any] = {"letter": letter, "stance": stance, "late": late}
        details: dict[str, Any] = {
            "round": round_id,
            "agency": agency.id,
            "filename": filename,
            "late": late,
        }
        if original is not None:
            okey = keys.answer_original(key, original.ext)
            kept = self._put_same(okey, original.data, actor=actor, round_id=round_id)
            fields["original_key"] = kept.key
            details |= {"original_key": kept.key, "original_sha256": kept.sha256}
            details["docx_sha256"] = sha
        if letter_file is not None:
            kept = self._put_letter(round_id, agency.id, letter_file, now, actor=actor)
            fields["letter_key"] = kept.key
            details |= {"letter_key": kept.key, "letter_sha256": kept.sha256}
        return self._record_answer(
            rnd, agency, stored, now, filename=filename, actor=actor, fields=fields, details=details
        )

    def put_letter_answer(
        self,
        round_id: str,
        agency_id: str,
        letter_file: Attachment,
        *,
        letter: str | None,
        stance: Stance | None,
        actor: str,
        late: bool = False,
    ) -> tuple[Answer, bool]:
        """An answer that is only the agency's reply letter: no marked-up copy to read."""
        rnd = self.round(round_id)
        agency = self._agency(rnd, agency_id)
        now = self._clock()
        kept = self._put_letter(round_id, agency.id, letter_file, now, actor=actor)
        fields = {"letter": letter, "stance": stance, "letter_key": kept.key, "late": late}
        details = {
            "round": round_id,
            "agency": agency.id,
            "filename": letter_file.filename,
            "letter_only": True,
            "late": late,
        }
        return self._record_answer(
            rnd,
            agency,
            kept,
            now,
            filename=letter_file.filename,
            actor=actor,
            fields=fields,
            details=details,
        )

    def _put_letter(
        self,
        round_id: str,
        agency_id: str,
        letter_file: Attachment,
        when: datetime,
        *,
        actor: str,
    ) -> StoredObject:
        _require_bytes(letter_file.data, "a reply letter")
        sha = sha256_hex(letter_file.data)
        key = keys.answer_letter(round_id, agency_id, sha, when, letter_file.ext)
        kind = PDF if letter_file.ext == "pdf" else DOCX
        return self._put_same(
            key, letter_file.data, actor=actor, round_id=round_id, content_type=kind
        )

    def _put_same(
        self, key: str, data: bytes, *, actor: str, round_id: str, content_type: str = BINARY
    ) -> StoredObject:
        """Create `key`, or find it already holding exactly these bytes."""
        try:
            return self._put(key, data, actor=actor, round_id=round_id, content_type=content_type)
        except ObjectExists:
            found = self.store.head(key)
            if found is None or found.sha256 != sha256_hex(data):
                raise IntegrityError(f"{key}: holds other bytes than this answer") from None
            return found

    def _record_answer(
        self,
        rnd: Round,
        agency: Agency,
        stored: StoredObject,
        when: datetime,
        *,
        filename: str,
        actor: str,
        fields: dict[str, Any],
        details: dict[str, Any],
    ) -> tuple[Answer, bool]:
        answer = Answer(
            round_id=rnd.id,
            draft_id=rnd.draft_id,
            agency=agency,
            key=stored.key,
            sha256=stored.sha256,
            filename=filename,
            size=stored.size,
            uploaded_at=when,
            uploaded_by=actor,
            **fields,
        )
        # The JSON record is the commit point: whoever creates it reports "new" and logs it.
        record_key = keys.answer_record(stored.key)
        try:
            self._put(record_key, model_bytes(answer), actor=actor, round_id=rnd.id)
        except ObjectExists:
            stored_answer = self._load(Answer, record_key, f"{record_key} vanished")
            self._complete(
                rnd.draft_id,
                "answer.uploaded",
                [record_key, stored.key],
                actor=actor,
                details=details,
            )
            return stored_answer, False
        details |= {
            k: str(v) for k, v in (("letter", answer.letter), ("stance", answer.stance)) if v
        }
        self._log(rnd.draft_id, "answer.uploaded", actor=actor, stored=stored, details=details)
        return answer, True

    def answer(self, round_id: str, answer_key: str) -> Answer:
        self.round(round_id)
        if not answer_key.startswith(keys.answers_prefix(round_id)):
            raise RecordError(t("refusal.not_an_answer_of", answer=answer_key, round=round_id))
        record = keys.answer_record(answer_key)
        missing = t("refusal.no_answer", answer=answer_key, round=round_id)
        return self._load(Answer, record, missing)

    def answers(self, round_id: str) -> list[Answer]:
        self.round(round_id)
        found = [
            self._load(Answer, k, f"{k} vanished")
            for k in self.store.list(keys.answers_prefix(round_id))
            if k.endswith(".json")
        ]
        return sorted(found, key=lambda a: (a.uploaded_at, a.key))

    def latest_answer_keys(self, round_id: str) -> dict[str, keys.AnswerKey]:
        """agency id -> its newest upload, from one listing (no record is read)."""
        self.round(round_id)
        latest: dict[str, keys.AnswerKey] = {}
        for found in keys.answer_keys(round_id, self.store.list(keys.answers_prefix(round_id))):
            held = latest.get(found.agency_id)
            if held is None or found.order > held.order:
                latest[found.agency_id] = found
        return latest

    def latest_answers(self, round_id: str) -> dict[str, Answer]:
        """agency id -> its newest answer (one read per agency that answered)."""
        return {
            agency: self.answer(round_id, found.key)
            for agency, found in self.latest_answer_keys(round_id).items()
        }

    def ingested_shas(self, round_id: str) -> set[tuple[str, str]]:
        """(agency id, answer SHA-256) of every answer whose items are stored: one listing."""
        prefix = keys.items_prefix(round_id)
        found = set()
        for key in self.store.list(prefix):
            agency, _, name = key.removeprefix(prefix).partition("/")
            if name.endswith(".json"):
                found.add((agency, name.removesuffix(".json")))
        return found

    def answer_bytes(self, answer: Answer) -> bytes:
        return self._checked_bytes(answer.key, answer.sha256)

    def put_items(self, answer: Answer, items: Sequence[Item], *, actor: str) -> bool:
        key = keys.items_record(answer.round_id, answer.agency.id, answer.sha256)
        body = canonical_json(
            {
                "answer_key": answer.key,
                "answer_sha256": answer.sha256,
                "agency": answer.agency.id,
                "items": [item.to_json_dict() for item in items],
            }
        )
        try:
            stored = self._put(key, body, actor=actor, round_id=answer.round_id)
        except ObjectExists:
            self.complete_items(answer, actor=actor)
            return False
        details = {"round": answer.round_id, "agency": answer.agency.id, "items": len(items)}
        self._log(answer.draft_id, "answer.ingested", actor=actor, stored=stored, details=details)
        return True

    def complete_items(self, answer: Answer, *, actor: str) -> bool:
        """The entry of items whose write was interrupted before it (see _complete)."""
        key = keys.items_record(answer.round_id, answer.agency.id, answer.sha256)
        details = {"round": answer.round_id, "agency": answer.agency.id}
        return self._complete(
            answer.draft_id, "answer.ingested", [key], actor=actor, details=details
        )

    def items_for(self, answer: Answer) -> list[Item] | None:
        key = keys.items_record(answer.round_id, answer.agency.id, answer.sha256)
        try:
            body = _json(self.store.get(key), key)
        except ObjectMissing:
            return None
        return [Item.model_validate(item) for item in body["items"]]

    def put_typed_item(
        self, answer: Answer, item: Item, *, actor: str, letter: str | None
    ) -> tuple[str, bool]:
        """(key, newly stored): an item a coordinator typed in from the agency's letter.

        The same item typed twice is stored once (its id is derived from its content).
        """
        if any(
            found.id == item.id for found in self.typed_items(answer.round_id, answer.agency.id)
        ):
            return item.id, False
        body = canonical_json(
            {
                "answer_key": answer.key,
                "letter": letter,
                "letter_key": answer.letter_key,
                "entered_by": actor,
                "entered_at": self._clock().isoformat(),
                "item": item.to_json_dict(),
            }
        )
        prefix = keys.typed_prefix(answer.round_id, answer.agency.id)
        _, stored = self._allocate(
            prefix,
            lambda n: keys.typed_item(answer.round_id, answer.agency.id, n),
            body,
            actor=actor,
            round_id=answer.round_id,
            content_type="application/json",
        )
        details = {
            "round": answer.round_id,
            "agency": answer.agency.id,
            "item": item.id,
            "kind": str(item.kind),
            "location": item.location,
            "letter": letter or "",
            "letter_key": answer.letter_key or "",
            "entered_by": actor,
        }
        self._log(answer.draft_id, "item.typed", actor=actor, stored=stored, details=details)
        return item.id, True

    def typed_count(self, round_id: str) -> int:
        """How many items were typed in for the round, every agency together (one listing)."""
        prefix = keys.round_dir(round_id) + "typed/"
        return sum(1 for k in self.store.list(prefix) if k.endswith(".json"))

    def typed_items(self, round_id: str, agency_id: str) -> list[Item]:
        """The items typed in for the agency, in the order they were entered."""
        prefix = keys.typed_prefix(round_id, agency_id)
        found = sorted(k for k in self.store.list(prefix) if k.endswith(".json"))
        return [Item.model_validate(_json(self.store.get(k), k)["item"]) for k in found]
