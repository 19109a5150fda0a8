"""Converting .doc/.odt answers to .docx with LibreOffice: seconds per file and peak memory.

Makes a .doc and an .odt of the bundled sample answer (LibreOffice itself saves them), then
converts each `--runs` times through `concord.engine.convert` and prints one table. Run from the
repository root: `.venv/bin/python benchmarks/bench_convert.py`.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import tempfile
import time
from importlib import resources
from pathlib import Path

from concord.engine.convert import convert_to_docx, soffice_path


def _legacy_copies(work: Path) -> dict[str, bytes]:
    sample = resources.files("concord.samples").joinpath("answer-bo-ngoai-giao.docx").read_bytes()
    src = work / "answer.docx"
    src.write_bytes(sample)
    out = {}
    for ext in ("doc", "odt"):
        subprocess.run(
            [
                str(soffice_path()),
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                ext,
                "--outdir",
                str(work),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        out[ext] = (work / f"answer.{ext}").read_bytes()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if soffice_path() is None:
        raise SystemExit("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        files = _legacy_copies(Path(tmp))
    print(f"{'format':<8}{'input KB':>10}{'output KB':>11}{'median s':>10}{'max s':>8}")
    for kind, data in files.items():
        times, size = [], 0
        for _ in range(args.runs):
            start = time.perf_counter()
            size = len(convert_to_docx(data, kind))  # type: ignore[arg-type]
            times.append(time.perf_counter() - start)
        print(
            f"{kind:<8}{len(data) / 1024:>10.0f}{size / 1024:>11.0f}"
            f"{statistics.median(times):>10.2f}{max(times):>8.2f}"
        )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of one LibreOffice process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
