"""The audit history: a draft's entries, and the check that nobody rewrote it."""

from __future__ import annotations

from concord.models import AuditEvent
from concord.storage.audit import VerifyReport
from concord.storage.records import ConcordStore


def audit_entries(store: ConcordStore, draft_id: str) -> list[AuditEvent]:
    store.draft(draft_id)  # an unknown draft is refused, not shown as an empty history
    return store.audit.entries(draft_id)


def verify_audit(store: ConcordStore, draft_id: str | None = None) -> VerifyReport:
    """Every draft's chain when `draft_id` is None."""
    if draft_id:
        store.draft(draft_id)
    return store.audit.verify(draft_id)
