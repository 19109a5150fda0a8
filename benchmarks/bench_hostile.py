"""Check time and peak memory (tracemalloc) of engine.safety.check_docx for every hostile kind
the tests build, read from a file as `concord answer` does. Target: each refused under 100 ms
and 100 MB. Run: .venv/bin/python -m benchmarks.bench_hostile"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

from concord.engine.errors import UnsafeDocument
from concord.engine.safety import check_docx
from tests.engine.test_safety import REFUSED
from tests.support import hostile

MB = 1024 * 1024


def measure(path: Path) -> tuple[str, float, float]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        check_docx(path)
        code = "ACCEPTED"
    except UnsafeDocument as err:
        code = err.code
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return code, elapsed, peak


def main() -> None:
    check_docx(hostile.valid_docx())  # imports, Pillow's plugins
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for build, _ in REFUSED:
            path = Path(folder) / f"{build.__name__}.docx"
            path.write_bytes(build())
            rows.append((build.__name__, path))
        sparse = Path(folder) / "sparse_1gb.docx"
        hostile.sparse_file(str(sparse))
        rows.append(("sparse_1gb", sparse))
        print(f"{'kind':32} {'code':24} {'ms':>8} {'peak MB':>8}")
        worst = 0.0
        for kind, path in rows:
            code, elapsed, peak = measure(path)
            worst = max(worst, elapsed)
            print(f"{kind:32} {code:24} {elapsed * 1000:8.1f} {peak / MB:8.1f}")
        print(f"slowest refusal: {worst * 1000:.1f} ms")


if __name__ == "__main__":
    main()
