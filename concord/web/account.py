"""Signing in and out of the coordinators' desk."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from concord.errors import SignInFailed, TooManyAttempts
from concord.messages import t
from concord.usecases.users import sign_in
from concord.web.auth import (
    USER_COOKIE,
    address_of,
    check_csrf,
    proxy_user,
    set_session_cookie,
    user_session,
    users_of,
)
from concord.web.pages import lang_of, render

router = APIRouter(include_in_schema=False)


def _safe_next(target: str) -> str:
    """Only a path on this site: never an open redirect to another host."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    """The form; behind a trusted single-sign-on proxy, a session for the user it names."""
    user = proxy_user(request)
    if user is not None:
        return _signed_in(request, user.name, next)
    return render(request, "login.html", {"next": _safe_next(next), "failed": ""})


def _signed_in(request: Request, name: str, next: str) -> Response:
    users = users_of(request)
    old = request.cookies.get(USER_COOKIE)
    if old:
        users.end_session(old)  # a fresh id at sign-in: a planted cookie cannot be promoted
    sid, _ = users.new_session("user", name)
    response = RedirectResponse(_safe_next(next), status_code=303)
    set_session_cookie(response, request, USER_COOKIE, sid)
    return response


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    next: str = Form("/"),
) -> Response:
    users = users_of(request)
    lang = lang_of(request)
    try:
        user = sign_in(users, username, password, address=address_of(request))
    except TooManyAttempts as err:
        context = {
            "next": _safe_next(next),
            "failed": t("login.locked", lang, minutes=max(1, err.retry_after // 60)),
        }
        return render(
            request,
            "login.html",
            context,
            status_code=429,
            headers={"Retry-After": str(err.retry_after), "X-Concord-Error": err.code},
        )
    except SignInFailed as err:
        context = {"next": _safe_next(next), "failed": t("login.failed", lang)}
        return render(
            request, "login.html", context, status_code=401, headers={"X-Concord-Error": err.code}
        )
    return _signed_in(request, user.name, next)


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request) -> Response:
    if user_session(request) is not None:
        users_of(request).end_session(request.cookies.get(USER_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(USER_COOKIE, path="/")
    return response
