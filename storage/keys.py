"""Where each record lives: keys a person can browse in a bucket or a directory.

drafts/<draft>/draft.json
drafts/<draft>/versions/v0001/<slug>.docx + version.json
drafts/<draft>/rounds/r1/round.json
drafts/<draft>/rounds/r1/circulated/<agency>.docx
drafts/<draft>/rounds/r1/tokens/<agency>.json        (SHA-256 of the agency's upload token)
drafts/<draft>/rounds/r1/answers/<agency>/<UTC>-<sha256[:16]>.docx + .json
drafts/<draft>/rounds/r1/answers/<agency>/<UTC>-<sha256[:16]>.original.doc|.odt  (before conversion)
drafts/<draft>/rounds/r1/answers/<agency>/<UTC>-<sha256[:16]>.letter.pdf|.docx (+.json: letter only)
drafts/<draft>/rounds/r1/typed/<agency>/0001.json   (an item typed in from the agency's letter)
drafts/<draft>/rounds/r1/tokens/<agency>/0001.json   (a reissued token: the newest counts)
drafts/<draft>/rounds/r1/items/<agency>/<sha256>.json
drafts/<draft>/rounds/r1/deadlines/<agency>/0001.json (an extended deadline)
drafts/<draft>/rounds/r1/closed.json                (closed to answers by a coordinator)
drafts/<draft>/rounds/r1/merge-claims/<answers digest>/0001.json
drafts/<draft>/rounds/r1/merges/0001/{merged.docx,report.json,review.html,merge.json}
drafts/<draft>/rounds/r1/decisions/0001.json
drafts/<draft>/rounds/r1/decided/0001/{decided.docx,team-edits.json}   (decided merged files)
drafts/<draft>/rounds/r1/report/synthesis-report-0001.docx
index/rounds/<round>.json                             (every round, for the workers)
drafts/<draft>/rounds/r1/report-settings/0001.json  (signer, "Nơi nhận" given at publication)
drafts/<draft>/rounds/r1/mail/<kind>-<agency>.json   (a message made: recipient, subject, id)
roster/<agency>/0001.json                           (the agency's contact; the newest counts)
audit/<draft>/0000000001.json
audit-checkpoints/<draft>/0000000001.json           (older stores only: heads are now anchored
                                                     outside the bucket, see storage.anchor)

A numbered folder may also hold `<name>-<sha256[:12]>.<ext>`: a payload written beside a leftover
of an interrupted write (see storage.record_base); its record names the one that counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from concord.messages import t

_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_ROUND_ID = re.compile(r"^(?P<draft>[a-z0-9-]+)-r(?P<n>[0-9]+)$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_key(key: str) -> str:
    """Refuse keys that could escape a directory store or hide among its bookkeeping files."""
    parts = key.split("/")
    if not key or any(not _SEGMENT.match(p) or ".." in p for p in parts):
        raise ValueError(f"invalid storage key {key!r}")
    return key


IdKind = Literal["draft id", "agency id"]
_INVALID_ID: dict[IdKind, str] = {
    "draft id": "refusal.invalid_draft_id",
    "agency id": "refusal.invalid_agency_id",
}


def check_id(value: str, what: IdKind) -> str:
    if not _ID.match(value):
        raise ValueError(t(_INVALID_ID[what], value=value))
    return value


def draft_prefix(draft_id: str) -> str:
    return f"drafts/{check_id(draft_id, 'draft id')}/"


def draft_record(draft_id: str) -> str:
    return draft_prefix(draft_id) + "draft.json"


def versions_prefix(draft_id: str) -> str:
    return draft_prefix(draft_id) + "versions/"


def version_dir(draft_id: str, number: int) -> str:
    return f"{versions_prefix(draft_id)}v{number:04d}/"


def version_docx(draft_id: str, number: int, slug: str) -> str:
    return f"{version_dir(draft_id, number)}{slug}.docx"


def version_record(draft_id: str, number: int) -> str:
    return version_dir(draft_id, number) + "version.json"


def round_id(draft_id: str, number: int) -> str:
    return f"{draft_id}-r{number}"


def parse_round_id(value: str) -> tuple[str, int]:
    """'budget-2026-r2' -> ('budget-2026', 2): a round id alone finds its draft."""
    match = _ROUND_ID.match(value)
    if not match:
        raise ValueError(t("refusal.invalid_round_id", value=value))
    return match["draft"], int(match["n"])


def rounds_prefix(draft_id: str) -> str:
    return draft_prefix(draft_id) + "rounds/"


def round_dir(rid: str) -> str:
    draft_id, number = parse_round_id(rid)
    return f"{rounds_prefix(draft_id)}r{number}/"


def round_record(rid: str) -> str:
    return round_dir(rid) + "round.json"


def circulated(rid: str, agency_id: str) -> str:
    return f"{round_dir(rid)}circulated/{check_id(agency_id, 'agency id')}.docx"


def token_record(rid: str, agency_id: str) -> str:
    return f"{round_dir(rid)}tokens/{check_id(agency_id, 'agency id')}.json"


def token_reissues_prefix(rid: str, agency_id: str) -> str:
    """Reissued tokens: the highest-numbered one is the agency's only valid token."""
    return f"{round_dir(rid)}tokens/{check_id(agency_id, 'agency id')}/"


def token_reissue(rid: str, agency_id: str, n: int) -> str:
    return f"{token_reissues_prefix(rid, agency_id)}{n:04d}.json"


def answers_prefix(rid: str) -> str:
    return round_dir(rid) + "answers/"


def answer_docx(rid: str, agency_id: str, sha256: str, uploaded_at: datetime) -> str:
    """One key per upload, named by when it came: the newest upload of an agency is the last
    key in a listing, so finding it costs no read, and re-sending an earlier file makes it the
    newest again."""
    when = uploaded_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return f"{answers_prefix(rid)}{check_id(agency_id, 'agency id')}/{when}-{sha256[:16]}.docx"


@dataclass(frozen=True)
class AnswerKey:
    """What an answer's key says without reading it: whose, when (sortable), which bytes."""

    key: str
    agency_id: str
    order: str
    sha16: str

    @property
    def uploaded_at(self) -> datetime | None:
        """When the upload was stored (None for keys from before per-upload names)."""
        try:
            return datetime.strptime(self.order, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
        except ValueError:
            return None


def answer_keys(rid: str, listed: list[str]) -> list[AnswerKey]:
    """The answers among a listing of the round's answers folder: each record (.json) with the
    file it describes (the .docx, or the letter of a letter-only answer)."""
    prefix = answers_prefix(rid)
    files = {k.rpartition(".")[0]: k for k in listed if not k.endswith(".json")}
    found = []
    for record in listed:
        stem = record.removesuffix(".json")
        key = files.get(stem)
        if record == stem or key is None or not record.startswith(prefix):
            continue
        agency, _, name = stem.removeprefix(prefix).partition("/")
        # Keys from before per-upload names are "<sha16>": they sort before any timestamp.
        order, _, sha16 = name.removesuffix(".letter").rpartition("-")
        found.append(AnswerKey(key, agency, order, sha16))
    return found


def answer_record(answer_key: str) -> str:
    """The record beside an answer's file: its extension replaced by .json."""
    head, _, _ = answer_key.rpartition(".")
    return (head or answer_key) + ".json"


def answer_original(answer_key: str, ext: str) -> str:
    """The .doc/.odt as uploaded, beside the .docx converted from it."""
    return f"{answer_key.removesuffix('.docx')}.original.{ext}"


def answer_letter(
    rid: str, agency_id: str, letter_sha256: str, uploaded_at: datetime, ext: str
) -> str:
    """The agency's signed reply letter (PDF or .docx), named by its upload like an answer."""
    when = uploaded_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = f"{answers_prefix(rid)}{check_id(agency_id, 'agency id')}/"
    return f"{folder}{when}-{letter_sha256[:16]}.letter.{ext}"


def typed_prefix(rid: str, agency_id: str) -> str:
    return f"{round_dir(rid)}typed/{check_id(agency_id, 'agency id')}/"


def typed_item(rid: str, agency_id: str, seq: int) -> str:
    return f"{typed_prefix(rid, agency_id)}{seq:04d}.json"


def items_prefix(rid: str) -> str:
    return round_dir(rid) + "items/"


def deadline_record(rid: str, agency_id: str, seq: int) -> str:
    """An agency's extended deadline; the highest number is in force."""
    return f"{round_dir(rid)}deadlines/{check_id(agency_id, 'agency id')}/{seq:04d}.json"


def deadlines_prefix(rid: str, agency_id: str) -> str:
    return f"{round_dir(rid)}deadlines/{check_id(agency_id, 'agency id')}/"


def round_index(rid: str) -> str:
    """One small object per round ever opened: what a worker lists to find the rounds."""
    return f"index/rounds/{rid}.json"


ROUND_INDEX_PREFIX = "index/rounds/"


def deadline_kept_record(rid: str) -> str:
    return round_dir(rid) + "deadline-kept.json"


def closed_record(rid: str) -> str:
    return round_dir(rid) + "closed.json"


def merge_claim(rid: str, answers_digest: str, attempt: int) -> str:
    """Who is merging this exact set of answers: one merge per set, whoever claims first."""
    return f"{round_dir(rid)}merge-claims/{answers_digest}/{attempt:04d}.json"


def items_record(rid: str, agency_id: str, answer_sha256: str) -> str:
    return f"{round_dir(rid)}items/{check_id(agency_id, 'agency id')}/{answer_sha256}.json"


def merge_dir(rid: str, seq: int) -> str:
    return f"{round_dir(rid)}merges/{seq:04d}/"


def merges_prefix(rid: str) -> str:
    return round_dir(rid) + "merges/"


def decisions_prefix(rid: str) -> str:
    return round_dir(rid) + "decisions/"


def decisions_record(rid: str, seq: int) -> str:
    return f"{decisions_prefix(rid)}{seq:04d}.json"


def decided_prefix(rid: str) -> str:
    return round_dir(rid) + "decided/"


def decided_dir(rid: str, seq: int) -> str:
    return f"{decided_prefix(rid)}{seq:04d}/"


def reports_prefix(rid: str) -> str:
    return round_dir(rid) + "report/"


def report_docx(rid: str, seq: int) -> str:
    return f"{reports_prefix(rid)}synthesis-report-{seq:04d}.docx"


def audit_prefix(draft_id: str) -> str:
    return f"audit/{check_id(draft_id, 'draft id')}/"


def audit_entry(draft_id: str, seq: int) -> str:
    return f"{audit_prefix(draft_id)}{seq:010d}.json"


def checkpoint_prefix(draft_id: str) -> str:
    return f"audit-checkpoints/{check_id(draft_id, 'draft id')}/"


def checkpoint(draft_id: str, seq: int) -> str:
    return f"{checkpoint_prefix(draft_id)}{seq:010d}.json"


def number_in(key: str, prefix: str) -> int | None:
    """The sequence number of the segment after `prefix` ('v0007/...', '0007.json'), if any."""
    head = key.removeprefix(prefix).split("/", 1)[0]
    digits = head.removeprefix("v").removeprefix("r").removesuffix(".json")
    return int(digits) if digits.isdigit() else None


# -- outside any draft: the agencies' contacts; per round: the report's signature settings -----

ROSTER_PREFIX = "roster/"


def roster_prefix(agency_id: str) -> str:
    return f"{ROSTER_PREFIX}{check_id(agency_id, 'agency id')}/"


def roster_record(agency_id: str, seq: int) -> str:
    return f"{roster_prefix(agency_id)}{seq:04d}.json"


def report_settings_prefix(rid: str) -> str:
    return round_dir(rid) + "report-settings/"


def report_settings_record(rid: str, seq: int) -> str:
    return f"{report_settings_prefix(rid)}{seq:04d}.json"


def mail_record(rid: str, name: str) -> str:
    """A message made for the round ('invitation-bo-y-te'): created once, so sent once."""
    return f"{round_dir(rid)}mail/{check_key(name)}.json"
