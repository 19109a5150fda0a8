"""The agency roster (contacts kept once, outside any draft), report settings and mail audit.

A roster entry is never replaced: adding an agency again stores a newer entry, and the newest
counts. Roster changes are audited in their own chain (`ROSTER_CHAIN`), since they belong to no
draft; the mail Concord sends is audited in the chain of the round's draft.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from concord.models import Agency, RosterEntry, RoundSettings
from concord.storage import keys
from concord.storage.canonical import canonical_json, model_bytes
from concord.storage.errors import ObjectExists
from concord.storage.record_base import JSON, RecordsBase

# The audit chain of roster changes (an id no draft slug takes: drafts are named by titles).
ROSTER_CHAIN = "agency-roster"


class RosterRecords(RecordsBase):
    def add_contact(
        self, agency: Agency, email: str, *, actor: str, lang: str = "vi"
    ) -> RosterEntry:
        entry = RosterEntry(
            agency=agency, email=email, added_at=self._clock(), added_by=actor, lang=lang
        )
        _, stored = self._allocate(
            keys.roster_prefix(agency.id),
            lambda n: keys.roster_record(agency.id, n),
            model_bytes(entry),
            actor=actor,
            content_type=JSON,
        )
        details = {"agency": agency.id, "email": entry.email}
        self._log(ROSTER_CHAIN, "roster.added", actor=actor, stored=stored, details=details)
        return entry

    def contact(self, agency_id: str) -> RosterEntry | None:
        """The agency's newest roster entry, or None when it has none."""
        found = self.store.list(keys.roster_prefix(agency_id))
        if not found:
            return None
        return self._load(RosterEntry, found[-1], f"{found[-1]} vanished")

    def roster(self) -> list[RosterEntry]:
        """Every agency's newest entry, by name."""
        newest: dict[str, str] = {}
        for key in self.store.list(keys.ROSTER_PREFIX):
            newest[key.split("/")[1]] = key  # listed in key order: the last is the newest
        entries = [self._load(RosterEntry, k, f"{k} vanished") for k in newest.values()]
        return sorted(entries, key=lambda e: e.agency.name)

    def put_report_settings(self, round_id: str, settings: RoundSettings, *, actor: str) -> None:
        self.round(round_id)
        self._allocate(
            keys.report_settings_prefix(round_id),
            lambda n: keys.report_settings_record(round_id, n),
            model_bytes(settings),
            actor=actor,
            round_id=round_id,
            content_type=JSON,
        )

    def report_settings(self, round_id: str) -> RoundSettings:
        """The settings given at publication, else those the round was opened with."""
        found = self.store.list(keys.report_settings_prefix(round_id))
        if not found:
            return self.round(round_id).settings
        return self._load(RoundSettings, found[-1], f"{found[-1]} vanished")

    def claim_mail(
        self, round_id: str, name: str, details: Mapping[str, Any], *, actor: str
    ) -> bool:
        """Record that message `name` of the round was made; False when it already was.

        A conditional create, so two runs making the same message at once make it once.
        """
        self.round(round_id)
        key = keys.mail_record(round_id, name)
        try:
            self._put(key, canonical_json(dict(details)), actor=actor, round_id=round_id)
        except ObjectExists:
            return False
        return True

    def mail_made(self, round_id: str, name: str) -> bool:
        return self.store.head(keys.mail_record(round_id, name)) is not None

    def record_mail(
        self, round_id: str, action: str, details: Mapping[str, Any], *, actor: str
    ) -> None:
        """An audit entry for one message: recipient, subject, message id (never a token)."""
        rnd = self.round(round_id)
        self._log(rnd.draft_id, action, actor=actor, details={"round": round_id, **details})

    def mail_entries(self, round_id: str, action: str) -> list[Mapping[str, Any]]:
        """The details of the round's audit entries of `action` (e.g. "mail.queued")."""
        rnd = self.round(round_id)
        return [
            e.details
            for e in self.audit.entries(rnd.draft_id)
            if e.action == action and e.details.get("round") == round_id
        ]
