"""Prefect set up the way docs/SCALE.md describes, on this machine, for one test run.

PostgreSQL (a scratch database, dropped afterwards) instead of SQLite; Redis messaging (a scratch
Redis database, flushed afterwards) so the API server and the services run as separate processes;
Concord's deployments from prefect.yaml on a process work pool; several `prefect worker start`
processes sharing one CONCORD_HOME. Without Redis the API server runs its own services on the
in-memory broker (one API server only).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import redis

from concord.runtime import HOST, RuntimeFailure, port_open, stop, wait_healthy

ROOT = Path(__file__).resolve().parents[2]
PREFECT = [sys.executable, "-m", "prefect", "--no-prompt"]
PG_PORT = 5432
REDIS_PORT = 6379
# A fresh PostgreSQL database runs every migration at start; loaded CI machines are slow.
HEALTHY_WITHIN = 240.0


def postgres_reachable() -> bool:
    return port_open(HOST, PG_PORT)


def redis_reachable() -> bool:
    return port_open(HOST, REDIS_PORT)


def _psql(sql: str) -> None:
    cmd = ["psql", "-h", HOST, "-p", str(PG_PORT), "-U", "postgres", "-v", "ON_ERROR_STOP=1"]
    subprocess.run([*cmd, "-c", sql], check=True, capture_output=True, text=True)


@contextlib.contextmanager
def scratch_database() -> Iterator[str]:
    """A new PostgreSQL database for Prefect; yields its asyncpg URL and drops it at the end."""
    name = f"concord_test_{uuid.uuid4().hex[:10]}"
    _psql(f"CREATE DATABASE {name}")
    try:
        yield f"postgresql+asyncpg://postgres@{HOST}:{PG_PORT}/{name}"
    finally:
        # FORCE: a process killed mid-query may leave a connection behind.
        _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextlib.contextmanager
def scratch_redis_db() -> Iterator[int]:
    """An empty Redis database number (1-15), claimed atomically; flushed at the end."""
    claim = "concord-test-claim"
    for number in range(1, 16):
        client = redis.Redis(host=HOST, port=REDIS_PORT, db=number)
        # Empty, and still ours after the claim: another run may be scanning at the same time.
        if client.dbsize() == 0 and client.set(claim, os.getpid(), nx=True):
            break
        client.close()
    else:
        raise RuntimeFailure("every Redis database 1-15 is in use")
    try:
        yield number
    finally:
        client.flushdb()
        client.close()


@dataclass
class ScaledPrefect:
    """A running scaled setup: where its API is and what a client process needs in its env."""

    api_url: str
    env: dict[str, str]
    logs: Path
    messaging: str
    workers: list[subprocess.Popen] = field(default_factory=list)

    def worker_log(self, index: int) -> str:
        return (self.logs / f"worker-{index}.log").read_text(errors="replace")

    def rounds_advanced_by(self, index: int) -> list[str]:
        """Round ids worker `index` advanced, from its log (one line per advance)."""
        return re.findall(r"concord.worker (\S+): advanced", self.worker_log(index))


def _os_port() -> int:
    # Not 4200: a `concord up` or another test run may be starting there.
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _post(url: str, body: dict) -> list[dict]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _spawn(cmd: list[str], log: Path, env: Mapping[str, str]) -> subprocess.Popen:
    with log.open("ab") as out:
        # A session of its own, so stopping it also stops the flow-run processes it started.
        return subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(env),
            cwd=ROOT,
            start_new_session=True,
        )


def _run(cmd: list[str], env: Mapping[str, str]) -> None:
    done = subprocess.run(cmd, env=dict(env), cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeFailure(f"{' '.join(cmd[2:])} failed:\n{done.stdout}\n{done.stderr}")


def _server_env(base: Mapping[str, str], database_url: str, redis_db: int | None) -> dict:
    env = {**base, "PREFECT_API_DATABASE_CONNECTION_URL": database_url}
    if redis_db is not None:
        redis_url = f"redis://{HOST}:{REDIS_PORT}/{redis_db}"
        env |= {
            "PREFECT_MESSAGING_BROKER": "prefect_redis.messaging",
            "PREFECT_MESSAGING_CACHE": "prefect_redis.messaging",
            "PREFECT_REDIS_MESSAGING_URL": redis_url,
            # Background tasks (docket) are shared between the API server and the services.
            "PREFECT_SERVER_DOCKET_URL": redis_url,
        }
    return env


def _wait_workers(setup: ScaledPrefect, timeout: float = 60.0) -> None:
    """Until every worker logged its first sweep (it imported everything and reached the store)."""
    started = time.monotonic()
    while not all("worker sweeping" in setup.worker_log(i) for i in range(len(setup.workers))):
        for index, proc in enumerate(setup.workers):
            if proc.poll() is not None:
                raise RuntimeFailure(f"worker {index} exited:\n{setup.worker_log(index)}")
        if time.monotonic() - started > timeout:
            raise RuntimeFailure(f"workers not sweeping within {timeout:.0f} s")
        time.sleep(0.5)


def _interrupt(procs: list[subprocess.Popen], grace: float = 30.0) -> None:
    """SIGINT, as a worker expects: it ends the round it is advancing, then stops."""
    for proc in procs:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(signal.SIGINT)
    deadline = time.monotonic() + grace
    for proc in procs:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))


@contextlib.contextmanager
def scaled_prefect(
    base_env: Mapping[str, str], logs: Path, workers: int = 2
) -> Iterator[ScaledPrefect]:
    """Start everything; stop it all (workers first, by SIGINT) and drop the scratch data."""
    logs.mkdir(parents=True, exist_ok=True)
    port = _os_port()
    api_url = f"http://{HOST}:{port}/api"
    client_env = {
        **base_env,
        "PREFECT_HOME": str(logs / "prefect-home"),
        "PREFECT_API_URL": api_url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "CONCORD_PROJECT_DIR": str(ROOT),
    }
    use_redis = redis_reachable()
    with contextlib.ExitStack() as scratch:
        database_url = scratch.enter_context(scratch_database())
        redis_db = scratch.enter_context(scratch_redis_db()) if use_redis else None
        server_env = _server_env(client_env, database_url, redis_db)
        setup = ScaledPrefect(api_url, client_env, logs, "redis" if use_redis else "memory")
        servers: list[subprocess.Popen] = []
        try:
            listen = ["--host", HOST, "--port", str(port)]
            # With Redis the API server only serves; the services (triggers, scheduler) run
            # in a process of their own, as with several API servers behind a load balancer.
            api_only = ["--no-services"] if use_redis else []
            cmd = [*PREFECT, "server", "start", *listen, *api_only]
            servers.append(_spawn(cmd, logs / "api.log", server_env))
            took = wait_healthy(api_url, servers[0], timeout=HEALTHY_WITHIN)
            print(f"\nPrefect API on PostgreSQL healthy in {took:.1f} s ({setup.messaging})")
            if use_redis:
                cmd = [*PREFECT, "server", "services", "start"]
                servers.append(_spawn(cmd, logs / "services.log", server_env))
            started = time.monotonic()
            worker_env = {**client_env, "PREFECT_LOGGING_LEVEL": "INFO"}
            for index in range(workers):
                cmd = [sys.executable, "-m", "concord.worker"]
                setup.workers.append(_spawn(cmd, logs / f"worker-{index}.log", worker_env))
            _wait_workers(setup)
            print(f"{workers} Concord workers sweeping in {time.monotonic() - started:.1f} s")
            yield setup
        finally:
            _interrupt(setup.workers)
            stop([*setup.workers, *reversed(servers)])
