"""The ObjectStore contract, the same tests over a directory, moto and a real SeaweedFS."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor

import pytest

from concord.storage.base import ObjectStore
from concord.storage.errors import ObjectExists, ObjectMissing
from tests.storage.conftest import Backend


def test_put_then_get_and_head(backend: Backend) -> None:
    store = backend.store
    assert isinstance(store, ObjectStore)
    data = b"PK\x03\x04 answer bytes"
    stored = store.put_if_absent(
        "drafts/d/answers/a.docx", data, metadata={"actor": "Bộ Tài chính", "round": "d-r1"}
    )
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert store.get("drafts/d/answers/a.docx") == data
    head = store.head("drafts/d/answers/a.docx")
    assert head is not None
    assert (head.size, head.sha256) == (len(data), stored.sha256)
    assert head.metadata["actor"] == "Bộ Tài chính"
    assert head.metadata["round"] == "d-r1"


def test_existing_key_is_never_replaced(backend: Backend) -> None:
    store = backend.store
    store.put_if_absent("k/one.json", b"first")
    for data in (b"second", b"first"):  # even identical bytes: a conditional create has one winner
        with pytest.raises(ObjectExists) as caught:
            store.put_if_absent("k/one.json", data)
        assert caught.value.key == "k/one.json"
    assert store.get("k/one.json") == b"first"


def test_missing_objects(backend: Backend) -> None:
    assert backend.store.head("nope/x.json") is None
    with pytest.raises(ObjectMissing):
        backend.store.get("nope/x.json")


def test_list_is_sorted_and_scoped_to_prefix(backend: Backend) -> None:
    store = backend.store
    for key in ("a/b/2.json", "a/b/1.json", "a/bc/3.json", "z/4.json"):
        store.put_if_absent(key, key.encode())
    assert store.list("a/b/") == ["a/b/1.json", "a/b/2.json"]
    assert store.list("a/b") == ["a/b/1.json", "a/b/2.json", "a/bc/3.json"]
    assert store.list("none/") == []


def test_concurrent_creates_of_one_key_have_one_winner(atomic_backend: Backend) -> None:
    store = atomic_backend.store

    def attempt(i: int) -> bool:
        try:
            store.put_if_absent("race/key.json", f"writer {i}".encode())
            return True
        except ObjectExists:
            return False

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(attempt, range(16)))
    assert results.count(True) == 1
    winner = results.index(True)
    assert store.get("race/key.json") == f"writer {winner}".encode()


@pytest.mark.parametrize("key", ["../x", "/abs", "a//b", "a/../b", ".meta/x", ""])
def test_unsafe_keys_are_refused(backend: Backend, key: str) -> None:
    with pytest.raises(ValueError):
        backend.store.put_if_absent(key, b"x")
