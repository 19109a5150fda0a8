"""Aligning an answer's reject-all text with the circulated text, by text alone.

Blocks first: each distinct block text becomes one character and diff-match-patch aligns the
two block sequences (equal blocks pair up at once). Only the runs of blocks that differ are
diffed again at word level (each word, space run or punctuation mark one character, as
`linesToChars` does for lines), with `diff_cleanupSemantic`. The result maps any point of the
answer's reject-all text to a point of the circulated text, and lists the untracked edits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

Point = tuple[int, int]  # (block, offset)

_TOKEN = re.compile(r"\n|\w+|[^\S\n]+|[^\w\s]")
_EQUAL, _DELETE, _INSERT = 0, -1, 1


@dataclass(frozen=True, slots=True)
class Edit:
    """An untracked difference: circulated text [start, end) became `new`."""

    start: Point
    end: Point
    old: str
    new: str


def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # exact results: inputs here are small (blocks, or one changed run)
    return dmp


def encode_sequences(seqs: list[list[str]]) -> list[str]:
    """Each sequence as a string, one character per distinct token (shared by all), for
    diff-match-patch to diff sequences of words or of whole paragraphs."""
    table: dict[str, str] = {}
    out = []
    for seq in seqs:
        chars = []
        for token in seq:
            ch = table.get(token)
            if ch is None:
                # Skip the surrogate range: a lone surrogate would not round-trip.
                n = len(table) + 1
                ch = table[token] = chr(n if n < 0xD800 else n + 0x800)
            chars.append(ch)
        out.append("".join(chars))
    return out


# Typography a re-typing word processor changes on its own (curly quotes, no-break and thin
# spaces, dashes): the same character to the comparison, so that it is no agency's edit. One
# character for one, so offsets are unchanged; runs of spaces are one token (see `_key`).
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u00a0\u202f\u2007\u2009\u200a", " "),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)


def typographic(text: str) -> str:
    """`text` with typographic variants made plain (same length: offsets still hold)."""
    return text.translate(_TYPOGRAPHY)


def _key(token: str) -> str:
    """What a token is compared as: its plain typography, any run of spaces one space."""
    plain = token.translate(_TYPOGRAPHY)
    return " " if plain.isspace() and "\n" not in plain else plain


def typography_only(old: str, new: str) -> bool:
    """Whether `old` and `new` differ in typography alone (quotes, spaces, dashes)."""
    return [_key(t) for t in _TOKEN.findall(old)] == [_key(t) for t in _TOKEN.findall(new)]


Op = tuple[int, str, str]  # (op, old text, new text): equal ops may differ in typography only


def token_diff(old: str, new: str) -> list[Op]:
    """diff-match-patch ops between two texts at word level; tokens equal up to typography
    (`_key`) are equal, each side keeping its own spelling."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    a, b = encode_sequences([[_key(t) for t in old_tokens], [_key(t) for t in new_tokens]])
    dmp = _dmp()
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    ops: list[Op] = []
    i = j = 0
    for op, chars in diffs:
        n = len(chars)
        if op == _INSERT:
            ops.append((op, "", "".join(new_tokens[j : j + n])))
            j += n
        elif op == _DELETE:
            ops.append((op, "".join(old_tokens[i : i + n]), ""))
            i += n
        else:
            ops.append((op, "".join(old_tokens[i : i + n]), "".join(new_tokens[j : j + n])))
            i += n
            j += n
    return _words_first(ops)


def word_diff(old: str, new: str) -> list[tuple[int, str]]:
    """diff-match-patch ops between two texts, computed and cleaned up at word level (the
    circulated side's text for equal ops)."""
    return [
        (op, new_text if op == _INSERT else old_text)
        for op, old_text, new_text in token_diff(old, new)
    ]


def _words_first(ops: list[Op]) -> list[Op]:
    """Shift a lone insertion/deletion " word" to "word " when the text allows it both ways, so
    that an inserted word reads as "xanh " after "triển ", the way a person would mark it."""
    out = list(ops)
    for k in range(1, len(out) - 1):
        (p_op, p_old, p_new), (op, old, new), (n_op, n_old, n_new) = out[k - 1], out[k], out[k + 1]
        text = old or new
        if p_op != _EQUAL or n_op != _EQUAL or op == _EQUAL or not text[:1].isspace():
            continue
        space = text[0]
        if n_old.startswith(space) and n_new.startswith(space) and not text.endswith(space):
            moved = text[1:] + space
            out[k - 1] = (p_op, p_old + space, p_new + space)
            out[k] = (op, moved if old else "", moved if new else "")
            out[k + 1] = (n_op, n_old[1:], n_new[1:])
    return [op for op in out if op[1] or op[2] or op[0] != _EQUAL]


class _Region:
    """A run of circulated blocks [c0, c1) answered by a run of answer blocks [r0, r1)."""

    def __init__(self, c: list[str], r: list[str], c0: int, c1: int, r0: int, r1: int) -> None:
        self.c0, self.c1, self.r0, self.r1 = c0, c1, r0, r1
        self.c_starts = _starts(c[c0:c1])
        self.r_starts = _starts(r[r0:r1])
        self.c_text = "\n".join(c[c0:c1])
        self.r_text = "\n".join(r[r0:r1])
        # Breakpoints (r offset, c offset) where the R->C mapping restarts linearly; a point
        # inside answer-only text maps to where that text was inserted.
        self.r_marks: list[int] = []
        self.c_marks: list[int] = []
        self.linear: list[bool] = []
        self.edits: list[tuple[int, int, str, str]] = []  # c start, c end, old, new
        if c0 < c1 and r0 < r1:
            self._diff()

    def _diff(self) -> None:
        ri = ci = 0
        pending: tuple[int, int, list[str], list[str]] | None = None
        for op, old, new in token_diff(self.c_text, self.r_text):
            if op == _EQUAL:
                if pending:
                    self.edits.append(
                        (pending[0], pending[1], "".join(pending[2]), "".join(pending[3]))
                    )
                    pending = None
                self._equal(ri, ci, old, new)
                ri += len(new)
                ci += len(old)
                continue
            if pending is None:
                pending = (ci, ci, [], [])
            if op == _DELETE:
                ci += len(old)
                pending = (pending[0], ci, [*pending[2], old], pending[3])
            else:
                self._mark(ri, ci, False)
                ri += len(new)
                pending[3].append(new)
        self._mark(ri, ci, True)
        if pending:
            self.edits.append((pending[0], pending[1], "".join(pending[2]), "".join(pending[3])))

    def _equal(self, r: int, c: int, old: str, new: str) -> None:
        """Mark equal text; where the two spellings differ in length (a run of spaces), restart
        the linear mapping at every token so that offsets past it still land right."""
        if len(old) == len(new):
            self._mark(r, c, True)
            return
        olds, news = _TOKEN.findall(old), _TOKEN.findall(new)
        if len(olds) != len(news):
            self._mark(r, c, True)
            return
        for o, n in zip(olds, news, strict=True):
            self._mark(r, c, True)
            r += len(n)
            c += len(o)

    def _mark(self, r: int, c: int, linear: bool) -> None:
        if self.r_marks and self.r_marks[-1] == r:
            self.c_marks[-1], self.linear[-1] = c, linear
            return
        self.r_marks.append(r)
        self.c_marks.append(c)
        self.linear.append(linear)

    def c_offset(self, r: int) -> int:
        i = bisect_right(self.r_marks, r) - 1
        if i < 0:
            return 0
        if self.linear[i]:
            return self.c_marks[i] + r - self.r_marks[i]
        return self.c_marks[i]


def _starts(blocks: list[str]) -> list[int]:
    out, pos = [], 0
    for text in blocks:
        out.append(pos)
        pos += len(text) + 1
    return out


class Alignment:
    """Maps points of the answer's reject-all blocks `r` to points of the circulated `c`."""

    def __init__(self, c: list[str], r: list[str]) -> None:
        self.c, self.r = c, r
        self._pair: dict[int, int] = {}
        self._region_of: dict[int, _Region] = {}
        self.regions: list[_Region] = []
        # Blocks differing in typography only pair up at once (their offsets agree).
        c_chars, r_chars = encode_sequences(
            [[typographic(t) for t in c], [typographic(t) for t in r]]
        )
        ci = ri = 0
        start: tuple[int, int] | None = None
        for op, chars in [*_dmp().diff_main(c_chars, r_chars, False), (_EQUAL, "")]:
            if op == _EQUAL:
                if start is not None:
                    self._add_region(start[0], ci, start[1], ri)
                    start = None
                for k in range(len(chars)):
                    self._pair[ri + k] = ci + k
                ci += len(chars)
                ri += len(chars)
            else:
                if start is None:
                    start = (ci, ri)
                if op == _DELETE:
                    ci += len(chars)
                else:
                    ri += len(chars)

    def _add_region(self, c0: int, c1: int, r0: int, r1: int) -> None:
        region = _Region(self.c, self.r, c0, c1, r0, r1)
        self.regions.append(region)
        for k in range(r0, r1):
            self._region_of[k] = region

    def map_point(self, rb: int, ro: int) -> Point:
        """The circulated point for offset `ro` in answer block `rb`."""
        if rb in self._pair:
            return self._pair[rb], ro
        region = self._region_of[rb]
        if region.c0 == region.c1:
            return self._after(region.c0)
        return self._c_point(region, region.c_offset(region.r_starts[rb - region.r0] + ro))

    def _after(self, c0: int) -> Point:
        # Answer-only blocks sit after the circulated block before them.
        if c0 == 0:
            return 0, 0
        return c0 - 1, len(self.c[c0 - 1])

    def _c_point(self, region: _Region, offset: int) -> Point:
        i = bisect_right(region.c_starts, offset) - 1
        return region.c0 + i, offset - region.c_starts[i]

    def untracked_edits(self) -> list[Edit]:
        out: list[Edit] = []
        for region in self.regions:
            if region.c0 == region.c1:
                new = "\n".join(self.r[region.r0 : region.r1])
                if region.c0 == 0:
                    out.append(Edit((0, 0), (0, 0), "", new + "\n"))
                else:
                    at = self._after(region.c0)
                    out.append(Edit(at, at, "", "\n" + new))
            elif region.r0 == region.r1:
                old = "\n".join(self.c[region.c0 : region.c1])
                if region.c1 < len(self.c):
                    out.append(Edit((region.c0, 0), (region.c1, 0), old + "\n", ""))
                elif region.c0 > 0:
                    out.append(
                        Edit(
                            self._after(region.c0), (region.c1 - 1, len(self.c[-1])), "\n" + old, ""
                        )
                    )
                else:
                    out.append(Edit((0, 0), (region.c1 - 1, len(self.c[-1])), old, ""))
            else:
                for cs, ce, old, new in region.edits:
                    out.append(Edit(self._c_point(region, cs), self._c_point(region, ce), old, new))
        return out


def text_between(blocks: list[str], start: Point, end: Point) -> str:
    """Circulated text from `start` to `end`, "\\n" between blocks."""
    if start[0] == end[0]:
        return blocks[start[0]][start[1] : end[1]]
    pieces = [blocks[start[0]][start[1] :]]
    pieces.extend(blocks[start[0] + 1 : end[0]])
    pieces.append(blocks[end[0]][: end[1]] if end[0] < len(blocks) else "")
    return "\n".join(pieces)
