"""Ad hoc work on files, without a round: read one answer, combine several into one .docx."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from concord.engine.merger import MergeResult, merge
from concord.engine.reader import read_answer
from concord.engine.review_html import render_review
from concord.engine.safety import check_docx
from concord.models import Item
from concord.usecases.parallel import ReadJob, read_batch
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
    """Merge (agency, answer bytes) pairs over `base`; `advance` is called after each answer.
    An unsafe answer raises its UnsafeDocument (the first in the given order)."""
    check_docx(base)
    jobs = [ReadJob(agency, data) for agency, data in answers]
    found = read_batch(jobs, base=base, advance=advance)  # on every core, each answer checked
    return Combined(base, merge(base, [item for items in found for item in items], date=date))
