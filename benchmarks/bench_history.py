"""Item history across rounds on a ~180-page draft with 200 agencies.

Makes, deterministically, the bench_merge draft (version 1) and the team's revision of it
(version 2: a new article near the start renumbering the rest, one paragraph in twenty reworded,
one in a hundred moved elsewhere, one in a hundred deleted), then times:
- tracing version 1's paragraphs into version 2 (`engine.tracing.trace`);
- linking round 2's items to round 1's (`usecases.history.link_histories`), 10 items from each
  of 200 agencies in each round, a quarter of them on the same paragraphs.
It prints the figures and checks the tracing: every paragraph kept is found where it went.

Targets: tracing takes at most 5 s, linking at most 1 s.

    .venv/bin/python benchmarks/bench_history.py [--paragraphs 2000] [--agencies 200]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_merge import NEW_WORDS, draft
from concord.engine.blocks import extract_blocks
from concord.engine.tracing import trace
from concord.models import Decision, EarlierItem, Item, ItemKind, Outcome
from concord.usecases.history import Linked, link_histories

TRACE_TARGET_S = 5.0
LINK_TARGET_S = 1.0


def revise(v1: bytes, rng: random.Random) -> tuple[bytes, dict[str, str]]:
    """Version 2, and for each paragraph text of version 1 kept, its text in version 2."""
    doc = docx.Document(io.BytesIO(v1))
    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    kept: dict[str, str] = {}
    moved = []
    for p in paragraphs:
        old = p.text
        roll = rng.random()
        if roll < 0.01:
            p._p.getparent().remove(p._p)
            continue
        if roll < 0.06 and len(p.runs) > 1:
            p.runs[1].text = p.runs[1].text.replace(" ", f" {rng.choice(NEW_WORDS)} ", 1)
        elif roll < 0.07:
            moved.append(p._p)
        kept[old] = p.text
    body = paragraphs[0]._p.getparent()
    for element in moved:  # to the end of the body, before the section properties
        body.remove(element)
        body.insert(len(body) - 1, element)
    first = paragraphs[1]._p
    heading = doc.add_heading("Article 1a", level=2)._p
    note = doc.add_paragraph("Definitions used throughout this resolution are set out here.")._p
    first.addprevious(heading)
    first.addprevious(note)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue(), kept


def items(blocks: int, agencies: int, rng: random.Random, tag: str) -> list[Item]:
    hot = range(1, 40)
    found = []
    for a in range(agencies):
        for n in range(10):
            block = rng.choice(hot) if n < 3 else rng.randrange(1, blocks)
            found.append(
                Item(
                    kind=ItemKind.COMMENT,
                    agency=f"Agency {a:03d}",
                    block=block,
                    start=0,
                    end=5,
                    tracked=True,
                    comment=f"{tag} comment {n} of agency {a} on {rng.choice(NEW_WORDS)}",
                )
            )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--agencies", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(17)
    v1 = draft(args.paragraphs, rng)
    v2, kept = revise(v1, rng)

    start = time.perf_counter()
    counterparts = trace(v1, v2)
    trace_s = time.perf_counter() - start
    old = [b for b in extract_blocks(v1) if b.part == "body"]
    new = [b for b in extract_blocks(v2) if b.part == "body"]
    wrong = [
        b.index
        for b in old
        if b.text in kept
        and b.text.strip()
        and new[counterparts[("body", b.index)][1]].text != kept[b.text]
        if ("body", b.index) in counterparts
    ]
    lost = [b.index for b in old if b.text in kept and ("body", b.index) not in counterparts]

    round1 = items(len(old), args.agencies, rng, "round 1")
    outcomes = list(Outcome)
    linked = [
        Linked(
            EarlierItem(
                round_id="bench-r1",
                round_number=1,
                version=1,
                item=item,
                decision=Decision(item_id=item.id, outcome=rng.choice(outcomes)),
            ),
            frozenset({counterparts[("body", item.block)]}),
        )
        for item in round1
        if ("body", item.block) in counterparts
    ]
    round2 = items(len(new), args.agencies, rng, "round 2")
    start = time.perf_counter()
    histories = link_histories(round2, linked)
    link_s = time.perf_counter() - start
    with_history = sum(1 for h in histories.values() if h.earlier)

    print(f"draft: {len(old)} body paragraphs (version 1), {len(new)} (version 2)")
    print(
        f"trace: {trace_s:.2f} s (target <= {TRACE_TARGET_S:.0f} s); {len(counterparts)} "
        f"paragraphs followed, {len(lost)} kept but not found, {len(wrong)} found wrongly"
    )
    print(
        f"link: {link_s:.2f} s for {len(round2)} items against {len(linked)} earlier "
        f"(target <= {LINK_TARGET_S:.0f} s); {with_history} items with a history"
    )
    met = trace_s <= TRACE_TARGET_S and link_s <= LINK_TARGET_S and not wrong
    print("targets met" if met else "TARGETS MISSED")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
