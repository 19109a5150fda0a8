"""The web app: coordinators' read-only pages and agencies' upload page over one ConcordStore."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import Response

from concord.engine.errors import EngineError
from concord.errors import ConcordError
from concord.models import ConcordSettings
from concord.storage.errors import StorageError
from concord.storage.factory import open_concord_store
from concord.web import agencies, coordinators, desk
from concord.web.errors import from_concord, from_engine, from_storage
from concord.web.middleware import MULTIPART_OVERHEAD, BodyLimit, SecurityHeaders
from concord.web.pages import render

STATIC = Path(__file__).parent / "static"
_CODES = {403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}


def create_app(settings: ConcordSettings | None = None) -> FastAPI:
    """The app over the store `settings` name (default: CONCORD_* from the environment)."""
    store = open_concord_store(settings)
    app = FastAPI(title="Concord", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = store
    limits = (settings or ConcordSettings()).safety_limits
    app.add_middleware(BodyLimit, limit=limits.max_bytes + MULTIPART_OVERHEAD)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(coordinators.router)
    app.include_router(agencies.router)
    app.include_router(desk.router)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        code = getattr(exc, "code", None) or _CODES.get(exc.status_code, f"http_{exc.status_code}")
        return render(
            request,
            "error.html",
            {"status": exc.status_code, "code": code, "message": str(exc.detail)},
            status_code=exc.status_code,
            headers={"X-Concord-Error": code},
        )

    @app.exception_handler(StorageError)
    async def _storage_error(request: Request, exc: StorageError) -> Response:
        return await _http_error(request, from_storage(exc))

    @app.exception_handler(EngineError)
    async def _engine_error(request: Request, exc: EngineError) -> Response:
        return await _http_error(request, from_engine(exc))

    @app.exception_handler(ConcordError)
    async def _refused(request: Request, exc: ConcordError) -> Response:
        return await _http_error(request, from_concord(exc))

    return app
