"""Edit .docx files inside LibreOffice over UNO, as a user would, and save them as .docx.

Run by the system interpreter that carries Debian's python3-uno (`/usr/bin/python3`), never by
the project's venv: `python3 lo_uno_edit.py JOBS.json`. JOBS.json holds `{"soffice": PATH,
"profile": DIR, "jobs": [{"src", "dst", "author", "track", "edits": [...]}, ...]}`; each edit is
a dict with an "op" (see tests/support/lo_author.py, which writes the file). One soffice
process serves every job, since starting it costs seconds.

The user's name is LibreOffice's own configuration (org.openoffice.UserProfile/Data): Writer
stamps tracked changes with it, so setting it per job makes the changes the agency's own.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.lang import DisposedException
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK
from com.sun.star.uno import RuntimeException as UnoRuntimeException

START_TIMEOUT = 90.0
_CONTEXT: list[object] = []  # the office's component context, for dispatching commands


class EditFailed(Exception):
    """An edit found nothing to act on: the job's text does not hold what the edit names."""


def _props(**values: object) -> tuple:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _start(soffice: str, profile: Path) -> tuple[subprocess.Popen, object]:
    pipe = f"concord-{uuid.uuid4().hex}"
    proc = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return proc, ctx
        except NoConnectException:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.25)


def _set_user(ctx: object, author: str) -> None:
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx
    )
    data = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        _props(nodepath="/org.openoffice.UserProfile/Data"),
    )
    # Writer names the author "givenname sn"; the whole name goes in givenname, so a
    # Vietnamese agency name keeps its word order.
    data.setPropertyValue("givenname", author)
    data.setPropertyValue("sn", "")
    data.setPropertyValue("initials", "")
    data.commitChanges()


def _find(doc: object, text: str) -> object:
    desc = doc.createSearchDescriptor()
    desc.SearchString = text
    desc.SearchCaseSensitive = True
    found = doc.findFirst(desc)
    if found is None:
        raise EditFailed(f"text not found: {text!r}")
    return found


def _replace(doc: object, edit: dict) -> None:
    _find(doc, edit["find"]).setString(edit["new"])


def _insert_after(doc: object, edit: dict) -> None:
    found = _find(doc, edit["find"])
    text = found.getText()
    cursor = text.createTextCursorByRange(found.getEnd())
    cursor.gotoEndOfParagraph(False)
    text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
    text.insertString(cursor, edit["new"], False)


def _delete_paragraph(doc: object, edit: dict) -> None:
    found = _find(doc, edit["find"])
    cursor = found.getText().createTextCursorByRange(found.getStart())
    cursor.gotoStartOfParagraph(False)
    cursor.gotoEndOfParagraph(True)
    paragraph = cursor.getString()
    cursor.gotoStartOfParagraph(False)
    # Up to the next paragraph's start, so the paragraph mark goes too. Before a table that
    # selection takes the whole table with it: refused.
    if not cursor.gotoNextParagraph(True) or cursor.getString().rstrip("\r\n") != paragraph:
        raise EditFailed(f"no paragraph follows the one holding {edit['find']!r}")
    cursor.setString("")


def _replace_in_cell(doc: object, edit: dict) -> None:
    table = doc.getTextTables().getByIndex(edit["table"])
    cell = table.getCellByName(edit["cell"])
    content = cell.getString()
    at = content.find(edit["find"])
    if at < 0:
        raise EditFailed(f"cell {edit['cell']} does not hold {edit['find']!r}: {content!r}")
    cursor = cell.createTextCursor()
    cursor.gotoStart(False)
    cursor.goRight(at, False)
    cursor.goRight(len(edit["find"]), True)
    cursor.setString(edit["new"])


def _dispatch(doc: object, command: str) -> None:
    ctx = _CONTEXT[0]
    helper = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    helper.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())


def _delete_row(doc: object, edit: dict) -> None:
    # As a user does: the cursor in the row, Table > Delete > Rows (tracked when recording).
    table = doc.getTextTables().getByIndex(edit["table"])
    cell = table.getCellByName(f"A{edit['row']}")
    doc.getCurrentController().getViewCursor().gotoRange(cell.getStart(), False)
    _dispatch(doc, ".uno:DeleteRows")


def _accept_all(doc: object, edit: dict) -> None:
    _dispatch(doc, ".uno:AcceptAllTrackedChanges")


def _reject_all(doc: object, edit: dict) -> None:
    _dispatch(doc, ".uno:RejectAllTrackedChanges")


def _record(doc: object, edit: dict) -> None:
    """Turn change recording on or off from here on (Edit > Track Changes > Record)."""
    doc.RecordChanges = bool(edit["on"])


def _dispatch_op(doc: object, edit: dict) -> None:
    """Run a menu command on the document, e.g. .uno:AcceptAllTrackedChanges."""
    _dispatch(doc, edit["command"])


OPS = {
    "delete_row": _delete_row,
    "accept_all": _accept_all,
    "reject_all": _reject_all,
    "record": _record,
    "dispatch": _dispatch_op,
    "replace": _replace,
    "insert_after": _insert_after,
    "delete_paragraph": _delete_paragraph,
    "replace_in_cell": _replace_in_cell,
}


def _run_job(ctx: object, desktop: object, job: dict) -> None:
    _set_user(ctx, job["author"])
    doc = desktop.loadComponentFromURL(Path(job["src"]).as_uri(), "_blank", 0, _props(Hidden=True))
    if doc is None:
        raise EditFailed(f"LibreOffice could not open {job['src']}")
    try:
        doc.RecordChanges = bool(job["track"])
        for edit in job["edits"]:
            OPS[edit["op"]](doc, edit)
        doc.storeToURL(Path(job["dst"]).as_uri(), _props(FilterName="MS Word 2007 XML"))
    finally:
        doc.close(True)


def _stop(desktop: object, proc: subprocess.Popen) -> None:
    # The bridge may drop while soffice exits; the wait below settles it.
    with contextlib.suppress(DisposedException, UnoRuntimeException):
        desktop.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main(jobs_file: str) -> None:
    spec = json.loads(Path(jobs_file).read_text(encoding="utf-8"))
    proc, ctx = _start(spec["soffice"], Path(spec["profile"]))
    _CONTEXT.append(ctx)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    try:
        for job in spec["jobs"]:
            _run_job(ctx, desktop, job)
    finally:
        _stop(desktop, proc)


if __name__ == "__main__":
    main(sys.argv[1])
