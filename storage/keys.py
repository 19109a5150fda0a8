"""Where each record lives: keys a person can browse in a bucket or a directory.

drafts/<draft>/draft.json
drafts/<draft>/versions/v0001/<slug>.docx + version.json
drafts/<draft>/rounds/r1/round.json
drafts/<draft>/rounds/r1/circulated/<agency>.docx
drafts/<draft>/rounds/r1/tokens/<agency>.json        (SHA-256 of the agency's upload token)
drafts/<draft>/rounds/r1/tokens/<agency>/0001.json   (a reissued token: the newest counts)
drafts/<draft>/rounds/r1/extensions/<agency>/0001.json (an agency's later deadline)
drafts/<draft>/rounds/r1/closed.json                 (the round was closed)
drafts/<draft>/rounds/r1/answers/<agency>/<sha256[:16]>.docx + .json
drafts/<draft>/rounds/r1/items/<agency>/<sha256>.json
drafts/<draft>/rounds/r1/merges/0001/{merged.docx,report.json,review.html,merge.json}
drafts/<draft>/rounds/r1/decisions/0001.json
drafts/<draft>/rounds/r1/report/synthesis-report-0001.docx
audit/<draft>/0000000001.json
audit-checkpoints/<draft>/0000000001.json
"""

from __future__ import annotations

import re

_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_ROUND_ID = re.compile(r"^(?P<draft>[a-z0-9-]+)-r(?P<n>[0-9]+)$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_key(key: str) -> str:
    """Refuse keys that could escape a directory store or hide among its bookkeeping files."""
    parts = key.split("/")
    if not key or any(not _SEGMENT.match(p) or ".." in p for p in parts):
        raise ValueError(f"invalid storage key {key!r}")
    return key


def check_id(value: str, what: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"invalid {what} {value!r}: lowercase letters, digits and '-' only")
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
        raise ValueError(f"invalid round id {value!r}: expected '<draft>-r<number>'")
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


def round_closed(rid: str) -> str:
    """Present once the round was closed: it takes no more answers."""
    return round_dir(rid) + "closed.json"


def extensions_prefix(rid: str, agency_id: str) -> str:
    return f"{round_dir(rid)}extensions/{check_id(agency_id, 'agency id')}/"


def extension(rid: str, agency_id: str, n: int) -> str:
    """An agency's own later deadline; the highest-numbered one counts."""
    return f"{extensions_prefix(rid, agency_id)}{n:04d}.json"


def token_reissues_prefix(rid: str, agency_id: str) -> str:
    """Reissued tokens: the highest-numbered one is the agency's only valid token."""
    return f"{round_dir(rid)}tokens/{check_id(agency_id, 'agency id')}/"


def token_reissue(rid: str, agency_id: str, n: int) -> str:
    return f"{token_reissues_prefix(rid, agency_id)}{n:04d}.json"


def answers_prefix(rid: str) -> str:
    return round_dir(rid) + "answers/"


def answer_docx(rid: str, agency_id: str, sha256: str) -> str:
    return f"{answers_prefix(rid)}{check_id(agency_id, 'agency id')}/{sha256[:16]}.docx"


def answer_record(answer_key: str) -> str:
    return answer_key.removesuffix(".docx") + ".json"


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
