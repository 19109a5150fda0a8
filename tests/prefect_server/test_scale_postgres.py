"""The rounds of test_rounds_on_server, on the setup docs/SCALE.md describes for a government.

PostgreSQL, Redis messaging with the API server and the services in separate processes, and two
Concord workers (`python -m concord.worker`) sharing one CONCORD_HOME. As there, no flow is
called here: uploads are stored by `concord answer`, and reading, merging and the deadline happen
in the workers, as advance-round flow runs reported to the PostgreSQL-backed server.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from tests.flows.documents import draft_docx
from tests.prefect_server.test_rounds_on_server import Concord, _answers, _open
from tests.support.prefect_scale import ScaledPrefect, postgres_reachable, scaled_prefect

pytestmark = [
    pytest.mark.prefect_server,
    pytest.mark.skipif(not postgres_reachable(), reason="no PostgreSQL on 127.0.0.1:5432"),
]

WORKERS = 2


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Concord, ScaledPrefect]]:
    home = tmp_path_factory.mktemp("concord-scale")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CONCORD_"))}
    # The workers' flow runs and the `concord` commands here must see the same store.
    env["CONCORD_HOME"] = str(home / ".concord")
    with scaled_prefect(env, home / "logs", workers=WORKERS) as setup:
        yield Concord(home, setup.env, setup.api_url), setup


@pytest.fixture(scope="module")
def draft_id(scaled: tuple[Concord, ScaledPrefect]) -> str:
    concord, _ = scaled
    draft = concord.home / "draft.docx"
    draft.write_bytes(draft_docx())
    return concord.run("draft", "add", str(draft), "--title", "Nghị quyết thử")


def _advanced_by_workers(setup: ScaledPrefect, round_id: str) -> None:
    # A worker logs "advanced" when its flow run returns, which is after the merged version it
    # stored (and the test saw): give the run time to finish its last steps.
    deadline = time.monotonic() + 60
    by_worker = [setup.rounds_advanced_by(i) for i in range(WORKERS)]
    while not any(round_id in advanced for advanced in by_worker) and time.monotonic() < deadline:
        time.sleep(0.5)
        by_worker = [setup.rounds_advanced_by(i) for i in range(WORKERS)]
    for index, advanced in enumerate(by_worker):
        print(f"worker-{index} advanced {round_id} {advanced.count(round_id)} time(s)")
    assert any(round_id in advanced for advanced in by_worker)


def test_a_round_is_read_and_merged_once_by_two_workers_on_postgres(
    scaled: tuple[Concord, ScaledPrefect], draft_id: str
):
    concord, setup = scaled
    round_id = _open(concord, draft_id, datetime.now(UTC) + timedelta(hours=1))
    years = {"bo-tai-chinh": "2035", "bo-tu-phap": "2040", "bo-y-te": "2032"}
    for agency, path in _answers(concord, round_id, years).items():
        concord.run("answer", round_id, "--agency", agency, str(path))

    merged = concord.wait_merged(round_id, timeout=240)
    assert all(s.ingested and s.items == 1 for s in merged.agencies)
    assert merged.merged.clash_count == 1 and len(merged.merged.answers) == 3
    last_upload = max(a.uploaded_at for a in concord.store().answers(round_id))
    took = (merged.merged.merged_at - last_upload).total_seconds()
    print(f"last upload -> merged on PostgreSQL ({setup.messaging} messaging): {took:.1f} s")

    runs = concord.finished_runs(round_id)
    assert runs and all(r["state_type"] == "COMPLETED" for r in runs)
    for run in sorted(runs, key=lambda r: r["created"]):
        print(run["name"], run["created"], run["start_time"], run["end_time"])
    # Two workers sweep the same store: the answers were merged once all the same.
    assert len(concord.merges(round_id)) == 1
    _advanced_by_workers(setup, round_id)


def test_a_deadline_on_postgres_is_kept_once_by_two_workers(
    scaled: tuple[Concord, ScaledPrefect], draft_id: str
):
    concord, setup = scaled
    # Close enough to pass soon, far enough for `concord round open` and one upload.
    round_id = _open(concord, draft_id, datetime.now(UTC) + timedelta(seconds=40))
    path = _answers(concord, round_id, {"bo-tai-chinh": "2036"})["bo-tai-chinh"]
    concord.run("answer", round_id, "--agency", "bo-tai-chinh", str(path))

    # Not complete, so nothing merges it before the deadline; a worker keeps the deadline.
    at_deadline = concord.wait_merged(round_id, timeout=240)
    assert [s.agency.id for s in at_deadline.agencies if not s.answered] == [
        "bo-tu-phap",
        "bo-y-te",
    ]
    assert len(at_deadline.merged.answers) == 1
    late_by = (at_deadline.merged.merged_at - at_deadline.round.deadline).total_seconds()
    print(f"deadline -> merged on PostgreSQL: {late_by:.1f} s")
    reminded = {
        e.details["agency"]
        for e in concord.store().audit.entries(draft_id)
        if e.action == "reminder.sent" and e.details["round"] == round_id
    }
    assert reminded == {"bo-tu-phap", "bo-y-te"}
    kept = [
        e
        for e in concord.store().audit.entries(draft_id)
        if e.action == "round.deadline_kept" and e.details["round"] == round_id
    ]
    assert len(kept) == 1  # two workers, one deadline kept
    _advanced_by_workers(setup, round_id)
