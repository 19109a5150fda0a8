"""The audit history: a draft's entries, and the check that nobody rewrote it."""

from __future__ import annotations

from concord.errors import InvalidInput
from concord.models import AuditEvent
from concord.storage.audit import VerifyReport, parse_digest
from concord.storage.records import ConcordStore


def audit_entries(store: ConcordStore, draft_id: str) -> list[AuditEvent]:
    store.draft(draft_id)  # an unknown draft is refused, not shown as an empty history
    return store.audit.entries(draft_id)


def verify_audit(
    store: ConcordStore, draft_id: str | None = None, *, against: str | None = None
) -> VerifyReport:
    """Every draft's chain when `draft_id` is None; `against`: a digest printed earlier, which
    the chain must still extend. A draft whose record was deleted is still verified (its audit
    and anchored checkpoints remain)."""
    if against is not None:
        try:
            parse_digest(against)
        except ValueError as err:
            raise InvalidInput(f"--against: {err}") from err
    if draft_id and draft_id not in store.audit.drafts():
        store.draft(draft_id)  # a mistyped id is refused, not shown as an empty, intact chain
    return store.audit.verify(draft_id, against=against)


def audit_digest(store: ConcordStore, draft_id: str | None = None) -> str:
    """One line naming the head (seq and SHA-256) of every draft's chain, or of one draft's."""
    if draft_id:
        store.draft(draft_id)
    return store.audit.digest(draft_id)
