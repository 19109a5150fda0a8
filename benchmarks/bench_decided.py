"""Reading decisions back from a decided merged file, on a ~180-page draft.

Makes once, deterministically, the bench_merge draft and its agencies' answers, merges them,
then decides in the merged file the way Word writes it (every other agency's changes accepted,
the rest rejected, comments left unanswered) and times `read_decisions` against the time to
merge. Prints the figures and the count of each outcome read: where two agencies clash and the
shared deletion belongs to the rejected one, the file keeps both texts, which reads as partly
accepted or as the team's own edit.

Target: reading the decisions takes at most twice the merge that made the file.

    .venv/bin/python benchmarks/bench_decided.py [--answers 40] [--paragraphs 2000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_merge import answer, draft, read_all
from concord.engine.decisions_docx import read_decisions
from concord.engine.merger import merge
from concord.engine.ooxml import read_parts
from tests.support.word_decide import Decided


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=40)
    parser.add_argument("--paragraphs", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(7)
    base = draft(args.paragraphs, rng)
    parts = read_parts(base)
    answers = [answer(parts, f"Agency {n:02d}", rng) for n in range(args.answers)]
    items = read_all(base, answers)
    start = time.perf_counter()
    merged = merge(base, items).docx
    merge_s = time.perf_counter() - start
    keep = {f"Agency {n:02d}" for n in range(0, args.answers, 2)}
    decided = Decided(merged).accept(lambda author, _: author in keep).reject()
    data = decided.to_bytes()
    start = time.perf_counter()
    found = read_decisions(data, base, items, agencies={i.agency for i in items})
    read_s = time.perf_counter() - start
    counts = Counter(d.outcome.value for d in found.decisions)
    print(f"items {len(items)}, paragraphs {args.paragraphs}, answers {args.answers}")
    print(f"merge            {merge_s:7.2f} s")
    ratio = read_s / merge_s
    print(f"read decisions   {read_s:7.2f} s   {ratio:.1f}x merge {'OK' if ratio <= 2 else 'SLOW'}")
    print(f"outcomes {dict(counts)}, undecided {len(found.undecided)}")
    print(f"team edits {len(found.team_edits)}")


if __name__ == "__main__":
    main()
