"""LibreOffice conversions with a private profile: how samples are re-saved and how tests judge.

Each run gets its own `-env:UserInstallation` profile (a shared one blocks parallel runs) and
works on copies of its inputs (soffice leaves `.~lock.*#` files beside what it opens). One run
converts many files: each start of soffice costs seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

RESAVE_FILTER = "docx:MS Word 2007 XML"


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_many(sources: list[Path], fmt: str, outdir: Path) -> list[Path]:
    """Convert each source to `fmt` (an extension, optionally ':filter') into `outdir`; the
    converted files in the order given. Sources must have distinct stems."""
    exe = soffice_path()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="lo-profile-") as profile,
        tempfile.TemporaryDirectory(prefix="lo-in-") as work,
    ):
        copies = []
        for src in sources:
            copy = Path(work) / src.name
            shutil.copyfile(src, copy)
            copies.append(str(copy))
        proc = subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                *copies,
            ],
            capture_output=True,
            text=True,
            timeout=120 + 60 * len(sources),
            env=dict(os.environ, HOME=profile),
        )
    targets = [outdir / (src.stem + "." + fmt.split(":")[0]) for src in sources]
    failed = [t.name for t in targets if not t.exists()]
    if proc.returncode != 0 or failed:
        raise RuntimeError(f"soffice failed on {failed}: {proc.stdout}\n{proc.stderr}")
    return targets


def convert(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert one file; see convert_many."""
    return convert_many([src], fmt, outdir)[0]


def resave_many(files: dict[str, bytes], workdir: Path) -> dict[str, bytes]:
    """Each .docx as LibreOffice writes it back (runs, ids, rsids rewritten), in one soffice run.

    `files` maps a file stem to its bytes; the result maps the same stems to the re-saved bytes.
    """
    src_dir = workdir / "in"
    src_dir.mkdir(parents=True, exist_ok=True)
    sources = []
    for stem, data in files.items():
        sources.append(src_dir / f"{stem}.docx")
        sources[-1].write_bytes(data)
    targets = convert_many(sources, RESAVE_FILTER, workdir / "resaved")
    return {stem: target.read_bytes() for stem, target in zip(files, targets, strict=True)}
