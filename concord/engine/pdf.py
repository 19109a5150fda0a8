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
from collections.abc import Sequence
from pathlib import Path

from concord.engine.errors import EngineError
from concord.messages import t

TIMEOUT_SECONDS = 180


class ConversionUnavailable(EngineError):
    """LibreOffice is not installed, so no PDF can be made."""

    code = "libreoffice_missing"


class ConversionFailed(EngineError):
    code = "conversion_failed"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    return docx_to_pdf_many([docx], timeout=timeout)[0]


def docx_to_pdf_many(files: Sequence[bytes], *, timeout: float = TIMEOUT_SECONDS) -> list[bytes]:
    """Each .docx as PDF, in one LibreOffice run: each start of soffice costs seconds."""
    exe = soffice()
    if exe is None:
        raise ConversionUnavailable(t("engine.pdf.missing"))
    if not files:
        return []
    with tempfile.TemporaryDirectory(prefix="concord-pdf-") as work:
        folder = Path(work)
        profile, inputs, outputs = folder / "profile", folder / "in", folder / "out"
        inputs.mkdir()
        sources = []
        for n, data in enumerate(files):
            source = inputs / f"file-{n:05d}.docx"
            source.write_bytes(data)
            sources.append(str(source))
        command = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outputs),
            *sources,
        ]
        try:
            subprocess.run(
                command,
                capture_output=True,
                timeout=timeout + 10 * len(files),
                env=dict(os.environ, HOME=str(profile)),
                check=False,
            )
        except subprocess.TimeoutExpired as err:
            raise ConversionFailed(t("engine.pdf.timeout", seconds=timeout)) from err
        targets = [outputs / f"file-{n:05d}.pdf" for n in range(len(files))]
        if not all(t.is_file() for t in targets):
            raise ConversionFailed(t("engine.pdf.incomplete"))
        return [t.read_bytes() for t in targets]
