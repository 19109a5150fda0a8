"""Store requests per answer do not grow with the round's size: 5 agencies or 250, taking one
answer in (checked, read, stored) and the worker's look at the round cost the same requests
(S3 bills and slows down by the request)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from concord.storage.local import LocalStore
from concord.storage.records import ConcordStore
from concord.usecases.answers import submit_answer
from concord.usecases.drafts import register_draft
from concord.usecases.progress import round_work
from concord.usecases.rounds import open_round
from tests.flows.documents import answer_docx, draft_docx


class CountingStore(LocalStore):
    """A local store that counts the requests each operation would be on S3."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.calls: Counter[str] = Counter()

    def get(self, key: str) -> bytes:
        self.calls["get"] += 1
        return super().get(key)

    def head(self, key: str):
        self.calls["head"] += 1
        return super().head(key)

    def list(self, prefix: str) -> list[str]:
        self.calls["list"] += 1
        return super().list(prefix)

    def put_if_absent(self, key: str, data: bytes, **kwargs):
        self.calls["put"] += 1
        return super().put_if_absent(key, data, **kwargs)


def _requests_for_one_answer(tmp: Path, agencies: int) -> Counter[str]:
    objects = CountingStore(tmp)
    store = ConcordStore(objects)
    draft, _ = register_draft(store, "Dự thảo", draft_docx(), kind="resolution", actor="t")
    names = [f"Cơ quan {n}" for n in range(agencies)]
    rnd = open_round(store, draft.id, names, datetime.now(UTC) + timedelta(days=3), actor="t")
    agency = rnd.agencies[-1].id
    data = answer_docx(store.circulated_bytes(rnd.id, agency), agency, "2035")
    objects.calls.clear()
    # The upload is read as it is taken (its items stored with it), then the worker asks.
    submit_answer(store, rnd.id, agency, data, filename="a.docx", actor="t")
    work = round_work(store, rnd.id)
    assert work is not None and not work.to_ingest
    return objects.calls


def test_requests_per_answer_do_not_grow_with_the_round(tmp_path: Path) -> None:
    small = _requests_for_one_answer(tmp_path / "small", 5)
    large = _requests_for_one_answer(tmp_path / "large", 250)
    assert large == small, (small, large)
    assert sum(small.values()) < 60
