"""Who is asking: user and agency sessions (server-side, by cookie), roles, CSRF, API tokens.

A session cookie holds only a random id; the server keeps its digest, its CSRF token and its
last activity (storage.users), so signing out or idling past IDLE_SECONDS ends it for good. The
cookies are HttpOnly and SameSite=Lax, and Secure whenever the request came over https. Every
state-changing form carries the session's CSRF token (`csrf` field or `X-CSRF-Token` header);
the API takes `Authorization: Bearer <token>` instead and has no cookies to forge.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from fastapi import Request
from starlette.responses import Response

from concord.storage.users import Role, Session, User, UserStore
from concord.web.errors import PageError

USER_COOKIE = "concord_session"
AGENCY_COOKIE = "concord_agency"
IDLE_SECONDS = 30 * 60
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class SignInRequired(Exception):
    """No live session: pages redirect to /login, the API answers 401."""


def users_of(request: Request) -> UserStore:
    return request.app.state.users


def address_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _session(request: Request, cookie: str, kind: str) -> Session | None:
    cache = f"_session_{kind}"
    if not hasattr(request.state, cache):
        sid = request.cookies.get(cookie, "")
        found = users_of(request).session(sid, idle=IDLE_SECONDS) if sid else None
        setattr(request.state, cache, found if found and found.kind == kind else None)
    return getattr(request.state, cache)


def user_session(request: Request) -> Session | None:
    return _session(request, USER_COOKIE, "user")


def agency_session(request: Request) -> Session | None:
    return _session(request, AGENCY_COOKIE, "agency")


def signed_in_user(request: Request) -> User | None:
    session = user_session(request)
    return users_of(request).user(session.subject) if session else None


def proxy_user(request: Request) -> User | None:
    """The user a trusted reverse proxy names (CONCORD_WEB_USER_HEADER), when configured.

    Only from CONCORD_WEB_TRUSTED_PROXIES addresses: anyone else could send the header. The
    user must exist here too; the role is the local account's.
    """
    settings = request.app.state.settings
    trusted = {a.strip() for a in settings.web_trusted_proxies.split(",") if a.strip()}
    header = settings.web_user_header.strip()
    if not trusted or not header or address_of(request) not in trusted:
        return None
    name = request.headers.get(header, "").strip()
    return users_of(request).user(name) if name else None


def need(role: Role) -> Callable[[Request], User]:
    """A dependency: the signed-in user, who must have at least `role`."""

    def dependency(request: Request) -> User:
        user = signed_in_user(request)
        if user is None:
            raise SignInRequired()
        if not user.role.allows(role):
            raise PageError(403, "forbidden", "forbidden")
        request.state.user = user
        return user

    return dependency


viewer = need(Role.VIEWER)
coordinator = need(Role.COORDINATOR)
admin = need(Role.ADMIN)


async def check_csrf(request: Request) -> None:
    """A dependency for routes that change something: the session's CSRF token must come along."""
    if request.method not in UNSAFE_METHODS:
        return
    session = user_session(request) or agency_session(request)
    sent = request.headers.get("x-csrf-token", "")
    if not sent and "form" in request.headers.get("content-type", ""):
        sent = str((await request.form()).get("csrf", ""))
    if session is None or not sent or not hmac.compare_digest(sent, session.csrf):
        raise PageError(403, "csrf", "csrf")


def api_user(request: Request) -> User:
    """A dependency for /api/v1: the user whose API token is in `Authorization: Bearer`."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    user = users_of(request).token_user(token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise SignInRequired()
    request.state.user = user
    return user


def api_need(role: Role) -> Callable[[Request], User]:
    def dependency(request: Request) -> User:
        user = api_user(request)
        if not user.role.allows(role):
            raise PageError(403, "forbidden", "forbidden")
        return user

    return dependency


api_viewer = api_need(Role.VIEWER)
api_coordinator = api_need(Role.COORDINATOR)


def set_session_cookie(response: Response, request: Request, name: str, sid: str) -> None:
    response.set_cookie(
        name,
        sid,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def no_token_in_url(request: Request) -> None:
    """An app-wide dependency: a token in an address ends up in logs and browser history."""
    if any(name.lower() in {"token", "access_token"} for name in request.query_params):
        raise PageError(400, "token_in_url", "token_in_url")
