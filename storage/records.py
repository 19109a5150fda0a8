"""Concord's records over an object store: drafts, versions, rounds, answers, merges, decisions.

Records are canonical JSON of the models in `models/`, each beside the bytes it describes (see
storage.keys for the layout). Nothing stored is ever changed: new versions, merges, decisions and
reports get the next number by conditionally creating it (ObjectExists -> try the next number),
and an answer's key is derived from its SHA-256, so uploading the same bytes twice is harmless.
Where a record has a payload, the payload is written first and the JSON record last: a record
exists only when everything it points at does. Every write appends an audit entry.

A round's state is derived from what is stored, never kept as a mutable flag.
"""

from __future__ import annotations

from concord.models import AgencyStatus, RoundState, RoundStatus
from concord.storage.decided_records import DecidedRecords


class ConcordStore(DecidedRecords):
    """Every Concord record over one object store: the facade the rest of Concord uses.

    Split by record type: drafts and versions (draft_records), rounds, copies and tokens
    (round_records), answers and items (answer_records), merges, decisions, reports and
    publication (outcome_records), decided merged files and the team's own edits
    (decided_records); record_base holds what they share.
    """

    def round_status(self, round_id: str) -> RoundStatus:
        rnd = self.round(round_id)
        latest = self.latest_answers(round_id)
        statuses = []
        for agency in rnd.agencies:
            answer = latest.get(agency.id)
            items = self.items_for(answer) if answer else None
            counts: dict[str, int] = {}
            for item in items or ():
                counts[str(item.kind)] = counts.get(str(item.kind), 0) + 1
            statuses.append(
                AgencyStatus(
                    agency=agency,
                    answered=answer is not None,
                    ingested=items is not None,
                    answer_sha256=answer.sha256 if answer else "",
                    items=len(items or ()),
                    counts=counts,
                )
            )
        merged = self.latest_merge(round_id)
        published = self._published(rnd)
        if published is not None:
            state = RoundState.PUBLISHED
        elif merged is not None:
            state = RoundState.MERGED
        elif all(s.ingested for s in statuses):
            state = RoundState.COMPLETE
        else:
            state = RoundState.OPEN
        return RoundStatus(
            round=rnd, state=state, agencies=statuses, merged=merged, published_version=published
        )
