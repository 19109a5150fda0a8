"""Rendering pages: one autoescaping Jinja environment, the page's language, the session's CSRF
token, and the store the app was made with."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.responses import Response

from concord.messages import LANGS, choose_lang, t
from concord.storage.records import ConcordStore

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,  # every value is escaped: titles, agency names, file names, messages
    trim_blocks=True,
    lstrip_blocks=True,
)


def _when(value: datetime | None) -> str:
    return value.isoformat(sep=" ", timespec="minutes") if value else ""


_env.filters["when"] = _when
templates = Jinja2Templates(env=_env)
LANG_COOKIE = "lang"


def store_of(request: Request) -> ConcordStore:
    return request.app.state.store


def lang_of(request: Request) -> str:
    """?lang=, else the `lang` cookie, else Accept-Language; Vietnamese by default."""
    return choose_lang(
        request.query_params.get("lang"),
        request.cookies.get(LANG_COOKIE),
        request.headers.get("accept-language", ""),
    )


def csrf_of(request: Request) -> str:
    from concord.web.auth import agency_session, user_session

    session = user_session(request) or agency_session(request)
    return session.csrf if session else ""


def render(
    request: Request,
    name: str,
    context: Mapping[str, Any],
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    from concord.web.auth import signed_in_user

    lang = lang_of(request)

    def tr(key: str, **kw: Any) -> str:
        return t(key, lang, **kw)

    full = {
        "lang": lang,
        "t": tr,
        "user": signed_in_user(request),
        "csrf": csrf_of(request),
        "path": request.url.path,
        **context,
    }
    response = templates.TemplateResponse(
        request, name, full, status_code=status_code, headers=dict(headers or {})
    )
    asked = request.query_params.get("lang")
    if asked in LANGS:
        response.set_cookie(LANG_COOKIE, asked, samesite="lax", max_age=365 * 86400)
    return response


def docx_download(data: bytes, filename: str) -> Response:
    """`filename` is built from ids (ASCII slugs), so it needs no RFC 5987 encoding."""
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def zip_download(data: bytes, filename: str) -> Response:
    """`filename` is built from ids (ASCII slugs), as for docx_download."""
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
