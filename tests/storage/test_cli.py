"""`concord audit show|verify` and `concord versions` over a directory store."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from concord.models import ConcordSettings
from concord.storage.factory import open_concord_store
from concord.storage.records import ConcordStore


@pytest.fixture
def app() -> typer.Typer:
    from concord.cli import app

    return app


@pytest.fixture
def concord(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ConcordStore:
    monkeypatch.setenv("CONCORD_HOME", str(tmp_path / "home"))
    for name in ("CONCORD_S3_BUCKET", "CONCORD_S3_ENDPOINT_URL", "CONCORD_S3_PREFIX"):
        monkeypatch.delenv(name, raising=False)
    store = open_concord_store(ConcordSettings())
    draft, _ = store.create_draft("Quy định", b"v1", actor="an")
    store.add_version(draft.id, b"v2", actor="bình", note="typos")
    return store


def test_versions_lists_every_version(app: typer.Typer, concord: ConcordStore) -> None:
    result = CliRunner().invoke(app, ["versions", "quy-dinh"], terminal_width=250)
    assert result.exit_code == 0, result.output
    assert "v1" in result.output and "v2" in result.output and "typos" in result.output
    assert "bình" in result.output


def test_audit_show_and_verify(app: typer.Typer, concord: ConcordStore) -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["audit", "show", "quy-dinh"], terminal_width=250)
    assert shown.exit_code == 0, shown.output
    for action in ("draft.registered", "version.added"):
        assert action in shown.output
    verified = runner.invoke(app, ["audit", "verify", "quy-dinh"])
    assert verified.exit_code == 0
    assert "intact: 3 audit entries" in verified.output
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 0


def test_verify_names_the_first_broken_entry(app: typer.Typer, concord: ConcordStore) -> None:
    version = concord.versions("quy-dinh")[1]
    Path(concord.location(version.key)).write_bytes(b"v2 edited in place")
    result = CliRunner().invoke(app, ["audit", "verify", "quy-dinh"], terminal_width=250)
    assert result.exit_code == 1
    assert result.output.startswith(f"BROKEN: audit/quy-dinh/0000000003.json: {version.key}")


def test_unknown_draft_is_refused(app: typer.Typer, concord: ConcordStore) -> None:
    result = CliRunner().invoke(app, ["versions", "nope"])
    assert result.exit_code == 2
    assert "no draft 'nope'" in result.output


def test_digest_then_verify_against_it(app: typer.Typer, concord: ConcordStore) -> None:
    runner = CliRunner()
    digest = runner.invoke(app, ["audit", "digest"], terminal_width=60)
    assert digest.exit_code == 0, digest.output
    line = digest.output.strip()
    assert "\n" not in line and line.startswith("concord-audit-digest/1 quy-dinh@3:")
    concord.add_version("quy-dinh", b"v3", actor="an")
    ok = runner.invoke(app, ["audit", "verify", "--against", line])
    assert ok.exit_code == 0, ok.output
    # The chain rewritten from entry 3: the digest no longer is a prefix of it.
    entry = Path(concord.location("audit/quy-dinh/0000000003.json"))
    entry.write_bytes(entry.read_bytes().replace(b'"actor":"b', b'"actor":"x'))
    broken = runner.invoke(app, ["audit", "verify", "--against", line], terminal_width=250)
    assert broken.exit_code == 1
    assert "digest: quy-dinh entry 3 differs from the digest" in broken.output
    refused = runner.invoke(app, ["audit", "verify", "--against", "nonsense"])
    assert refused.exit_code == 2
    assert "error [invalid_input]: --against: not a Concord audit digest" in refused.output


def test_verify_lists_a_crash_leftover_without_failing(
    app: typer.Typer, concord: ConcordStore
) -> None:
    # A payload whose record never came, written as Concord writes (sealed).
    concord._put_payload(
        "drafts/quy-dinh/versions/v0003/quy-dinh.docx", b"v3", actor="an", content_type="x"
    )
    result = CliRunner().invoke(app, ["audit", "verify"], terminal_width=250)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "leftover: drafts/quy-dinh/versions/v0003/quy-dinh.docx: written by Concord"
    )
    assert "1 leftover(s) of interrupted writes" in result.output
