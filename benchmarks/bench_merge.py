"""Merge benchmark: 40 answers to a ~180-page draft, against the floor of merely parsing and
serialising the 41 files' document.xml with lxml.

    .venv/bin/python benchmarks/bench_merge.py [--answers 40] [--paragraphs 2000]
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import random
import sys
import time
from pathlib import Path

import docx
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.merger import merge
from engine.ooxml import read_parts
from models import Item, ItemKind

WORDS = [
    "the",
    "ministry",
    "shall",
    "ensure",
    "that",
    "all",
    "agencies",
    "report",
    "annually",
    "on",
    "progress",
    "toward",
    "targets",
    "set",
    "out",
    "in",
    "this",
    "resolution",
    "including",
    "budget",
    "allocations",
    "staffing",
    "and",
    "public",
    "consultation",
]


def draft(paragraphs: int, rng: random.Random) -> bytes:
    """About 12 paragraphs of ~45 words a page: 2,000 paragraphs is ~180 pages."""
    d = docx.Document()
    for n in range(paragraphs):
        if n % 15 == 0:
            d.add_heading(f"Article {n // 15 + 1}", level=2)
        else:
            p = d.add_paragraph()
            words = [rng.choice(WORDS) for _ in range(45)]
            p.add_run(" ".join(words[:20]) + " ")
            p.add_run(" ".join(words[20:]) + ".").italic = n % 3 == 0
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def answer_items(texts: list[str], agency: str, rng: random.Random) -> list[Item]:
    """A few edits and comments per answer, at random places (some will clash)."""
    out: list[Item] = []
    for _ in range(4):
        # A quarter of the edits fall in the first articles, where answers meet and clash.
        block = rng.randrange(6) if rng.random() < 0.25 else rng.randrange(len(texts))
        text = texts[block]
        if len(text) < 20:
            continue
        start = rng.randrange(len(text) - 10)
        end = start + rng.randrange(1, 10)
        kind = rng.choice([ItemKind.REPLACE, ItemKind.DELETE, ItemKind.INSERT, ItemKind.COMMENT])
        common = {"agency": agency, "block": block, "tracked": True, "old": text[start:end]}
        if kind == ItemKind.INSERT:
            out.append(Item(kind=kind, start=start, end=start, new=" added", **common))
        elif kind == ItemKind.COMMENT:
            out.append(Item(kind=kind, start=start, end=end, comment="Please explain.", **common))
        elif kind == ItemKind.DELETE:
            out.append(Item(kind=kind, start=start, end=end, **common))
        else:
            out.append(Item(kind=kind, start=start, end=end, new="revised", **common))
    return out


def floor(document_xml: list[bytes]) -> float:
    t0 = time.perf_counter()
    for data in document_xml:
        etree.tostring(etree.fromstring(data))
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=40)
    parser.add_argument("--paragraphs", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(7)
    base = draft(args.paragraphs, rng)
    from engine.blocks import blocks_of, extract_blocks

    texts = [b.text for b in blocks_of(extract_blocks(base), "body")]
    items = [
        item
        for n in range(args.answers)
        for item in answer_items(texts, f"Agency {n + 1:02d}", rng)
    ]
    document_xml = [read_parts(base)["word/document.xml"]] * (args.answers + 1)

    t0 = time.perf_counter()
    result = merge(base, items, date="2026-01-01T00:00:00Z")
    merge_s = time.perf_counter() - t0
    floor_s = floor(document_xml)

    print(
        f"draft: {len(texts)} blocks, {len(base) / 1e6:.1f} MB; {args.answers} answers, "
        f"{len(items)} items, {len(result.clashes)} clashes"
    )
    print(f"{'concord merge':<34}{merge_s:8.2f} s")
    print(f"{'floor (lxml parse+serialise x41)':<34}{floor_s:8.2f} s")
    print(f"{'ratio merge / floor':<34}{merge_s / floor_s:8.2f} x  (target <= 3)")
    for name, module in (("python-redlines (Docxodus)", "python_redlines"),):
        if importlib.util.find_spec(module) is None:
            print(f"{name:<34}{'not installed':>14}")


if __name__ == "__main__":
    main()
