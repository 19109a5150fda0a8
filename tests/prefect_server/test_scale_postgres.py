"""The round of test_rounds_on_server, on the setup docs/SCALE.md describes for a government.

PostgreSQL, Redis messaging with the API server and the services in separate processes, the
deployments of prefect.yaml on a process work pool and two workers sharing one CONCORD_HOME. As
there, no flow is called here: uploads are announced by `concord answer`, and ingesting and
merging happen on the workers.
"""

from __future__ import annotations

import os
import re
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


def _submitted_runs(setup: ScaledPrefect, index: int) -> set[str]:
    """Flow-run ids a worker's log says it started (it logs each submission at INFO)."""
    return set(re.findall(r"[Ss]ubmitting flow run '([0-9a-f-]{36})'", setup.worker_log(index)))


def test_a_round_is_ingested_and_merged_by_two_workers_on_postgres(
    scaled: tuple[Concord, ScaledPrefect],
):
    concord, setup = scaled
    draft = concord.home / "draft.docx"
    draft.write_bytes(draft_docx())
    draft_id = concord.run("draft", "add", str(draft), "--title", "Nghị quyết thử")
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

    ingests = [
        r for r in concord.flow_runs("ingest-answer") if r["parameters"]["round_id"] == round_id
    ]
    assert len(ingests) == 3 and all(r["state_type"] == "COMPLETED" for r in ingests)
    by_worker = [_submitted_runs(setup, i) for i in range(WORKERS)]
    for index, runs in enumerate(by_worker):
        print(f"worker-{index} ran {len(runs)} flow run(s)")
    # Every ingest ran on one of the pool's workers; which one is up to Prefect.
    assert {r["id"] for r in ingests} <= set().union(*by_worker)
