"""One entry of a draft's audit history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class AuditEvent(BaseModel):
    """An action, who did it, and the SHA-256 of what it concerns.

    `prev_sha256` chains each entry to the one before it ("" for the first); the entry's own hash
    is the SHA-256 of its canonical JSON (see storage.audit).
    """

    model_config = ConfigDict(frozen=True)

    seq: int = Field(ge=0)
    at: datetime
    actor: str
    action: str
    draft_id: str
    subject_key: str = ""
    subject_sha256: str = ""
    details: dict[str, Any] = Field(default_factory=dict)
    prev_sha256: str = ""
    # Every object the action wrote (key -> SHA-256), so editing, deleting or injecting one shows.
    objects: dict[str, str] = Field(default_factory=dict)
    # HMAC-SHA-256 of the entry's other fields with the audit key `key_id` (storage.audit_key);
    # empty in entries written before entries were signed.
    key_id: str = ""
    mac: str = ""
