"""Agencies' pages: exchange a token for a session, download the copy, upload, check the receipt.

The token is posted once (POST /answer) and exchanged for an agency session cookie bound to that
round and agency; it never travels in an address, so it stays out of server logs and browser
history. The agency is always the one the token was issued to, never a form field. Wrong tokens
are counted per round and per address and refused for a while past a limit.
"""

from __future__ import annotations

import contextlib
from pathlib import PurePosixPath, PureWindowsPath

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.responses import HTMLResponse, RedirectResponse, Response

from concord.engine.errors import EngineError
from concord.errors import SignInFailed, TooManyAttempts
from concord.messages import t
from concord.models import Agency, RoundState
from concord.usecases.answers import check_open, receive_answer
from concord.usecases.desk import agency_outcomes
from concord.usecases.uploads import spooled
from concord.usecases.users import agency_sign_in
from concord.web.auth import (
    AGENCY_COOKIE,
    address_of,
    agency_session,
    check_csrf,
    set_session_cookie,
    users_of,
)
from concord.web.errors import PageError, from_engine
from concord.web.pages import docx_download, lang_of, render, store_of

router = APIRouter(include_in_schema=False)


def _agency(request: Request, round_id: str) -> Agency:
    """The agency of this browser's agency session for `round_id`; 401 without one."""
    session = agency_session(request)
    if session is None or session.round_id != round_id:
        raise PageError(401, "agency_sign_in", "agency_sign_in")
    return store_of(request).round(round_id).agency(session.subject)


@router.get("/answer", response_class=HTMLResponse)
def answer_form(request: Request) -> Response:
    return render(request, "answer.html", {"failed": ""})


@router.post("/answer", response_class=HTMLResponse)
def answer_open(request: Request, round_id: str = Form(""), token: str = Form("")) -> Response:
    """Posted, never a GET: the token is exchanged for a session and not seen again."""
    lang = lang_of(request)
    round_id = round_id.strip()
    try:
        agency = agency_sign_in(
            store_of(request), users_of(request), round_id, token, address=address_of(request)
        )
    except TooManyAttempts as err:
        failed = t("login.locked", lang, minutes=max(1, err.retry_after // 60))
        headers = {"Retry-After": str(err.retry_after), "X-Concord-Error": err.code}
        return render(request, "answer.html", {"failed": failed}, status_code=429, headers=headers)
    except SignInFailed as err:
        failed = t("answer.wrong_token", lang)
        headers = {"X-Concord-Error": err.code}
        return render(request, "answer.html", {"failed": failed}, status_code=403, headers=headers)
    users = users_of(request)
    old = request.cookies.get(AGENCY_COOKIE)
    if old:
        users.end_session(old)
    sid, _ = users.new_session("agency", agency.id, round_id)
    response = RedirectResponse(f"/answer/{round_id}", status_code=303)
    set_session_cookie(response, request, AGENCY_COOKIE, sid)
    return response


@router.get("/answer/{round_id}", response_class=HTMLResponse)
def agency_page(request: Request, round_id: str) -> Response:
    agency = _agency(request, round_id)
    store = store_of(request)
    status = store.round_status(round_id, counts=True)
    context = {
        "round": status.round,
        "state": status.state.value,
        "published": status.state is RoundState.PUBLISHED,
        "closed": store.is_closed(round_id),
        "deadline": store.deadline_for(round_id, agency.id),
        "draft": store.draft(status.round.draft_id),
        "agency": agency,
        "answer": store.latest_answers(round_id).get(agency.id),
    }
    return render(request, "answer_round.html", context)


@router.get("/answer/{round_id}/copy.docx")
def copy_download(request: Request, round_id: str) -> Response:
    agency = _agency(request, round_id)
    data = store_of(request).circulated_bytes(round_id, agency.id)
    return docx_download(data, f"{round_id}-{agency.id}.docx")


@router.post(
    "/answer/{round_id}/upload", response_class=HTMLResponse, dependencies=[Depends(check_csrf)]
)
def upload_answer(
    request: Request,
    round_id: str,
    file: UploadFile | None = File(None),
    letter_file: UploadFile | None = File(None),
    letter: str = Form(""),
    stance: str = Form(""),
) -> Response:
    """201 when stored; 422 when refused (nothing stored).

    The answer is a .docx/.doc/.odt, its signed reply letter, or both. Each file is copied to a
    temporary file in chunks and refused past the size limit, so nothing large is held in
    memory. The receipt lists every item Concord read from the file, so the agency can check it.
    """
    from concord.flows import service

    agency = _agency(request, round_id)
    store = store_of(request)
    check_open(store, store.round(round_id))
    has_file = file is not None and bool(file.filename)
    has_letter = letter_file is not None and bool(letter_file.filename)
    if not has_file and not has_letter:
        raise PageError(422, "no_file", "no_file")
    try:
        with contextlib.ExitStack() as files:
            path = files.enter_context(spooled(file.file)) if has_file and file else None
            letter_path = (
                files.enter_context(spooled(letter_file.file))
                if has_letter and letter_file
                else None
            )
            answer, new = receive_answer(
                store,
                round_id,
                agency.id,
                path,
                filename=_basename(file.filename or "") if has_file and file else "",
                letter_file=letter_path,
                letter_filename=(
                    _basename(letter_file.filename or "") if letter_path and letter_file else ""
                ),
                letter=letter.strip() or None,
                stance=stance.strip() or None,
                actor=f"web:{agency.id}",
            )
    except EngineError as err:
        raise from_engine(err) from err
    service.answer_stored(answer)
    # Read as it was taken (receive_answer), so the receipt can show what was read.
    items = store.items_for(answer) or []
    context = {"answer": answer, "new": new, "agency": agency, "items": items, "unread": ""}
    return render(request, "answer_done.html", context, status_code=201 if new else 200)


@router.get("/answer/{round_id}/outcome", response_class=HTMLResponse)
def outcome(request: Request, round_id: str) -> Response:
    """After publication: how each of the agency's own items was handled."""
    agency = _agency(request, round_id)
    store = store_of(request)
    found = agency_outcomes(store, round_id, agency)
    context = {"round": store.round(round_id), "agency": agency, "found": found}
    return render(request, "answer_outcome.html", context)


def _basename(name: str) -> str:
    """Browsers may send a full client path ("C:\\Users\\...\\gop-y.docx"); keep the name."""
    return PureWindowsPath(PurePosixPath(name).name).name.strip() or "answer.docx"
