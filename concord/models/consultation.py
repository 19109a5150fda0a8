"""Drafts, versions, rounds, agencies and their answers."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from concord.messages import t


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


class LatePolicy(StrEnum):
    """What a round does with an answer that arrives after the agency's deadline."""

    ACCEPT = "accept"  # taken, marked late, shown as late in the status and the report
    REFUSE = "refuse"


class RoundSettings(BaseModel):
    """What a round's coordinators set when opening it: reminders and the report's signature.

    `remind_days` None takes the configured default (CONCORD_REMIND_DAYS); 0 sends no reminder.
    `number` is the report's "Số" line ("15/BC-BNV"); `recipients` its "Nơi nhận" lines.
    """

    model_config = ConfigDict(frozen=True)

    remind_days: int | None = Field(default=None, ge=0)
    number: str = ""
    signer: str = ""
    signer_title: str = ""
    recipients: tuple[str, ...] = ()


class Round(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    draft_id: str
    version: int = Field(ge=1, description="the version circulated in this round")
    agencies: tuple[Agency, ...]
    deadline: datetime
    opened_at: datetime
    opened_by: str = ""
    late_answers: LatePolicy = LatePolicy.ACCEPT
    settings: RoundSettings = RoundSettings()

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
        # Worded here, once, in the caller's language: the use cases and the store pass it on.
        raise KeyError(
            t("refusal.not_consulted", agency=name_or_id, round=self.id, consulted=listed)
        )


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

    @property
    def letter_only(self) -> bool:
        """A letter with no marked-up copy: its items are only those typed in from it."""
        return self.letter_key is not None and self.letter_key == self.key


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
    typed: tuple[str, ...] = Field(default=(), description="ids of the typed-in items merged")


class DeadlineExtension(BaseModel):
    """A later deadline granted to one agency of a round."""

    model_config = ConfigDict(frozen=True)

    round_id: str
    agency_id: str
    deadline: datetime
    granted_at: datetime
    granted_by: str = ""


class AgencyStatus(BaseModel):
    agency: Agency
    answered: bool
    ingested: bool
    answer_key: str = ""
    answer_sha256: str = ""
    answered_at: datetime | None = None
    deadline: datetime | None = None
    late: bool = False
    items: int = 0
    counts: dict[str, int] = Field(default_factory=dict, description="items per kind")
    stance: Stance | None = Field(
        default=None, description="as the answer states it; else agrees when it has no item"
    )
    letter: str | None = Field(default=None, description="the reply letter's reference")
    letter_key: str | None = Field(default=None, description="where the signed letter is stored")


class RoundStatus(BaseModel):
    round: Round
    state: RoundState
    agencies: list[AgencyStatus]
    merged: MergeRecord | None = None
    published_version: int | None = None
    closed: bool = False
    deadline_passed: bool = False

    @property
    def complete(self) -> bool:
        """Every agency's newest answer is in and read."""
        return all(s.ingested for s in self.agencies)


class RosterEntry(BaseModel):
    """An agency's contact in the roster, kept once and used by every round that consults it.

    Records are never replaced: a newer entry for the same agency is the one that counts.
    """

    model_config = ConfigDict(frozen=True)

    agency: Agency
    email: str
    added_at: datetime
    added_by: str = ""
    lang: Literal["vi", "en"] = Field(default="vi", description="the language of its mail")

    @field_validator("email")
    @classmethod
    def _looks_like_an_address(cls, email: str) -> str:
        email = email.strip()
        local, _, domain = email.rpartition("@")
        if not local or "." not in domain or any(c.isspace() or c in "<>,;" for c in email):
            raise ValueError(f"not an e-mail address: {email!r} (e.g. vanthu@mofa.gov.vn)")
        return email
