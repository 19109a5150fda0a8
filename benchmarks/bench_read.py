"""Time read_answer on a ~180-page answer: 12+ articles, ~2,500 paragraphs, 50 tracked changes,
20 comments and 30 untracked edits. Prints the median of 5 runs (target: <= 0.5 s on 2 cores)."""

from __future__ import annotations

import statistics
import time

from docx import Document

from concord.engine.reader import read_answer
from concord.models import ItemKind
from tests.support.answers import body_paragraphs, dele, ins, run, set_content, to_bytes

WHO = "Bộ Tài chính"
ARTICLES = 60
PARAGRAPHS = 2500


def sentence(i: int) -> str:
    return (
        f"Khoản {i} quy định chính sách số {i} về phát triển kinh tế xã hội giai đoạn 2026 - 2030."
    )


def build() -> tuple[bytes, bytes, int]:
    def draft() -> Document:
        doc = Document()
        per_article = PARAGRAPHS // ARTICLES
        for a in range(1, ARTICLES + 1):
            doc.add_paragraph(f"Điều {a}. Nội dung điều {a}")
            for c in range(1, per_article):
                doc.add_paragraph(f"{c}. " + sentence(a * 100 + c))
        return doc

    base = to_bytes(draft())
    doc = draft()
    paragraphs = body_paragraphs(doc)
    texts = [p.text for p in doc.paragraphs]
    clauses = [i for i, t in enumerate(texts) if "2030" in t]
    targets = clauses[:: len(clauses) // 100][:100]
    for n, index in enumerate(targets):
        text = texts[index]
        cut = text.index("2030")
        if n < 50:  # tracked replace
            set_content(paragraphs[index], run(text[:cut]), dele("2030", WHO), ins("2035", WHO),
                        run(text[cut + 4 :]))  # fmt: skip
        elif n < 70:  # comment on a word
            p = doc.paragraphs[index]
            p.clear()
            p.add_run(text[:cut])
            anchored = p.add_run("2030")
            p.add_run(text[cut + 4 :])
            doc.add_comment(anchored, text=f"Ý kiến {n}", author=WHO)
        else:  # untracked edit
            doc.paragraphs[index].text = text.replace("kinh tế", "kinh tế số")
    return to_bytes(doc), base, len(paragraphs)


def main() -> None:
    answer, base, count = build()
    items = read_answer(answer, base, WHO)
    kinds = {k.value: sum(1 for i in items if i.kind == k) for k in ItemKind}
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        read_answer(answer, base, WHO)
        times.append(time.perf_counter() - t0)
    print(f"paragraphs: {count}, answer size: {len(answer) / 1024:.0f} KiB")
    print(f"items: {len(items)} {kinds}")
    print(f"read_answer median of 5: {statistics.median(times):.3f} s (min {min(times):.3f} s)")


if __name__ == "__main__":
    main()
