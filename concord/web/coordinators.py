"""Coordinators' read pages: drafts, rounds, items, merges, comparisons, reports and the audit.

Every route needs a signed-in user (any role); the actions that change something are in desk.py.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import HTMLResponse, Response

from concord.engine.history_text import earlier_lines
from concord.engine.wording import Lang
from concord.messages import t
from concord.models import ItemKind, MergeRecord, Outcome, RoundStatus
from concord.usecases.audit import audit_entries, verify_audit
from concord.usecases.desk import ItemFilter, agency_deadlines, check_filter_kind, find_items
from concord.usecases.disputes import disputes_docx, draft_disputes
from concord.usecases.drafts import compare_versions
from concord.web.auth import viewer
from concord.web.errors import PageError
from concord.web.pages import docx_download, lang_of, render, store_of, templates

router = APIRouter(dependencies=[Depends(viewer)], include_in_schema=False)

# The stored review page and the comparison page are self-contained HTML written by the engine:
# allow their inline CSS and nothing else (no script, no remote loads).
_REVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"


def _words(lang: str) -> Lang:
    """The language an item's history is told in on a page."""
    return "en" if lang == "en" else "vi"


@router.get("/", response_class=HTMLResponse)
def drafts(request: Request) -> Response:
    store = store_of(request)
    return render(
        request, "drafts.html", {"drafts": store.drafts(), "kinds": ("resolution", "directive")}
    )


@router.get("/drafts/{draft_id}", response_class=HTMLResponse)
def draft(request: Request, draft_id: str) -> Response:
    store = store_of(request)
    found = store.draft(draft_id)
    statuses = [store.round_status(r.id, counts=True) for r in store.rounds(draft_id)]
    versions = store.versions(draft_id)
    published = [v.number for v in versions if v.from_round is not None]
    context = {
        "draft": found,
        "versions": versions,
        "statuses": statuses,
        "published": published[-1] if published else None,
    }
    return render(request, "draft.html", context)


@router.get("/drafts/{draft_id}/versions/{number:int}.docx")
def version_download(request: Request, draft_id: str, number: int) -> Response:
    data = store_of(request).version_bytes(draft_id, number)
    return docx_download(data, f"{draft_id}-v{number}.docx")


@router.get("/rounds/{round_id}", response_class=HTMLResponse)
def round_page(request: Request, round_id: str) -> Response:
    store = store_of(request)
    status: RoundStatus = store.round_status(round_id, counts=True)
    answers = store.latest_answers(round_id)
    deadlines = agency_deadlines(store, round_id)
    context = {
        "status": status,
        "draft": store.draft(status.round.draft_id),
        "past_deadline": status.round.deadline < datetime.now(UTC),
        "answered": sum(a.answered for a in status.agencies),
        "answers": answers,
        "deadlines": deadlines,
        "late": {
            agency_id: answer.late or answer.uploaded_at > deadlines[agency_id]
            for agency_id, answer in answers.items()
        },
        "closed": store.is_closed(round_id),
        "report_key": store.latest_report_key(round_id),
    }
    return render(request, "round.html", context)


def _merge(request: Request, round_id: str) -> MergeRecord:
    merged = store_of(request).latest_merge(round_id)
    if merged is None:
        raise PageError(404, "not_merged", t("refusal.not_merged_yet", round=round_id))
    return merged


@router.get("/rounds/{round_id}/merged.docx")
def merged_download(request: Request, round_id: str) -> Response:
    merged = _merge(request, round_id)
    data = store_of(request).object_bytes(merged.docx_key)
    return docx_download(data, f"{round_id}-merged-{merged.seq}.docx")


@router.get("/rounds/{round_id}/review", response_class=HTMLResponse)
def review(request: Request, round_id: str) -> Response:
    merged = _merge(request, round_id)
    page = store_of(request).object_bytes(merged.html_key)
    return HTMLResponse(page, headers={"Content-Security-Policy": _REVIEW_CSP})


@router.get("/drafts/{draft_id}/compare", response_class=HTMLResponse)
def compare(
    request: Request, draft_id: str, old: int = Query(..., ge=1), new: int = Query(..., ge=1)
) -> Response:
    page = compare_versions(store_of(request), draft_id, old, new).review_page()
    lang = lang_of(request)
    links = templates.get_template("compare_links.html").render(
        draft_id=draft_id, old=old, new=new, t=lambda key, **kw: t(key, lang, **kw)
    )
    # The engine's page is one escaped document; its first "<body>" is the tag itself (document
    # text cannot contain a literal "<"), so the navigation goes right after it.
    page = page.replace("<body>", "<body>" + links, 1)
    return HTMLResponse(page, headers={"Content-Security-Policy": _REVIEW_CSP})


@router.get("/drafts/{draft_id}/compare.docx")
def compare_download(
    request: Request, draft_id: str, old: int = Query(..., ge=1), new: int = Query(..., ge=1)
) -> Response:
    found = compare_versions(store_of(request), draft_id, old, new)
    return docx_download(found.result.docx, f"{draft_id}-v{old}-v{new}-redline.docx")


@router.get("/drafts/{draft_id}/audit", response_class=HTMLResponse)
def audit(request: Request, draft_id: str) -> Response:
    store = store_of(request)
    entries = audit_entries(store, draft_id)
    context = {
        "draft": store.draft(draft_id),
        "entries": entries,
        "report": verify_audit(store, draft_id),
    }
    return render(request, "audit.html", context)


@router.get("/rounds/{round_id}/items", response_class=HTMLResponse)
def items(
    request: Request,
    round_id: str,
    article: str = "",
    agency: str = "",
    kind: str = "",
    undecided: bool = False,
) -> Response:
    store = store_of(request)
    where = ItemFilter(article.strip(), agency.strip(), check_filter_kind(kind), undecided)
    everything = find_items(store, round_id, history=True)
    found = [f for f in everything if where.matches(f)]
    lang = lang_of(request)
    context = {
        "round": store.round(round_id),
        "found": found,
        "history": {f.item.id: earlier_lines(f.history, _words(lang)) for f in found},
        "total": len(everything),
        "undecided_count": sum(f.decision is None for f in everything),
        "where": where,
        "kinds": [k.value for k in ItemKind],
        "outcomes": [o.value for o in Outcome],
        "agencies": sorted({f.item.agency for f in everything}),
    }
    return render(request, "items.html", context)


@router.get("/drafts/{draft_id}/disputes", response_class=HTMLResponse)
def disputes(request: Request, draft_id: str) -> Response:
    """The issues still in dispute, for leaders to settle before appraisal."""
    store = store_of(request)
    found = draft_disputes(store, draft_id)
    lang = lang_of(request)
    context = {
        "draft": found.draft,
        "found": found,
        "history": {f.item.id: earlier_lines(f.history, _words(lang)) for f in found.items},
    }
    return render(request, "disputes.html", context)


@router.get("/drafts/{draft_id}/disputes.docx")
def disputes_download(request: Request, draft_id: str) -> Response:
    return docx_download(disputes_docx(store_of(request), draft_id), f"{draft_id}-disputes.docx")


@router.get("/rounds/{round_id}/report.docx")
def report_download(request: Request, round_id: str) -> Response:
    store = store_of(request)
    key = store.latest_report_key(round_id)
    if key is None:
        raise PageError(404, "no_report", "no_report")
    return docx_download(store.object_bytes(key), f"{round_id}-synthesis-report.docx")


_LETTER_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@router.get("/rounds/{round_id}/letters/{agency_id}")
def letter_download(request: Request, round_id: str, agency_id: str) -> Response:
    """The agency's newest reply letter, as a file to save: never displayed (Concord does not
    render PDFs), sandboxed should a browser try."""
    store = store_of(request)
    answer = store.latest_answers(round_id).get(agency_id)
    if answer is None or answer.letter_key is None:
        raise PageError(404, "not_found", t("error.not_found", lang_of(request)))
    ext = answer.letter_key.rsplit(".", 1)[-1]
    return Response(
        store.object_bytes(answer.letter_key),
        media_type=_LETTER_TYPES.get(ext, "application/octet-stream"),
        headers={
            "Content-Disposition": f'attachment; filename="{round_id}-{agency_id}-letter.{ext}"',
            "Content-Security-Policy": "sandbox; default-src 'none'",
        },
    )
