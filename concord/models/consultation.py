"""Drafts, versions, rounds, agencies and their answers."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator


def slugify(name: str) -> str:
    """ASCII slug for keys and ids: 'Bộ Ngoại giao' -> 'bo-ngoai-giao'."""
    text = name.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


class Agency(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(description="slug used in storage keys")
    name: str = Field(description="display name; the author of its changes in merged files")

    @classmethod
    def named(cls, name: str) -> Agency:
        name = " ".join(name.split())
        if not name:
            raise ValueError("an agency needs a name")
        return cls(id=slugify(name), name=name)


class Draft(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    kind: str = "resolution"
    created_at: datetime
    created_by: str = ""


class Version(BaseModel):
    model_config = ConfigDict(frozen=True)

    draft_id: str
    number: int = Field(ge=1)
    key: str
    sha256: str
    created_at: datetime
    created_by: str = ""
    note: str = ""
    from_round: str | None = None


class RoundState(StrEnum):
    OPEN = "open"
    COMPLETE = "complete"  # every agency answered
    MERGED = "merged"
    PUBLISHED = "published"


class Round(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    draft_id: str
    version: int = Field(ge=1, description="the version circulated in this round")
    agencies: tuple[Agency, ...]
    deadline: datetime
    opened_at: datetime
    opened_by: str = ""

    @field_validator("agencies")
    @classmethod
    def _distinct_agencies(cls, agencies: tuple[Agency, ...]) -> tuple[Agency, ...]:
        if not agencies:
            raise ValueError("a round needs at least one agency")
        ids = [a.id for a in agencies]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"agencies listed twice: {', '.join(dupes)}")
        return agencies

    def agency(self, name_or_id: str) -> Agency:
        wanted = slugify(name_or_id)
        for agency in self.agencies:
            if agency.id == wanted or agency.name == name_or_id:
                return agency
        listed = ", ".join(a.name for a in self.agencies)
        raise KeyError(f"'{name_or_id}' is not consulted in round {self.id} (consulted: {listed})")


class Stance(StrEnum):
    """An agency's overall position on the draft, as its answer states it."""

    AGREES = "agrees"
    AGREES_WITH_COMMENTS = "agrees_with_comments"
    DISAGREES = "disagrees"
    NO_ANSWER = "no_answer"


class Answer(BaseModel):
    """One agency's uploaded answer (submission) to a round.

    `letter` is the reference of the agency's official reply ("số 1234/BNG-LPQT ngày
    10/12/2026"), `letter_key` where its signed letter (PDF or .docx) is stored; `original_key`
    the file as uploaded when it was converted (.doc/.odt) before reading; `late` whether it
    arrived after the agency's deadline.
    """

    model_config = ConfigDict(frozen=True)

    round_id: str
    draft_id: str
    agency: Agency
    key: str
    sha256: str
    filename: str = ""
    size: int = 0
    uploaded_at: datetime
    uploaded_by: str = ""
    letter: str | None = None
    letter_key: str | None = None
    original_key: str | None = None
    late: bool = False
    stance: Stance | None = None


class CirculationStamp(BaseModel):
    """Concord's identity of a circulated copy, kept in the .docx custom properties."""

    model_config = ConfigDict(frozen=True)

    draft_id: str
    version: int
    round_id: str = ""
    agency_id: str = ""
    # On a round's merged file: which answers it merged (engine.identity.merge_digest).
    merge: str = ""


class MergeRecord(BaseModel):
    """One merge of a round: which answers went in, and where the outputs are."""

    model_config = ConfigDict(frozen=True)

    round_id: str
    seq: int = Field(ge=1)
    answers: tuple[str, ...] = Field(description="SHA-256 of each answer merged, sorted")
    docx_key: str
    docx_sha256: str
    report_key: str
    html_key: str
    item_count: int
    clash_count: int
    merged_at: datetime


class AgencyStatus(BaseModel):
    agency: Agency
    answered: bool
    ingested: bool
    answer_sha256: str = ""
    items: int = 0
    counts: dict[str, int] = Field(default_factory=dict, description="items per kind")


class RoundStatus(BaseModel):
    round: Round
    state: RoundState
    agencies: list[AgencyStatus]
    merged: MergeRecord | None = None
    published_version: int | None = None
