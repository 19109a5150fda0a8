"""Find a passage a letter quotes ("Điều 2, khoản 1: '...'") in the circulated version.

A reply letter names the place in the draft's own terms and quotes the words it comments on.
The place narrows the search to the blocks whose location label is that place or lies inside it
("Điều 2" holds "Điều 2, khoản 1"); the quote is then found in their text. Both sides are
compared in NFC with runs of whitespace made one space, since letters are typed on machines that
write Vietnamese decomposed (NFD) and quotes lose line breaks and double spaces.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from concord.engine.blocks import extract_blocks
from concord.errors import InvalidInput
from concord.messages import t

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Passage:
    """Where a quote lies: `block` (body), character offsets in its text, and its label."""

    block: int
    start: int
    end: int
    text: str
    location: str


def _norm(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _place(text: str) -> str:
    return _norm(text).casefold().rstrip(" .:")


def within(location: str, where: str) -> bool:
    """Whether `location` is `where` or lies inside it ("Điều 2, khoản 1" inside "Điều 2")."""
    loc, want = _place(location), _place(where)
    return loc == want or loc.startswith(want + ",")


def locate(docx: bytes, where: str, quote: str) -> Passage:
    """The first occurrence of `quote` in the body blocks at `where`; InvalidInput if none."""
    if not _norm(quote):
        raise InvalidInput(t("engine.locate.no_quote"))
    body = [b for b in extract_blocks(docx) if b.part == "body"]
    area = [b for b in body if within(b.location, where)]
    if not area:
        known = list(dict.fromkeys(b.location for b in body if b.location[:1].isupper()))
        listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
        raise InvalidInput(t("engine.locate.no_place", where=where, known=listed))
    for block in area:
        found = find_in(block.text, quote)
        if found is not None:
            start, end = found
            return Passage(block.index, start, end, block.text[start:end], block.location)
    elsewhere = [b.location for b in body if find_in(b.text, quote) is not None]
    if elsewhere:
        places = ", ".join(dict.fromkeys(elsewhere))
        raise InvalidInput(t("engine.locate.not_found_but_in", where=where, places=places))
    raise InvalidInput(t("engine.locate.not_found", where=where))


def find_in(text: str, quote: str) -> tuple[int, int] | None:
    """(start, end) of `quote` in `text` as offsets into `text` itself, compared normalised."""
    norm, spans = _normalised_with_spans(text)
    wanted = _norm(quote)
    at = norm.find(wanted)
    if at < 0:
        return None
    return spans[at][0], spans[at + len(wanted) - 1][1]


def _normalised_with_spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` normalised, and for each of its characters the span of `text` it came from.

    Normalised one base character at a time (with its combining marks), so every output
    character maps back to where it came from.
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        if piece.isspace():
            piece = " " if out and out[-1] != " " else ""
        for ch in piece:
            out.append(ch)
            spans.append((i, j))
        i = j
    while out and out[-1] == " ":
        out.pop()
        spans.pop()
    return "".join(out), spans
