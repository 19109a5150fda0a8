"""A whole round on a real service: `concord up` (Prefect server on SQLite + Concord's worker),
a 180-page draft, N agencies uploading in a burst. Prints, per answer, upload -> items stored
(p50/p95), the last upload -> merged, the worker's advance-round runs split into stages
(event -> run created -> running -> done), the peak memory of everything `concord up` runs,
and, with --s3, the S3 requests per answer (SeaweedFS behind a counting proxy).

    .venv/bin/python benchmarks/bench_round.py [--agencies 5 200] [--s3]

Targets (2 cores): upload -> items p50 <= 2 s, p95 <= 5 s (round of 5); last upload -> merged
<= 5 s (5) and <= 60 s (200, burst); peak memory <= 1 GB (200).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_merge import answer, draft
from concord.engine.ooxml import read_parts
from concord.models import ConcordSettings
from concord.storage.factory import open_concord_store
from concord.storage.records import ConcordStore
from concord.usecases.answers import submit_answer
from concord.usecases.drafts import register_draft
from concord.usecases.rounds import open_round

CONCORD = str(Path(sys.executable).with_name("concord"))
PARAGRAPHS = 2000  # ~180 pages (benchmarks/bench_merge.py)


# -- memory of a process tree (Linux /proc) -------------------------------------------------


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and every process below it."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[int(entry.name)] = int(line.split()[1]) * 1024
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


class PeakMemory:
    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, _tree_rss(self.pid))

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# -- the service ----------------------------------------------------------------------------


@contextlib.contextmanager
def concord_up(env: dict[str, str], home: Path) -> Iterator[tuple[subprocess.Popen, str]]:
    log = (home / "up.log").open("w")
    proc = subprocess.Popen([CONCORD, "up"], env=env, stdout=log, stderr=log, cwd=home)
    started = time.monotonic()
    try:
        while "Concord is up" not in (home / "up.log").read_text():
            if proc.poll() is not None or time.monotonic() - started > 240:
                raise SystemExit((home / "up.log").read_text())
            time.sleep(0.3)
        print(f"concord up ready in {time.monotonic() - started:.1f} s")
        api = (Path(env["CONCORD_HOME"]) / "prefect" / "api-url").read_text().strip()
        yield proc, api
    finally:
        proc.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=30)
        log.close()


def flow_runs(api: str, round_id: str) -> list[dict]:
    body = json.dumps({"flows": {"name": {"any_": ["advance-round"]}}, "limit": 200}).encode()
    request = urllib.request.Request(
        f"{api}/flow_runs/filter", data=body, headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        runs = json.loads(response.read())
    return [r for r in runs if r["parameters"].get("round_id") == round_id]


# -- one round ------------------------------------------------------------------------------


def prepare(store: ConcordStore, agencies: int, rng: random.Random) -> tuple[str, list[bytes]]:
    base = draft(PARAGRAPHS, rng)
    made, _ = register_draft(store, f"Bench {agencies}", base, kind="resolution", actor="bench")
    names = [f"Cơ quan thử số {n:03d}" for n in range(agencies)]
    rnd = open_round(store, made.id, names, datetime.now(UTC) + timedelta(days=7), actor="bench")
    answers = [
        answer(read_parts(store.circulated_bytes(rnd.id, a.id)), a.name, rng).docx
        for a in rnd.agencies
    ]
    return rnd.id, answers


def upload_burst(store: ConcordStore, round_id: str, answers: list[bytes]) -> list[float]:
    """Upload every answer as the web app does (a few at once); each upload's seconds (checked,
    read and stored: what the agency waits for its receipt)."""
    from concord.flows import service

    rnd = store.round(round_id)

    def one(index: int) -> float:
        agency = rnd.agencies[index]
        started = time.monotonic()
        stored, _ = submit_answer(
            store, round_id, agency.id, answers[index], filename="a.docx", actor=agency.id
        )
        took = time.monotonic() - started
        service.answer_stored(stored)
        return took

    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(one, range(len(answers))))


def wait_merged(store: ConcordStore, round_id: str, count: int, timeout: float) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        merged = store.latest_merge(round_id)
        if merged is not None and len(merged.answers) == count:
            return
        time.sleep(0.2)
    raise SystemExit(f"{round_id} not merged with {count} answers within {timeout:.0f} s")


def report(store: ConcordStore, api: str, round_id: str, peak: int) -> None:
    draft_id = store.round(round_id).draft_id
    entries = store.audit.entries(draft_id)
    uploaded = {
        e.subject_key: e.at
        for e in entries
        if e.action == "answer.uploaded" and e.details.get("round") == round_id
    }
    by_sha = {}
    for key, at in uploaded.items():
        by_sha.setdefault(key.rsplit("-", 1)[-1].removesuffix(".docx"), at)
    read = [
        (e.at - by_sha[e.subject_key.rsplit("/", 1)[-1][:16]]).total_seconds()
        for e in entries
        if e.action == "answer.ingested" and e.details.get("round") == round_id
    ]
    merged_at = next(e.at for e in reversed(entries) if e.action == "round.merged")
    last = max(uploaded.values())
    n = len(uploaded)
    p95 = statistics.quantiles(read, n=20)[18] if len(read) > 1 else read[0]
    p50 = statistics.median(read)
    print(f"round of {n}: upload stored -> items stored p50 {p50:.2f} s, p95 {p95:.2f} s")
    print(f"round of {n}: last upload -> merged {(merged_at - last).total_seconds():.2f} s")
    print(f"round of {n}: peak memory of concord up (server + worker) {peak / 2**20:.0f} MB")
    stages = []
    for run in flow_runs(api, round_id):
        if run.get("start_time") and run.get("end_time"):
            created = datetime.fromisoformat(run["created"])
            start = datetime.fromisoformat(run["start_time"])
            end = datetime.fromisoformat(run["end_time"])
            stages.append(
                (
                    (created - last).total_seconds(),
                    (start - created).total_seconds(),
                    (end - start).total_seconds(),
                )
            )
    if stages:
        print(
            f"round of {n}: {len(stages)} advance-round run(s) in the worker; last upload -> run "
            f"created {max(s[0] for s in stages):.2f} s, created -> running "
            f"{statistics.median(s[1] for s in stages):.2f} s (median), running -> done "
            f"{statistics.median(s[2] for s in stages):.2f} s (median)"
        )


def run_round(env: dict[str, str], api: str, up: subprocess.Popen, agencies: int) -> None:
    store = open_concord_store(ConcordSettings())
    round_id, answers = prepare(store, agencies, random.Random(agencies))
    with PeakMemory(up.pid) as memory:
        took = upload_burst(store, round_id, answers)
        wait_merged(store, round_id, agencies, timeout=600)
        time.sleep(1)
    p95 = statistics.quantiles(took, n=20)[18] if len(took) > 1 else took[0]
    print(
        f"round of {agencies}: each upload checked, read and stored (the receipt's wait) "
        f"p50 {statistics.median(took):.2f} s, p95 {p95:.2f} s"
    )
    report(store, api, round_id, memory.peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", type=int, nargs="+", default=[5, 200])
    parser.add_argument("--s3", action="store_true", help="store in SeaweedFS behind a proxy")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        home = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CONCORD_"))}
        env["CONCORD_HOME"] = str(home / ".concord")
        proxy = None
        if args.s3:
            proxy = stack.enter_context(_s3(home, env))
        os.environ.update({k: v for k, v in env.items() if k.startswith(("CONCORD_", "AWS_"))})
        up, api = stack.enter_context(concord_up(env, home))
        for count in args.agencies:
            before = sum(proxy.seen.values()) if proxy else 0
            run_round(env, api, up, count)
            if proxy:
                requests = sum(proxy.seen.values()) - before
                print(
                    f"round of {count}: {requests / count:.1f} S3 requests per answer "
                    f"(every process: uploads, worker, merge)"
                )


@contextlib.contextmanager
def _s3(home: Path, env: dict[str, str]) -> Iterator[object]:
    from tests.storage.flaky_proxy import FlakyProxy
    from tests.support.seaweed import ACCESS_KEY, SECRET_KEY, run_seaweed

    with run_seaweed(home / "weed") as server:
        server.client().create_bucket(Bucket="concord-bench")
        with FlakyProxy(server.endpoint_url) as proxy:
            env.update(
                CONCORD_S3_BUCKET="concord-bench",
                CONCORD_S3_ENDPOINT_URL=proxy.url,
                AWS_ACCESS_KEY_ID=ACCESS_KEY,
                AWS_SECRET_ACCESS_KEY=SECRET_KEY,
                AWS_REGION="us-east-1",
            )
            yield proxy


if __name__ == "__main__":
    main()
