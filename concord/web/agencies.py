"""Agencies' pages: open a round with a token, download the circulated copy, upload an answer.

The agency is always the one the token was issued to, never a form field, so a token lets an
agency answer for itself only. Each page states which agency the token belongs to.
"""

from __future__ import annotations

import contextlib
from pathlib import PurePosixPath, PureWindowsPath

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from starlette.responses import HTMLResponse, Response

from concord.engine.errors import EngineError
from concord.models import Agency
from concord.web.errors import PageError, from_engine
from concord.web.pages import docx_download, render, store_of

router = APIRouter()


def _agency(request: Request, round_id: str, token: str) -> Agency:
    """The token's agency; 403 (the same for every failure) when it is not one of this round's."""
    agency = store_of(request).token_agency(round_id, token.strip()) if token.strip() else None
    if agency is None:
        raise PageError(403, "wrong_token", f"this token does not let anyone answer {round_id}")
    return agency


def _agency_page(request: Request, round_id: str, agency: Agency, token: str) -> Response:
    store = store_of(request)
    rnd = store.round(round_id)
    context = {
        "round": rnd,
        "draft": store.draft(rnd.draft_id),
        "agency": agency,
        "token": token,
        "answer": store.latest_answers(round_id).get(agency.id),
    }
    return render(request, "answer_round.html", context)


@router.get("/answer", response_class=HTMLResponse)
def answer_form(request: Request) -> Response:
    return render(request, "answer.html", {})


@router.post("/answer", response_class=HTMLResponse)
def answer_open(request: Request, round_id: str = Form(""), token: str = Form("")) -> Response:
    """Posted rather than a GET so the token stays out of addresses and server logs."""
    round_id = round_id.strip()
    if not round_id:
        raise PageError(422, "no_round", "enter the round id from the consultation letter")
    return _agency_page(request, round_id, _agency(request, round_id, token), token.strip())


@router.get("/rounds/{round_id}/copy")
def copy_download(request: Request, round_id: str, token: str = Query("")) -> Response:
    agency = _agency(request, round_id, token)
    data = store_of(request).circulated_bytes(round_id, agency.id)
    return docx_download(data, f"{round_id}-{agency.id}.docx")


@router.post("/rounds/{round_id}/answers", response_class=HTMLResponse)
def upload_answer(
    request: Request,
    round_id: str,
    token: str = Form(""),
    file: UploadFile | None = File(None),
    letter_file: UploadFile | None = File(None),
    letter: str = Form(""),
    stance: str = Form(""),
) -> Response:
    """201 when stored, 200 when this exact file was already received; 422 when refused.

    The marked-up copy (.docx, .doc, .odt) and/or the signed reply letter (PDF or .docx).
    """
    from concord.flows import service
    from concord.usecases.answers import receive_answer
    from concord.usecases.uploads import spooled

    agency = _agency(request, round_id, token)
    has_file = file is not None and bool(file.filename)
    has_letter = letter_file is not None and bool(letter_file.filename)
    if not has_file and not has_letter:
        raise PageError(
            422, "no_file", "choose the answer file (.docx, .doc, .odt) or the reply letter (PDF)"
        )
    filename = _basename(file.filename) if file is not None and has_file else ""
    try:
        # Copied to temporary files in chunks, refused past the size limit, read from disk.
        with contextlib.ExitStack() as files:
            path = files.enter_context(spooled(file.file)) if has_file and file else None
            letter_path = (
                files.enter_context(spooled(letter_file.file))
                if has_letter and letter_file
                else None
            )
            answer, new = receive_answer(
                store_of(request),
                round_id,
                agency.id,
                path,
                filename=filename,
                letter_file=letter_path,
                letter_filename=_basename(letter_file.filename or "") if letter_path else "",
                letter=letter.strip() or None,
                stance=stance.strip() or None,
                actor=f"web:{agency.id}",
            )
    except EngineError as err:
        raise from_engine(err) from err
    service.answer_stored(answer)
    context = {"answer": answer, "new": new, "agency": agency}
    return render(request, "answer_done.html", context, status_code=201 if new else 200)


def _basename(name: str) -> str:
    """Browsers may send a full client path ("C:\\Users\\...\\gop-y.docx"); keep the name."""
    return PureWindowsPath(PurePosixPath(name).name).name.strip() or "answer.docx"
