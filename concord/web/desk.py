"""The coordinators' desk: the forms that change something (coordinator role, CSRF-checked).

Each action calls one use case with the signed-in user as the actor, then redirects (303) to the
page that shows the result, except where a secret is shown once (tokens), a confirmation is
needed (publishing with undecided items) or a file is made (the appraisal dossier, a POST since
assembling it is recorded in the audit).
"""

from __future__ import annotations

from importlib import resources
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.responses import HTMLResponse, RedirectResponse, Response

from concord.errors import InvalidInput, Undecided
from concord.messages import t
from concord.models import Decision, Outcome
from concord.storage.users import User
from concord.usecases.decisions import record_decisions
from concord.usecases.desk import (
    publish_decided,
    reissue_token,
    undecided_items,
)
from concord.usecases.dossier import assemble_dossier
from concord.usecases.drafts import KINDS, register_draft
from concord.usecases.merging import merge_round
from concord.usecases.rounds import close_round, extend_deadline, issue_tokens, open_round
from concord.web.auth import check_csrf, coordinator
from concord.web.pages import render, store_of, zip_download

router = APIRouter(
    dependencies=[Depends(coordinator), Depends(check_csrf)], include_in_schema=False
)

_NO_STORE = {"Cache-Control": "no-store"}


def _see(path: str) -> Response:
    return RedirectResponse(path, status_code=303)


def template_docx(kind: str) -> bytes:
    """The bundled blank resolution or directive."""
    return resources.files("concord.templates").joinpath(f"{kind}.docx").read_bytes()


@router.post("/drafts")
def new_draft(
    request: Request,
    user: User = Depends(coordinator),
    title: str = Form(""),
    kind: str = Form("resolution"),
    file: UploadFile | None = File(None),
) -> Response:
    """Register an uploaded .docx, or start from the bundled template when no file is given."""
    if not title.strip():
        raise InvalidInput(t("refusal.draft_title"))
    if kind not in KINDS:
        raise InvalidInput(t("refusal.draft_kind_missing", kinds=t("refusal.or_a").join(KINDS)))
    data = file.file.read() if file is not None and file.filename else template_docx(kind)
    draft, _ = register_draft(store_of(request), title.strip(), data, kind=kind, actor=user.name)
    return _see(f"/drafts/{draft.id}")


@router.post("/drafts/{draft_id}/rounds")
def new_round(
    request: Request,
    draft_id: str,
    user: User = Depends(coordinator),
    agencies: str = Form(""),
    deadline: str = Form(""),
) -> Response:
    from concord.flows import service

    names = [line.strip() for line in agencies.splitlines() if line.strip()]
    if not names:
        raise InvalidInput(t("refusal.round_agencies"))
    if not deadline.strip():
        raise InvalidInput(t("refusal.round_deadline"))
    rnd = open_round(store_of(request), draft_id, names, deadline.strip(), actor=user.name)
    service.round_opened(rnd)
    return _see(f"/rounds/{rnd.id}")


@router.post("/drafts/{draft_id}/dossier.zip")
def dossier(request: Request, draft_id: str, user: User = Depends(coordinator)) -> Response:
    """The appraisal dossier of the latest published version (PDFs by LibreOffice)."""
    made = assemble_dossier(store_of(request), draft_id, actor=user.name)
    return zip_download(made.to_zip(), made.filename)


@router.post("/rounds/{round_id}/tokens", response_class=HTMLResponse)
def tokens(request: Request, round_id: str, user: User = Depends(coordinator)) -> Response:
    """Issue every agency's token not issued yet; each is shown on this page only."""
    store = store_of(request)
    issued = issue_tokens(store, round_id, actor=user.name)
    context = {"round": store.round(round_id), "issued": issued}
    return render(request, "tokens.html", context, headers=_NO_STORE)


@router.post("/rounds/{round_id}/agencies/{agency_id}/token", response_class=HTMLResponse)
def reissue(
    request: Request, round_id: str, agency_id: str, user: User = Depends(coordinator)
) -> Response:
    """A new token for one agency; the old one stops working."""
    store = store_of(request)
    token = reissue_token(store, round_id, agency_id, actor=user.name)
    rnd = store.round(round_id)
    context = {"round": rnd, "issued": {rnd.agency(agency_id): token}, "reissued": True}
    return render(request, "tokens.html", context, headers=_NO_STORE)


@router.post("/rounds/{round_id}/agencies/{agency_id}/deadline")
def extend(
    request: Request,
    round_id: str,
    agency_id: str,
    user: User = Depends(coordinator),
    until: str = Form(""),
) -> Response:
    """A later deadline for one agency (answers until then are on time)."""
    if not until.strip():
        raise InvalidInput(t("refusal.new_deadline"))
    extend_deadline(store_of(request), round_id, agency_id, until.strip(), actor=user.name)
    return _see(f"/rounds/{round_id}")


@router.post("/rounds/{round_id}/close")
def close(request: Request, round_id: str, user: User = Depends(coordinator)) -> Response:
    """The round takes no more answers; what arrived can still be merged and decided."""
    close_round(store_of(request), round_id, actor=user.name)
    return _see(f"/rounds/{round_id}")


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
    user: User = Depends(coordinator),
) -> Response:
    """An item typed in from the agency's letter (attributed to the agency, entered by the
    signed-in coordinator), then back to the round page."""
    from concord.usecases.answers import add_typed_item

    add_typed_item(
        store_of(request),
        round_id,
        agency,
        where=where.strip() or None,
        quote=quote.strip() or None,
        comment=comment.strip() or None,
        replace_with=replace_with.strip() or None,
        general=bool(general),
        actor=user.name,
    )
    return _see(f"/rounds/{round_id}#typed")


@router.post("/rounds/{round_id}/merge")
def merge(request: Request, round_id: str, user: User = Depends(coordinator)) -> Response:
    merge_round(store_of(request), round_id, actor=user.name)
    return _see(f"/rounds/{round_id}")


@router.post("/rounds/{round_id}/decisions")
def decide(
    request: Request,
    round_id: str,
    user: User = Depends(coordinator),
    item: list[str] = Form([]),
    outcome: str = Form(""),
    explanation: str = Form(""),
    text: str = Form(""),
    back: str = Form(""),
) -> Response:
    """One decision applied to every checked item."""
    if not item:
        raise InvalidInput(t("refusal.tick_items"))
    try:
        chosen = Outcome(outcome)
    except ValueError:
        raise InvalidInput(t("refusal.choose_outcome")) from None
    adopted = text if chosen is Outcome.PARTLY_ACCEPTED and text.strip() else None
    decisions = [
        Decision(item_id=i, outcome=chosen, explanation=explanation.strip(), text=adopted)
        for i in item
    ]
    record_decisions(store_of(request), round_id, decisions, actor=user.name)
    query = back if back.startswith("?") else ""
    return _see(f"/rounds/{round_id}/items{query}")


@router.post("/rounds/{round_id}/publish", response_class=HTMLResponse)
def publish(
    request: Request,
    round_id: str,
    user: User = Depends(coordinator),
    allow_undecided: bool = Form(False),
) -> Response:
    """Refused while items are undecided: the page lists them and asks for a confirmation."""
    store = store_of(request)
    try:
        publish_decided(store, round_id, actor=user.name, allow_undecided=allow_undecided)
    except Undecided:
        context = {"round": store.round(round_id), "waiting": undecided_items(store, round_id)}
        return render(request, "publish_confirm.html", context, status_code=409)
    return _see(f"/rounds/{round_id}?{urlencode({'published': 1})}")
