""".docx files that public packages ship, gathered at test time (none is kept in this repository).

Two sources: the .docx files inside the packages installed in the running environment
(python-docx's own template, ...), and the test files of the python-docx source distribution,
fetched from the package index with pip into a cache directory outside the checkout. Files
written by other tools than ours are what catches a reader that only knows its own output.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SDIST = "python-docx==1.2.0"
_ARCHIVE = "python_docx-1.2.0.tar.gz"
# Where the sdist keeps the documents its own tests open.
_TEST_DIRS = ("tests/test_files", "features/steps/test_files")


class SourceUnavailable(Exception):
    """The package index could not be reached (offline) or gave no usable archive."""


@dataclass(frozen=True, slots=True)
class PublicDocx:
    name: str  # "<source>:<path inside it>", stable across machines: expectations use it
    path: Path

    def read(self) -> bytes:
        return self.path.read_bytes()


def installed_docx() -> list[PublicDocx]:
    """Every .docx inside the installed packages of this interpreter, by package path."""
    roots = {Path(sysconfig.get_path(key)) for key in ("purelib", "platlib")}
    found: dict[str, PublicDocx] = {}
    for root in sorted(roots):
        for path in sorted(root.rglob("*.docx")):
            rel = path.relative_to(root).as_posix()
            found.setdefault(rel, PublicDocx(f"installed:{rel}", path))
    return list(found.values())


def cache_dir() -> Path:
    """`$CONCORD_TEST_DOCX_CACHE`, else `concord-test-docx` in the user's cache directory."""
    explicit = os.environ.get("CONCORD_TEST_DOCX_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "concord-test-docx"


def sdist_docx(cache: Path, timeout: float = 300) -> list[PublicDocx]:
    """The test documents of the python-docx sdist, downloaded once into `cache` and unpacked
    there; raises SourceUnavailable when pip cannot fetch it."""
    archive = cache / _ARCHIVE
    if not archive.exists():
        _download(cache, timeout)
    out = cache / "unpacked"
    files: list[PublicDocx] = []
    try:
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                rel = _wanted(member)
                if rel is None:
                    continue
                target = out / rel
                if not target.exists():
                    source = tar.extractfile(member)
                    assert source is not None  # _wanted keeps regular files only
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(source.read())
                files.append(PublicDocx(f"{SDIST}:{rel}", target))
    except tarfile.TarError as exc:
        archive.unlink(missing_ok=True)  # a truncated download is fetched again next time
        raise SourceUnavailable(f"{archive} is not a readable sdist: {exc}") from exc
    if not files:
        raise SourceUnavailable(f"{archive} holds no .docx under {', '.join(_TEST_DIRS)}")
    return sorted(files, key=lambda f: f.name)


def _wanted(member: tarfile.TarInfo) -> str | None:
    """The member's path below the sdist's top directory if it is a test .docx, else None.
    Only plain names are taken: the archive's paths never reach the file system unchecked."""
    if not member.isfile():
        return None
    parts = PurePosixPath(member.name).parts[1:]
    if len(parts) < 2 or any(p in ("", ".", "..") for p in parts):
        return None
    rel = "/".join(parts)
    directory, _, filename = rel.rpartition("/")
    if directory not in _TEST_DIRS or not filename.endswith(".docx"):
        return None
    return rel


def _download(cache: Path, timeout: float) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--no-binary",
        ":all:",
        "--disable-pip-version-check",
        SDIST,
        "-d",
        str(cache),
    ]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SourceUnavailable(f"pip download {SDIST} did not finish: {exc}") from exc
    if proc.returncode != 0 or not (cache / _ARCHIVE).exists():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise SourceUnavailable(f"pip download {SDIST} failed: {' | '.join(tail)}")
