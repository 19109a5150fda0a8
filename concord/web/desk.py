"""The coordinators' desk for reply letters: download an agency's letter, type in its items.

A letter is offered as a download only (Content-Disposition: attachment, sandboxed), never
shown inline: Concord does not render PDFs. Like the other coordinators' pages there is no login
yet (`concord web` binds to 127.0.0.1).
"""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from concord.errors import InvalidInput, NotFound
from concord.web.pages import store_of

router = APIRouter()

_TYPES = {"pdf": "application/pdf"}
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@router.get("/rounds/{round_id}/letters/{agency_id}")
def letter_download(request: Request, round_id: str, agency_id: str) -> Response:
    """The agency's newest reply letter, as a file to save (never displayed by the browser)."""
    store = store_of(request)
    answer = store.latest_answers(round_id).get(agency_id)
    if answer is None or answer.letter_key is None:
        raise NotFound(f"no reply letter from '{agency_id}' in round {round_id}")
    ext = answer.letter_key.rsplit(".", 1)[-1]
    return Response(
        store.object_bytes(answer.letter_key),
        media_type=_TYPES.get(ext, _DOCX),
        headers={
            "Content-Disposition": f'attachment; filename="{round_id}-{agency_id}-letter.{ext}"',
            "Content-Security-Policy": "sandbox; default-src 'none'",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.post("/rounds/{round_id}/items")
def type_item(
    request: Request,
    round_id: str,
    agency: str = Form(...),
    where: str = Form(""),
    quote: str = Form(""),
    general: str = Form(""),
    comment: str = Form(""),
    replace_with: str = Form(""),
    actor: str = Form("web:desk"),
) -> Response:
    """Record an item from the agency's letter, then back to the round page (303)."""
    from concord.usecases.answers import add_typed_item

    located = bool(where.strip() or quote.strip())
    if bool(general) == located:
        raise InvalidInput("ghi vị trí và đoạn trích dẫn, hoặc chọn 'ý kiến chung'")
    add_typed_item(
        store_of(request),
        round_id,
        agency,
        where=where.strip() or None,
        quote=quote.strip() or None,
        comment=comment.strip() or None,
        replace_with=replace_with.strip() or None,
        actor=actor.strip() or "web:desk",
    )
    return RedirectResponse(f"/rounds/{round_id}#typed", status_code=303)
