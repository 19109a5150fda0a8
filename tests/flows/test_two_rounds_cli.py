"""Two rounds through the command line: round 2 circulates the team's own revision
(`concord draft revise`); decisions are made in the merged .docx (`concord decide --from-docx`)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from docx import Document
from typer.testing import CliRunner

from concord.cli import app
from concord.engine.report_rows import DRAFTING, TEAM_OUTCOME
from concord.storage.records import ConcordStore
from tests.flows.documents import answer_docx, draft_docx
from tests.flows.test_decided_docx import FIN, JUS, _report_rows, _with_comment
from tests.support.answers import to_bytes
from tests.support.word_decide import Decided

DEADLINE = "2030-01-01T00:00:00+07:00"


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), terminal_width=400)
    assert result.exit_code == 0, result.output
    return result.stdout


def _fails(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), terminal_width=400)
    assert result.exit_code == 2, result.output
    return result.output


def _merged_path(round_id: str) -> Path:
    out = _run("merge", round_id)
    line = next(x for x in out.splitlines() if x.startswith("merged .docx: "))
    return Path(line.removeprefix("merged .docx: "))


def _edit(docx: bytes, starts: str, new_text: str) -> bytes:
    doc = Document(io.BytesIO(docx))
    p = next(p for p in doc.paragraphs if p.text.startswith(starts))
    p.runs[0].text = new_text
    for run in p.runs[1:]:
        run.text = ""
    return to_bytes(doc)


def test_two_rounds_with_the_teams_revision_and_decisions_made_in_word(
    store: ConcordStore, tmp_path: Path
) -> None:
    draft_file = tmp_path / "du-thao.docx"
    draft_file.write_bytes(draft_docx())
    draft_id = _run("draft", "add", str(draft_file), "--title", "Nghị quyết thử").strip()
    agencies = ["--agency", FIN, "--agency", JUS]
    r1 = _run("round", "open", draft_id, *agencies, "--deadline", DEADLINE).strip()
    for agency_id, name, year in (("bo-tai-chinh", FIN, "2035"), ("bo-tu-phap", JUS, "2040")):
        path = tmp_path / f"{agency_id}-1.docx"
        path.write_bytes(answer_docx(store.circulated_bytes(r1, agency_id), agency_id, year))
        _run("answer", r1, str(path), "--agency", name)

    # Round 1: Bộ Tài chính's year is taken, then changed to 2033; Bộ Tư pháp's is not.
    decided = Decided(_merged_path(r1).read_bytes())
    decided.reject(lambda author, text: author == JUS and text != "\n")
    decided.accept().replace("2035", "2033")
    decided_file = tmp_path / "r1-decided.docx"
    decided_file.write_bytes(decided.to_bytes())
    preview = json.loads(
        _run("decide", r1, "--from-docx", str(decided_file), "--dry-run", "--json")
    )
    assert store.decisions(r1) == []
    read = {d["outcome"]: d for d in preview["decisions"]}
    assert read["partly_accepted"]["text"] == "2033"
    assert set(read) == {"partly_accepted", "not_accepted"} and preview["undecided"] == []
    _run("decide", r1, "--from-docx", str(decided_file))
    assert len(store.decisions(r1)) == 2
    _run("publish", r1)
    v2 = store.version_bytes(draft_id, 2)
    assert "năm 2033." in "\n".join(p.text for p in Document(io.BytesIO(v2)).paragraphs)

    # Between rounds the drafting team revises version 2 by hand: version 3 is circulated.
    revised = tmp_path / "du-thao-lan-3.docx"
    revised.write_bytes(_edit(v2, "2. Công khai", "2. Công khai, minh bạch, kịp thời."))
    assert _run("draft", "revise", draft_id, str(revised), "--note", "Ban soạn thảo").strip() == "3"
    r2 = _run("round", "open", draft_id, *agencies, "--deadline", DEADLINE).strip()
    assert store.round(r2).version == 3

    # An answer made on round 1's copy (version 1) is refused, naming version 1.
    old = tmp_path / "old.docx"
    old.write_bytes(answer_docx(store.circulated_bytes(r1, "bo-tai-chinh"), "bo-tai-chinh", "2036"))
    assert "version 1" in _fails("answer", r2, str(old), "--agency", FIN)

    answer = tmp_path / "bo-tai-chinh-2.docx"
    copy = store.circulated_bytes(r2, "bo-tai-chinh")
    answer.write_bytes(_with_comment(copy, "2. Công khai", "Nên bỏ “kịp thời”.", "bo-tai-chinh"))
    _run("answer", r2, str(answer), "--agency", FIN)
    decided = Decided(_merged_path(r2).read_bytes()).reply("Nên bỏ", "Không tiếp thu: cần thiết.")
    decided.replace("kịp thời", "kịp thời, hiệu quả")
    decided_file = tmp_path / "r2-decided.docx"
    decided_file.write_bytes(decided.to_bytes())
    found = json.loads(_run("decide", r2, "--from-docx", str(decided_file), "--json"))
    assert [(d["outcome"], d["explanation"]) for d in found["decisions"]] == [
        ("not_accepted", "cần thiết.")
    ]
    assert [e["new"] for e in found["team_edits"]] == [", hiệu quả"]
    out = _run("publish", r2)
    report_path = Path(next(x for x in out.splitlines() if x.startswith("synthesis report: "))[18:])
    rows = _report_rows(Document(io.BytesIO(report_path.read_bytes())))
    at = rows.index(DRAFTING)
    # The team's revision circulated in round 2, then its edits made while deciding.
    assert "kịp thời" in rows[at + 1] and "hiệu quả" in rows[at + 2]
    assert TEAM_OUTCOME in rows[at + 1] and TEAM_OUTCOME in rows[at + 2]
    v4 = Document(io.BytesIO(store.version_bytes(draft_id, 4)))
    assert "2. Công khai, minh bạch, kịp thời, hiệu quả." in [p.text for p in v4.paragraphs]
