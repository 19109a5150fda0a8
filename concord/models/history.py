"""An item's history: what was said about the same passage in the draft's earlier rounds."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from concord.models.decisions import Decision, Outcome
from concord.models.items import Item

# An earlier item the same agency raises again is "repeated" when it was not taken in full.
NOT_TAKEN = (Outcome.NOT_ACCEPTED, Outcome.PARTLY_ACCEPTED)


class EarlierItem(BaseModel):
    """An item of an earlier round on the same passage, with how it was decided."""

    model_config = ConfigDict(frozen=True)

    round_id: str
    round_number: int = Field(ge=1, description="its round's place among the draft's rounds")
    version: int = Field(ge=1, description="the version that round circulated")
    item: Item
    decision: Decision | None = None

    @property
    def outcome(self) -> Outcome | None:
        return self.decision.outcome if self.decision else None

    def to_json_dict(self) -> dict:
        return {
            "round_id": self.round_id,
            "item_id": self.item.id,
            "agency": self.item.agency,
            "decision": self.outcome.value if self.outcome else None,
            "explanation": self.decision.explanation if self.decision else "",
            "round_number": self.round_number,
            "version": self.version,
            "kind": self.item.kind.value,
            "location": self.item.location,
        }


class ItemHistory(BaseModel):
    """Every earlier item on an item's passage, oldest round first.

    `repeated_from` names the earlier items of the same agency there that were not accepted or
    only partly accepted and made the same point (engine.repeats): the agency raises again what
    it did not get.
    """

    model_config = ConfigDict(frozen=True)

    item_id: str
    earlier: tuple[EarlierItem, ...] = ()
    repeated_from: tuple[str, ...] = ()

    @property
    def repeated(self) -> bool:
        return bool(self.repeated_from)

    def repeats(self) -> list[EarlierItem]:
        return [e for e in self.earlier if e.item.id in self.repeated_from]
