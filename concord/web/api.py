"""The desk's actions as JSON under /api/v1, for a ministry's document system.

Authenticated by a per-user API token (`concord user token NAME`) in `Authorization: Bearer`;
reads need any role, changes the coordinator role. Errors answer JSON
`{"error": code, "message": text}`. The OpenAPI description is at /api/v1/openapi.json (also
behind the token: it lists what a caller could do).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from pydantic import BaseModel, Field
from starlette.responses import JSONResponse, Response

from concord.messages import t
from concord.models import Decision, Outcome, RoundStatus
from concord.storage.users import User
from concord.usecases.audit import audit_entries
from concord.usecases.decisions import record_decisions
from concord.usecases.desk import (
    ItemFilter,
    check_filter_kind,
    find_items,
    publish_decided,
    reissue_token,
)
from concord.usecases.disputes import disputes_docx, draft_disputes
from concord.usecases.dossier import assemble_dossier
from concord.usecases.drafts import register_draft
from concord.usecases.merging import merge_round
from concord.usecases.rounds import close_round, extend_deadline, issue_tokens, open_round
from concord.web.auth import api_coordinator, api_user, api_viewer
from concord.web.errors import PageError
from concord.web.pages import docx_download, store_of, zip_download

PREFIX = "/api/v1"
router = APIRouter(prefix=PREFIX, tags=["desk"], dependencies=[Depends(api_user)])


class DraftOut(BaseModel):
    id: str
    title: str
    kind: str
    versions: list[int]
    rounds: list[str]


class RoundIn(BaseModel):
    agencies: list[str] = Field(min_length=1, description="agency names, as in the letter")
    deadline: str = Field(description="ISO 8601, e.g. 2026-12-15T17:00:00+07:00")
    version: int | None = Field(None, description="default: the newest version")


class DecisionIn(BaseModel):
    item_id: str
    outcome: Outcome
    explanation: str = ""
    text: str | None = Field(None, description="the adopted wording, for partly_accepted")


class ExtensionIn(BaseModel):
    until: str = Field(description="ISO 8601, after the round's deadline")


class PublishIn(BaseModel):
    allow_undecided: bool = False


class Published(BaseModel):
    version: int
    report_key: str


@router.get("/drafts", response_model=list[DraftOut])
def list_drafts(request: Request, _: User = Depends(api_viewer)) -> list[DraftOut]:
    store = store_of(request)
    return [
        DraftOut(
            id=d.id,
            title=d.title,
            kind=d.kind,
            versions=[v.number for v in store.versions(d.id)],
            rounds=[r.id for r in store.rounds(d.id)],
        )
        for d in store.drafts()
    ]


@router.post("/drafts", response_model=DraftOut, status_code=201)
def new_draft(
    request: Request,
    title: str = Form(...),
    kind: str = Form("resolution"),
    file: UploadFile = File(...),
    user: User = Depends(api_coordinator),
) -> DraftOut:
    draft, version = register_draft(
        store_of(request), title, file.file.read(), kind=kind, actor=user.name
    )
    return DraftOut(
        id=draft.id, title=draft.title, kind=draft.kind, versions=[version.number], rounds=[]
    )


@router.post("/drafts/{draft_id}/rounds", response_model=RoundStatus, status_code=201)
def new_round(
    request: Request, draft_id: str, body: RoundIn, user: User = Depends(api_coordinator)
) -> RoundStatus:
    from concord.flows import service

    store = store_of(request)
    rnd = open_round(
        store, draft_id, body.agencies, body.deadline, version=body.version, actor=user.name
    )
    service.round_opened(rnd)
    return store.round_status(rnd.id)


@router.get("/rounds/{round_id}", response_model=RoundStatus)
def round_status(request: Request, round_id: str, _: User = Depends(api_viewer)) -> RoundStatus:
    return store_of(request).round_status(round_id, counts=True)


@router.post("/rounds/{round_id}/tokens")
def tokens(
    request: Request, round_id: str, user: User = Depends(api_coordinator)
) -> dict[str, str | None]:
    """Agency id -> its new token (null where one was issued before: reissue that one)."""
    issued = issue_tokens(store_of(request), round_id, actor=user.name)
    return {agency.id: token for agency, token in issued.items()}


@router.post("/rounds/{round_id}/agencies/{agency_id}/token")
def reissue(
    request: Request, round_id: str, agency_id: str, user: User = Depends(api_coordinator)
) -> dict[str, str]:
    """A new token for the agency; its previous one stops working."""
    return {"token": reissue_token(store_of(request), round_id, agency_id, actor=user.name)}


@router.post("/rounds/{round_id}/agencies/{agency_id}/deadline")
def extend(
    request: Request,
    round_id: str,
    agency_id: str,
    body: ExtensionIn,
    user: User = Depends(api_coordinator),
) -> dict[str, str]:
    """A later deadline for one agency."""
    until = extend_deadline(
        store_of(request), round_id, agency_id, body.until, actor=user.name
    ).deadline
    return {"agency_id": agency_id, "deadline": until.isoformat()}


@router.post("/rounds/{round_id}/close")
def close(request: Request, round_id: str, user: User = Depends(api_coordinator)) -> dict:
    """The round takes no more answers (`closed_now` false: it was closed before)."""
    return {"closed_now": close_round(store_of(request), round_id, actor=user.name)}


@router.post("/rounds/{round_id}/merge")
def merge(request: Request, round_id: str, user: User = Depends(api_coordinator)) -> dict:
    record, new = merge_round(store_of(request), round_id, actor=user.name)
    return {"merge": record.model_dump(mode="json"), "new": new}


@router.get("/rounds/{round_id}/items")
def items(
    request: Request,
    round_id: str,
    article: str = "",
    agency: str = "",
    kind: str = "",
    undecided: bool = False,
    _: User = Depends(api_viewer),
) -> list[dict[str, Any]]:
    """Each item with `id`, `decision` (null, or an object with `outcome`), `history` (the
    items of earlier rounds on its passage: `round_id`, `item_id`, `agency`, `decision`) and
    `repeated`."""
    where = ItemFilter(article, agency, check_filter_kind(kind), undecided)
    found = find_items(store_of(request), round_id, where, history=True)
    return [f.to_json_dict() for f in found]


@router.put("/rounds/{round_id}/decisions")
def decide(
    request: Request,
    round_id: str,
    body: list[DecisionIn],
    user: User = Depends(api_coordinator),
) -> list[dict[str, Any]]:
    decisions = [Decision(**d.model_dump()) for d in body]
    stamped = record_decisions(store_of(request), round_id, decisions, actor=user.name)
    return [d.model_dump(mode="json") for d in stamped]


@router.post("/rounds/{round_id}/publish", response_model=Published)
def publish(
    request: Request,
    round_id: str,
    body: PublishIn | None = None,
    user: User = Depends(api_coordinator),
) -> Published:
    """409 `undecided_items` (with `item_ids`) while items lack a decision, unless allowed."""
    allow = body.allow_undecided if body else False
    done = publish_decided(store_of(request), round_id, actor=user.name, allow_undecided=allow)
    return Published(version=done.version.number, report_key=done.report_key)


@router.get("/rounds/{round_id}/report.docx", response_class=Response)
def report(request: Request, round_id: str, _: User = Depends(api_viewer)) -> Response:
    store = store_of(request)
    key = store.latest_report_key(round_id)
    if key is None:
        raise PageError(404, "no_report", f"round {round_id} has no synthesis report yet")
    return docx_download(store.object_bytes(key), f"{round_id}-synthesis-report.docx")


@router.get("/rounds/{round_id}/merged.docx", response_class=Response)
def merged(request: Request, round_id: str, _: User = Depends(api_viewer)) -> Response:
    store = store_of(request)
    record = store.latest_merge(round_id)
    if record is None:
        raise PageError(404, "not_merged", t("refusal.not_merged_yet", round=round_id))
    return docx_download(store.object_bytes(record.docx_key), f"{round_id}-merged.docx")


@router.get("/drafts/{draft_id}/versions/{number}.docx", response_class=Response)
def version(
    request: Request, draft_id: str, number: int, _: User = Depends(api_viewer)
) -> Response:
    data = store_of(request).version_bytes(draft_id, number)
    return docx_download(data, f"{draft_id}-v{number}.docx")


@router.get("/drafts/{draft_id}/disputes")
def disputes(request: Request, draft_id: str, _: User = Depends(api_viewer)) -> dict[str, Any]:
    """The latest merged round's items not accepted or partly accepted, or raised again after
    an earlier round did not take them, each with its `history`."""
    return draft_disputes(store_of(request), draft_id).to_json_dict()


@router.get("/drafts/{draft_id}/disputes.docx", response_class=Response)
def disputes_report(request: Request, draft_id: str, _: User = Depends(api_viewer)) -> Response:
    return docx_download(disputes_docx(store_of(request), draft_id), f"{draft_id}-disputes.docx")


@router.post("/drafts/{draft_id}/dossier.zip", response_class=Response)
def dossier(request: Request, draft_id: str, user: User = Depends(api_coordinator)) -> Response:
    """The appraisal dossier (.zip) of the latest published version; assembling it is recorded
    in the audit (`dossier.assembled`), so it is a POST. 422 `not_published` before any."""
    made = assemble_dossier(store_of(request), draft_id, actor=user.name)
    return zip_download(made.to_zip(), made.filename)


@router.get("/drafts/{draft_id}/audit")
def audit(request: Request, draft_id: str, _: User = Depends(api_viewer)) -> list[dict]:
    return [e.model_dump(mode="json") for e in audit_entries(store_of(request), draft_id)]


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.openapi())
