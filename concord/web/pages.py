"""Rendering pages: one autoescaping Jinja environment, the store the app was made with."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.responses import Response

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


def store_of(request: Request) -> ConcordStore:
    return request.app.state.store


def render(
    request: Request,
    name: str,
    context: Mapping[str, Any],
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    return templates.TemplateResponse(
        request, name, dict(context), status_code=status_code, headers=dict(headers or {})
    )


def docx_download(data: bytes, filename: str) -> Response:
    """`filename` is built from ids (ASCII slugs), so it needs no RFC 5987 encoding."""
    return Response(
        data,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
