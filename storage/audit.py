"""A draft's history as a hash chain of immutable objects, so rewriting it does not go unnoticed.

Each entry (models.AuditEvent) is one object, `audit/<draft>/0000000001.json`, stored as canonical
JSON; its hash is the SHA-256 of those bytes and the next entry carries it as `prev_sha256`.
Appending is a conditional create of seq n+1: when another writer took that number first
(ObjectExists) the tail is re-read and the entry re-chained, so concurrent appenders make one
chain, never a fork.

A chain cannot see its own newest entries deleted, so after each append a checkpoint holding the
entry's hash is created under `audit-checkpoints/<draft>/`. verify() trusts only stored objects:
every entry against the chain and its checkpoint, the newest checkpoint against the chain's end,
and every object an entry names (subject_key) against the SHA-256 recorded for it.

The in-memory tail hint only saves a listing per append; verification never uses it.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from concord.models import AuditEvent
from concord.storage import keys
from concord.storage.base import ObjectStore
from concord.storage.canonical import canonical_json, model_bytes, sha256_hex
from concord.storage.errors import ObjectExists, ObjectMissing, RecordError


class VerifyReport(BaseModel):
    ok: bool
    checked: int = 0
    objects_checked: int = 0
    problems: list[str] = []

    def summary(self) -> str:
        if self.ok:
            return (
                f"intact: {self.checked} audit entries, {self.objects_checked} recorded objects "
                "match their SHA-256"
            )
        return f"{len(self.problems)} problem(s); first: {self.problems[0]}"


class AuditLog:
    def __init__(self, store: ObjectStore, *, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self._clock = clock or (lambda: datetime.now(UTC))
        self._tails: dict[str, tuple[int, str]] = {}
        # Threads of one process queue here rather than racing for the same number; processes
        # and other machines still meet at the conditional create.
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def _lock(self, draft_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(draft_id, threading.Lock())

    def append(
        self,
        draft_id: str,
        *,
        actor: str,
        action: str,
        subject_key: str = "",
        subject_sha256: str = "",
        details: Mapping[str, Any] | None = None,
    ) -> AuditEvent:
        keys.check_id(draft_id, "draft id")
        with self._lock(draft_id):
            seq, prev = self._tails.get(draft_id) or self._scan_tail(draft_id, 0, "")
            while True:
                event = AuditEvent(
                    seq=seq + 1,
                    at=self._clock(),
                    actor=actor,
                    action=action,
                    draft_id=draft_id,
                    subject_key=subject_key,
                    subject_sha256=subject_sha256,
                    details=dict(details or {}),
                    prev_sha256=prev,
                )
                data = model_bytes(event)
                try:
                    self.store.put_if_absent(
                        keys.audit_entry(draft_id, event.seq),
                        data,
                        metadata={"actor": actor, "action": action},
                        content_type="application/json",
                    )
                except ObjectExists:
                    seq, prev = self._scan_tail(draft_id, seq, prev)
                    continue
                entry_hash = sha256_hex(data)
                self._checkpoint(draft_id, event.seq, entry_hash)
                self._tails[draft_id] = (event.seq, entry_hash)
                return event

    def _scan_tail(self, draft_id: str, seq: int, prev: str) -> tuple[int, str]:
        """Walk forward from a known entry to the real end of the chain."""
        if seq == 0:
            prefix = keys.audit_prefix(draft_id)
            last = max((keys.number_in(k, prefix) or 0 for k in self.store.list(prefix)), default=0)
            if last:
                seq, prev = last, sha256_hex(self.store.get(keys.audit_entry(draft_id, last)))
        while True:
            try:
                data = self.store.get(keys.audit_entry(draft_id, seq + 1))
            except ObjectMissing:
                return seq, prev
            seq, prev = seq + 1, sha256_hex(data)

    def _checkpoint(self, draft_id: str, seq: int, entry_hash: str) -> None:
        body = canonical_json({"draft_id": draft_id, "seq": seq, "sha256": entry_hash})
        # Already there only if an earlier attempt of this same append wrote it.
        with contextlib.suppress(ObjectExists):
            self.store.put_if_absent(
                keys.checkpoint(draft_id, seq), body, content_type="application/json"
            )

    def drafts(self) -> list[str]:
        return sorted({k.split("/")[1] for k in self.store.list("audit/") if k.count("/") == 2})

    def entries(self, draft_id: str) -> list[AuditEvent]:
        events = []
        for key in self.store.list(keys.audit_prefix(draft_id)):
            try:
                events.append(AuditEvent.model_validate_json(self.store.get(key)))
            except ValidationError as err:
                raise RecordError(
                    f"{key}: not a valid audit entry ({err.error_count()} errors)"
                ) from err
        return sorted(events, key=lambda e: e.seq)

    def verify(self, draft_id: str | None = None) -> VerifyReport:
        drafts = [draft_id] if draft_id else self.drafts()
        report = VerifyReport(ok=True)
        hashes: dict[str, str] = {}
        for draft in drafts:
            self._verify_draft(draft, report, hashes)
        report.objects_checked = len(hashes)
        report.ok = not report.problems
        return report

    def _verify_draft(self, draft_id: str, report: VerifyReport, hashes: dict[str, str]) -> None:
        prefix = keys.audit_prefix(draft_id)
        problems = report.problems
        checkpoints = self._checkpoints(draft_id, problems)
        listed = {keys.number_in(k, prefix): k for k in self.store.list(prefix)}
        last = max((n for n in listed if n is not None), default=0)
        prev_hash = ""
        for seq in range(1, last + 1):
            key = keys.audit_entry(draft_id, seq)
            if seq not in listed:
                problems.append(f"{key}: missing (entry {seq} of {last} is gone)")
                prev_hash = None
                continue
            data = self.store.get(key)
            entry_hash = sha256_hex(data)
            report.checked += 1
            event = _parse(data)
            if event is None or model_bytes(event) != data:
                problems.append(f"{key}: not a canonical audit entry (changed after writing)")
            elif event.seq != seq or event.draft_id != draft_id:
                problems.append(f"{key}: holds entry {event.seq} of draft {event.draft_id!r}")
            elif prev_hash is not None and event.prev_sha256 != prev_hash:
                problems.append(
                    f"{key}: hash chain broken (prev_sha256 does not match entry {seq - 1})"
                )
            if seq in checkpoints and checkpoints[seq] != entry_hash:
                problems.append(
                    f"{key}: changed after it was written (hash differs from its checkpoint)"
                )
            if event is not None and event.subject_key and event.subject_sha256:
                self._verify_subject(key, event, problems, hashes)
            prev_hash = entry_hash
        newest = max(checkpoints, default=0)
        if newest > last:
            problems.append(
                f"{keys.audit_entry(draft_id, newest)}: missing; the checkpoint records entry "
                f"{newest} but the chain ends at {last} (newest entries deleted)"
            )

    def _checkpoints(self, draft_id: str, problems: list[str]) -> dict[int, str]:
        found: dict[int, str] = {}
        for key in self.store.list(keys.checkpoint_prefix(draft_id)):
            try:
                body = json.loads(self.store.get(key))
                found[int(body["seq"])] = str(body["sha256"])
            except (ValueError, KeyError, TypeError):
                problems.append(f"{key}: unreadable audit checkpoint")
        return found

    def _verify_subject(
        self, entry_key: str, event: AuditEvent, problems: list[str], hashes: dict[str, str]
    ) -> None:
        key = event.subject_key
        if key not in hashes:
            try:
                hashes[key] = sha256_hex(self.store.get(key))
            except ObjectMissing:
                hashes[key] = "missing"
        if hashes[key] == "missing":
            problems.append(f"{entry_key}: {key} is missing (recorded {event.action})")
        elif hashes[key] != event.subject_sha256:
            problems.append(
                f"{entry_key}: {key} changed since {event.action} recorded it "
                f"(sha256 {hashes[key][:16]}… != recorded {event.subject_sha256[:16]}…)"
            )


def _parse(data: bytes) -> AuditEvent | None:
    try:
        return AuditEvent.model_validate_json(data)
    except ValidationError:
        return None
