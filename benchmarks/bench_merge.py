"""Merge benchmark, side by side with peer tools, in one run.

Makes once, deterministically, a ~180-page draft and 40 agencies' answers as real .docx files
(tracked changes and comments authored by the agency, one untracked edit each; some answers
clash in the first articles), and a Word-like copy of each answer (benchmarks/wordlike.py:
rsids, split runs, w14:paraIds, proofing marks, a reply to each comment). On each workload it
times what `concord combine` does:

- checking (`check_docx`, the safety check every upload pays) and reading the 40 answers on
  every core (concord.usecases.parallel), with the circulated draft prepared in the timed run
  (judged), with it prepared once per round beforehand (the per-round cache `prepare_base`
  keeps), and in one process;
- merging their items; the floor: lxml parse + serialise of the same 41 files' document.xml;
- Docxodus Consolidate (npm `docxodus`) of 3 of the answers (and of the 40 generated ones when
  it finishes within --peer-timeout); python-redlines' 2-way compare of the draft with one.

Targets: check + read + merge of 40 answers <= 3x the floor and <= 1/5 of Docxodus consolidating
3 answers. Peers are installed on first use into benchmarks/.peers/ (benchmarks/peers/runners.py).

    .venv/bin/python benchmarks/bench_merge.py [--answers 40] [--paragraphs 2000] [--no-peers]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
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
from benchmarks.wordlike import word_save
from concord.engine.merger import MergeResult, merge
from concord.engine.ooxml import NS, parse_xml, qn, read_parts, serialize_xml, write_parts
from concord.engine.reader import prepare_base
from concord.models import Item
from concord.usecases.parallel import ReadJob, read_batch
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


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the pool's workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def read_all(base: bytes, answers: list[Answer], workers: int | None = None) -> list[Item]:
    """What `concord combine` does before merging: every answer checked (check_docx, as at
    upload) and read, on every core (concord.usecases.parallel)."""
    jobs = [ReadJob(a.agency, a.docx) for a in answers]
    found = read_batch(jobs, base=base, check=True, workers=workers)
    return [item for items in found for item in items]


def forget_prepared() -> None:
    """Empty the per-process cache of prepared circulated versions (engine.reading.prepared),
    so that the timed run prepares the draft itself."""
    from concord.engine.reading import prepared

    cache = getattr(prepared, "_cache", None)
    if cache is not None:
        cache.clear()


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


@dataclass
class Figures:
    read_s: float  # check + read on every core, the draft prepared in the timed run (judged)
    cached_read_s: float  # the same with the draft prepared once per round beforehand
    one_core_read_s: float  # check + read in this process only, the draft prepared in the run
    merge_s: float
    floor_s: float
    few_s: float  # check + read + merge of the first 3 answers
    items: int
    clashes: int
    few_result: MergeResult
    cpu: dict[str, float]  # by variant: the least CPU seconds (all processes) of a round

    @property
    def total_s(self) -> float:
        return self.read_s + self.merge_s


def measure(base: bytes, answers: list[Answer], repeat: int) -> Figures:
    """Each figure the fastest of `repeat` rounds; a round times every variant one after the
    other, so that a change of load on a shared machine weighs on all of them alike."""
    documents = [read_parts(base)["word/document.xml"]] + [
        read_parts(a.docx)["word/document.xml"] for a in answers
    ]
    best: dict[str, float] = {}
    results: dict[str, object] = {}
    variants: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
        "floor": (lambda: floor(documents), lambda: None),
        "read": (lambda: read_all(base, answers), forget_prepared),
        "cached": (lambda: read_all(base, answers), lambda: prepare_base(base)),
        "one": (lambda: read_all(base, answers, workers=1), forget_prepared),
        "merge": (lambda: merge(base, results["read"], date=MERGE_DATE), lambda: None),
        "few": (
            lambda: merge(base, read_all(base, answers[:3]), date=MERGE_DATE),
            forget_prepared,
        ),
    }
    cpu: dict[str, float] = {}
    for _ in range(repeat):
        for name, (fn, before) in variants.items():
            before()
            used, t0 = cpu_seconds(), time.perf_counter()
            results[name] = fn()
            seconds, used = time.perf_counter() - t0, cpu_seconds() - used
            best[name] = min(seconds, best.get(name, seconds))
            cpu[name] = min(used, cpu.get(name, used))
    items, merged, few = results["read"], results["merge"], results["few"]
    assert isinstance(items, list) and isinstance(merged, MergeResult)
    assert isinstance(few, MergeResult)
    return Figures(
        read_s=best["read"],
        cached_read_s=best["cached"],
        one_core_read_s=best["one"],
        merge_s=best["merge"],
        floor_s=best["floor"],
        few_s=best["few"],
        items=len(items),
        clashes=len(merged.clashes),
        few_result=few,
        cpu=cpu,
    )


# -- report ---------------------------------------------------------------------------------


def row(label: str, seconds: float | None, note: str = "", cpu: float | None = None) -> None:
    shown = f"{seconds:9.3f} s" if seconds is not None else f"{'—':>11}"
    used = f"{cpu:8.2f} s" if cpu is not None else " " * 10
    print(f"  {label:<62}{shown}{used}   {note}".rstrip())


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(name: str, figures: Figures, n: int, documents: int) -> None:
    f, cores, cpu = figures, os.cpu_count() or 1, figures.cpu
    load = os.getloadavg()[0]
    print(f"\n{name}: {f.items} items read, {f.clashes} clashes (load average now {load:.1f})")
    print(f"  {'':<62}{'time':>11}{'cpu':>10}   ratio / target")
    read = f"concord check + read {n} answers"
    row(f"{read}, {cores} processes, draft prepared", f.read_s, "judged", cpu["read"])
    row(
        f"{read}, {cores} processes, draft cached",
        f.cached_read_s,
        "per-round cache: prepare_base once a round",
        cpu["cached"],
    )
    row(f"{read}, 1 process, draft prepared", f.one_core_read_s, "", cpu["one"])
    row(f"concord merge their {f.items} items", f.merge_s, "", cpu["merge"])
    ratio = f.total_s / f.floor_s
    total_cpu = cpu["read"] + cpu["merge"]
    row(
        f"concord check + read + merge {n} answers",
        f.total_s,
        f"{ratio:.2f}x floor (<= 3x) {verdict(ratio <= 3)}; cpu {total_cpu / cpu['floor']:.2f}x",
        total_cpu,
    )
    cached_ratio = (f.cached_read_s + f.merge_s) / f.floor_s
    row("  the same, draft cached", f.cached_read_s + f.merge_s, f"{cached_ratio:.2f}x floor")
    row(f"floor: lxml parse + serialise {documents} document.xml", f.floor_s, "", cpu["floor"])
    row("concord check + read + merge 3 answers", f.few_s, "", cpu["few"])


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
    made_s = time.perf_counter() - t0
    word_rng = random.Random(11)
    wordlike = [
        Answer(a.agency, word_save(a.docx, a.agency, word_rng), a.changes, a.comments)
        for a in answers
    ]
    n = len(answers)
    size = len(base_parts["word/document.xml"])
    print(
        f"inputs ({made_s:.1f} s to make): draft of {args.paragraphs} paragraphs "
        f"(~{args.paragraphs // 11} pages), {len(base) / 1e3:.0f} KB docx, {size / 1e6:.1f} MB "
        f"document.xml; {n} answers with {sum(a.changes for a in answers)} tracked "
        f"insertions/deletions, {sum(a.comments for a in answers)} comments, {n} untracked edits"
    )
    word_size = sum(len(read_parts(a.docx)["word/document.xml"]) for a in wordlike) / n
    print(
        f"word-like answers ({time.perf_counter() - t0 - made_s:.1f} s to make): the same, "
        f"saved as Word saves (rsids, runs split, w14:paraId, proofErr, a reply to each "
        f"comment): {word_size / 1e6:.1f} MB document.xml each"
    )
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
        f"Concord times: fastest of {args.repeat} runs (wall clock; cpu = CPU seconds of all "
        "processes, the least of the runs); peers: 1 run"
    )
    print(
        "judged: check + read (the draft prepared in the timed run, i.e. no per-round cache) "
        "+ merge of all answers, against the floor and against Docxodus consolidating 3"
    )

    tmp = Path(tempfile.mkdtemp(prefix="bench-merge-"))
    docxodus = None if args.no_peers else ensure_docxodus()
    outputs: dict[str, bytes] = {}
    try:
        for name, batch in (("generated answers", answers), ("word-like answers", wordlike)):
            figures = measure(base, batch, args.repeat)
            report(name, figures, n, n + 1)
            if name.startswith("generated"):
                outputs["concord"] = figures.few_result.docx
            if docxodus is None:
                continue
            if isinstance(docxodus, Unavailable):
                row("docxodus consolidate", None, f"not installable here: {docxodus.reason}")
                continue
            folder = tmp / name.split()[0]
            folder.mkdir()
            # All answers only on the generated workload: one Docxodus run of 40 is long enough.
            every = name.startswith("generated")
            outputs |= consolidate(
                docxodus, folder, base, batch, figures, args.peer_timeout, every=every
            )
        if not args.no_peers:
            outputs |= redlines(tmp, base, answers[0], args.peer_timeout)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n{'3-answer outputs (body)':<34}w:ins  w:del  comments  revision authors  dates")
    for a in answers[:3]:
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


def _write(tmp: Path, base: bytes, answers: list[Answer]) -> tuple[Path, list[tuple[str, Path]]]:
    base_path = tmp / "draft.docx"
    base_path.write_bytes(base)
    paths = []
    for n, a in enumerate(answers):
        path = tmp / f"answer-{n + 1:02d}.docx"
        path.write_bytes(a.docx)
        paths.append((a.agency, path))
    return base_path, paths


def consolidate(
    prefix: Path,
    tmp: Path,
    base: bytes,
    answers: list[Answer],
    figures: Figures,
    timeout: float,
    *,
    every: bool,
) -> dict[str, bytes]:
    """Docxodus Consolidate of the first 3 answers (and of all with `every`); its output."""
    base_path, paths = _write(tmp, base, answers)
    out = tmp / "docxodus-3.docx"
    few = docxodus_consolidate(prefix, base_path, paths[:3], out, warm=True, timeout=timeout)
    if not isinstance(few, ConsolidateTiming):
        row("docxodus consolidate 3 answers", None, f"not runnable here: {few.reason}")
        return {}
    row("docxodus: load .NET WebAssembly runtime", few.init_s, few.version)
    row(
        "docxodus consolidate 3 answers, first call",
        few.cold_s,
        f"concord {len(answers)} = 1/{few.cold_s / figures.total_s:.1f}",
    )
    ratio = few.warm_s / figures.total_s
    row(
        "docxodus consolidate 3 answers, second call",
        few.warm_s,
        f"concord {len(answers)} = 1/{ratio:.1f} (<= 1/5) {verdict(ratio >= 5)}",
    )
    row("", None, f"(concord 3 answers = 1/{few.warm_s / figures.few_s:.1f})")
    if every:
        out_all = tmp / "docxodus-all.docx"
        done = docxodus_consolidate(prefix, base_path, paths, out_all, warm=False, timeout=timeout)
        label = f"docxodus consolidate {len(paths)} answers, first call"
        if isinstance(done, ConsolidateTiming):
            row(label, done.cold_s)
        else:
            row(label, None, f"did not complete: {done.reason}")
    return {"docxodus": out.read_bytes()} if every else {}


def redlines(tmp: Path, base: bytes, first: Answer, timeout: float) -> dict[str, bytes]:
    """python-redlines' 2-way compare of the draft with one answer, with each engine."""
    print()
    target = ensure_redlines()
    if isinstance(target, Unavailable):
        row("python-redlines compare", None, f"not installable here: {target.reason}")
        return {}
    folder = tmp / "redlines"
    folder.mkdir()
    base_path, ((agency, answer_path),) = _write(folder, base, [first])
    outputs: dict[str, bytes] = {}
    for timing in redlines_compare(target, base_path, answer_path, agency, folder, timeout=timeout):
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
