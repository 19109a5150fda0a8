"""A redline of two versions: what changed from `old` to `new`, as tracked changes by `author`."""

from __future__ import annotations

from concord.engine.merger import MergeResult, merge
from concord.engine.reader import read_answer
from concord.models import ItemKind


def redline(old: bytes, new: bytes, *, author: str, date: str | None = None) -> MergeResult:
    """Read `new` against `old` (its differences, tracked or not) and write them into `old` as
    tracked changes by `author`. Comments in `new` are left out: a redline shows text changes."""
    items = [i for i in read_answer(new, old, author) if i.kind != ItemKind.COMMENT]
    return merge(old, items, date=date)
