"""Concord's records over an object store: drafts, versions, rounds, answers, merges, decisions.

Records are canonical JSON of the models in `models/`, each beside the bytes it describes (see
storage.keys for the layout). Nothing stored is ever changed: new versions, merges, decisions and
reports get the next number by conditionally creating it (ObjectExists -> try the next number),
and an answer's key is derived from its SHA-256, so uploading the same bytes twice is harmless.
Where a record has a payload, the payload is written first and the JSON record last: a record
exists only when everything it points at does. Every write appends an audit entry.

A round's state is derived from what is stored, never kept as a mutable flag.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from models import (
    Agency,
    AgencyStatus,
    Answer,
    Decision,
    Draft,
    Item,
    MergeRecord,
    Round,
    RoundState,
    RoundStatus,
    Version,
)
from models.consultation import slugify
from storage import keys
from storage.audit import AuditLog
from storage.base import ObjectStore, StoredObject
from storage.canonical import canonical_json, model_bytes, sha256_hex
from storage.errors import IntegrityError, ObjectExists, ObjectMissing, RecordError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
JSON = "application/json"
M = TypeVar("M", bound=BaseModel)


class ConcordStore:
    def __init__(self, store: ObjectStore, *, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self._clock = clock or (lambda: datetime.now(UTC))
        self.audit = AuditLog(store, clock=self._clock)
        # Drafts and rounds never change once stored, so caching them is always correct.
        self._drafts: dict[str, Draft] = {}
        self._rounds: dict[str, Round] = {}
        self._next: dict[str, int] = {}  # prefix -> next number to try

    def describe(self) -> str:
        return self.store.describe()

    def location(self, key: str) -> str:
        """Where a person finds the object: a file path or an s3:// address."""
        locate = getattr(self.store, "location", None)
        return locate(key) if locate else f"{self.store.describe()} {key}"

    # -- low-level helpers -------------------------------------------------------------------

    def _meta(self, actor: str, round_id: str = "") -> dict[str, str]:
        meta = {"actor": actor, "when": self._clock().isoformat()}
        if round_id:
            meta["round"] = round_id
        return meta

    def _put(
        self, key: str, data: bytes, *, actor: str, round_id: str = "", content_type: str = JSON
    ) -> StoredObject:
        return self.store.put_if_absent(
            key, data, metadata=self._meta(actor, round_id), content_type=content_type
        )

    def _allocate(
        self,
        prefix: str,
        key_for: Callable[[int], str],
        data: bytes,
        *,
        actor: str,
        round_id: str = "",
        content_type: str,
    ) -> tuple[int, StoredObject]:
        """Store `data` under the next free number: whoever creates number n owns it.

        The remembered next number only saves a listing; a stale one costs an ObjectExists.
        """
        number = self._next.get(prefix)
        if number is None:
            listed = (keys.number_in(k, prefix) for k in self.store.list(prefix))
            number = max((n for n in listed if n is not None), default=0) + 1
        while True:
            try:
                stored = self._put(
                    key_for(number), data, actor=actor, round_id=round_id, content_type=content_type
                )
                self._next[prefix] = number + 1
                return number, stored
            except ObjectExists:
                number += 1

    def _load(self, model: type[M], key: str, missing: str) -> M:
        try:
            return model.model_validate_json(self.store.get(key))
        except ObjectMissing as err:
            raise RecordError(missing) from err
        except ValidationError as err:
            raise RecordError(f"{key}: not a valid {model.__name__} record") from err

    def _checked_bytes(self, key: str, sha256: str) -> bytes:
        data = self.store.get(key)
        if sha256_hex(data) != sha256:
            raise IntegrityError(f"{key}: stored bytes do not match the recorded SHA-256")
        return data

    def _log(
        self,
        draft_id: str,
        action: str,
        *,
        actor: str,
        stored: StoredObject | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        self.audit.append(
            draft_id,
            actor=actor,
            action=action,
            subject_key=stored.key if stored else "",
            subject_sha256=stored.sha256 if stored else "",
            details=details,
        )

    # -- drafts and versions -----------------------------------------------------------------

    def create_draft(
        self, title: str, docx: bytes, *, kind: str = "resolution", actor: str
    ) -> tuple[Draft, Version]:
        title = " ".join(title.split())
        if not title:
            raise RecordError("a draft needs a title")
        _require_bytes(docx, "the draft")
        base = _short_slug(slugify(title), 40) or "draft"
        suffix = 1
        while True:
            draft_id = base if suffix == 1 else f"{base}-{suffix}"
            draft = Draft(
                id=draft_id, title=title, kind=kind, created_at=self._clock(), created_by=actor
            )
            try:
                stored = self._put(keys.draft_record(draft_id), model_bytes(draft), actor=actor)
                break
            except ObjectExists:
                suffix += 1
        self._drafts[draft_id] = draft
        self._log(
            draft_id, "draft.registered", actor=actor, stored=stored, details={"title": title}
        )
        version = self.add_version(draft_id, docx, actor=actor, note="registered")
        return draft, version

    def draft(self, draft_id: str) -> Draft:
        if draft_id not in self._drafts:
            _check(draft_id, "draft id")
            self._drafts[draft_id] = self._load(
                Draft, keys.draft_record(draft_id), f"no draft {draft_id!r} in {self.describe()}"
            )
        return self._drafts[draft_id]

    def drafts(self) -> list[Draft]:
        found = [
            k.split("/")[1]
            for k in self.store.list("drafts/")
            if k.endswith("/draft.json") and k.count("/") == 2
        ]
        return sorted((self.draft(d) for d in found), key=lambda d: (d.created_at, d.id))

    def add_version(
        self,
        draft_id: str,
        docx: bytes,
        *,
        actor: str,
        note: str = "",
        from_round: str | None = None,
    ) -> Version:
        return self._add_version(draft_id, docx, actor, note, from_round, "version.added")

    def _add_version(
        self,
        draft_id: str,
        docx: bytes,
        actor: str,
        note: str,
        from_round: str | None,
        action: str,
    ) -> Version:
        self.draft(draft_id)
        _require_bytes(docx, "a version")
        if from_round is not None and self.round(from_round).draft_id != draft_id:
            raise RecordError(f"round {from_round!r} is not a round of draft {draft_id!r}")
        number, stored = self._allocate(
            keys.versions_prefix(draft_id),
            lambda n: keys.version_docx(draft_id, n, draft_id),
            docx,
            actor=actor,
            round_id=from_round or "",
            content_type=DOCX,
        )
        version = Version(
            draft_id=draft_id,
            number=number,
            key=stored.key,
            sha256=stored.sha256,
            created_at=self._clock(),
            created_by=actor,
            note=note,
            from_round=from_round,
        )
        self._put(keys.version_record(draft_id, number), model_bytes(version), actor=actor)
        details: dict[str, Any] = {"version": number}
        if from_round:
            details["round"] = from_round
        self._log(draft_id, action, actor=actor, stored=stored, details=details)
        return version

    def versions(self, draft_id: str) -> list[Version]:
        self.draft(draft_id)
        found = [
            self._load(Version, k, f"{k} vanished")
            for k in self.store.list(keys.versions_prefix(draft_id))
            if k.endswith("/version.json")
        ]
        return sorted(found, key=lambda v: v.number)

    def _version(self, draft_id: str, number: int) -> Version:
        self.draft(draft_id)
        return self._load(
            Version,
            keys.version_record(draft_id, number),
            f"draft {draft_id!r} has no version {number}",
        )

    def version_bytes(self, draft_id: str, number: int) -> bytes:
        version = self._version(draft_id, number)
        return self._checked_bytes(version.key, version.sha256)

    # -- rounds ------------------------------------------------------------------------------

    def open_round(
        self,
        draft_id: str,
        *,
        version: int,
        agencies: Sequence[Agency],
        deadline: datetime,
        actor: str,
    ) -> Round:
        self._version(draft_id, version)
        prefix = keys.rounds_prefix(draft_id)
        listed = (keys.number_in(k, prefix) for k in self.store.list(prefix))
        number = max((n for n in listed if n is not None), default=0) + 1
        while True:
            try:
                rnd = Round(
                    id=keys.round_id(draft_id, number),
                    draft_id=draft_id,
                    version=version,
                    agencies=tuple(agencies),
                    deadline=deadline,
                    opened_at=self._clock(),
                    opened_by=actor,
                )
            except ValidationError as err:
                raise RecordError(f"cannot open a round: {_first_error(err)}") from err
            try:
                stored = self._put(
                    keys.round_record(rnd.id), model_bytes(rnd), actor=actor, round_id=rnd.id
                )
                break
            except ObjectExists:
                number += 1
        self._rounds[rnd.id] = rnd
        details = {"round": rnd.id, "version": version, "agencies": [a.id for a in agencies]}
        self._log(draft_id, "round.opened", actor=actor, stored=stored, details=details)
        return rnd

    def round(self, round_id: str) -> Round:
        if round_id not in self._rounds:
            try:
                key = keys.round_record(round_id)
            except ValueError as err:
                raise RecordError(str(err)) from err
            self._rounds[round_id] = self._load(
                Round, key, f"no round {round_id!r} in {self.describe()}"
            )
        return self._rounds[round_id]

    def rounds(self, draft_id: str) -> list[Round]:
        self.draft(draft_id)
        found = [
            self._load(Round, k, f"{k} vanished")
            for k in self.store.list(keys.rounds_prefix(draft_id))
            if k.endswith("/round.json")
        ]
        return sorted(found, key=lambda r: keys.parse_round_id(r.id)[1])

    def _agency(self, rnd: Round, agency_id: str) -> Agency:
        try:
            return rnd.agency(agency_id)
        except KeyError as err:
            raise RecordError(err.args[0]) from err

    def put_circulated(
        self, round_id: str, agency_id: str, docx: bytes, *, actor: str
    ) -> StoredObject:
        rnd = self.round(round_id)
        agency = self._agency(rnd, agency_id)
        _require_bytes(docx, "a circulated copy")
        key = keys.circulated(round_id, agency.id)
        try:
            stored = self._put(key, docx, actor=actor, round_id=round_id, content_type=DOCX)
        except ObjectExists as err:
            existing = self.store.head(key)
            if existing is not None and existing.sha256 == sha256_hex(docx):
                return existing  # the same copy again: a retry, not a second circulation
            raise RecordError(
                f"a different copy was already circulated to {agency.name} in round {round_id}"
            ) from err
        details = {"round": round_id, "agency": agency.id}
        self._log(rnd.draft_id, "copy.circulated", actor=actor, stored=stored, details=details)
        return stored

    def circulated_bytes(self, round_id: str, agency_id: str) -> bytes:
        agency = self._agency(self.round(round_id), agency_id)
        try:
            return self.store.get(keys.circulated(round_id, agency.id))
        except ObjectMissing as err:
            raise RecordError(f"no copy was circulated to {agency.name} in {round_id}") from err

    # -- agency tokens -----------------------------------------------------------------------

    def issue_token(self, round_id: str, agency_id: str, *, actor: str) -> str | None:
        """A new secret that lets the agency answer this round, or None if it already has one.

        Only the token's SHA-256 is stored, so nobody reading the store can answer for an
        agency, and the token cannot be shown again: the caller hands it over once. Like every
        object the record is never replaced, so each agency's token is issued once per round.
        """
        rnd = self.round(round_id)
        agency = self._agency(rnd, agency_id)
        token = secrets.token_urlsafe(24)
        body = canonical_json(
            {"round_id": round_id, "agency_id": agency.id, "sha256": sha256_hex(token.encode())}
        )
        try:
            stored = self._put(
                keys.token_record(round_id, agency.id), body, actor=actor, round_id=round_id
            )
        except ObjectExists:
            return None
        details = {"round": round_id, "agency": agency.id}
        self._log(rnd.draft_id, "token.issued", actor=actor, stored=stored, details=details)
        return token

    def token_agency(self, round_id: str, token: str) -> Agency | None:
        """The agency `token` was issued to in this round, or None.

        Digests are compared in constant time, and every agency's is compared, so the time taken
        says nothing about which agency (if any) came close.
        """
        rnd = self.round(round_id)
        digest = sha256_hex(token.encode())
        found = None
        for agency in rnd.agencies:
            key = keys.token_record(round_id, agency.id)
            try:
                stored = str(_json(self.store.get(key), key).get("sha256", ""))
            except ObjectMissing:
                continue
            if hmac.compare_digest(digest, stored):
                found = agency
        return found

    # -- answers -----------------------------------------------------------------------------

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
            return self._load(Answer, record_key, f"{record_key} vanished"), False
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
            return False
        details = {"round": answer.round_id, "agency": answer.agency.id, "items": len(items)}
        self._log(answer.draft_id, "answer.ingested", actor=actor, stored=stored, details=details)
        return True

    def items_for(self, answer: Answer) -> list[Item] | None:
        key = keys.items_record(answer.round_id, answer.agency.id, answer.sha256)
        try:
            body = _json(self.store.get(key), key)
        except ObjectMissing:
            return None
        return [Item.model_validate(item) for item in body["items"]]

    # -- merge, decisions, publication -------------------------------------------------------

    def put_merge(
        self,
        round_id: str,
        *,
        answers: Sequence[Answer],
        docx: bytes,
        report: dict,
        html: str,
        item_count: int,
        clash_count: int,
        actor: str,
    ) -> MergeRecord:
        rnd = self.round(round_id)
        _require_bytes(docx, "a merged document")
        for answer in answers:
            if answer.round_id != round_id:
                raise RecordError(f"answer {answer.key} is not an answer of round {round_id}")
        prefix = keys.merges_prefix(round_id)
        seq, merged = self._allocate(
            prefix,
            lambda n: keys.merge_dir(round_id, n) + "merged.docx",
            docx,
            actor=actor,
            round_id=round_id,
            content_type=DOCX,
        )
        folder = keys.merge_dir(round_id, seq)
        put = self._put
        report_obj = put(folder + "report.json", canonical_json(report), actor=actor)
        html_obj = put(folder + "review.html", html.encode(), actor=actor, content_type="text/html")
        record = MergeRecord(
            round_id=round_id,
            seq=seq,
            answers=tuple(sorted(a.sha256 for a in answers)),
            docx_key=merged.key,
            docx_sha256=merged.sha256,
            report_key=report_obj.key,
            html_key=html_obj.key,
            item_count=item_count,
            clash_count=clash_count,
            merged_at=self._clock(),
        )
        put(folder + "merge.json", model_bytes(record), actor=actor, round_id=round_id)
        details = {
            "round": round_id,
            "merge": seq,
            "answers": len(answers),
            "report_sha256": report_obj.sha256,
            "html_sha256": html_obj.sha256,
        }
        self._log(rnd.draft_id, "round.merged", actor=actor, stored=merged, details=details)
        return record

    def latest_merge(self, round_id: str) -> MergeRecord | None:
        self.round(round_id)
        records = [
            k for k in self.store.list(keys.merges_prefix(round_id)) if k.endswith("/merge.json")
        ]
        if not records:
            return None
        newest = max(records, key=lambda k: keys.number_in(k, keys.merges_prefix(round_id)) or 0)
        return self._load(MergeRecord, newest, f"{newest} vanished")

    def object_bytes(self, key: str) -> bytes:
        try:
            return self.store.get(key)
        except ValueError as err:
            raise RecordError(str(err)) from err
        except ObjectMissing as err:
            raise RecordError(f"no object {key!r} in {self.describe()}") from err

    def put_decisions(
        self, round_id: str, decisions: Sequence[Decision], *, actor: str
    ) -> StoredObject:
        rnd = self.round(round_id)
        if not decisions:
            raise RecordError("no decisions to record")
        published = self._published(rnd)
        if published is not None:
            # The synthesis report of a published version must say what was decided then.
            raise RecordError(
                f"round {round_id} was published as version {published}: its decisions are "
                "final; open a new round on that version to consult again"
            )
        body = canonical_json(
            {"round_id": round_id, "decisions": [d.model_dump(mode="json") for d in decisions]}
        )
        _, stored = self._allocate(
            keys.decisions_prefix(round_id),
            lambda n: keys.decisions_record(round_id, n),
            body,
            actor=actor,
            round_id=round_id,
            content_type=JSON,
        )
        details = {"round": round_id, "decisions": len(decisions)}
        self._log(rnd.draft_id, "decisions.recorded", actor=actor, stored=stored, details=details)
        return stored

    def decisions(self, round_id: str) -> list[Decision]:
        """The current decision per item: later batches replace earlier decisions on an item."""
        self.round(round_id)
        current: dict[str, Decision] = {}
        for key in self.store.list(keys.decisions_prefix(round_id)):
            for raw in _json(self.store.get(key), key)["decisions"]:
                decision = Decision.model_validate(raw)
                current[decision.item_id] = decision
        return list(current.values())

    def put_report(self, round_id: str, docx: bytes, *, actor: str) -> StoredObject:
        rnd = self.round(round_id)
        _require_bytes(docx, "a report")
        _, stored = self._allocate(
            keys.reports_prefix(round_id),
            lambda n: keys.report_docx(round_id, n),
            docx,
            actor=actor,
            round_id=round_id,
            content_type=DOCX,
        )
        details = {"round": round_id}
        self._log(rnd.draft_id, "report.written", actor=actor, stored=stored, details=details)
        return stored

    def latest_report_key(self, round_id: str) -> str | None:
        """The newest synthesis report of the round, or None before one is written."""
        self.round(round_id)
        found = self.store.list(keys.reports_prefix(round_id))
        return found[-1] if found else None

    def publish(self, round_id: str, docx: bytes, *, actor: str, note: str = "") -> Version:
        rnd = self.round(round_id)
        done = self._published(rnd)
        if done is not None:
            raise RecordError(f"round {round_id} was already published as version {done}")
        return self._add_version(rnd.draft_id, docx, actor, note, round_id, "version.published")

    def _published(self, rnd: Round) -> int | None:
        numbers = [v.number for v in self.versions(rnd.draft_id) if v.from_round == rnd.id]
        return min(numbers, default=None)

    def record_reminder(self, round_id: str, agency_id: str, *, actor: str) -> None:
        rnd = self.round(round_id)
        agency = self._agency(rnd, agency_id)
        details = {"round": round_id, "agency": agency.id}
        self._log(rnd.draft_id, "reminder.sent", actor=actor, details=details)

    def round_status(self, round_id: str) -> RoundStatus:
        rnd = self.round(round_id)
        latest = self.latest_answers(round_id)
        statuses = []
        for agency in rnd.agencies:
            answer = latest.get(agency.id)
            items = self.items_for(answer) if answer else None
            counts: dict[str, int] = {}
            for item in items or ():
                counts[str(item.kind)] = counts.get(str(item.kind), 0) + 1
            statuses.append(
                AgencyStatus(
                    agency=agency,
                    answered=answer is not None,
                    ingested=items is not None,
                    answer_sha256=answer.sha256 if answer else "",
                    items=len(items or ()),
                    counts=counts,
                )
            )
        merged = self.latest_merge(round_id)
        published = self._published(rnd)
        if published is not None:
            state = RoundState.PUBLISHED
        elif merged is not None:
            state = RoundState.MERGED
        elif all(s.ingested for s in statuses):
            state = RoundState.COMPLETE
        else:
            state = RoundState.OPEN
        return RoundStatus(
            round=rnd, state=state, agencies=statuses, merged=merged, published_version=published
        )


def _require_bytes(data: bytes, what: str) -> None:
    if not data:
        raise RecordError(f"{what} is empty (0 bytes)")


def _check(value: str, what: str) -> None:
    try:
        keys.check_id(value, what)
    except ValueError as err:
        raise RecordError(str(err)) from err


def _json(data: bytes, key: str) -> dict[str, Any]:
    try:
        return json.loads(data)
    except ValueError as err:
        raise RecordError(f"{key}: not valid JSON") from err


def _first_error(err: ValidationError) -> str:
    first = err.errors()[0]
    return str(first.get("msg", err)).removeprefix("Value error, ")


def _short_slug(slug: str, limit: int) -> str:
    """At most `limit` characters, cut between words rather than inside one."""
    if len(slug) <= limit:
        return slug
    head = slug[: limit + 1]
    cut = head.rsplit("-", 1)[0] if "-" in head else slug[:limit]
    return cut.strip("-")
