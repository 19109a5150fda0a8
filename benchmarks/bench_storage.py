"""Storage cost on a real SeaweedFS: a version write with its audit entry vs a raw put_object.

    .venv/bin/python benchmarks/bench_storage.py [--n 50] [--kb 200]

A version write is three conditional creates (the .docx, version.json, the signed audit entry)
plus one append of the signed checkpoint to the local anchor file (fsynced); the next number comes
from a listing once, then from memory. The raw baseline is one unconditional put_object of the
same .docx with the same client settings.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from concord.storage.anchor import LocalAnchor
from concord.storage.audit_key import AuditKey
from concord.storage.records import ConcordStore
from concord.storage.s3 import DEFAULT_CONFIG, S3Store
from tests.support.seaweed import run_seaweed


def _timed(n: int, op: Callable[[int], object]) -> list[float]:
    op(10**6)  # warm the connection pool
    times = []
    for i in range(n):
        start = time.perf_counter()
        op(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="operations per measurement")
    parser.add_argument("--kb", type=int, default=200, help="size of the .docx written")
    args = parser.parse_args()
    docx = os.urandom(args.kb * 1024)  # incompressible, like a zipped .docx

    with tempfile.TemporaryDirectory() as tmp, run_seaweed(Path(tmp)) as server:
        client = server.client(
            retries=DEFAULT_CONFIG.retries, read_timeout=20, max_pool_connections=16
        )
        store = S3Store("bench", client=client, create_bucket=True)
        concord = ConcordStore(
            store,
            audit_key=AuditKey(os.urandom(32), "bench"),
            anchor=LocalAnchor(Path(tmp) / "audit-anchor.log"),
        )
        draft, _ = concord.create_draft("Benchmark", docx, actor="bench")

        results = {
            "raw boto3 put_object": _timed(
                args.n,
                lambda i: client.put_object(Bucket="bench", Key=f"raw/{i}.docx", Body=docx),
            ),
            "S3Store.put_if_absent": _timed(
                args.n, lambda i: store.put_if_absent(f"store/{i}.docx", docx)
            ),
            "version write + audit append": _timed(
                args.n, lambda i: concord.add_version(draft.id, docx, actor="bench")
            ),
        }
        assert concord.audit.verify(draft.id).ok

    base = statistics.median(results["raw boto3 put_object"])
    print(f"SeaweedFS on loopback, {args.kb} KB .docx, n={args.n} (median / p90, ms)")
    for name, times in results.items():
        median = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1]
        print(f"  {name:30s} {median:7.2f} / {p90:7.2f}   x{median / base:.2f} of raw put")


if __name__ == "__main__":
    main()
