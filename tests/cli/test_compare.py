"""`concord compare`: two stored versions of a draft as a redline .docx and a review page."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from concord.cli import app
from concord.engine.ooxml import NS, parse_xml, read_parts
from concord.models import ConcordSettings
from concord.storage.factory import open_concord_store


def _resolution(clause: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("Điều 1. Phạm vi điều chỉnh")
    document.add_paragraph(clause)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.fixture
def draft_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CONCORD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CONCORD_S3_BUCKET", raising=False)
    store = open_concord_store(ConcordSettings())
    draft, _ = store.create_draft(
        "Nghị quyết thử", _resolution("1. Áp dụng đến năm 2030."), actor="ban soạn thảo"
    )
    store.add_version(draft.id, _resolution("1. Áp dụng đến năm 2035."), actor="ban soạn thảo")
    return draft.id


def test_compare_writes_the_changes_as_tracked_changes(draft_id: str, tmp_path: Path) -> None:
    out, page = tmp_path / "diff.docx", tmp_path / "diff.html"
    result = CliRunner().invoke(
        app, ["compare", draft_id, "1", "2", "-o", str(out), "--html", str(page)]
    )
    assert result.exit_code == 0, result.output
    body = parse_xml(read_parts(out.read_bytes())["word/document.xml"])
    deleted = "".join(body.xpath("//w:del//w:delText/text()", namespaces=NS))
    inserted = "".join(body.xpath("//w:ins//w:t/text()", namespaces=NS))
    assert "2030" in deleted and "2035" in inserted
    assert {a for a in body.xpath("//w:ins/@w:author | //w:del/@w:author", namespaces=NS)} == {
        "Version 2"
    }
    assert "2035" in page.read_text(encoding="utf-8")


def test_compare_names_a_missing_version(draft_id: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["compare", draft_id, "1", "7", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "error [" in result.output and "7" in result.output
    assert not (tmp_path / "x").exists()
