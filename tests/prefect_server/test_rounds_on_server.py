"""Concord on a real Prefect server, driven only as a user drives it: the `concord` command line
and the web app.

One `concord up` (server + worker) per module, with a web app started BEFORE it; no flow is
called here: reading, merging and the deadline happen in the worker. Faults are real: the Prefect
server and the worker are killed with SIGKILL while answers arrive, and `concord up` restarts
them. Every upload must get its receipt and every round be merged exactly once.
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
from concord.storage.keys import merges_prefix
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

    web_url: str = ""

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [CONCORD, *args], env=self.env, cwd=self.home, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def kill(self, name: str) -> None:
        """SIGKILL a child of `concord up` ("server" or "worker") with everything it started."""
        pid = int((self.home / ".concord" / "prefect" / f"{name}.pid").read_text())
        os.killpg(pid, signal.SIGKILL)

    def merges(self, round_id: str) -> list[str]:
        listed = self.store().store.list(merges_prefix(round_id))
        return [k for k in listed if k.endswith("/merge.json")]

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

    def finished_runs(self, round_id: str, timeout: float = 60) -> list[dict]:
        """The round's advance-round runs once none is still going: a run stores the merged
        version (which a test waits for), then finishes its last steps."""
        deadline = time.monotonic() + timeout
        while True:
            runs = [
                r
                for r in self.flow_runs("advance-round")
                if r["parameters"]["round_id"] == round_id
            ]
            going = [r for r in runs if r["state_type"] in ("SCHEDULED", "PENDING", "RUNNING")]
            if not going or time.monotonic() > deadline:
                return runs
            time.sleep(0.5)


@pytest.fixture(scope="module")
def concord(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Concord]:
    home = tmp_path_factory.mktemp("concord-server")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CONCORD_"))}
    env["CONCORD_HOME"] = str(home / ".concord")
    web_port = free_port(8000)
    web_log = (home / "web.log").open("w")
    # The web app first: it must find the service that starts after it.
    web = subprocess.Popen(
        [CONCORD, "web", "--port", str(web_port)], env=env, cwd=home, stdout=web_log, stderr=web_log
    )
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
        yield Concord(home, env, api_url, f"http://127.0.0.1:{web_port}")
    finally:
        for proc in (up, web):
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()
        web_log.close()
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


@pytest.fixture(scope="module")
def draft_id(concord: Concord) -> str:
    draft = concord.home / "draft.docx"
    draft.write_bytes(draft_docx())
    return concord.run("draft", "add", str(draft), "--title", "Nghị quyết thử")


YEARS = {"bo-tai-chinh": "2035", "bo-tu-phap": "2040", "bo-y-te": "2032"}


def _merged_once(concord: Concord, round_id: str) -> RoundStatus:
    merged = concord.wait_merged(round_id)
    assert all(s.ingested and s.items == 1 for s in merged.agencies)
    assert merged.merged.clash_count == 1 and len(merged.merged.answers) == 3
    time.sleep(3)  # a few more sweeps: none may merge the same answers again
    assert len(concord.merges(round_id)) == 1
    return merged


def test_answers_are_read_and_merged_in_the_worker_and_deadlines_kept(
    concord: Concord, draft_id: str
):
    # A deadline close enough to pass during the test; Bộ Y tế never answers it.
    late = _open(concord, draft_id, datetime.now(UTC) + timedelta(seconds=40))
    partial = _answers(concord, late, {"bo-tai-chinh": "2036", "bo-tu-phap": "2041"})
    for agency, path in partial.items():
        concord.run("answer", late, "--agency", agency, str(path))

    full = _open(concord, draft_id, datetime.now(UTC) + timedelta(hours=1))
    files = _answers(concord, full, YEARS)
    for agency in YEARS:
        concord.run("answer", full, "--agency", agency, str(files[agency]))
    merged = _merged_once(concord, full)
    store = concord.store()
    last_upload = max(a.uploaded_at for a in store.answers(full))
    print(f"last upload -> merged: {(merged.merged.merged_at - last_upload).total_seconds():.1f} s")
    # The work shows in the Prefect UI as advance-round runs, run in the worker's process.
    runs = concord.finished_runs(full)
    assert runs and all(r["state_type"] == "COMPLETED" for r in runs)

    at_deadline = concord.wait_merged(late, timeout=120)
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


def test_uploads_through_a_web_app_started_before_the_service(concord: Concord, draft_id: str):
    round_id = _open(concord, draft_id, datetime.now(UTC) + timedelta(hours=1))
    tokens = {
        line.split("\t")[1]: line.split("\t")[2]
        for line in concord.run("round", "tokens", round_id).splitlines()
    }
    files = _answers(concord, round_id, YEARS)
    for agency, path in files.items():
        status = _web_upload(concord.web_url, round_id, tokens[agency], path)
        assert status == 201
    _merged_once(concord, round_id)


def test_prefect_killed_during_uploads_loses_nothing(concord: Concord, draft_id: str):
    round_id = _open(concord, draft_id, datetime.now(UTC) + timedelta(hours=1))
    files = _answers(concord, round_id, YEARS)
    concord.kill("server")
    for agency, path in files.items():
        # Every upload gets its receipt (exit 0, the key printed) while Prefect is down.
        assert concord.run("answer", round_id, "--agency", agency, str(path))
    _merged_once(concord, round_id)
    _wait_healthy(concord.api_url)  # `concord up` started the server again


def test_a_worker_killed_while_answers_arrive_loses_nothing(concord: Concord, draft_id: str):
    round_id = _open(concord, draft_id, datetime.now(UTC) + timedelta(hours=1))
    files = _answers(concord, round_id, YEARS)
    for index, (agency, path) in enumerate(files.items()):
        concord.run("answer", round_id, "--agency", agency, str(path))
        if index == 1:
            concord.kill("worker")
    _merged_once(concord, round_id)


def _web_upload(base: str, round_id: str, token: str, path: Path) -> int:
    """As an agency does: the token exchanged for a session, then the upload form."""
    import httpx

    from tests.web.conftest import csrf_in

    with httpx.Client(base_url=base, timeout=60) as client:
        exchanged = client.post("/answer", data={"round_id": round_id, "token": token})
        assert exchanged.status_code in (200, 303), exchanged.text
        page = client.get(f"/answer/{round_id}")
        response = client.post(
            f"/answer/{round_id}/upload",
            data={"csrf": csrf_in(page.text)},
            files={"file": (path.name, path.read_bytes())},
        )
    return response.status_code


def _wait_healthy(api_url: str, timeout: float = 120.0) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("the Prefect server was not started again")
