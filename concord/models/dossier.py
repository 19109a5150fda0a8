"""The appraisal dossier's manifest: every file of the bundle, its SHA-256 and where it came from.

The manifest travels inside the zip as `manifest.json`; its own SHA-256 is recorded in the draft's
audit when Concord assembles the dossier, so a manifest rewritten to match an altered file is
still caught.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

DOSSIER_FORMAT: Final = "concord-dossier/1"

DossierKind = Literal[
    "index",
    "draft",
    "draft_pdf",
    "redline",
    "report",
    "report_pdf",
    "report_xlsx",
    "answer",
    "letter",
    "disputes",
    "audit_digest",
]


class DossierFile(BaseModel):
    """One file of the bundle. `source_key`/`source_sha256`: the stored object it is (or, for a
    PDF, was converted from) and that object's SHA-256 when the dossier was made."""

    model_config = ConfigDict(frozen=True)

    kind: DossierKind
    description: str = Field(description="what the document is, in Vietnamese")
    sha256: str
    size: int = Field(ge=0)
    source_key: str | None = None
    source_sha256: str | None = None


class DossierManifest(BaseModel):
    model_config = ConfigDict(frozen=True)

    format: Literal["concord-dossier/1"] = DOSSIER_FORMAT
    draft_id: str
    draft_title: str
    version: int = Field(ge=1, description="the published version the dossier is for")
    assembled_at: datetime
    assembled_by: str
    audit_digest: str = Field(description="the audit heads just before the dossier was recorded")
    files: dict[str, DossierFile] = Field(description="path in the zip -> the file")
