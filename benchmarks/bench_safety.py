"""Time engine.safety.check_docx on a long answer: ~200 pages of formatted clauses, a table,
comments and pictures. Run: .venv/bin/python -m benchmarks.bench_safety"""

from __future__ import annotations

import io
import statistics
import time

import docx

from concord.engine.safety import check_docx
from tests.support.hostile import small_png


def long_answer(pages: int = 200) -> bytes:
    document = docx.Document()
    for page in range(pages):
        document.add_heading(f"Article {page + 1}", level=2)
        for clause in range(6):
            paragraph = document.add_paragraph(f"{clause + 1}. The ministry ")
            paragraph.add_run("shall").bold = True
            paragraph.add_run(" report each quarter on the measures taken under this article, ")
            paragraph.add_run("with the figures").italic = True
            paragraph.add_run(" agreed by the inter-agency working group in its last session.")
        if page % 10 == 0:
            run = document.paragraphs[-1].runs[0]
            document.add_comment(run, text="Which ministry?", author="Ministry of Justice")
            document.add_picture(io.BytesIO(small_png(640, 480)))
    table = document.add_table(rows=50, cols=4)
    for row in table.rows:
        for cell in row.cells:
            cell.text = "Budget line"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def main() -> None:
    data = long_answer()
    check_docx(data)  # imports and Pillow's plugin registry, once per process
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        check_docx(data)
        timings.append(time.perf_counter() - started)
    print(
        f"{len(data) / 1024:.0f} KB docx: median {statistics.median(timings) * 1000:.1f} ms, "
        f"max {max(timings) * 1000:.1f} ms over {len(timings)} runs"
    )


if __name__ == "__main__":
    main()
