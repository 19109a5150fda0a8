"""Merge benchmark, side by side with peer tools, in one run.

Makes once, deterministically, a ~180-page draft and 40 agencies' answers as real .docx files
(tracked changes and comments authored by the agency, one untracked edit each; some answers
clash in the first articles), then times:

- Concord reading the 40 answers, merging their items, and both together ("merge time");
- the floor: lxml parse + serialise of the same 41 files' word/document.xml;
- Concord read + merge of 3 answers against Docxodus Consolidate (npm `docxodus`) of the same 3
  (and of the 40 when it finishes within --peer-timeout);
- python-redlines' 2-way compare of the draft with one answer.

Targets: merge time <= 3x the floor; Concord on 3 answers <= 1/5 of Docxodus Consolidate's time.
Peers are installed on first use into benchmarks/.peers/ (see benchmarks/peers/runners.py).

    .venv/bin/python benchmarks/bench_merge.py [--answers 40] [--paragraphs 2000] [--no-peers]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.peers.runners import (
    CompareTiming,
    ConsolidateTiming,
    Unavailable,
    docxodus_consolidate,
    ensure_docxodus,
    ensure_redlines,
    redlines_compare,
)
from concord.engine.merger import merge
from concord.engine.ooxml import NS, parse_xml, qn, read_parts, serialize_xml, write_parts
from concord.engine.reader import prepare_base, read_answer
from concord.models import Item
from tests.support.answers import DATE, dele, ins, run

W = NS["w"]
MERGE_DATE = "2026-01-01T00:00:00Z"
SENTENCE = (
    "the ministry shall ensure that all agencies report annually on progress toward targets "
    "set out in this resolution including budget allocations staffing and public consultation"
)
WORDS = SENTENCE.split(" ")
NEW_WORDS = ("revised", "quarterly", "provincial", "mandatory", "digital", "within 30 days")
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
# Where most answers meet: a quarter of each answer's marks fall in these first paragraphs.
HOT_PARAGRAPHS = 6
# ... and within those paragraphs, on the first words only, so that their ranges overlap.
HOT_WORDS = 6


# -- inputs ---------------------------------------------------------------------------------


def draft(paragraphs: int, rng: random.Random) -> bytes:
    """About 12 paragraphs of ~45 words a page: 2,000 paragraphs is ~180 pages. Each body
    paragraph is a plain run of 20 words then a run of 25 (italic every third paragraph)."""
    d = docx.Document()
    for n in range(paragraphs):
        if n % 15 == 0:
            d.add_heading(f"Article {n // 15 + 1}", level=2)
        else:
            words = [rng.choice(WORDS) for _ in range(45)]
            p = d.add_paragraph()
            p.add_run(" ".join(words[:20]) + " ")
            p.add_run(" ".join(words[20:]) + ".").italic = n % 3 == 0
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@dataclass
class Answer:
    agency: str
    docx: bytes
    changes: int  # tracked insertions + deletions written (a replacement is one of each)
    comments: int


def _fragments(xml: str) -> list[etree._Element]:
    return list(etree.fromstring(f'<root xmlns:w="{W}">{xml}</root>'))


def _word_span(text: str, within: int, rng: random.Random) -> tuple[int, int]:
    """Offsets of 1-3 whole words of `text` (a paragraph's first run: 20 words and a space),
    starting among its first `within` words."""
    starts = [0, *(i + 1 for i, c in enumerate(text) if c == " ")][:-1]
    first = rng.randrange(min(within, len(starts) - 3))
    last = first + rng.randrange(1, 4)
    return starts[first], starts[last] - 1


def _edit(first_run: etree._Element, within: int, agency: str, rng: random.Random) -> int:
    """Replace the paragraph's first run by a tracked replace, delete or insert by `agency`."""
    text = first_run.findtext("w:t", namespaces=NS)
    s, e = _word_span(text, within, rng)
    new = rng.choice(NEW_WORDS)
    kind = rng.choice(("replace", "delete", "insert"))
    if kind == "replace":
        xml, count = run(text[:s]) + dele(text[s:e], agency) + ins(new, agency) + run(text[e:]), 2
    elif kind == "delete":
        xml, count = run(text[:s]) + dele(text[s:e] + " ", agency) + run(text[e + 1 :]), 1
    else:
        xml, count = run(text[:s]) + ins(new + " ", agency) + run(text[s:]), 1
    _replace(first_run, _fragments(xml))
    return count


def _comment(first_run: etree._Element, within: int, cid: int, rng: random.Random) -> None:
    """Anchor comment `cid` on a few words of the paragraph's first run."""
    text = first_run.findtext("w:t", namespaces=NS)
    s, e = _word_span(text, within, rng)
    _replace(
        first_run,
        _fragments(
            run(text[:s])
            + f'<w:commentRangeStart w:id="{cid}"/>{run(text[s:e])}'
            + f'<w:commentRangeEnd w:id="{cid}"/>'
            + f'<w:r><w:commentReference w:id="{cid}"/></w:r>{run(text[e:])}'
        ),
    )


def _untracked(first_run: etree._Element, within: int, rng: random.Random) -> None:
    """An edit made with tracking off: one word of the first run replaced in place."""
    t = first_run.find("w:t", NS)
    s, e = _word_span(t.text, within, rng)
    t.text = t.text[:s] + rng.choice(NEW_WORDS) + t.text[e:]


def _replace(old: etree._Element, new: list[etree._Element]) -> None:
    parent = old.getparent()
    at = parent.index(old)
    parent.remove(old)
    for offset, el in enumerate(new):
        parent.insert(at + offset, el)


def _comments_part(agency: str, count: int) -> bytes:
    body = "".join(
        f'<w:comment w:id="{cid}" w:author="{agency}" w:date="{DATE}" w:initials="AG">'
        f"<w:p><w:r><w:t>{agency}: please explain point {cid + 1}.</w:t></w:r></w:p></w:comment>"
        for cid in range(count)
    )
    declaration = '<?xml version="1.0" encoding="UTF-8"?>'
    return f'{declaration}<w:comments xmlns:w="{W}">{body}</w:comments>'.encode()


def answer(base_parts: dict[str, bytes], agency: str, rng: random.Random) -> Answer:
    """An agency's copy of the draft: 6 tracked changes, 3 comments, 1 untracked edit, each in
    its own paragraph (a quarter of them among the first paragraphs, where answers clash)."""
    root = parse_xml(base_parts["word/document.xml"])
    first_runs = [
        p.find("w:r", NS)
        for p in root.iter(qn("w:p"))
        if p.find("w:pPr/w:pStyle", NS) is None and p.find("w:r", NS) is not None
    ]
    hot = rng.sample(range(HOT_PARAGRAPHS), 3)
    rest = rng.sample(range(HOT_PARAGRAPHS, len(first_runs)), 7)
    chosen = [(first_runs[i], HOT_WORDS) for i in hot] + [(first_runs[i], 20) for i in rest]
    rng.shuffle(chosen)
    changes = sum(_edit(r, within, agency, rng) for r, within in chosen[:6])
    for cid, (r, within) in enumerate(chosen[6:9]):
        _comment(r, within, cid, rng)
    _untracked(*chosen[9], rng)

    parts = dict(base_parts)
    parts["word/document.xml"] = serialize_xml(root)
    parts["word/comments.xml"] = _comments_part(agency, 3)
    rels = parse_xml(parts["word/_rels/document.xml.rels"])
    etree.SubElement(
        rels, qn("pr:Relationship"), Id="rIdBench1", Type=COMMENTS_REL, Target="comments.xml"
    )
    parts["word/_rels/document.xml.rels"] = serialize_xml(rels)
    types = parse_xml(parts["[Content_Types].xml"])
    etree.SubElement(
        types, qn("ct:Override"), PartName="/word/comments.xml", ContentType=COMMENTS_TYPE
    )
    parts["[Content_Types].xml"] = serialize_xml(types)
    return Answer(agency, write_parts(parts), changes, 3)


# -- measuring ------------------------------------------------------------------------------


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The fastest of `repeat` calls in seconds (the least disturbed by other work on the
    machine), and the last call's result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def read_all(base: bytes, answers: list[Answer]) -> list[Item]:
    circulated = prepare_base(base)
    return [item for a in answers for item in read_answer(a.docx, circulated, a.agency)]


def floor(documents: list[bytes]) -> None:
    for data in documents:
        etree.tostring(etree.fromstring(data))


def marks(docx_bytes: bytes) -> dict[str, object]:
    """Tracked insertions, deletions, comments and the revision authors in a .docx body."""
    parts = read_parts(docx_bytes)
    body = etree.fromstring(parts["word/document.xml"])
    comments = parts.get("word/comments.xml")
    revs = [el for tag in ("w:ins", "w:del") for el in body.iter(qn(tag))]
    return {
        "ins": sum(1 for _ in body.iter(qn("w:ins"))),
        "del": sum(1 for _ in body.iter(qn("w:del"))),
        "comments": 0 if comments is None else len(etree.fromstring(comments)),
        "authors": len({el.get(qn("w:author")) for el in revs}),
        "dates": sorted({(el.get(qn("w:date")) or "")[:10] for el in revs}),
    }


# -- report ---------------------------------------------------------------------------------


def row(label: str, seconds: float | None, note: str = "") -> None:
    shown = f"{seconds:9.3f} s" if seconds is not None else f"{'—':>11}"
    print(f"  {label:<52}{shown}   {note}")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=40)
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (fastest)")
    parser.add_argument("--peer-timeout", type=float, default=600, help="seconds per peer run")
    parser.add_argument("--no-peers", action="store_true", help="Concord and the floor only")
    args = parser.parse_args()

    t0 = time.perf_counter()
    rng = random.Random(7)
    base = draft(args.paragraphs, rng)
    base_parts = read_parts(base)
    answers = [answer(base_parts, f"Agency {n + 1:02d}", rng) for n in range(args.answers)]
    documents = [base_parts["word/document.xml"]] + [
        read_parts(a.docx)["word/document.xml"] for a in answers
    ]
    print(
        f"inputs ({time.perf_counter() - t0:.1f} s to make): draft of {args.paragraphs} "
        f"paragraphs (~{args.paragraphs // 11} pages), {len(base) / 1e3:.0f} KB docx, "
        f"{len(documents[0]) / 1e6:.1f} MB document.xml; {len(answers)} answers with "
        f"{sum(a.changes for a in answers)} tracked insertions/deletions, "
        f"{sum(a.comments for a in answers)} comments, {len(answers)} untracked edits"
    )

    n = len(answers)
    read_s, items = timed(lambda: read_all(base, answers), args.repeat)
    merge_s, result = timed(lambda: merge(base, items, date=MERGE_DATE), args.repeat)
    total_s = read_s + merge_s
    floor_s, _ = timed(lambda: floor(documents), args.repeat)
    few = answers[:3]
    few_s, few_result = timed(
        lambda: merge(base, read_all(base, few), date=MERGE_DATE), args.repeat
    )
    print(
        f"concord: {len(items)} items read, {len(result.clashes)} clashes "
        f"({len(few_result.clashes)} among the first 3 answers); "
        f"times: Concord best of {args.repeat} runs, peers 1 run\n"
    )

    print(f"  {'':<52}{'time':>11}   ratio / target")
    row(f"concord read {n} answers", read_s)
    row(f"concord merge their {len(items)} items", merge_s)
    ratio = total_s / floor_s
    row(
        f"concord read + merge {n} answers",
        total_s,
        f"{ratio:.2f}x floor (<= 3x) {verdict(ratio <= 3)}",
    )
    row(f"floor: lxml parse + serialise {len(documents)} document.xml", floor_s)
    row("concord read + merge 3 answers", few_s)

    outputs: dict[str, bytes] = {"concord": few_result.docx}
    if not args.no_peers:
        with tempfile.TemporaryDirectory(prefix="bench-merge-") as tmp:
            outputs |= peers(Path(tmp), base, answers, few_s, args.peer_timeout)

    print(f"\n{'3-answer outputs (body)':<34}w:ins  w:del  comments  revision authors  dates")
    for a in few:
        counted = marks(a.docx)
        print(
            f"  {'answer ' + a.agency:<32}{counted['ins']:5}{counted['del']:7}"
            f"{counted['comments']:10}{counted['authors']:18}  {counted['dates']}"
        )
    for name, data in outputs.items():
        counted = marks(data)
        print(
            f"  {name:<32}{counted['ins']:5}{counted['del']:7}{counted['comments']:10}"
            f"{counted['authors']:18}  {counted['dates']}"
        )


def peers(
    tmp: Path, base: bytes, answers: list[Answer], concord_few_s: float, timeout: float
) -> dict[str, bytes]:
    """Time the peers on the same files; return their 3-answer consolidated output."""
    base_path = tmp / "draft.docx"
    base_path.write_bytes(base)
    paths = []
    for n, a in enumerate(answers):
        path = tmp / f"answer-{n + 1:02d}.docx"
        path.write_bytes(a.docx)
        paths.append((a.agency, path))
    outputs: dict[str, bytes] = {}

    prefix = ensure_docxodus()
    if isinstance(prefix, Unavailable):
        row("docxodus consolidate", None, f"not installable here: {prefix.reason}")
    else:
        out = tmp / "docxodus-3.docx"
        few = docxodus_consolidate(prefix, base_path, paths[:3], out, warm=True, timeout=timeout)
        if isinstance(few, ConsolidateTiming):
            outputs["docxodus"] = out.read_bytes()
            row("docxodus: load .NET WebAssembly runtime", few.init_s, few.version)
            row(
                "docxodus consolidate 3 answers, first call",
                few.cold_s,
                f"concord = 1/{few.cold_s / concord_few_s:.1f}",
            )
            ratio = few.warm_s / concord_few_s
            row(
                "docxodus consolidate 3 answers, second call",
                few.warm_s,
                f"concord = 1/{ratio:.1f} (<= 1/5) {verdict(ratio >= 5)}",
            )
            out = tmp / "docxodus-all.docx"
            every = docxodus_consolidate(prefix, base_path, paths, out, warm=False, timeout=timeout)
            label = f"docxodus consolidate {len(paths)} answers, first call"
            if isinstance(every, ConsolidateTiming):
                row(label, every.cold_s)
            else:
                row(label, None, f"did not complete: {every.reason}")
        else:
            row("docxodus consolidate 3 answers", None, f"not runnable here: {few.reason}")

    target = ensure_redlines()
    if isinstance(target, Unavailable):
        row("python-redlines compare", None, f"not installable here: {target.reason}")
        return outputs
    agency, answer_path = paths[0]
    for timing in redlines_compare(target, base_path, answer_path, agency, tmp, timeout=timeout):
        if isinstance(timing, CompareTiming):
            row(
                f"python-redlines {timing.engine}, 1 answer 2-way",
                timing.seconds,
                "starts a .NET process",
            )
            outputs[f"redlines {timing.engine.removesuffix('Engine')}, 1 answer"] = timing.redline
        else:
            row("python-redlines compare", None, f"not runnable here: {timing.reason}")
    return outputs


if __name__ == "__main__":
    main()
