"""A draft's history as a signed hash chain, anchored outside the bucket, naming every record.

Each entry (models.AuditEvent) is one object, `audit/<draft>/0000000001.json`, stored as canonical
JSON; its hash is the SHA-256 of those bytes and the next entry carries it as `prev_sha256`.
Appending is a conditional create of seq n+1: when another writer took that number first
(ObjectExists) the tail is re-read and the entry re-chained, so concurrent appenders make one
chain, never a fork.

What makes the chain hard to rewrite for whoever holds the bucket:
- every entry is signed (`mac`, HMAC-SHA-256 with the audit key, storage.audit_key), so a forged,
  edited or re-chained entry fails verification;
- every entry names each object its action wrote (`objects`: key -> SHA-256), and every object
  Concord writes carries a seal (HMAC of key and SHA-256) in its metadata; verify() lists the
  objects of the store that no entry names: sealed ones are Concord's own leftovers of an
  interrupted write (harmless; re-running the action completes a record's missing entry), unsealed
  ones were put there by someone else;
- after each append the new head is signed and written to an anchor (storage.anchor) the bucket's
  writers cannot rewrite, so deleting the newest entries or a whole draft's audit, or rewriting
  from entry k, disagrees with an anchored head; `digest()` prints the heads as one line to file
  elsewhere, and verify(against=...) checks that chain still extends it.

Entries from before signing (no `mac`) are reported as unsigned (legacy), not as broken, as long
as no signed entry precedes them. Checkpoints that older versions kept inside the bucket
(`audit-checkpoints/`) are still checked.

The in-memory tail hint and index of named objects only save reads; verify() never uses them.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from concord.messages import t
from concord.models import AuditEvent
from concord.storage import keys
from concord.storage.anchor import Anchor, Checkpoint
from concord.storage.audit_key import AuditKey
from concord.storage.base import ObjectStore
from concord.storage.canonical import canonical_json, sha256_hex
from concord.storage.errors import ObjectExists, ObjectMissing, RecordError

SEAL = "seal"
DIGEST_PREFIX = "concord-audit-digest/1"
# Folders of bookkeeping that are not records: entries are checked as the chain, checkpoints
# as checkpoints.
_NOT_RECORDS = ("audit/", "audit-checkpoints/")


class VerifyReport(BaseModel):
    ok: bool
    checked: int = 0
    objects_checked: int = 0
    unsigned: int = 0
    problems: list[str] = []
    # Objects Concord wrote (valid seal) that no entry names: interrupted writes, not tampering.
    leftovers: list[str] = []
    notes: list[str] = []

    def summary(self) -> str:
        if self.ok:
            text = (
                f"intact: {self.checked} audit entries, {self.objects_checked} recorded objects "
                "match their SHA-256"
            )
            if self.unsigned:
                text += f"; {self.unsigned} unsigned (legacy) entries"
            if self.leftovers:
                text += f"; {len(self.leftovers)} leftover(s) of interrupted writes"
            return text
        return f"{len(self.problems)} problem(s); first: {self.problems[0]}"


def entry_bytes(event: AuditEvent) -> bytes:
    """The stored form: canonical JSON, leaving out the fields legacy entries do not have."""
    body = event.model_dump(mode="json")
    for name in ("objects", "key_id", "mac"):
        if not body[name]:
            del body[name]
    return canonical_json(body)


def _signed_part(event: AuditEvent) -> bytes:
    return entry_bytes(event.model_copy(update={"mac": ""}))


def is_record(key: str) -> bool:
    """A JSON record Concord reads as state (not a payload such as a .docx or a merge report)."""
    return key.endswith(".json") and not key.endswith("/report.json")


class AuditLog:
    def __init__(
        self,
        store: ObjectStore,
        *,
        key: AuditKey,
        anchor: Anchor,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self.key = key
        self.anchor = anchor
        self.scope = store.describe().split(" at ", 1)[0]
        self._clock = clock or (lambda: datetime.now(UTC))
        self._tails: dict[str, tuple[int, str]] = {}
        self._named: dict[str, tuple[int, set[str]]] = {}  # draft -> (seq read up to, keys)
        # Threads of one process queue here rather than racing for the same number; processes
        # and other machines still meet at the conditional create.
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def _lock(self, draft_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(draft_id, threading.Lock())

    # -- writing ---------------------------------------------------------------------------

    def append(
        self,
        draft_id: str,
        *,
        actor: str,
        action: str,
        subject_key: str = "",
        subject_sha256: str = "",
        details: Mapping[str, Any] | None = None,
        objects: Mapping[str, str] | None = None,
    ) -> AuditEvent:
        keys.check_id(draft_id, "draft id")
        named = dict(objects or {})
        if subject_key and subject_sha256:
            named.setdefault(subject_key, subject_sha256)
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
                    objects=named,
                    key_id=self.key.key_id,
                )
                event = event.model_copy(update={"mac": self.key.mac(_signed_part(event))})
                data = entry_bytes(event)
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
                self._tails[draft_id] = (event.seq, entry_hash)
                index = self._named.get(draft_id)
                if index is not None and index[0] == event.seq - 1:
                    self._named[draft_id] = (event.seq, index[1] | set(named))
                self._anchor(draft_id, event.seq, entry_hash)
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

    def _anchor(self, draft_id: str, seq: int, entry_hash: str) -> None:
        point = Checkpoint(
            scope=self.scope, draft_id=draft_id, seq=seq, sha256=entry_hash, key_id=self.key.key_id
        )
        self.anchor.put(point.model_copy(update={"mac": self.key.mac(point.signed_bytes())}))

    def names(self, draft_id: str, key: str) -> bool:
        """Whether some entry of the draft names `key` (reads only entries not read before)."""
        seq, found = self._named.get(draft_id, (0, set()))
        while True:
            try:
                data = self.store.get(keys.audit_entry(draft_id, seq + 1))
            except ObjectMissing:
                break
            seq += 1
            event = _parse(data)
            if event is not None:
                found |= set(event.objects)
                if event.subject_key:
                    found.add(event.subject_key)
        self._named[draft_id] = (seq, found)
        return key in found

    # -- reading ---------------------------------------------------------------------------

    def signed(self, event: AuditEvent) -> bool:
        """Whether `event` carries a valid signature by this store's audit key."""
        return (
            bool(event.mac)
            and event.key_id == self.key.key_id
            and self.key.check(_signed_part(event), event.mac)
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

    def heads(self, draft_id: str | None = None) -> dict[str, tuple[int, str]]:
        """Each draft's newest entry: (seq, SHA-256)."""
        found = {}
        for draft in [draft_id] if draft_id else self.drafts():
            seq, sha = self._scan_tail(draft, 0, "")
            if seq:
                found[draft] = (seq, sha)
        return found

    def digest(self, draft_id: str | None = None) -> str:
        """One line naming every head, for a coordinator to file outside Concord."""
        heads = self.heads(draft_id)
        return " ".join(
            [DIGEST_PREFIX, *(f"{d}@{seq}:{sha}" for d, (seq, sha) in sorted(heads.items()))]
        )

    # -- verifying -------------------------------------------------------------------------

    def verify(self, draft_id: str | None = None, *, against: str | None = None) -> VerifyReport:
        report = VerifyReport(ok=True)
        anchored, anchor_problems = self._anchored()
        report.problems.extend(anchor_problems)
        if draft_id:
            drafts = [draft_id]
        else:
            in_store = {k.split("/")[1] for k in self.store.list("drafts/") if k.count("/") >= 2}
            drafts = sorted(set(self.drafts()) | in_store | set(anchored))
        hashes: dict[str, str] = {}
        chains: dict[str, dict[int, str]] = {}
        named: dict[str, str] = {}
        legacy: set[str] = set()
        for draft in drafts:
            unsigned = report.unsigned
            chains[draft] = self._verify_draft(
                draft, report, hashes, named, anchored.get(draft, {})
            )
            if report.unsigned > unsigned:
                legacy.add(draft)
        if against:
            self._verify_digest(against, draft_id, chains, report)
        prefix = keys.draft_prefix(draft_id) if draft_id else ""
        self._unaccounted(prefix, named, legacy, report)
        report.objects_checked = len(hashes)
        report.ok = not report.problems
        return report

    def _anchored(self) -> tuple[dict[str, dict[int, str]], list[str]]:
        points, problems = self.anchor.checkpoints(self.scope)
        found: dict[str, dict[int, str]] = {}
        where = self.anchor.describe()
        for point in points:
            label = f"checkpoint {point.draft_id}@{point.seq} in {where}"
            if point.key_id != self.key.key_id:
                problems.append(f"{label}: signed with another audit key ({point.key_id})")
            elif not self.key.check(point.signed_bytes(), point.mac):
                problems.append(f"{label}: signature does not verify (forged checkpoint)")
            else:
                found.setdefault(point.draft_id, {})[point.seq] = point.sha256
        return found, problems

    def _verify_draft(
        self,
        draft_id: str,
        report: VerifyReport,
        hashes: dict[str, str],
        named: dict[str, str],
        anchored: dict[int, str],
    ) -> dict[int, str]:
        prefix = keys.audit_prefix(draft_id)
        problems = report.problems
        checkpoints = self._checkpoints(draft_id, problems)
        listed: dict[int, str] = {}
        for k in self.store.list(prefix):
            number = keys.number_in(k, prefix)
            if number is None or k != keys.audit_entry(draft_id, number):
                problems.append(f"{k}: not an audit entry (injected into the audit folder)")
            else:
                listed[number] = k
        last = max(listed, default=0)
        chain: dict[int, str] = {}
        prev_hash: str | None = ""
        signed_seen = False
        for seq in range(1, last + 1):
            key = keys.audit_entry(draft_id, seq)
            if seq not in listed:
                problems.append(f"{key}: missing (entry {seq} of {last} is gone)")
                prev_hash = None
                continue
            data = self.store.get(key)
            entry_hash = sha256_hex(data)
            chain[seq] = entry_hash
            report.checked += 1
            event = _parse(data)
            if event is None or entry_bytes(event) != data:
                problems.append(f"{key}: not a canonical audit entry (changed after writing)")
            elif event.seq != seq or event.draft_id != draft_id:
                problems.append(f"{key}: holds entry {event.seq} of draft {event.draft_id!r}")
            elif prev_hash is not None and event.prev_sha256 != prev_hash:
                problems.append(
                    f"{key}: hash chain broken (prev_sha256 does not match entry {seq - 1})"
                )
            if event is not None:
                signed_seen = self._check_signature(key, event, signed_seen, report)
            if seq in checkpoints and checkpoints[seq] != entry_hash:
                problems.append(
                    f"{key}: changed after it was written (hash differs from its checkpoint)"
                )
            if event is not None:
                self._verify_objects(key, event, problems, hashes, named)
            prev_hash = entry_hash
        newest = max(checkpoints, default=0)
        if newest > last:
            problems.append(
                f"{keys.audit_entry(draft_id, newest)}: missing; the checkpoint records entry "
                f"{newest} but the chain ends at {last} (newest entries deleted)"
            )
        self._verify_anchored(draft_id, chain, last, anchored, problems)
        return chain

    def _check_signature(
        self, key: str, event: AuditEvent, signed_seen: bool, report: VerifyReport
    ) -> bool:
        if not event.mac:
            if signed_seen:
                report.problems.append(
                    f"{key}: unsigned entry after signed ones (forged: Concord signs every entry)"
                )
            else:
                report.unsigned += 1
            return signed_seen
        if event.key_id != self.key.key_id:
            report.problems.append(
                f"{key}: signed with another audit key ({event.key_id}; this key is "
                f"{self.key.key_id}): verify with the key the store was written with"
            )
        elif not self.key.check(_signed_part(event), event.mac):
            report.problems.append(
                f"{key}: signature does not verify (entry forged, edited or re-chained)"
            )
        return True

    def _verify_anchored(
        self,
        draft_id: str,
        chain: dict[int, str],
        last: int,
        anchored: dict[int, str],
        problems: list[str],
    ) -> None:
        if not anchored:
            return
        where = self.anchor.describe()
        newest = max(anchored)
        if newest > last:
            gone = "the whole audit is gone" if last == 0 else f"the chain ends at {last}"
            problems.append(
                f"{keys.audit_entry(draft_id, newest)}: missing; entry {newest} is anchored in "
                f"{where} but {gone} (newest entries deleted)"
            )
        for seq in sorted(anchored):
            if seq in chain and chain[seq] != anchored[seq]:
                problems.append(
                    f"{keys.audit_entry(draft_id, seq)}: differs from the hash anchored in "
                    f"{where} (chain rewritten from entry {seq} or earlier)"
                )
                break

    def _checkpoints(self, draft_id: str, problems: list[str]) -> dict[int, str]:
        """Legacy checkpoints kept inside the bucket by older versions."""
        found: dict[int, str] = {}
        for key in self.store.list(keys.checkpoint_prefix(draft_id)):
            try:
                body = json.loads(self.store.get(key))
                found[int(body["seq"])] = str(body["sha256"])
            except (ValueError, KeyError, TypeError):
                problems.append(f"{key}: unreadable audit checkpoint")
        return found

    def _verify_objects(
        self,
        entry_key: str,
        event: AuditEvent,
        problems: list[str],
        hashes: dict[str, str],
        named: dict[str, str],
    ) -> None:
        recorded = dict(event.objects)
        if event.subject_key and event.subject_sha256:
            recorded.setdefault(event.subject_key, event.subject_sha256)
        for key, sha in recorded.items():
            named.setdefault(key, entry_key)
            if key not in hashes:
                try:
                    hashes[key] = sha256_hex(self.store.get(key))
                except (ObjectMissing, ValueError):
                    hashes[key] = "missing"
            if hashes[key] == "missing":
                problems.append(f"{entry_key}: {key} is missing (recorded by {event.action})")
            elif hashes[key] != sha:
                problems.append(
                    f"{entry_key}: {key} changed since {event.action} recorded it "
                    f"(sha256 {hashes[key][:16]}… != recorded {sha[:16]}…)"
                )

    def _verify_digest(
        self,
        digest: str,
        draft_id: str | None,
        chains: dict[str, dict[int, str]],
        report: VerifyReport,
    ) -> None:
        try:
            heads = parse_digest(digest)
        except ValueError as err:
            report.problems.append(f"digest: {err}")
            return
        for draft, (seq, sha) in sorted(heads.items()):
            if draft_id and draft != draft_id:
                continue
            chain = chains.get(draft)
            if chain is None:
                chain = self._verify_draft(draft, report, {}, {}, {})
            if seq not in chain:
                report.problems.append(
                    f"digest: {draft} entry {seq} is gone (the chain has {len(chain)} entries): "
                    "entries recorded by the digest were deleted"
                )
            elif chain[seq] != sha:
                report.problems.append(
                    f"digest: {draft} entry {seq} differs from the digest: the chain was "
                    f"rewritten from entry {seq} or earlier"
                )

    def _unaccounted(
        self, prefix: str, named: dict[str, str], legacy: set[str], report: VerifyReport
    ) -> None:
        for key in self.store.list(prefix):
            # A merge claim is a lock, not a record: at worst a forged one delays a merge by
            # the claim's staleness (usecases/merging.py), it changes nothing stored.
            if key in named or key.startswith(_NOT_RECORDS) or "/merge-claims/" in key:
                continue
            try:
                data = self.store.get(key)
                found = self.store.head(key)
            except ObjectMissing:
                continue
            seal = (found.metadata if found else {}).get(SEAL, "")
            if self.key.seal_ok(key, sha256_hex(data), seal):
                if is_record(key):
                    report.leftovers.append(
                        f"{key}: a record Concord wrote whose audit entry never came (interrupted "
                        "write); running the action again completes it"
                    )
                else:
                    report.leftovers.append(
                        f"{key}: written by Concord, named by no record or entry (harmless "
                        "leftover of an interrupted write)"
                    )
                continue
            draft = key.split("/")[1] if key.startswith("drafts/") and key.count("/") > 1 else ""
            if not seal and draft in legacy:
                report.notes.append(f"{key}: written before records were named in the audit")
                continue
            why = "its seal does not match" if seal else "it carries no Concord seal"
            report.problems.append(
                f"{key}: no audit entry accounts for it and {why}: injected or replaced "
                "from outside Concord"
            )


def parse_digest(text: str) -> dict[str, tuple[int, str]]:
    parts = text.split()
    if not parts or parts[0] != DIGEST_PREFIX:
        raise ValueError(t("refusal.not_a_digest", prefix=DIGEST_PREFIX))
    heads = {}
    for part in parts[1:]:
        draft, _, rest = part.partition("@")
        seq, _, sha = rest.partition(":")
        if not draft or not seq.isdigit() or len(sha) != 64:
            raise ValueError(t("refusal.digest_part", part=part))
        heads[draft] = (int(seq), sha)
    return heads


def _parse(data: bytes) -> AuditEvent | None:
    try:
        return AuditEvent.model_validate_json(data)
    except ValidationError:
        return None
