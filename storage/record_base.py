"""What every kind of Concord record shares: conditional writes, numbering, loading, audit.

The record classes (drafts, rounds, answers, outcomes) build on this one after another, and
`concord.storage.records.ConcordStore` is the facade that carries them all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from concord.models import Draft, Round
from concord.storage import keys
from concord.storage.audit import AuditLog
from concord.storage.base import ObjectStore, StoredObject
from concord.storage.canonical import sha256_hex
from concord.storage.errors import IntegrityError, ObjectExists, ObjectMissing, RecordError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
JSON = "application/json"
M = TypeVar("M", bound=BaseModel)


class RecordsBase:
    """An object store with Concord's record conventions and the audit log beside it."""

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
