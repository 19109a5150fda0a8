"""Appraisal dossiers: an audit entry per assembly, naming the manifest's SHA-256.

The dossier itself is not stored (it is made from stored objects, and handed out); the entry is
what proves later that a dossier's manifest is the one Concord made.
"""

from __future__ import annotations

from concord.models import AuditEvent
from concord.storage.draft_records import DraftRecords

ASSEMBLED = "dossier.assembled"


class DossierRecords(DraftRecords):
    def record_dossier(
        self,
        draft_id: str,
        *,
        manifest_sha256: str,
        version: int,
        files: int,
        actor: str,
    ) -> None:
        self.draft(draft_id)  # an unknown draft is refused, not given an audit chain
        details = {"manifest_sha256": manifest_sha256, "version": version, "files": files}
        self._log(draft_id, ASSEMBLED, actor=actor, details=details)

    def dossier_entries(self, draft_id: str) -> list[AuditEvent]:
        """The draft's signed `dossier.assembled` entries, oldest first."""
        return [
            e
            for e in self.audit.entries(draft_id)
            if e.action == ASSEMBLED and self.audit.signed(e)
        ]
