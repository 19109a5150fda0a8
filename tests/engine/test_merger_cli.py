"""`concord combine` end to end: answers on disk in, merged .docx, report and review page out."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
from typer.testing import CliRunner

from concord.cli import app
from tests.engine.test_merger import CIRCULATED, DATE, base_docx, changes, texts


def _answer(base: bytes, old: str, new: str, comment: str | None = None) -> bytes:
    d = docx.Document(io.BytesIO(base))
    for p in d.paragraphs:
        for run in p.runs:
            run.text = run.text.replace(old, new)
    if comment:
        d.add_comment(d.paragraphs[0].runs, text=comment, author="Someone", initials="S")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_combine_writes_merged_docx_report_and_page(tmp_path: Path) -> None:
    base = base_docx()
    (tmp_path / "base.docx").write_bytes(base)
    (tmp_path / "fin.docx").write_bytes(_answer(base, "2030", "2035", comment="Agreed."))
    (tmp_path / "jus.docx").write_bytes(_answer(base, "half", "two thirds"))
    out, report, page = tmp_path / "merged.docx", tmp_path / "r.json", tmp_path / "r.html"
    result = CliRunner().invoke(
        app,
        [
            "combine",
            str(tmp_path / "base.docx"),
            f"Ministry of Finance={tmp_path / 'fin.docx'}",
            f"Ministry of Justice={tmp_path / 'jus.docx'}",
            "-o",
            str(out),
            "--report",
            str(report),
            "--html",
            str(page),
            "--date",
            DATE,
        ],
    )
    assert result.exit_code == 0, result.output
    merged = out.read_bytes()
    rejected, accepted = texts(merged)
    assert rejected == CIRCULATED
    assert "by 2035." in accepted and "by two thirds." in accepted
    authors = {author for _, author, _ in changes(merged)}
    assert authors == {"Ministry of Finance", "Ministry of Justice"}
    data = json.loads(report.read_text("utf-8"))
    assert {i["agency"] for i in data["items"]} == authors
    assert any(i["kind"] == "comment" and i["comment"] == "Agreed." for i in data["items"])
    assert data["clashes"] == []
    assert "Ministry of Justice" in page.read_text("utf-8")


def test_combine_refuses_bad_input_with_exit_2(tmp_path: Path) -> None:
    base = tmp_path / "base.docx"
    base.write_bytes(base_docx())
    runner = CliRunner()
    bad_arg = runner.invoke(app, ["combine", str(base), "no-equals-sign", "-o", "x.docx"])
    assert bad_arg.exit_code == 2
    assert "error [bad_argument]" in bad_arg.stderr
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip at all")
    refused = runner.invoke(app, ["combine", str(base), f"A={junk}", "-o", "x.docx"])
    assert refused.exit_code == 2
    assert refused.stderr.startswith("error [")
