"""Concord on a real Prefect server, driven only through the `concord` command line.

`concord up` runs in a temporary CONCORD_HOME; answers go in with `concord answer`; no flow is
called here: ingesting, merging and the deadline happen through events and scheduled runs.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from concord.models import ConcordSettings, RoundStatus
from concord.runtime import free_port
from concord.storage.factory import open_concord_store
from concord.storage.records import ConcordStore
from tests.flows.documents import answer_docx, draft_docx

pytestmark = pytest.mark.prefect_server

CONCORD = str(Path(sys.executable).parent / "concord")
AGENCIES = ("Bộ Tài chính", "Bộ Tư pháp", "Bộ Y tế")


@dataclass
class Concord:
    home: Path
    env: dict[str, str]
    api_url: str

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [CONCORD, *args], env=self.env, cwd=self.home, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def status(self, round_id: str) -> RoundStatus:
        return RoundStatus.model_validate_json(self.run("round", "status", round_id, "--json"))

    def store(self) -> ConcordStore:
        return open_concord_store(ConcordSettings(home=self.home / ".concord"))

    def wait_merged(self, round_id: str, timeout: float = 180.0) -> RoundStatus:
        """Polls the store (cheap), then reads the status the way a person does: the CLI."""
        started = time.monotonic()
        while self.store().latest_merge(round_id) is None:
            assert time.monotonic() - started < timeout, self.run("round", "status", round_id)
            time.sleep(0.2)
        return self.status(round_id)

    def flow_runs(self, flow_name: str) -> list[dict]:
        body = json.dumps({"flows": {"name": {"any_": [flow_name]}}}).encode()
        request = urllib.request.Request(
            f"{self.api_url}/flow_runs/filter",
            data=body,
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())


@pytest.fixture(scope="module")
def concord(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Concord]:
    home = tmp_path_factory.mktemp("concord-server")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CONCORD_"))}
    env["CONCORD_HOME"] = str(home / ".concord")
    port = free_port(4200)
    log = (home / "up.log").open("w")
    up = subprocess.Popen(
        [CONCORD, "up", "--port", str(port)], env=env, cwd=home, stdout=log, stderr=log
    )
    try:
        started = time.monotonic()
        while "Concord is up" not in (home / "up.log").read_text():
            assert up.poll() is None, (home / "up.log").read_text()
            assert time.monotonic() - started < 240, "concord up did not start in 240 s"
            time.sleep(0.5)
        print(f"\nconcord up ready in {time.monotonic() - started:.1f} s")
        api_url = (home / ".concord" / "prefect" / "api-url").read_text().strip()
        yield Concord(home, env, api_url)
    finally:
        up.send_signal(signal.SIGTERM)
        try:
            up.wait(timeout=30)
        except subprocess.TimeoutExpired:
            up.kill()
            up.wait()
        log.close()
    assert not (home / ".concord" / "prefect" / "api-url").exists()


def _answers(concord: Concord, round_id: str, years: dict[str, str]) -> dict[str, Path]:
    store = concord.store()
    files = {}
    for agency, year in years.items():
        path = concord.home / f"{round_id}-{agency}.docx"
        path.write_bytes(answer_docx(store.circulated_bytes(round_id, agency), agency, year))
        files[agency] = path
    return files


def _open(concord: Concord, draft_id: str, deadline: datetime) -> str:
    args = [f"--agency={a}" for a in AGENCIES]
    return concord.run("round", "open", draft_id, *args, "--deadline", deadline.isoformat())


def test_answers_are_ingested_and_merged_and_deadlines_kept(concord: Concord):
    draft = concord.home / "draft.docx"
    draft.write_bytes(draft_docx())
    draft_id = concord.run("draft", "add", str(draft), "--title", "Nghị quyết thử")
    # A deadline close enough to pass during the test; Bộ Y tế never answers it.
    late = _open(concord, draft_id, datetime.now(UTC) + timedelta(seconds=75))
    partial = _answers(concord, late, {"bo-tai-chinh": "2036", "bo-tu-phap": "2041"})
    for agency, path in partial.items():
        concord.run("answer", late, "--agency", agency, str(path))

    full = _open(concord, draft_id, datetime.now(UTC) + timedelta(hours=1))
    years = {"bo-tai-chinh": "2035", "bo-tu-phap": "2040", "bo-y-te": "2032"}
    files = _answers(concord, full, years)
    concord.run("answer", full, "--agency", "bo-tai-chinh", str(files["bo-tai-chinh"]))
    # The same file again: stored once, announced with the same event id, ingested once.
    concord.run("answer", full, "--agency", "bo-tai-chinh", str(files["bo-tai-chinh"]))
    concord.run("answer", full, "--agency", "bo-tu-phap", str(files["bo-tu-phap"]))
    concord.run("answer", full, "--agency", "bo-y-te", str(files["bo-y-te"]))

    merged = concord.wait_merged(full)
    assert all(s.ingested and s.items == 1 for s in merged.agencies)
    assert merged.merged.clash_count == 1 and len(merged.merged.answers) == 3
    store = concord.store()
    last_upload = max(a.uploaded_at for a in store.answers(full))
    print(f"last upload -> merged: {(merged.merged.merged_at - last_upload).total_seconds():.1f} s")
    runs = concord.flow_runs("ingest-answer")
    for run in runs:
        print(run["parameters"]["answer_key"], run["created"], run["start_time"], run["end_time"])
    assert len([r for r in runs if r["parameters"]["round_id"] == full]) == 3
    assert len(store.answers(full)) == 3

    at_deadline = concord.wait_merged(late)
    assert [s.agency.id for s in at_deadline.agencies if not s.answered] == ["bo-y-te"]
    assert len(at_deadline.merged.answers) == 2
    late_by = at_deadline.merged.merged_at - at_deadline.round.deadline
    print(f"deadline -> merged: {late_by.total_seconds():.1f} s")
    reminders = [
        e.details
        for e in store.audit.entries(draft_id)
        if e.action == "reminder.sent" and e.details["round"] == late
    ]
    assert reminders == [{"round": late, "agency": "bo-y-te"}]
