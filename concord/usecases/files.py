"""Ad hoc work on files, without a round: read one answer, combine several into one .docx."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from concord.engine.merger import MergeResult, merge
from concord.engine.reader import prepare_base, read_answer
from concord.engine.review_html import render_review
from concord.engine.safety import check_docx
from concord.models import Item
from concord.usecases.uploads import Upload, checked_bytes


def read_file(answer: Upload, base: bytes, agency: str) -> list[Item]:
    """Every comment and change of `answer` (bytes or a path, checked from disk before it is
    read into memory) against the circulated `base`, located."""
    return read_answer(checked_bytes(answer), base, agency)


@dataclass(frozen=True)
class Combined:
    base: bytes
    result: MergeResult

    def review_page(self, title: str) -> str:
        return render_review(self.base, self.result, title=title)


def combine_files(
    base: bytes,
    answers: Sequence[tuple[str, bytes]],
    *,
    date: str | None = None,
    advance: Callable[[], None] = lambda: None,
) -> Combined:
    """Merge (agency, answer bytes) pairs over `base`; `advance` is called after each answer."""
    check_docx(base)
    circulated = prepare_base(base)
    items: list[Item] = []
    for agency, data in answers:
        check_docx(data)
        items.extend(read_answer(data, circulated, agency))
        advance()
    return Combined(base, merge(base, items, date=date))
