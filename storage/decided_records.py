"""Decided merged files: the coordinator's copy uploaded back, and the team's own edits in it.

The decided file is kept as uploaded (its SHA-256 goes into the audit entry); beside it, the
drafting team's own edits read from it, which the next version makes and the synthesis report
lists apart. The newest decided file of a round is the one that counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from concord.messages import t
from concord.models import Item
from concord.storage import keys
from concord.storage.base import StoredObject
from concord.storage.canonical import canonical_json
from concord.storage.errors import RecordError
from concord.storage.outcome_records import OutcomeRecords
from concord.storage.record_base import DOCX, JSON, _json, _require_bytes


class DecidedRecords(OutcomeRecords):
    def put_decided(
        self,
        round_id: str,
        docx: bytes,
        *,
        merge_seq: int,
        team_edits: Sequence[Item],
        decisions: int,
        actor: str,
    ) -> StoredObject:
        rnd = self.round(round_id)
        _require_bytes(docx, "a decided file")
        published = self._published(rnd)
        if published is not None:
            raise RecordError(t("refusal.decisions_final", round=round_id, version=published))
        seq, stored = self._allocate(
            keys.decided_prefix(round_id),
            lambda n: keys.decided_dir(round_id, n) + "decided.docx",
            docx,
            actor=actor,
            round_id=round_id,
            content_type=DOCX,
        )
        body = canonical_json(
            {
                "round_id": round_id,
                "merge": merge_seq,
                "decided_sha256": stored.sha256,
                "team_edits": [item.to_json_dict() for item in team_edits],
            }
        )
        folder = keys.decided_dir(round_id, seq)
        self._put(
            folder + "team-edits.json", body, actor=actor, round_id=round_id, content_type=JSON
        )
        details = {
            "round": round_id,
            "merge": merge_seq,
            "decisions": decisions,
            "team_edits": len(team_edits),
        }
        self._log(rnd.draft_id, "decided_file.read", actor=actor, stored=stored, details=details)
        return stored

    def team_edits(self, round_id: str) -> list[Item]:
        """The drafting team's own edits read from the round's newest decided file (or none)."""
        self.round(round_id)
        found = [
            k
            for k in self.store.list(keys.decided_prefix(round_id))
            if k.endswith("team-edits.json")
        ]
        if not found:
            return []
        newest = max(found, key=lambda k: keys.number_in(k, keys.decided_prefix(round_id)) or 0)
        raw = _json(self.store.get(newest), newest)["team_edits"]
        return [Item.model_validate({k: v for k, v in i.items() if k != "id"}) for i in raw]
