"""Pure ASGI middleware (no BaseHTTPMiddleware, which would get between a body read and its
errors): a ceiling on request bodies, headers every response carries, and the language a
request's work speaks."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from concord.engine.safety import DEFAULT_LIMITS
from concord.engine.safety.limits import MB
from concord.messages import speaking

# Room for the multipart framing and the token field around the largest acceptable file.
MULTIPART_OVERHEAD = 64 * 1024
MAX_BODY = DEFAULT_LIMITS.max_bytes + MULTIPART_OVERHEAD


def too_large_message(limit: int) -> str:
    size = f"{limit / MB:.0f} MB" if limit >= MB else f"{limit:,} bytes"
    return f"the upload is larger than {size}; it was not read"


class BodyLimit:
    """ASGI middleware: a declared Content-Length over `limit` is answered at once; a body that
    streams past `limit` (chunked, or lying about its length) stops the read with a 413."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            page = HTMLResponse(
                f"<!DOCTYPE html><title>Too large</title><p>{too_large_message(self.limit)}</p>",
                status_code=413,
                headers={"X-Concord-Error": "too_large"},
            )
            await page(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    # FastAPI re-raises an HTTPException met while parsing a body, so this
                    # reaches the app's error page instead of becoming a 400.
                    raise HTTPException(413, too_large_message(self.limit))
            return message

        await self.app(scope, limited, send)


# Pages load only this site's stylesheet: no script at all, no framing, forms post here only.
CSP = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Pages show drafts and answers to a signed-in user: no shared or browser cache keeps them.
    "Cache-Control": "no-store",
}


class SecurityHeaders:
    """ASGI middleware: add SECURITY_HEADERS to every HTTP response that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if scope.get("scheme") == "https":
                    headers.setdefault("Strict-Transport-Security", "max-age=31536000")
            await send(message)

        await self.app(scope, receive, with_headers)


class RequestLanguage:
    """ASGI middleware: what runs for a request speaks its page's language (?lang=, the cookie,
    Accept-Language; Vietnamese by default), refusals raised in the use cases included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.requests import Request

        from concord.web.pages import lang_of

        with speaking(lang_of(Request(scope))):
            await self.app(scope, receive, send)
