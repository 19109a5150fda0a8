"""Concord's domain records: what crosses every boundary (engine, storage, flows, interfaces)."""

from concord.models.audit import AuditEvent
from concord.models.consultation import (
    Agency,
    AgencyStatus,
    Answer,
    CirculationStamp,
    DeadlineExtension,
    Draft,
    LatePolicy,
    MergeRecord,
    RosterEntry,
    Round,
    RoundSettings,
    RoundState,
    RoundStatus,
    Stance,
    Version,
)
from concord.models.decisions import Decision, Outcome
from concord.models.dossier import DOSSIER_FORMAT, DossierFile, DossierKind, DossierManifest
from concord.models.history import EarlierItem, ItemHistory
from concord.models.items import Clash, Item, ItemKind, Reply
from concord.models.settings import ConcordSettings

__all__ = [
    "DOSSIER_FORMAT",
    "Agency",
    "AgencyStatus",
    "Answer",
    "AuditEvent",
    "CirculationStamp",
    "Clash",
    "ConcordSettings",
    "DeadlineExtension",
    "Decision",
    "DossierFile",
    "DossierKind",
    "DossierManifest",
    "Draft",
    "EarlierItem",
    "Item",
    "ItemHistory",
    "ItemKind",
    "LatePolicy",
    "MergeRecord",
    "Outcome",
    "Reply",
    "RosterEntry",
    "Round",
    "RoundSettings",
    "RoundState",
    "RoundStatus",
    "Stance",
    "Version",
]
