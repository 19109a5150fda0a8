"""A .docx as PDF, by LibreOffice headless (`soffice --convert-to pdf`).

Each conversion gets its own LibreOffice profile (a shared one blocks parallel runs) and works
in a private temporary folder (soffice leaves lock files beside what it opens), with a timeout:
a hung soffice must not hang a publication.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from concord.engine.errors import EngineError

TIMEOUT_SECONDS = 180


class ConversionUnavailable(EngineError):
    """LibreOffice is not installed, so no PDF can be made."""

    code = "libreoffice_missing"


class ConversionFailed(EngineError):
    code = "conversion_failed"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    exe = soffice()
    if exe is None:
        raise ConversionUnavailable(
            "a PDF needs LibreOffice, which is not installed on this machine: install it "
            "(apt-get install libreoffice-writer-nogui) or ask for --format docx or xlsx"
        )
    with tempfile.TemporaryDirectory(prefix="concord-pdf-") as work:
        folder = Path(work)
        profile, source = folder / "profile", folder / "report.docx"
        source.write_bytes(docx)
        command = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(
                command,
                capture_output=True,
                timeout=timeout,
                env=dict(os.environ, HOME=str(profile)),
                check=False,
            )
        except subprocess.TimeoutExpired as err:
            raise ConversionFailed(f"LibreOffice took longer than {timeout:.0f} s") from err
        target = folder / "report.pdf"
        if not target.is_file():
            raise ConversionFailed("LibreOffice did not produce a PDF of the report")
        return target.read_bytes()
