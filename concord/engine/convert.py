""".doc and .odt answers to .docx, through LibreOffice headless, before anything reads them.

Ministries answer as often in Word 97-2003 (.doc) or OpenDocument (.odt) as in .docx. Concord
reads only .docx, so such a file is converted by `soffice --headless --convert-to docx`:

- in a private, throw-away profile (concurrent conversions otherwise block each other, and a
  shared profile could carry trust settings), written before the start with macro execution
  disabled and the macro security level at "very high": a document's macros never run;
- with HOME and TMPDIR inside that throw-away directory, so nothing of it outlives the call;
- with a time limit: on expiry the whole process group is killed (soffice forks oosplash and
  soffice.bin), and the file is refused;
- with a size limit on what it may write (RLIMIT_FSIZE) and on the .docx it produces, and a
  ceiling on its memory (RLIMIT_AS): a crash there is a refusal like any other.

The converted .docx then goes through `engine.safety.check_docx` like any upload. Refusals are
`UnsafeDocument` with these codes:

=========================  ===============================================================
code                       refused because
=========================  ===============================================================
converter_missing          LibreOffice (soffice) is not installed on the server
conversion_timeout         the converter did not finish within the time limit
conversion_failed          the converter crashed or produced no .docx
conversion_too_large       the converted .docx is bigger than the output limit
converter_busy             every conversion slot stayed taken for the whole time limit
odt_not_text               an OpenDocument file that is not a text document (.ods, .odp)
macro                      an .odt carrying macros (Basic/ or Scripts/ folders)
encrypted                  a password-protected .doc or .odt
=========================  ===============================================================
"""

from __future__ import annotations

import contextlib
import io
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from concord.engine.errors import UnsafeDocument
from concord.engine.safety import DEFAULT_LIMITS
from concord.engine.safety.container import check_container, open_package
from concord.engine.safety.limits import MB
from concord.engine.safety.ole import MAGIC as OLE_MAGIC
from concord.engine.safety.ole import OleFormatError, stream_names
from concord.messages import t

Kind = Literal["docx", "doc", "odt"]

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# LibreOffice's own settings, written as its profile's registrymodifications.xcu holds them:
# macros never run, whatever the document asks; no first-run wizard; no lock files.
_SETTINGS = (
    ("Security/Scripting", "MacroSecurityLevel", "3"),
    ("Security/Scripting", "DisableMacrosExecution", "true"),
    ("Misc", "FirstRun", "false"),
    ("Misc", "UseLocking", "false"),
)
_LOCKED_PROFILE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    + "".join(
        f'<item oor:path="/org.openoffice.Office.Common/{path}">'
        f'<prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>\n'
        for path, name, value in _SETTINGS
    )
    + "</oor:items>\n"
)


@dataclass(frozen=True)
class ConversionLimits:
    """How long the converter may run and how much it may write."""

    timeout_s: float = 90.0
    max_input_bytes: int = DEFAULT_LIMITS.max_bytes
    max_output_bytes: int = 50 * MB
    # Address space of each converter process: a file that inflates in memory is stopped by the
    # kernel rather than by the machine running out (LibreOffice itself maps about 1 GB).
    max_memory_bytes: int = 3 * 1024 * MB


DEFAULT_CONVERSION = ConversionLimits()

# At most this many LibreOffice processes per Concord process: each takes a core and ~150 MB, and
# a burst of .doc uploads must not start one per request.
_SLOTS = threading.BoundedSemaphore(max(1, int(os.environ.get("CONCORD_CONVERSIONS", "2"))))


def _refuse(code: str, **params: object) -> UnsafeDocument:
    """The refusal for `code`, worded by the catalogue's "engine.convert.<code>"."""
    return UnsafeDocument(t(f"engine.convert.{code}", None, **params), code=code)


def sniff_kind(data: bytes) -> Kind:
    """What the bytes are, whatever the file's name says: a .doc, an .odt, or (else) .docx."""
    if data.startswith(OLE_MAGIC):
        try:
            names = stream_names(data)
        except OleFormatError:
            return "docx"  # check_docx gives the precise refusal
        if "WordDocument" in names:
            return "doc"
        return "docx"
    if data.startswith(b"PK\x03\x04") and data[30:38] == b"mimetype":
        return "odt" if data[38 : 38 + len(ODT_MIMETYPE)] == ODT_MIMETYPE else _other_odf(data)
    return "docx"


def _other_odf(data: bytes) -> Kind:
    if data[38:73].startswith(b"application/vnd.oasis.opendocument."):
        raise _refuse("odt_not_text")
    return "docx"


def check_convertible(data: bytes, kind: Kind, limits: ConversionLimits) -> None:
    """Cheap checks before LibreOffice sees the file: size, container, macros, encryption."""
    if len(data) > limits.max_input_bytes:
        raise _refuse("too_large", size_mb=len(data) / MB, limit_mb=limits.max_input_bytes / MB)
    if kind == "doc":
        names = stream_names(data)
        if "EncryptionInfo" in names or "encryption" in {n.lower() for n in names}:
            raise _refuse("encrypted", ext="doc")
        if "Macros" in names or "_VBA_PROJECT_CUR" in names:
            raise _refuse("macro", ext="doc")
    if kind == "odt":
        with open_package(io.BytesIO(data)) as z:
            members = check_container(z, io.BytesIO(data), DEFAULT_LIMITS)
        if any(m.startswith(("basic/", "scripts/")) for m in members):
            raise _refuse("macro", ext="odt")
        manifest = members.get("meta-inf/manifest.xml")
        if manifest is not None and _encrypted_odt(data, manifest):
            raise _refuse("encrypted", ext="odt")


def _encrypted_odt(data: bytes, manifest: str) -> bool:
    with open_package(io.BytesIO(data)) as z:
        return b"encryption-data" in z.read(manifest)[: 1 * MB]


def soffice_path() -> str | None:
    """The LibreOffice binary: $CONCORD_SOFFICE if set (empty: none), else `soffice` on PATH."""
    configured = os.environ.get("CONCORD_SOFFICE")
    if configured is not None:
        return shutil.which(configured) if configured else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(
    data: bytes, kind: Kind, limits: ConversionLimits = DEFAULT_CONVERSION
) -> bytes:
    """The .docx LibreOffice makes of a .doc/.odt; UnsafeDocument if it cannot be made safely."""
    check_convertible(data, kind, limits)
    soffice = soffice_path()
    if soffice is None:
        raise _refuse("converter_missing")
    if not _SLOTS.acquire(timeout=limits.timeout_s):
        raise _refuse("converter_busy")
    try:
        return _convert(data, kind, soffice, limits)
    finally:
        _SLOTS.release()


def _convert(data: bytes, kind: Kind, soffice: str, limits: ConversionLimits) -> bytes:
    with tempfile.TemporaryDirectory(prefix="concord-convert-") as tmp:
        work = Path(tmp)
        source = work / "in" / f"answer.{kind}"
        source.parent.mkdir()
        source.write_bytes(data)
        _run(_command(soffice, work, source), work, limits)
        out = work / "out" / "answer.docx"
        if not out.is_file() or out.stat().st_size == 0:
            raise _refuse("conversion_failed", ext=kind)
        if out.stat().st_size > limits.max_output_bytes:
            raise _too_large(limits)
        return out.read_bytes()


def _command(soffice: str, work: Path, source: Path) -> list[str]:
    profile = work / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_LOCKED_PROFILE, "utf-8")
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(work / "out"),
        str(source),
    ]


def _run(command: list[str], work: Path, limits: ConversionLimits) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(work),
        "TMPDIR": str(work),
        "LANG": "C.UTF-8",
        "SAL_USE_VCLPLUGIN": "svp",
    }
    fsize = limits.max_output_bytes + 16 * MB  # the profile's own files are small

    def confine() -> None:  # runs in the child, before exec
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        memory = limits.max_memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    proc = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=work,
        start_new_session=True,  # its own process group, killed whole on timeout
        preexec_fn=confine,
    )
    try:
        proc.wait(timeout=limits.timeout_s)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise _refuse("conversion_timeout", seconds=limits.timeout_s) from None
    finally:
        _kill_group(proc)  # soffice may leave children behind even after a clean exit
    if proc.returncode == -signal.SIGXFSZ:
        raise _too_large(limits)


def _too_large(limits: ConversionLimits) -> UnsafeDocument:
    return _refuse("conversion_too_large", limit_mb=limits.max_output_bytes / MB)


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
