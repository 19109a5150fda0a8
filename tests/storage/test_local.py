"""LocalStore specifics: conditional create across processes, layout a person can browse."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from concord.storage.errors import ObjectExists
from concord.storage.local import LocalStore


def _attempt(args: tuple[str, int]) -> bool:
    root, i = args
    try:
        LocalStore(Path(root)).put_if_absent("race/key.json", f"process {i}".encode())
        return True
    except ObjectExists:
        return False


def test_conditional_create_is_atomic_across_processes(tmp_path: Path) -> None:
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.map(_attempt, [(str(tmp_path), i) for i in range(24)])
    assert results.count(True) == 1
    assert (tmp_path / "race/key.json").read_bytes() == f"process {results.index(True)}".encode()
    assert not list((tmp_path / ".tmp").iterdir())  # no temporary file left behind


def test_objects_are_plain_files_and_bookkeeping_is_hidden(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    store.put_if_absent("drafts/d/versions/v0001/d.docx", b"docx", metadata={"actor": "an"})
    assert (tmp_path / "drafts/d/versions/v0001/d.docx").read_bytes() == b"docx"
    assert store.list("") == ["drafts/d/versions/v0001/d.docx"]
    assert store.location("drafts/d/versions/v0001/d.docx") == str(
        tmp_path.resolve() / "drafts/d/versions/v0001/d.docx"
    )


def test_head_survives_a_missing_sidecar(tmp_path: Path) -> None:
    # A crash between the link and the sidecar leaves the object; its hash is still known.
    store = LocalStore(tmp_path)
    stored = store.put_if_absent("a/b.json", b"{}")
    (tmp_path / ".meta/a/b.json.json").unlink()
    head = store.head("a/b.json")
    assert head is not None and head.sha256 == stored.sha256
