"""A refusal is one `error [code]: message` line, a non-zero exit, no traceback, and no retry
sleeps: run as a user runs `concord`, in its own process."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from concord.storage.factory import open_concord_store
from concord.usecases.drafts import register_draft
from concord.usecases.rounds import open_round
from tests.flows.documents import draft_docx
from tests.support.cli import concord_env, run_concord


@pytest.fixture
def round_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CONCORD_HOME", str(tmp_path / "home"))
    store = open_concord_store()
    draft, _ = register_draft(store, "Nghị quyết thử", draft_docx(), kind="resolution", actor="t")
    rnd = open_round(store, draft.id, ["Bộ Tư pháp"], "2030-01-01T17:00:00+07:00", actor="t")
    return rnd.id


def _refused(home: Path, *args: str) -> tuple[str, float]:
    started = time.monotonic()
    done = run_concord(concord_env(home), *args)
    took = time.monotonic() - started
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error ["), done.stderr
    return lines[0], took


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("merge", "{round}"), "nothing_to_merge"),
        (("decide", "{round}", "i-nope", "--outcome", "accepted"), "not_found"),
        (
            ("round", "open", "no-such-draft", "--agency", "Bộ Y tế", "--deadline", "2030-01-01"),
            "record_error",
        ),
        (("round", "open", "x", "--agency", "Bộ Y tế", "--deadline", "tomorrow"), "invalid_input"),
    ],
)
def test_a_refusal_is_one_line_without_a_traceback(round_id, tmp_path, args, code):
    line, took = _refused(tmp_path / "home", *(a.format(round=round_id) for a in args))
    assert line.startswith(f"error [{code}]: ")
    # A few seconds at most: the interpreter's start, never 1+2+4 s of retry sleeps.
    assert took < 10, took


@pytest.mark.parametrize(
    ("build", "code"),
    [("sparse", "too_large"), ("ddeauto_field", "active_field"), ("xinclude", "xinclude")],
)
def test_concord_answer_refuses_a_hostile_file_and_stores_nothing(round_id, tmp_path, build, code):
    from tests.support import hostile

    path = tmp_path / "answer.docx"
    if build == "sparse":
        hostile.sparse_file(str(path))  # 1 GB: refused by its size, never read
    else:
        path.write_bytes(getattr(hostile, build)())
    home = tmp_path / "home"
    before = sorted(p for p in home.rglob("*") if p.is_file())
    line, _ = _refused(home, "answer", round_id, "--agency", "Bộ Tư pháp", str(path))
    assert line.startswith(f"error [{code}]: ")
    assert sorted(p for p in home.rglob("*") if p.is_file()) == before
