"""Peer tools for the merge benchmark, installed on demand into a git-ignored cache folder.

Peers are never project dependencies: each is installed through its ordinary client (npm, uv)
the first time the benchmark runs, and a peer that cannot be installed or run is reported as
`Unavailable` with the reason instead of stopping the benchmark.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE.parent / ".peers"
DRIVER = HERE / "docxodus_consolidate.mjs"
REDLINES_DRIVER = HERE / "redlines_compare.py"
# Docxodus' DocxDiff, then the older Open-XML-PowerTools WmlComparer (both in python-redlines[all]).
REDLINES_ENGINES = ("DocxodusEngine", "XmlPowerToolsEngine")
INSTALL_TIMEOUT_S = 600


@dataclass
class Unavailable:
    """Why a peer cannot be measured here."""

    reason: str


@dataclass
class ConsolidateTiming:
    init_s: float
    cold_s: float
    warm_s: float | None
    version: str


@dataclass
class CompareTiming:
    engine: str
    seconds: float
    redline: bytes


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str] | Unavailable:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except FileNotFoundError:
        return Unavailable(f"{cmd[0]} not found")
    except subprocess.TimeoutExpired:
        return Unavailable(f"no answer within {timeout:.0f} s")
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return Unavailable(f"{Path(cmd[0]).name} exited {done.returncode}: {tail[0][:160]}")
    return done


def ensure_docxodus(cache: Path = CACHE) -> Path | Unavailable:
    """The npm prefix holding node_modules/docxodus, installing it there if absent."""
    prefix = cache / "npm"
    if (prefix / "node_modules" / "docxodus" / "package.json").is_file():
        return prefix
    prefix.mkdir(parents=True, exist_ok=True)
    cmd = ["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "docxodus"]
    done = _run(cmd, INSTALL_TIMEOUT_S)
    return done if isinstance(done, Unavailable) else prefix


def docxodus_consolidate(
    prefix: Path,
    base: Path,
    answers: list[tuple[str, Path]],
    out: Path,
    *,
    warm: bool,
    timeout: float,
) -> ConsolidateTiming | Unavailable:
    """Run Docxodus Consolidate in Node on `base` and the (author, path) `answers`."""
    cmd = ["node", str(DRIVER), str(prefix), str(out), str(base)]
    cmd += [f"{author}={path}" for author, path in answers]
    if warm:
        cmd.append("--warm")
    done = _run(cmd, timeout)
    if isinstance(done, Unavailable):
        return done
    # The .NET runtime logs to stdout too: the driver's report is its last JSON line.
    last = [line for line in done.stdout.splitlines() if line.startswith("{")][-1:]
    if not last:
        return Unavailable("the Node driver printed no timing")
    report = json.loads(last[0])
    warm_ms = report["warmMs"]
    return ConsolidateTiming(
        init_s=report["initMs"] / 1000,
        cold_s=report["coldMs"] / 1000,
        warm_s=None if warm_ms is None else warm_ms / 1000,
        version=f"{report['version']['library']} (.NET {report['version']['dotnetVersion']})",
    )


def ensure_redlines(cache: Path = CACHE) -> Path | Unavailable:
    """The --target folder holding python-redlines[all], installing it there if absent."""
    target = cache / "py"
    if (target / "python_redlines" / "__init__.py").is_file():
        return target
    uv = Path(sys.executable).with_name("uv")
    if uv.is_file():
        cmd = [str(uv), "pip", "install", "--python", sys.executable, "--target", str(target)]
    else:
        cmd = [sys.executable, "-m", "pip", "install", "--target", str(target)]
    done = _run([*cmd, "python-redlines[all]"], INSTALL_TIMEOUT_S)
    return done if isinstance(done, Unavailable) else target


def redlines_compare(
    target: Path, base: Path, answer: Path, author: str, out_dir: Path, *, timeout: float
) -> list[CompareTiming | Unavailable]:
    """Time python-redlines' 2-way compare of `answer` against `base` with each engine it ships
    (each call starts the engine's native .NET process: every call is a cold one)."""
    results: list[CompareTiming | Unavailable] = []
    for engine in REDLINES_ENGINES:
        out = out_dir / f"redlines-{engine}.docx"
        cmd = [sys.executable, str(REDLINES_DRIVER), str(target), engine, str(base), str(answer)]
        done = _run([*cmd, author, str(out)], timeout)
        if isinstance(done, Unavailable):
            results.append(Unavailable(f"{engine}: {done.reason}"))
            continue
        report = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(CompareTiming(engine, report["seconds"], out.read_bytes()))
    return results
