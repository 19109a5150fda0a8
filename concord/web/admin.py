"""Administrators' page: the accounts (add a user, give a user a new API token)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from concord.storage.users import Role
from concord.usecases.users import add_user, new_api_token
from concord.web.auth import admin, check_csrf, users_of
from concord.web.pages import render

router = APIRouter(
    prefix="/admin", dependencies=[Depends(admin), Depends(check_csrf)], include_in_schema=False
)


@router.get("/users", response_class=HTMLResponse)
def users(request: Request) -> Response:
    context = {"users": users_of(request).users(), "roles": [r.value for r in Role]}
    return render(request, "users.html", context)


@router.post("/users")
def add(
    request: Request, name: str = Form(""), role: str = Form(""), password: str = Form("")
) -> Response:
    add_user(users_of(request), name, role, password)
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{name}/token", response_class=HTMLResponse)
def token(request: Request, name: str) -> Response:
    """A new API token for the user, shown on this page only; the previous one stops working."""
    issued = new_api_token(users_of(request), name)
    context = {
        "users": users_of(request).users(),
        "roles": [r.value for r in Role],
        "issued": (name, issued),
    }
    return render(request, "users.html", context, headers={"Cache-Control": "no-store"})
