"""`concord draft add` and `concord draft list` (tasks run directly, no server)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from concord.cli import app
from concord.storage.records import ConcordStore
from tests.flows.conftest import OpenRound
from tests.support.drafts import draft_docx


def test_draft_list_names_drafts_and_their_rounds(open_round_: OpenRound) -> None:
    result = CliRunner().invoke(app, ["draft", "list"], terminal_width=300)
    assert result.exit_code == 0, result.output
    rnd = open_round_.store.round(open_round_.round_id)
    assert rnd.draft_id in result.output and rnd.id in result.output
    assert "Nghị quyết thử" in result.output


def test_a_draft_with_pending_tracked_changes_is_refused(store: ConcordStore, tmp_path: Path):
    path = tmp_path / "draft.docx"
    path.write_bytes(draft_docx(tracked=True))
    result = CliRunner().invoke(app, ["draft", "add", str(path), "--title", "Nghị quyết"])
    assert result.exit_code == 2
    assert "error [pending_revisions]" in result.output and "Accept or reject" in result.output
    assert store.drafts() == []


def test_a_revision_with_pending_tracked_changes_is_refused(open_round_: OpenRound, tmp_path):
    store = open_round_.store
    draft_id = store.round(open_round_.round_id).draft_id
    path = tmp_path / "lan-2.docx"
    path.write_bytes(draft_docx(tracked=True))
    result = CliRunner().invoke(app, ["draft", "revise", draft_id, str(path)])
    assert result.exit_code == 2
    assert "error [pending_revisions]" in result.output
    assert [v.number for v in store.versions(draft_id)] == [1]
