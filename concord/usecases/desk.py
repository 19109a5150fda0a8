"""The coordinators' desk: actions the web desk and API needed beyond the CLI's first set.

Reissuing an agency's token, closing a round, giving one agency a later deadline, finding items
by article/agency/kind/undecided, publishing only when every item is decided (unless the
coordinator allows it), and an agency's own extract of the decisions after publication. The
rules live here so the CLI, the web pages and the API refuse the same things.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from concord.errors import InvalidInput, RoundError
from concord.messages import t
from concord.models import Agency, RoundState
from concord.storage.records import ConcordStore
from concord.usecases.consulted import consulted
from concord.usecases.decisions import ItemDecision, items_with_decisions
from concord.usecases.publishing import DEFAULT_ISSUER, Publication, publish_round


def reissue_token(store: ConcordStore, round_id: str, agency_id: str, *, actor: str) -> str:
    """A new token for the agency; its previous token stops working at once."""
    consulted(store.round(round_id), agency_id)
    return store.reissue_token(round_id, agency_id, actor=actor)


def agency_deadlines(store: ConcordStore, round_id: str) -> dict[str, datetime]:
    """Agency id -> its deadline (the round's, or its extension)."""
    return {a.id: store.deadline_for(round_id, a.id) for a in store.round(round_id).agencies}


@dataclass(frozen=True)
class ItemFilter:
    """Empty fields match everything; `article` matches part of an item's location."""

    article: str = ""
    agency: str = ""
    kind: str = ""
    undecided: bool = False

    def matches(self, found: ItemDecision) -> bool:
        item = found.item
        return (
            (not self.article or self.article.casefold() in item.location.casefold())
            and (not self.agency or self.agency in (item.agency,))
            and (not self.kind or self.kind == str(item.kind))
            and (not self.undecided or found.decision is None)
        )


def find_items(
    store: ConcordStore, round_id: str, where: ItemFilter | None = None, *, history: bool = False
) -> list[ItemDecision]:
    """The latest merge's items with their decisions (and `history`, what earlier rounds said
    about each one's passage), those matching `where`."""
    found = items_with_decisions(store, round_id, history=history)
    return [f for f in found if where is None or where.matches(f)]


def undecided_items(store: ConcordStore, round_id: str) -> list[ItemDecision]:
    return find_items(store, round_id, ItemFilter(undecided=True))


def publish_decided(
    store: ConcordStore,
    round_id: str,
    *,
    actor: str,
    allow_undecided: bool = False,
    issuer: str = DEFAULT_ISSUER,
) -> Publication:
    """Publish, refusing (Undecided, naming them) while items lack a decision unless
    `allow_undecided`: an undecided item is left out of the next version and shown as
    undecided in the synthesis report; the coordinator confirms that knowingly."""
    return publish_round(
        store, round_id, actor=actor, issuer=issuer, allow_undecided=allow_undecided
    )


def agency_outcomes(store: ConcordStore, round_id: str, agency: Agency) -> list[ItemDecision]:
    """How each of the agency's own items was handled; refused before publication."""
    if store.round_status(round_id).state is not RoundState.PUBLISHED:
        raise RoundError(t("refusal.round_not_published", round=round_id), code="not_published")
    return [f for f in items_with_decisions(store, round_id) if f.item.agency == agency.name]


def check_filter_kind(kind: str) -> str:
    from concord.models import ItemKind

    if kind and kind not in {k.value for k in ItemKind}:
        raise InvalidInput(t("refusal.item_kind", kinds=", ".join(k.value for k in ItemKind)))
    return kind
