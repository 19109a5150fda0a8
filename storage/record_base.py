"""What every kind of Concord record shares: conditional writes, numbering, loading, audit.

The record classes (drafts, rounds, answers, outcomes) build on this one after another, and
`concord.storage.records.ConcordStore` is the facade that carries them all.

`_put` and `_log` are the one place a record meets the audit chain: `_put` seals the object
(an HMAC of key and SHA-256 in its metadata, storage.audit_key) and remembers it for the current
thread; the next `_log` names every object remembered since, with its SHA-256, in the entry it
appends. A new kind of record is covered by writing it with `_put` and then calling `_log`.

Numbering (versions, merges): the JSON record is the claim. The payload goes first into the
number's folder, then the record is created conditionally; whoever creates the record owns the
number, and the next number is one past the highest *record*. A payload whose record never came
(a crash, or a lost race) does not take its number: the next writer reuses the number, and reuses
the payload when it is byte-identical, or writes its own beside it under a name carrying its
SHA-256 (`<name>-<sha256[:12]>.docx`) since stored objects are never replaced. So numbers never
skip, and a leftover payload is only a harmless, sealed orphan that `audit verify` reports.

Completing interrupted writes: when a retry finds its record already stored (the same answer
bytes, items already read, a merge of the same answers, the version already published, the
round's one report), `_complete` appends the missing entry if no entry names the record yet,
but only for an object carrying Concord's seal, so an injected record is never adopted.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from concord.models import ConcordSettings, Draft, Round
from concord.storage import keys
from concord.storage.anchor import Anchor, open_anchor
from concord.storage.audit import SEAL, AuditLog
from concord.storage.audit_key import AuditKey, load_audit_key
from concord.storage.base import ObjectStore, StoredObject
from concord.storage.canonical import sha256_hex
from concord.storage.errors import IntegrityError, ObjectExists, ObjectMissing, RecordError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
JSON = "application/json"
M = TypeVar("M", bound=BaseModel)


class RecordsBase:
    """An object store with Concord's record conventions and the audit log beside it."""

    def __init__(
        self,
        store: ObjectStore,
        *,
        clock: Callable[[], datetime] | None = None,
        audit_key: AuditKey | None = None,
        anchor: Anchor | None = None,
    ) -> None:
        """Without `audit_key`/`anchor`, those of CONCORD_HOME and the environment are used."""
        self.store = store
        self._clock = clock or (lambda: datetime.now(UTC))
        if audit_key is None or anchor is None:
            settings = ConcordSettings()
            audit_key = audit_key or load_audit_key(settings.home)
            anchor = anchor or open_anchor(settings)
        self.audit_key = audit_key
        self.audit = AuditLog(store, key=audit_key, anchor=anchor, clock=self._clock)
        # Objects written by this thread's current action, named by its next audit entry.
        self._written = threading.local()
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

    def _meta(self, actor: str, round_id: str = "") -> dict[str, str]:
        meta = {"actor": actor, "when": self._clock().isoformat()}
        if round_id:
            meta["round"] = round_id
        return meta

    def _pending(self) -> dict[str, str]:
        pending = getattr(self._written, "objects", None)
        if pending is None:
            pending = self._written.objects = {}
        return pending

    def _put(
        self, key: str, data: bytes, *, actor: str, round_id: str = "", content_type: str = JSON
    ) -> StoredObject:
        """Create `key` sealed, and remember it for the entry the next `_log` appends."""
        meta = self._meta(actor, round_id)
        meta[SEAL] = self.audit_key.seal(key, sha256_hex(data))
        try:
            stored = self.store.put_if_absent(key, data, metadata=meta, content_type=content_type)
        except ObjectExists:
            raise
        except BaseException:
            # The action fails here: what it wrote before is a leftover, not the next entry's.
            self._pending().clear()
            raise
        self._pending()[stored.key] = stored.sha256
        return stored

    def _put_payload(
        self, key: str, data: bytes, *, actor: str, round_id: str = "", content_type: str
    ) -> StoredObject:
        """The payload of a numbered record: the same bytes already there are reused (a retry);
        other bytes left there by an interrupted write are kept, and ours go beside them."""
        sha = sha256_hex(data)
        candidates = [key]
        stem, dot, ext = key.rpartition(".")
        candidates.append(f"{stem}-{sha[:12]}{dot}{ext}" if dot else f"{key}-{sha[:12]}")
        for candidate in candidates:
            try:
                return self._put(
                    candidate, data, actor=actor, round_id=round_id, content_type=content_type
                )
            except ObjectExists:
                found = self.store.head(candidate)
                if found is not None and found.sha256 == sha:
                    self._pending()[found.key] = found.sha256
                    return found
        raise IntegrityError(f"{candidates[-1]}: holds other bytes than its name says")

    def _next_number(self, prefix: str, record_name: str) -> int:
        """One past the highest number that has its record (`record_name`) under `prefix`."""
        number = self._next.get(prefix + record_name)
        if number is None:
            listed = (
                keys.number_in(k, prefix)
                for k in self.store.list(prefix)
                if k.endswith("/" + record_name)
            )
            number = max((n for n in listed if n is not None), default=0) + 1
        return number

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
        """Store `data`, a record without payload, under the next free number: whoever
        creates number n owns it (numbered records with a payload use `_next_number`).

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
        objects: Mapping[str, str] | None = None,
    ) -> None:
        """Append the entry of an action: it names every object `_put` wrote since the last
        entry of this thread, `stored` (the action's subject) and `objects`."""
        pending = self._pending()
        # Only this draft's objects: what a failed action of another draft left in this
        # thread's list (an error between its _put and _log) is not this action's.
        own = keys.draft_prefix(draft_id)
        mine = {
            k: v for k, v in pending.items() if k.startswith(own) or not k.startswith("drafts/")
        }
        named = {**mine, **(objects or {})}
        if stored is not None:
            named[stored.key] = stored.sha256
        try:
            self.audit.append(
                draft_id,
                actor=actor,
                action=action,
                subject_key=stored.key if stored else "",
                subject_sha256=stored.sha256 if stored else "",
                details=details,
                objects=named,
            )
        finally:
            pending.clear()

    def _unlogged(self, draft_id: str, key: str) -> bool:
        """Whether `key` is a sealed object no entry names: Concord's own interrupted write."""
        if self.audit.names(draft_id, key):
            return False
        try:
            data = self.store.get(key)
        except ObjectMissing:
            return False
        found = self.store.head(key)
        seal = (found.metadata if found else {}).get(SEAL, "")
        return self.audit_key.seal_ok(key, sha256_hex(data), seal)

    def _complete(
        self,
        draft_id: str,
        action: str,
        object_keys: Sequence[str],
        *,
        actor: str,
        details: Mapping[str, Any] | None = None,
    ) -> bool:
        """Append the entry an interrupted write never wrote, naming `object_keys` (the record
        first). Nothing when an entry already names the record, or when an object lacks
        Concord's seal (that is for `audit verify` to report, not for a retry to adopt)."""
        if not object_keys or self.audit.names(draft_id, object_keys[0]):
            return False
        objects: dict[str, str] = {}
        for key in object_keys:
            try:
                data = self.store.get(key)
            except ObjectMissing:
                return False
            found = self.store.head(key)
            sha = sha256_hex(data)
            if not self.audit_key.seal_ok(
                key, sha, (found.metadata if found else {}).get(SEAL, "")
            ):
                return False
            objects[key] = sha
        self._pending().clear()
        self._log(
            draft_id,
            action,
            actor=actor,
            details={**(details or {}), "completed": "an interrupted write"},
            objects=objects,
        )
        return True


def _require_bytes(data: bytes, what: str) -> None:
    if not data:
        raise RecordError(f"{what} is empty (0 bytes)")


def _check(value: str, what: keys.IdKind) -> None:
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
