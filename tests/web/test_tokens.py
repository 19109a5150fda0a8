"""Agency tokens: issued once per agency and round, only their SHA-256 stored."""

from __future__ import annotations

import hashlib
from pathlib import Path

from typer.testing import CliRunner

from concord.cli import app
from concord.storage import keys
from concord.storage.factory import open_concord_store
from tests.web.conftest import Consultation, open_test_round


def test_tokens_are_issued_once_and_only_their_digest_is_stored(consultation: Consultation):
    store, rid = consultation.store, consultation.round_id
    token = consultation.tokens["bo-tu-phap"]
    stored = store.store.get(keys.token_record(rid, "bo-tu-phap"))
    assert token.encode() not in stored
    assert hashlib.sha256(token.encode()).hexdigest().encode() in stored
    assert store.issue_token(rid, "bo-tu-phap", actor="t") is None
    assert store.token_agency(rid, token).id == "bo-tu-phap"
    assert store.token_agency(rid, consultation.tokens["bo-tai-chinh"]).id == "bo-tai-chinh"
    assert store.token_agency(rid, token[:-1]) is None


def test_round_tokens_command_prints_each_token_once(home: Path):
    store = open_concord_store()
    rid = open_test_round(store)
    runner = CliRunner()
    first = runner.invoke(app, ["round", "tokens", rid])
    assert first.exit_code == 0, first.output
    lines = [line.split("\t") for line in first.stdout.splitlines() if "\t" in line]
    assert [(name, agency) for name, agency, _ in lines] == [
        ("Bộ Tài chính", "bo-tai-chinh"),
        ("Bộ Tư pháp", "bo-tu-phap"),
    ]
    for _, agency, token in lines:
        assert store.token_agency(rid, token).id == agency

    second = runner.invoke(app, ["round", "tokens", rid])
    assert second.exit_code == 0
    assert "\t" not in second.stdout
    assert "already issued" in second.stderr

    missing = runner.invoke(app, ["round", "tokens", "nope-r1"])
    assert missing.exit_code == 2
