"""A coordinator's decision on one item."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    NOTED = "noted"
    NOT_ACCEPTED = "not_accepted"


OUTCOME_LABELS: dict[Outcome, tuple[str, str]] = {
    Outcome.ACCEPTED: ("Accepted", "Tiếp thu"),
    Outcome.PARTLY_ACCEPTED: ("Partly accepted", "Tiếp thu một phần"),
    Outcome.NOTED: ("Noted", "Ghi nhận"),
    Outcome.NOT_ACCEPTED: ("Not accepted", "Không tiếp thu"),
}


class Decision(BaseModel):
    """What the drafting team did with an item.

    `text` is the wording actually adopted when a change is partly accepted; when empty, a partly
    accepted change is not applied to the text and the explanation says what was taken.
    """

    model_config = ConfigDict(frozen=True)

    item_id: str
    outcome: Outcome
    explanation: str = ""
    text: str | None = None
    decided_by: str = ""
    decided_at: datetime | None = None
