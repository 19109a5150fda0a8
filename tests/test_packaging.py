"""One import root: the wheel holds only `concord/` (templates and samples included), and the
installed command works from a folder whose own `models.py`, `tasks.py` and `flows/` would
shadow generic top-level names."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAPPED = {
    "flows": "concord.flows",
    "tasks": "concord.tasks",
    "storage": "concord.storage",
    "templates": "concord.templates",
    "samples": "concord.samples",
}


def _package_dirs() -> set[str]:
    """Every folder holding an __init__.py, named as it is installed."""
    found = set()
    for init in ROOT.glob("**/__init__.py"):
        rel = init.parent.relative_to(ROOT)
        top = rel.parts[0]
        if top in MAPPED:
            found.add(".".join([MAPPED[top], *rel.parts[1:]]))
        elif top == "concord":
            found.add(".".join(rel.parts))
    return found


def test_the_package_list_names_every_package_folder() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert set(config["packages"]) == _package_dirs()
    assert config["package-dir"] == {"concord": "concord", **{v: k for k, v in MAPPED.items()}}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    uv = Path(sys.executable).with_name("uv")
    subprocess.run(
        [str(uv), "build", "--wheel", "--out-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [built] = out.glob("concord-*.whl")
    return built


def test_the_wheel_holds_only_concord(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"concord"}
    for needed in (
        "concord/templates/synthesis-report.docx",
        "concord/templates/resolution.docx",
        "concord/samples/draft-women-integration.docx",
        "concord/flows/ingest_answer.py",
        "concord/web/templates/error.html",
        "concord/web/static/concord.css",
    ):
        assert needed in names


@pytest.mark.slow
def test_the_installed_command_runs_the_demo_beside_shadowing_files(
    wheel: Path, tmp_path: Path
) -> None:
    uv = Path(sys.executable).with_name("uv")
    venv = tmp_path / "venv"
    subprocess.run([str(uv), "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    python = venv / "bin" / "python"
    for args in (["-r", str(ROOT / "requirements.lock")], [str(wheel)]):
        subprocess.run(
            [str(uv), "pip", "install", "-q", "--python", str(python), *args],
            check=True,
            capture_output=True,
            timeout=600,
        )
    work = tmp_path / "user-folder"
    (work / "flows").mkdir(parents=True)
    for shadow in ("models.py", "tasks.py", "flows/__init__.py", "engine.py", "storage.py"):
        (work / shadow).write_text("raise ImportError('a user file was imported')\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CONCORD_"))}
    env.update(CONCORD_HOME=str(work / ".concord"), COLUMNS="200", PYTHONPATH=str(work))
    done = subprocess.run(
        [str(venv / "bin" / "concord"), "demo"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "đã ban hành phiên bản 2" in done.stdout  # in Vietnamese: no CONCORD_LANG here
    report = next((work / ".concord" / "demo").glob("*/synthesis-report.docx"))
    assert zipfile.ZipFile(report).testzip() is None
