"""Is a .docx fit to circulate? A draft with pending tracked changes is not.

Agencies' answers are read against the circulated text: a tracked change already in it would be
read back as the agency's own, and nobody could tell which change was whose. The drafting team
settles its own changes before a round opens.
"""

from __future__ import annotations

from concord.engine import wml
from concord.engine.errors import EngineError
from concord.engine.ooxml import parse_xml, read_parts
from concord.messages import t

_REVISIONS = {
    wml.INS: "insertion",
    wml.DEL: "deletion",
    wml.MOVE_FROM: "move",
    wml.MOVE_TO: "move",
    wml.RPR_CHANGE: "formatting",
    wml.PPR_CHANGE: "formatting",
}


class PendingRevisions(EngineError):
    code = "pending_revisions"


def pending_revisions(docx: bytes) -> dict[str, int]:
    """Tracked changes in the body, counted by kind (empty when the draft is clean)."""
    body = parse_xml(read_parts(docx)["word/document.xml"])
    counts: dict[str, int] = {}
    for element in body.iter(*_REVISIONS):
        kind = _REVISIONS[element.tag]
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def check_circulable(docx: bytes) -> None:
    """Raise PendingRevisions naming what is pending and how to settle it."""
    counts = pending_revisions(docx)
    if counts:
        found = ", ".join(
            t(f"engine.revisions.{kind}.{'many' if n > 1 else 'one'}", n=n)
            for kind, n in sorted(counts.items())
        )
        raise PendingRevisions(t("engine.pending_revisions", found=found))
