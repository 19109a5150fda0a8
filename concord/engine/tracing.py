"""Following a draft's paragraphs from one version to the next.

An item of round 1 sits in a paragraph of version 1; round 2 circulates version 2 or 3, where
the drafting team has revised words, inserted articles (so "Điều 2" is now "Điều 3") and moved
paragraphs. `trace` pairs each paragraph (block) of the old version with the block of the new
one that carries it on, by text alone:

1. Blocks whose text is unchanged pair up in order (diff-match-patch over the block sequence,
   one character per distinct text, as the answer reader aligns blocks).
2. Inside each run of blocks that differ, a revised block pairs with the most similar block of
   the new run (at least `REVISED` of their words kept in order).
3. What is left on both sides pairs across the whole part when nearly the same text
   (at least `MOVED`): a paragraph moved elsewhere, perhaps lightly edited on the way.

A block with no counterpart was deleted (old) or written new (new): nothing is linked through
it. Blocks are compared per part (body, header, footnotes, ...), as items locate them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from diff_match_patch import diff_match_patch

from concord.engine.blocks import Block, extract_blocks
from concord.engine.matching import similarity
from concord.engine.reading.align import encode_sequences, typographic
from concord.engine.wml import nfc

# Share of words two blocks keep in order (engine.matching.similarity) to be the same paragraph:
# revised in place (inside a run of changed blocks), or moved (anywhere in the part).
REVISED = 0.4
MOVED = 0.6

BlockRef = tuple[str, int]  # (part, block index within the part)
Counterparts = dict[BlockRef, BlockRef]

_WORD = re.compile(r"\w+")
_EQUAL, _DELETE = 0, -1


def trace(old: bytes, new: bytes) -> Counterparts:
    """Each block of `old` that `new` carries on -> that block of `new`."""
    return trace_blocks(extract_blocks(old), extract_blocks(new))


def trace_blocks(old: Sequence[Block], new: Sequence[Block]) -> Counterparts:
    out: Counterparts = {}
    for part, old_texts in _by_part(old).items():
        new_texts = _by_part(new).get(part, [])
        for i, j in _pair_part(old_texts, new_texts).items():
            out[(part, i)] = (part, j)
    return out


def compose(steps: Iterable[Mapping[BlockRef, BlockRef]]) -> Counterparts:
    """Counterparts across several versions, from the counterparts of each step in order."""
    result: Counterparts | None = None
    for step in steps:
        if result is None:
            result = dict(step)
        else:
            result = {ref: step[mid] for ref, mid in result.items() if mid in step}
    return result or {}


def identity(blocks: Sequence[Block]) -> Counterparts:
    """Every block its own counterpart: two rounds circulating the same version."""
    return {(b.part, b.index): (b.part, b.index) for b in blocks}


def _by_part(blocks: Sequence[Block]) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = defaultdict(list)
    for block in blocks:
        parts[block.part].append(_plain(block.text))
    return parts


def _plain(text: str) -> str:
    return " ".join(typographic(nfc(text)).split())


def _pair_part(old: list[str], new: list[str]) -> dict[int, int]:
    pairs: dict[int, int] = {}
    loose_old: list[int] = []
    loose_new: list[int] = []
    for (o0, o1), (n0, n1) in _runs(old, new, pairs):
        region = _best_pairs(old, new, range(o0, o1), range(n0, n1), REVISED)
        pairs.update(region)
        loose_old.extend(i for i in range(o0, o1) if i not in region)
        taken = set(region.values())
        loose_new.extend(j for j in range(n0, n1) if j not in taken)
    pairs.update(_best_pairs(old, new, loose_old, loose_new, MOVED))
    return pairs


def _runs(
    old: list[str], new: list[str], pairs: dict[int, int]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Pair equal blocks in order (into `pairs`); the runs of blocks between them that differ,
    as ((old start, old end), (new start, new end))."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    runs = []
    i = j = 0
    start: tuple[int, int] | None = None
    old_chars, new_chars = encode_sequences([old, new])
    for op, chars in [*dmp.diff_main(old_chars, new_chars, False), (_EQUAL, "")]:
        if op == _EQUAL:
            if start is not None:
                runs.append(((start[0], i), (start[1], j)))
                start = None
            for k in range(len(chars)):
                pairs[i + k] = j + k
            i += len(chars)
            j += len(chars)
            continue
        if start is None:
            start = (i, j)
        if op == _DELETE:
            i += len(chars)
        else:
            j += len(chars)
    return runs


def _best_pairs(
    old: list[str], new: list[str], olds: Iterable[int], news: Iterable[int], threshold: float
) -> dict[int, int]:
    """Greedy pairing, most similar first, of blocks at least `threshold` alike; empty blocks
    (spacing paragraphs) carry nothing and are never paired here."""
    olds = [i for i in olds if _WORD.search(old[i])]
    news = [j for j in news if _WORD.search(new[j])]
    words_new = {j: set(_WORD.findall(new[j].casefold())) for j in news}
    scored: list[tuple[float, int, int, int]] = []
    for i in olds:
        words = set(_WORD.findall(old[i].casefold()))
        for j in news:
            shared = len(words & words_new[j]) / len(words | words_new[j])
            if shared < threshold / 2:  # cheap bound: too few words in common to be alike
                continue
            score = similarity(old[i], new[j])
            if score >= threshold:
                scored.append((score, -abs(i - j), i, j))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _score, _distance, i, j in sorted(scored, reverse=True):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs
