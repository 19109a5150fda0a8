"""Concord's domain records: what crosses every boundary (engine, storage, flows, interfaces)."""

from models.audit import AuditEvent
from models.consultation import (
    Agency,
    AgencyStatus,
    Answer,
    CirculationStamp,
    Draft,
    MergeRecord,
    Round,
    RoundState,
    RoundStatus,
    Version,
)
from models.decisions import Decision, Outcome
from models.items import Clash, Item, ItemKind, Reply
from models.settings import ConcordSettings

__all__ = [
    "Agency",
    "AgencyStatus",
    "Answer",
    "AuditEvent",
    "CirculationStamp",
    "Clash",
    "ConcordSettings",
    "Decision",
    "Draft",
    "Item",
    "ItemKind",
    "MergeRecord",
    "Outcome",
    "Reply",
    "Round",
    "RoundState",
    "RoundStatus",
    "Version",
]
