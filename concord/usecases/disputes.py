"""The issues still in dispute on a draft, for leaders to settle before appraisal.

Taken from the draft's latest round that has been merged: each of its items that the team did
not accept or accepted only in part, and each an agency raised again after an earlier round did
not take it (concord.usecases.history) unless the team has now accepted it. Items the team has
not decided yet are not disputes: they are still being handled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from concord.engine.disputes_report import DisputesInput, build_disputes_report
from concord.engine.report import Signature
from concord.errors import NotFound
from concord.messages import t
from concord.models import Decision, Draft, Item, ItemHistory, Outcome, Round
from concord.models.history import NOT_TAKEN
from concord.storage.records import ConcordStore
from concord.usecases.decisions import ItemDecision, items_with_decisions
from concord.usecases.history import round_number
from concord.usecases.publishing import DEFAULT_ISSUER


@dataclass(frozen=True)
class Disputes:
    draft: Draft
    round: Round  # the latest merged round
    round_number: int
    items: list[ItemDecision]  # the disputed ones, each with its history

    def to_json_dict(self) -> dict:
        return {
            "draft_id": self.draft.id,
            "round_id": self.round.id,
            "round_number": self.round_number,
            "version": self.round.version,
            "items": [found.to_json_dict() for found in self.items],
        }


def in_dispute(decision: Decision | None, history: ItemHistory | None) -> bool:
    """Not (fully) accepted in the latest round, or raised again and not settled since."""
    outcome = decision.outcome if decision else None
    if outcome in NOT_TAKEN:
        return True
    repeated = history is not None and history.repeated
    return repeated and outcome in (None, Outcome.NOTED)


def latest_merged_round(store: ConcordStore, draft_id: str) -> Round:
    for rnd in reversed(store.rounds(draft_id)):
        if store.latest_merge(rnd.id) is not None:
            return rnd
    raise NotFound(t("refusal.nothing_in_dispute", draft=draft_id))


def draft_disputes(store: ConcordStore, draft_id: str) -> Disputes:
    draft = store.draft(draft_id)
    rnd = latest_merged_round(store, draft_id)
    found = items_with_decisions(store, rnd.id, history=True)
    disputed = [f for f in found if in_dispute(f.decision, f.history)]
    return Disputes(draft, rnd, round_number(store, rnd), disputed)


def disputes_docx(store: ConcordStore, draft_id: str, *, issuer: str = DEFAULT_ISSUER) -> bytes:
    """The issues-in-dispute report (.docx), signed as the latest round's synthesis report."""
    found = draft_disputes(store, draft_id)
    signature = store.report_settings(found.round.id)
    items: list[Item] = [f.item for f in found.items]
    return build_disputes_report(
        DisputesInput(
            draft_title=found.draft.title,
            round_number=found.round_number,
            circulated_version=found.round.version,
            items=tuple(items),
            decisions=tuple(f.decision for f in found.items if f.decision is not None),
            histories=tuple(f.history for f in found.items if f.history is not None),
            date=date.today(),
            signature=Signature(
                issuer=issuer,
                signer=signature.signer,
                signer_title=signature.signer_title,
                recipients=signature.recipients,
            ),
        )
    )
