"""Rounds, the copies circulated to each agency, and the agencies' upload tokens."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Sequence
from datetime import datetime

from pydantic import ValidationError

from concord.messages import t
from concord.models import Agency, DeadlineExtension, LatePolicy, Round, RoundSettings
from concord.storage import keys
from concord.storage.base import StoredObject
from concord.storage.canonical import canonical_json, model_bytes, sha256_hex
from concord.storage.draft_records import DraftRecords
from concord.storage.errors import ObjectExists, ObjectMissing, RecordError
from concord.storage.record_base import DOCX, JSON, _first_error, _json, _require_bytes


class RoundRecords(DraftRecords):
    def open_round(
        self,
        draft_id: str,
        *,
        version: int,
        agencies: Sequence[Agency],
        deadline: datetime,
        actor: str,
        late_answers: LatePolicy = LatePolicy.ACCEPT,
        settings: RoundSettings | None = None,
    ) -> Round:
        self._version(draft_id, version)
        resumed = self._resume_round(draft_id, version, agencies, actor)
        if resumed is not None:
            return resumed
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
                    late_answers=late_answers,
                    settings=settings or RoundSettings(),
                )
            except ValidationError as err:
                reason = _first_error(err)
                raise RecordError(t("refusal.cannot_open_round", reason=reason)) from err
            try:
                stored = self._put(
                    keys.round_record(rnd.id), model_bytes(rnd), actor=actor, round_id=rnd.id
                )
                break
            except ObjectExists:
                number += 1
        self._rounds[rnd.id] = rnd
        index = self._index_round(rnd.id, actor=actor)
        details = {
            "round": rnd.id,
            "version": version,
            "agencies": [a.id for a in agencies],
            "index_key": index.key,
        }
        self._log(draft_id, "round.opened", actor=actor, stored=stored, details=details)
        return rnd

    def _resume_round(
        self, draft_id: str, version: int, agencies: Sequence[Agency], actor: str
    ) -> Round | None:
        """The newest round, when it is this same opening interrupted before its audit entry
        (same version, agencies and actor): complete it rather than open a second round."""
        rounds = self.rounds(draft_id)
        if not rounds:
            return None
        last = rounds[-1]
        same = (
            last.version == version
            and [a.id for a in last.agencies] == [a.id for a in agencies]
            and last.opened_by == actor
        )
        record = keys.round_record(last.id)
        if not same or not self._unlogged(draft_id, record):
            return None
        index = self._index_round(last.id, actor=actor)
        details = {
            "round": last.id,
            "version": version,
            "agencies": [a.id for a in agencies],
            "index_key": index.key,
        }
        self._complete(draft_id, "round.opened", [record, index.key], actor=actor, details=details)
        return last

    def _index_round(self, round_id: str, *, actor: str) -> StoredObject:
        """The round's index entry (what the workers list), written once whatever retries."""
        key = keys.round_index(round_id)
        try:
            return self._put(key, canonical_json({"round_id": round_id}), actor=actor)
        except ObjectExists:
            found = self.store.head(key)
            assert found is not None
            return found

    def round(self, round_id: str) -> Round:
        if round_id not in self._rounds:
            try:
                key = keys.round_record(round_id)
            except ValueError as err:
                raise RecordError(str(err)) from err
            missing = t("refusal.no_round", round=round_id, store=self.describe())
            self._rounds[round_id] = self._load(Round, key, missing)
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
                # The same copy again: a retry, not a second circulation.
                details = {"round": round_id, "agency": agency.id}
                self._complete(rnd.draft_id, "copy.circulated", [key], actor=actor, details=details)
                return existing
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
            message = t("refusal.no_circulated_copy", agency=agency.name, round=round_id)
            raise RecordError(message) from err

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
            details = {"round": round_id, "agency": agency.id}
            record = keys.token_record(round_id, agency.id)
            self._complete(rnd.draft_id, "token.issued", [record], actor=actor, details=details)
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
            key = self._token_key(round_id, agency.id)
            try:
                stored = str(_json(self.store.get(key), key).get("sha256", ""))
            except ObjectMissing:
                continue
            if hmac.compare_digest(digest, stored):
                found = agency
        return found

    def extend_deadline(
        self, round_id: str, agency_id: str, deadline: datetime, *, actor: str
    ) -> DeadlineExtension:
        """Give one agency a later deadline; the newest extension is in force."""
        rnd = self.round(round_id)
        agency = self._agency(rnd, agency_id)
        extension = DeadlineExtension(
            round_id=round_id,
            agency_id=agency.id,
            deadline=deadline,
            granted_at=self._clock(),
            granted_by=actor,
        )
        _, stored = self._allocate(
            keys.deadlines_prefix(round_id, agency.id),
            lambda n: keys.deadline_record(round_id, agency.id, n),
            model_bytes(extension),
            actor=actor,
            round_id=round_id,
            content_type=JSON,
        )
        details = {"round": round_id, "agency": agency.id, "deadline": deadline.isoformat()}
        self._log(rnd.draft_id, "deadline.extended", actor=actor, stored=stored, details=details)
        return extension

    def deadline_for(self, round_id: str, agency_id: str) -> datetime:
        """The agency's deadline: the round's, or the newest extension granted to it."""
        rnd = self.round(round_id)
        found = self.store.list(keys.deadlines_prefix(round_id, agency_id))
        if not found:
            return rnd.deadline
        newest = max(found)
        return self._load(DeadlineExtension, newest, f"{newest} vanished").deadline

    def deadlines(self, round_id: str) -> dict[str, datetime]:
        """agency id -> its deadline in force (one listing for the whole round)."""
        rnd = self.round(round_id)
        prefix = keys.round_dir(round_id) + "deadlines/"
        newest: dict[str, str] = {}
        for key in self.store.list(prefix):
            agency = key.removeprefix(prefix).partition("/")[0]
            newest[agency] = max(newest.get(agency, ""), key)
        found = {a.id: rnd.deadline for a in rnd.agencies}
        for agency, key in newest.items():
            found[agency] = self._load(DeadlineExtension, key, f"{key} vanished").deadline
        return found

    def close_round(self, round_id: str, *, actor: str) -> bool:
        """Close the round to answers; False when it was already closed."""
        rnd = self.round(round_id)
        body = canonical_json({"round_id": round_id, "closed_by": actor})
        try:
            stored = self._put(keys.closed_record(round_id), body, actor=actor, round_id=round_id)
        except ObjectExists:
            return False
        self._log(
            rnd.draft_id, "round.closed", actor=actor, stored=stored, details={"round": round_id}
        )
        return True

    def round_ids(self) -> list[str]:
        """Every round ever opened, from the index (one listing)."""
        prefix = keys.ROUND_INDEX_PREFIX
        return [
            k.removeprefix(prefix).removesuffix(".json")
            for k in self.store.list(prefix)
            if k.endswith(".json")
        ]

    def keep_deadline(self, round_id: str, *, actor: str, reminded: list[str]) -> bool:
        """Record that the round's deadline was kept; False when it already was."""
        rnd = self.round(round_id)
        body = canonical_json({"round_id": round_id, "reminded": reminded})
        try:
            stored = self._put(
                keys.deadline_kept_record(round_id), body, actor=actor, round_id=round_id
            )
        except ObjectExists:
            return False
        details = {"round": round_id, "reminded": reminded}
        self._log(rnd.draft_id, "round.deadline_kept", actor=actor, stored=stored, details=details)
        return True

    def deadline_kept(self, round_id: str) -> bool:
        return self.store.head(keys.deadline_kept_record(round_id)) is not None

    def is_closed(self, round_id: str) -> bool:
        return self.store.head(keys.closed_record(round_id)) is not None

    def _token_key(self, round_id: str, agency_id: str) -> str:
        """The record of the agency's valid token: the newest reissue, else the first issue."""
        prefix = keys.token_reissues_prefix(round_id, agency_id)
        numbers = [n for k in self.store.list(prefix) if (n := keys.number_in(k, prefix))]
        if numbers:
            return keys.token_reissue(round_id, agency_id, max(numbers))
        return keys.token_record(round_id, agency_id)

    def reissue_token(self, round_id: str, agency_id: str, *, actor: str) -> str:
        """A new token for the agency; the one it had (if any) stops working at once.

        Records stay immutable: each reissue is a new numbered record and only the newest
        counts (see _token_key).
        """
        rnd = self.round(round_id)
        agency = self._agency(rnd, agency_id)
        token = secrets.token_urlsafe(24)
        body = canonical_json(
            {"round_id": round_id, "agency_id": agency.id, "sha256": sha256_hex(token.encode())}
        )
        prefix = keys.token_reissues_prefix(round_id, agency.id)
        number = max(
            (n for k in self.store.list(prefix) if (n := keys.number_in(k, prefix))), default=0
        )
        while True:
            number += 1
            try:
                stored = self._put(
                    keys.token_reissue(round_id, agency.id, number),
                    body,
                    actor=actor,
                    round_id=round_id,
                )
                break
            except ObjectExists:
                continue
        details = {"round": round_id, "agency": agency.id, "reissue": number}
        self._log(rnd.draft_id, "token.reissued", actor=actor, stored=stored, details=details)
        return token

    def record_reminder(self, round_id: str, agency_id: str, *, actor: str) -> None:
        rnd = self.round(round_id)
        agency = self._agency(rnd, agency_id)
        details = {"round": round_id, "agency": agency.id}
        self._log(rnd.draft_id, "reminder.sent", actor=actor, details=details)
