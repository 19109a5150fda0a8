from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from concord.cli import app
from tests.support.answers import body_paragraphs, circulated, dele, ins, run, set_content, to_bytes


def test_read_prints_json_items(tmp_path: Path) -> None:
    base = tmp_path / "v2.docx"
    base.write_bytes(to_bytes(circulated()))
    doc = circulated()
    set_content(body_paragraphs(doc)[2], run("Nghị quyết này quy định chính sách phát triển năm "),
                dele("2030", "A"), ins("2035", "A"), run("."))  # fmt: skip
    answer = tmp_path / "bo-tai-chinh.docx"
    answer.write_bytes(to_bytes(doc))
    result = CliRunner().invoke(
        app, ["read", str(answer), "--base", str(base), "--agency", "Bộ Tài chính", "--json"]
    )
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.stdout)
    assert (item["kind"], item["old"], item["new"], item["agency"]) == (
        "replace", "2030", "2035", "Bộ Tài chính",
    )  # fmt: skip
    assert item["location"] == "Điều 1" and item["block"] == 2 and len(item["id"]) == 12
    table = CliRunner().invoke(app, ["read", str(answer), "--base", str(base)])
    assert table.exit_code == 0 and "replace" in table.stdout


def test_read_refuses_a_file_that_is_not_a_docx(tmp_path: Path) -> None:
    base = tmp_path / "v2.docx"
    base.write_bytes(to_bytes(circulated()))
    bad = tmp_path / "answer.docx"
    bad.write_bytes(b"this is not a zip file")
    result = CliRunner().invoke(app, ["read", str(bad), "--base", str(base)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error [")
