"""Read + merge time and peak memory for one large answer of each kind: 5,000 comments,
50,000 tracked insertions, 10^5 paragraphs (target: each under 10 s and 500 MB on 2 cores).

Each case runs in its own process so its peak resident memory (ru_maxrss) is its own. The
answers are written as WordprocessingML directly (python-docx would take minutes to build them).
`--scale 0.1 0.3 1` runs smaller sizes too, to show how time grows with the answer.
Run: .venv/bin/python -m benchmarks.bench_large_answers
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import resource
import time
from collections.abc import Callable
from xml.sax.saxutils import escape

import docx

from concord.engine.merger import merge
from concord.engine.ooxml import read_parts, write_parts
from concord.engine.reader import prepare_base, read_answer

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WHO = "Bộ Tài chính"
DATE = "2026-03-01T09:00:00Z"
DOC = "word/document.xml"


def sentence(i: int) -> str:
    return f"Khoản {i} quy định chính sách số {i} về phát triển kinh tế đến năm 2030."


def _template() -> dict[str, bytes]:
    """A python-docx package with a comments part (its relationship and content type)."""
    document = docx.Document()
    paragraph = document.add_paragraph("x")
    document.add_comment(paragraph.runs, text="x", author=WHO)
    buf = io.BytesIO()
    document.save(buf)
    return read_parts(buf.getvalue())


def _package(paragraphs: list[str], comments: list[str] | None = None) -> bytes:
    parts = _template()
    parts[DOC] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}">'
        f"<w:body>{''.join(paragraphs)}<w:sectPr/></w:body></w:document>"
    ).encode()
    body = "".join(comments or [])
    parts["word/comments.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W}">'
        f"{body}</w:comments>"
    ).encode()
    return write_parts(parts)


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _p(*content: str) -> str:
    return f"<w:p>{''.join(content)}</w:p>"


def _draft(count: int) -> bytes:
    return _package([_p(_run(sentence(i))) for i in range(count)])


def _comment(cid: int, text: str) -> str:
    return (
        f'<w:comment w:id="{cid}" w:author="{WHO}" w:date="{DATE}" w:initials="BTC">'
        f"<w:p>{_run(text)}</w:p></w:comment>"
    )


def with_comments(n: int) -> tuple[bytes, bytes]:
    """n paragraphs, each with a comment on its "2030"."""
    paragraphs, comments = [], []
    for i in range(n):
        head = sentence(i)[:-5]
        paragraphs.append(
            _p(
                _run(head),
                f'<w:commentRangeStart w:id="{i}"/>',
                _run("2030"),
                f'<w:commentRangeEnd w:id="{i}"/>',
                f'<w:r><w:commentReference w:id="{i}"/></w:r>',
                _run("."),
            )
        )
        comments.append(_comment(i, f"Đề nghị sửa năm ở khoản {i}."))
    return _draft(n), _package(paragraphs, comments)


def with_tracked(n: int) -> tuple[bytes, bytes]:
    """n tracked insertions, five in each of n / 5 paragraphs."""
    paragraphs = []
    rid = 10_000
    for i in range(n // 5):
        words = sentence(i).split(" ")
        step = len(words) // 5
        content = []
        for k in range(5):
            content.append(_run(" ".join(words[k * step : (k + 1) * step]) + " "))
            rid += 1
            content.append(
                f'<w:ins w:id="{rid}" w:author="{WHO}" w:date="{DATE}">{_run(f"thêm{k} ")}</w:ins>'
            )
        content.append(_run(" ".join(words[5 * step :])))
        paragraphs.append(_p(*content))
    return _draft(n // 5), _package(paragraphs)


def with_paragraphs(n: int) -> tuple[bytes, bytes]:
    """n paragraphs; every 1,000th has a tracked replacement and a comment."""
    paragraphs, comments = [], []
    for i in range(n):
        text = sentence(i)
        if i % 1000:
            paragraphs.append(_p(_run(text)))
            continue
        cid = len(comments)
        paragraphs.append(
            _p(
                _run(text[:-5]),
                f'<w:del w:id="{900_000 + i}" w:author="{WHO}" w:date="{DATE}"><w:r>'
                "<w:delText>2030</w:delText></w:r></w:del>",
                f'<w:ins w:id="{800_000 + i}" w:author="{WHO}" w:date="{DATE}">{_run("2035")}'
                "</w:ins>",
                f'<w:commentRangeStart w:id="{cid}"/>',
                _run("."),
                f'<w:commentRangeEnd w:id="{cid}"/>',
                f'<w:r><w:commentReference w:id="{cid}"/></w:r>',
            )
        )
        comments.append(_comment(cid, f"Ý kiến {cid}"))
    return _draft(n), _package(paragraphs, comments)


CASES: dict[str, tuple[Callable[[int], tuple[bytes, bytes]], int]] = {
    "5,000 comments": (with_comments, 5_000),
    "50,000 tracked insertions": (with_tracked, 50_000),
    "10^5 paragraphs": (with_paragraphs, 100_000),
}


def _measure(name: str, size: int, out: multiprocessing.Queue) -> None:
    build, _ = CASES[name]
    base, answer = build(size)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    items = read_answer(answer, prepare_base(base), WHO)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    merge(base, items, date="2026-03-02")
    merge_s = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.put((len(items), read_s, merge_s, rss_before / 1024, peak / 1024, len(answer) / 1e6))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, nargs="+", default=[1.0])
    parser.add_argument("--case", choices=list(CASES), action="append")
    args = parser.parse_args()
    print(
        f"{'answer':34} {'size':>8} {'MB':>6} {'items':>7} {'read s':>7} {'merge s':>8} "
        f"{'total s':>8} {'peak MB':>8}"
    )
    ctx = multiprocessing.get_context("spawn")
    for name in args.case or list(CASES):
        for scale in args.scale:
            size = int(CASES[name][1] * scale)
            queue = ctx.Queue()
            proc = ctx.Process(target=_measure, args=(name, size, queue))
            proc.start()
            items, read_s, merge_s, _, peak, mb = queue.get()
            proc.join()
            print(
                f"{name:34} {size:>8,} {mb:6.1f} {items:>7,} {read_s:7.2f} {merge_s:8.2f} "
                f"{read_s + merge_s:8.2f} {peak:8.0f}"
            )


if __name__ == "__main__":
    main()
