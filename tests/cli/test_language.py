"""The commands speak Vietnamese unless asked for English (`--lang en`, CONCORD_LANG=en), while
what a script reads (ids, paths, `label: PATH` lines) is the same in both."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from concord.cli import app
from concord.storage.factory import forget_stores, open_concord_store
from concord.usecases.drafts import register_draft
from concord.usecases.rounds import open_round
from tests.flows.documents import draft_docx


@pytest.fixture
def round_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CONCORD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CONCORD_S3_BUCKET", raising=False)
    monkeypatch.delenv("CONCORD_LANG", raising=False)  # the suite speaks English: not here
    forget_stores()
    store = open_concord_store()
    draft, _ = register_draft(store, "Nghị quyết thử", draft_docx(), kind="resolution", actor="t")
    rnd = open_round(store, draft.id, ["Bộ Tư pháp"], "2030-01-01T17:00:00+07:00", actor="t")
    return rnd.id


def test_a_command_reports_in_vietnamese_by_default_and_in_english_on_request(
    round_id: str,
) -> None:
    runner = CliRunner()
    closed = runner.invoke(app, ["round", "close", round_id])
    assert closed.exit_code == 0, closed.output
    assert closed.output.strip() == f"Đã đóng đợt {round_id}"
    again = runner.invoke(app, ["--lang", "en", "round", "close", round_id])
    assert again.output.strip() == f"round {round_id} was already closed"


def test_table_headers_follow_the_language(round_id: str) -> None:
    runner = CliRunner()
    vi = runner.invoke(app, ["round", "status", round_id], env={"COLUMNS": "200"})
    assert vi.exit_code == 0, vi.output
    assert "Cơ quan" in vi.output and "hạn 2030-01-01" in vi.output and "deadline" not in vi.output
    en = runner.invoke(
        app, ["round", "status", round_id], env={"COLUMNS": "200", "CONCORD_LANG": "en"}
    )
    assert (
        "agency" in en.output and "deadline 2030-01-01" in en.output and "Cơ quan" not in en.output
    )


def test_a_commands_own_refusal_is_vietnamese_by_default(round_id: str) -> None:
    draft_id = open_concord_store().round(round_id).draft_id
    refused = CliRunner().invoke(app, ["disputes", draft_id])
    assert refused.exit_code == 2
    assert refused.output.startswith("error [invalid_input]: Hãy cho biết nơi ghi báo cáo")


def test_a_refused_actor_is_told_in_vietnamese_what_to_do(round_id: str) -> None:
    refused = CliRunner().invoke(app, ["round", "close", round_id, "--actor", "Vụ Pháp chế"])
    assert refused.exit_code == 2
    assert refused.output.startswith("error [actor_not_allowed]: Người dùng máy ")
    assert "quản trị viên" in refused.output and "concord user map" in refused.output


def test_a_token_line_is_printed_whole_beside_a_vietnamese_note(round_id: str) -> None:
    shown = CliRunner().invoke(app, ["round", "tokens", round_id])
    assert shown.exit_code == 0, shown.output
    name, agency, token = shown.stdout.strip().split("\t")
    assert (name, agency) == ("Bộ Tư pháp", "bo-tu-phap")
    assert open_concord_store().token_agency(round_id, token).id == "bo-tu-phap"
    assert "chỉ hiển thị một lần" in shown.stderr
