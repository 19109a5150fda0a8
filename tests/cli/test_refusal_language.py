"""`concord` prints the engine's refusals in Vietnamese unless run with `--lang en`: run as a
user runs it, in its own process, with no CONCORD_LANG set."""

from __future__ import annotations

from pathlib import Path

import pytest

from concord.storage.factory import open_concord_store
from concord.usecases.answers import receive_answer
from concord.usecases.drafts import register_draft
from concord.usecases.rounds import open_round
from tests.flows.documents import draft_docx
from tests.support import hostile
from tests.support.cli import concord_env, run_concord
from tests.support.pdfs import plain_letter

AGENCY = "Bộ Tư pháp"


@pytest.fixture
def round_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An open round whose agency has sent its reply letter (items can be typed from it)."""
    monkeypatch.setenv("CONCORD_HOME", str(tmp_path / "home"))
    store = open_concord_store()
    draft, _ = register_draft(store, "Nghị quyết thử", draft_docx(), kind="resolution", actor="t")
    rnd = open_round(store, draft.id, [AGENCY], "2030-01-01T17:00:00+07:00", actor="t")
    receive_answer(store, rnd.id, AGENCY, None, letter_file=plain_letter(), actor="t")
    return rnd.id


def _refusal(home: Path, *args: str) -> str:
    env = concord_env(home)
    env.pop("CONCORD_LANG", None)  # the suite's own setting: a user's shell has none
    env["CONCORD_SOFFICE"] = ""  # a machine without LibreOffice
    done = run_concord(env, *args)
    assert done.returncode == 2, done.stderr
    return done.stderr.strip()


@pytest.mark.parametrize(
    ("lang", "wanted"),
    [
        (
            (),
            "[invalid_input]: không tìm thấy đoạn trích dẫn trong 'Điều 1' của dự thảo; đoạn này "
            "có ở Điều 3, khoản 1",
        ),
        (
            ("--lang", "en"),
            "[invalid_input]: the quoted passage is not in 'Điều 1' of the draft; it is in "
            "Điều 3, khoản 1",
        ),
    ],
    ids=["default", "english"],
)
def test_a_quote_not_in_the_named_place(round_id: str, tmp_path: Path, lang, wanted) -> None:
    args = ("item", "add", round_id, "--agency", AGENCY, "--where", "Điều 1")
    line = _refusal(
        tmp_path / "home", *lang, *args, "--quote", "bình đẳng giới", "--comment", "Đề nghị bỏ."
    )
    assert line.endswith(wanted), line


@pytest.mark.parametrize(
    ("lang", "wanted"),
    [
        (("--lang", "vi"), "Máy chủ Concord chưa cài LibreOffice nên không đọc được tệp .doc/.odt"),
        (("--lang", "en"), "LibreOffice is not installed on the Concord server"),
    ],
    ids=["vietnamese", "english"],
)
def test_a_doc_answer_on_a_machine_without_libreoffice(
    round_id: str, tmp_path: Path, lang, wanted
) -> None:
    path = tmp_path / "gop-y.doc"
    path.write_bytes(hostile.legacy_doc())
    line = _refusal(tmp_path / "home", *lang, "answer", round_id, "--agency", AGENCY, str(path))
    assert "[converter_missing]: " + wanted in line, line
