"""Drafts and their versions: a draft's id comes from its title, versions are numbered from 1."""

from __future__ import annotations

from typing import Any

from concord.messages import t
from concord.models import Draft, Version
from concord.models.consultation import slugify
from concord.storage import keys
from concord.storage.canonical import model_bytes, sha256_hex
from concord.storage.errors import ObjectExists, RecordError
from concord.storage.record_base import DOCX, RecordsBase, _check, _require_bytes, _short_slug


class DraftRecords(RecordsBase):
    def create_draft(
        self, title: str, docx: bytes, *, kind: str = "resolution", actor: str
    ) -> tuple[Draft, Version]:
        title = " ".join(title.split())
        if not title:
            raise RecordError(t("refusal.draft_needs_title"))
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
                resumed = self._resume_registration(draft_id, title, docx, actor)
                if resumed is not None:
                    return resumed
                suffix += 1
        self._drafts[draft_id] = draft
        self._log(
            draft_id, "draft.registered", actor=actor, stored=stored, details={"title": title}
        )
        version = self.add_version(draft_id, docx, actor=actor, note="registered")
        return draft, version

    def _resume_registration(
        self, draft_id: str, title: str, docx: bytes, actor: str
    ) -> tuple[Draft, Version] | None:
        """The same registration interrupted before it finished (same title and actor, a first
        version missing or identical to `docx`): finish it rather than register a second draft."""
        existing = self.draft(draft_id)
        if existing.title != title or existing.created_by != actor:
            return None
        record = keys.draft_record(draft_id)
        versions = self.versions(draft_id)
        finished = (
            versions
            and not self._unlogged(draft_id, record)
            and not self._unlogged(draft_id, keys.version_record(draft_id, versions[0].number))
        )
        if finished:  # a whole registration: the same file registered again is a new draft
            return None
        self._complete(
            draft_id, "draft.registered", [record], actor=actor, details={"title": title}
        )
        if not versions:
            return existing, self.add_version(draft_id, docx, actor=actor, note="registered")
        first = versions[0]
        if first.sha256 != sha256_hex(docx):
            return None
        self.complete_version(first, actor=actor)
        return existing, first

    def draft(self, draft_id: str) -> Draft:
        if draft_id not in self._drafts:
            _check(draft_id, "draft id")
            missing = t("refusal.no_draft", draft=draft_id, store=self.describe())
            self._drafts[draft_id] = self._load(Draft, keys.draft_record(draft_id), missing)
        return self._drafts[draft_id]

    def drafts(self) -> list[Draft]:
        found = [
            k.split("/")[1]
            for k in self.store.list("drafts/")
            if k.endswith("/draft.json") and k.count("/") == 2
        ]
        return sorted((self.draft(d) for d in found), key=lambda d: (d.created_at, d.id))

    def add_version(self, draft_id: str, docx: bytes, *, actor: str, note: str = "") -> Version:
        return self._add_version(draft_id, docx, actor, note, None, "version.added")

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
        prefix = keys.versions_prefix(draft_id)
        number = self._next_number(prefix, "version.json")
        while True:
            stored = self._put_payload(
                keys.version_docx(draft_id, number, draft_id),
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
            try:
                # The record is the claim on the number (see record_base).
                self._put(keys.version_record(draft_id, number), model_bytes(version), actor=actor)
                break
            except ObjectExists:
                number += 1
        self._next[prefix + "version.json"] = number + 1
        details: dict[str, Any] = {"version": number}
        if from_round:
            details["round"] = from_round
        self._log(draft_id, action, actor=actor, stored=stored, details=details)
        return version

    def complete_version(self, version: Version, *, actor: str) -> bool:
        """The entry of a version whose write was interrupted before it (see _complete)."""
        action = "version.published" if version.from_round else "version.added"
        details: dict[str, Any] = {"version": version.number}
        if version.from_round:
            details["round"] = version.from_round
        record = keys.version_record(version.draft_id, version.number)
        return self._complete(
            version.draft_id, action, [record, version.key], actor=actor, details=details
        )

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
        missing = t("refusal.no_version", draft=draft_id, number=number)
        return self._load(Version, keys.version_record(draft_id, number), missing)

    def version_bytes(self, draft_id: str, number: int) -> bytes:
        version = self._version(draft_id, number)
        return self._checked_bytes(version.key, version.sha256)

    def put_redline(self, draft_id: str, number: int, docx: bytes, *, actor: str) -> str:
        """Store the redline of version `number` against the one before it; its key."""
        self._version(draft_id, number)
        _require_bytes(docx, "a redline")
        key = keys.version_dir(draft_id, number) + "redline.docx"
        stored = self._put(key, docx, actor=actor, content_type=DOCX)
        self._log(
            draft_id, "version.redline", actor=actor, stored=stored, details={"version": number}
        )
        return stored.key
