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

from datetime import datetime

from concord.models import Agency, AgencyStatus, Answer, Item, RoundState, RoundStatus, Stance
from concord.storage.decided_records import DecidedRecords
from concord.storage.dossier_records import DossierRecords
from concord.storage.keys import AnswerKey
from concord.storage.roster_records import RosterRecords


def effective_stance(answer: Answer | None, items: list[Item] | None) -> Stance | None:
    """The stance the answer states; else agrees when it holds no item (None: not read yet)."""
    if answer is None:
        return Stance.NO_ANSWER
    if answer.stance is not None:
        return answer.stance
    if items is None:
        return None
    return Stance.AGREES_WITH_COMMENTS if items else Stance.AGREES


class ConcordStore(DecidedRecords, RosterRecords, DossierRecords):
    """Every Concord record over one object store: the facade the rest of Concord uses.

    Split by record type: drafts and versions (draft_records), rounds, copies and tokens
    (round_records), answers and items (answer_records), merges, decisions, reports and
    publication (outcome_records), decided merged files and the team's own edits
    (decided_records), the agency roster and mail audit (roster_records), the audit entries of
    appraisal dossiers (dossier_records); record_base holds what they share.
    """

    def round_status(self, round_id: str, *, counts: bool = False) -> RoundStatus:
        """Who answered (newest upload), what was read, merged, published; `counts` also reads
        every newest answer's items to count them by kind (one read per agency).

        Without counts it costs a few listings whatever the round's size, so a worker can ask
        it after every answer.
        """
        rnd = self.round(round_id)
        latest = self.latest_answer_keys(round_id)
        ingested = self.ingested_shas(round_id)
        deadlines = self.deadlines(round_id)
        statuses = [
            self._agency_status(rnd.id, agency, latest.get(agency.id), ingested, deadlines, counts)
            for agency in rnd.agencies
        ]
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
            round=rnd,
            state=state,
            agencies=statuses,
            merged=merged,
            published_version=published,
            closed=self.is_closed(round_id),
            deadline_passed=self._clock() > rnd.deadline,
        )

    def _agency_status(
        self,
        round_id: str,
        agency: Agency,
        newest: AnswerKey | None,
        ingested: set[tuple[str, str]],
        deadlines: dict[str, datetime],
        counts: bool,
    ) -> AgencyStatus:
        deadline = deadlines[agency.id]
        if newest is None:
            return AgencyStatus(
                agency=agency,
                answered=False,
                ingested=False,
                deadline=deadline,
                stance=Stance.NO_ANSWER,
            )
        sha = next((s for a, s in ingested if a == agency.id and s.startswith(newest.sha16)), "")
        when = newest.uploaded_at
        status = AgencyStatus(
            agency=agency,
            answered=True,
            ingested=bool(sha),
            answer_key=newest.key,
            answer_sha256=sha,
            answered_at=when,
            deadline=deadline,
            late=when is not None and when > deadline,
        )
        if not counts:
            return status
        answer = self.answer(round_id, newest.key)
        items = self.items_for(answer)
        if items is not None:
            items = items + self.typed_items(round_id, agency.id)
        by_kind: dict[str, int] = {}
        for item in items or ():
            by_kind[str(item.kind)] = by_kind.get(str(item.kind), 0) + 1
        update = {
            "answer_sha256": answer.sha256,
            "answered_at": answer.uploaded_at,
            "late": answer.late or status.late,
            "items": len(items or ()),
            "counts": by_kind,
            "stance": effective_stance(answer, items),
            "letter": answer.letter,
            "letter_key": answer.letter_key,
        }
        return status.model_copy(update=update)
