"""Answers (keyed by their SHA-256, so the same bytes twice are one answer) and their items."""

from __future__ import annotations

from collections.abc import Sequence

from concord.models import Answer, Item
from concord.storage import keys
from concord.storage.canonical import canonical_json, model_bytes, sha256_hex
from concord.storage.errors import IntegrityError, ObjectExists, ObjectMissing, RecordError
from concord.storage.record_base import DOCX, _json, _require_bytes
from concord.storage.round_records import RoundRecords


class AnswerRecords(RoundRecords):
    def put_answer(
        self, round_id: str, agency_id: str, docx: bytes, *, filename: str, actor: str
    ) -> tuple[Answer, bool]:
        rnd = self.round(round_id)
        agency = self._agency(rnd, agency_id)
        _require_bytes(docx, "an answer")
        sha = sha256_hex(docx)
        key = keys.answer_docx(round_id, agency.id, sha)
        try:
            stored = self._put(key, docx, actor=actor, round_id=round_id, content_type=DOCX)
        except ObjectExists:
            found = self.store.head(key)
            if found is None or found.sha256 != sha:
                raise IntegrityError(f"{key}: holds other bytes than this answer") from None
            stored = found
        answer = Answer(
            round_id=round_id,
            draft_id=rnd.draft_id,
            agency=agency,
            key=key,
            sha256=sha,
            filename=filename,
            size=len(docx),
            uploaded_at=self._clock(),
            uploaded_by=actor,
        )
        # The JSON record is the commit point: whoever creates it reports "new" and logs it.
        record_key = keys.answer_record(key)
        try:
            self._put(record_key, model_bytes(answer), actor=actor, round_id=round_id)
        except ObjectExists:
            stored_answer = self._load(Answer, record_key, f"{record_key} vanished")
            details = {"round": round_id, "agency": agency.id, "filename": stored_answer.filename}
            self._complete(
                rnd.draft_id, "answer.uploaded", [record_key, key], actor=actor, details=details
            )
            return stored_answer, False
        details = {"round": round_id, "agency": agency.id, "filename": filename}
        self._log(rnd.draft_id, "answer.uploaded", actor=actor, stored=stored, details=details)
        return answer, True

    def answer(self, round_id: str, answer_key: str) -> Answer:
        self.round(round_id)
        if not answer_key.startswith(keys.answers_prefix(round_id)):
            raise RecordError(f"{answer_key!r} is not an answer of round {round_id}")
        record = keys.answer_record(answer_key)
        return self._load(Answer, record, f"no answer {answer_key!r} in round {round_id}")

    def answers(self, round_id: str) -> list[Answer]:
        self.round(round_id)
        found = [
            self._load(Answer, k, f"{k} vanished")
            for k in self.store.list(keys.answers_prefix(round_id))
            if k.endswith(".json")
        ]
        return sorted(found, key=lambda a: (a.uploaded_at, a.key))

    def latest_answers(self, round_id: str) -> dict[str, Answer]:
        latest: dict[str, Answer] = {}
        for answer in self.answers(round_id):  # oldest first: later ones replace earlier
            latest[answer.agency.id] = answer
        return latest

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
