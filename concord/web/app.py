"""The web app: the coordinators' desk (signed in), the agencies' pages (by token), the API.

Every error becomes a styled page (or, under /api/, JSON `{"error", "message"}`) with a stable
code: never a traceback, a server path or the framework's raw JSON.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from concord.engine.errors import EngineError
from concord.errors import AccessError, ConcordError, TooManyAttempts, Undecided
from concord.messages import has_key, t
from concord.models import ConcordSettings
from concord.storage.errors import StorageError
from concord.storage.factory import open_concord_store
from concord.usecases.users import open_user_store
from concord.web import account, admin, agencies, api, coordinators, desk
from concord.web.auth import SignInRequired, no_token_in_url
from concord.web.errors import PageError, from_concord, from_engine, from_storage, scrub
from concord.web.middleware import BodyLimit, RequestLanguage, SecurityHeaders
from concord.web.pages import lang_of, render

STATIC = Path(__file__).parent / "static"
_CODES = {
    400: "bad_request",
    401: "sign_in",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
}
log = logging.getLogger(__name__)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(api.PREFIX + "/") or request.url.path == api.PREFIX


def create_app(settings: ConcordSettings | None = None) -> FastAPI:
    """The app over the store `settings` name (default: CONCORD_* from the environment)."""
    settings = settings or ConcordSettings()
    app = FastAPI(
        title="Concord",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,  # served behind the API token by api.openapi
        dependencies=[Depends(no_token_in_url)],
    )
    app.state.settings = settings
    app.state.store = open_concord_store(settings)
    app.state.users = open_user_store(settings)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestLanguage)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(account.router)
    app.include_router(coordinators.router)
    app.include_router(desk.router)
    app.include_router(admin.router)
    app.include_router(agencies.router)
    app.include_router(api.router)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        code = getattr(exc, "code", None) or _CODES.get(exc.status_code, f"http_{exc.status_code}")
        lang = lang_of(request)
        message = t(f"error.{code}", lang) if has_key(f"error.{code}") else str(exc.detail)
        message = scrub(message, app.state.store.describe(), lang=lang)
        headers = {"X-Concord-Error": code, **(getattr(exc, "extra_headers", None) or {})}
        if _is_api(request):
            body = {"error": code, "message": message, **(getattr(exc, "extra", None) or {})}
            return JSONResponse(body, status_code=exc.status_code, headers=headers)
        context = {"status": exc.status_code, "code": code, "message": message}
        return render(request, "error.html", context, status_code=exc.status_code, headers=headers)

    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, exc: SignInRequired) -> Response:
        if _is_api(request):
            return JSONResponse(
                {"error": "unauthorized", "message": "send Authorization: Bearer <API token>"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer", "X-Concord-Error": "unauthorized"},
            )
        target = quote(request.url.path, safe="/")
        return RedirectResponse(f"/login?next={target}", status_code=303)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        where = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors()[:5]
        )
        return await _http_error(request, PageError(422, "invalid_input", where))

    @app.exception_handler(StorageError)
    async def _storage_error(request: Request, exc: StorageError) -> Response:
        return await _http_error(request, from_storage(exc))

    @app.exception_handler(EngineError)
    async def _engine_error(request: Request, exc: EngineError) -> Response:
        return await _http_error(request, from_engine(exc))

    @app.exception_handler(ConcordError)
    async def _refused(request: Request, exc: ConcordError) -> Response:
        error = from_concord(exc)
        if isinstance(exc, Undecided):
            error.extra = {"item_ids": exc.item_ids}
        if isinstance(exc, AccessError):
            error = PageError(429 if isinstance(exc, TooManyAttempts) else 403, exc.code, str(exc))
        return await _http_error(request, error)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        # Logged with its traceback for the operator; the person sees a code, no internals.
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return await _http_error(request, PageError(500, "internal_error", "internal_error"))

    return app
