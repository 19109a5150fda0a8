"""Sign-in, roles, CSRF, lockout, session cookies, security headers: the desk's locks.

The route-table tests walk `app.routes`, so a route added later without a lock fails here.
"""

from __future__ import annotations

import re

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from concord.storage.users import Role
from concord.web.auth import IDLE_SECONDS
from tests.web.conftest import PASSWORD, Consultation, csrf_in

# The only routes anyone may use unsigned: the two sign-in forms.
PUBLIC = {("/login", "GET"), ("/login", "POST"), ("/answer", "GET"), ("/answer", "POST")}


def route_table(app) -> list:
    """Every endpoint route of `app`, through included routers.

    This FastAPI keeps included routers as lazy `_IncludedRouter` entries in `app.routes`; their
    `effective_route_contexts()` yields each route with its full path and methods.
    """
    found = []
    for route in app.routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "effective_route_contexts"):
            found.extend(route.effective_route_contexts())
    return found


def _routes(consultation: Consultation) -> list[tuple[str, str, str]]:
    """(concrete path, method, pattern) for every route, path parameters filled in."""
    found = []
    for route in route_table(consultation.app):
        path = re.sub(r"\{number(:int)?\}", "1", route.path)
        path = re.sub(r"\{round_id\}", consultation.round_id, path)
        path = re.sub(r"\{draft_id\}", consultation.draft_id, path)
        path = re.sub(r"\{[a-z_]+(:[a-z]+)?\}", "bo-tu-phap", path)
        found += [(path, method, route.path) for method in sorted(route.methods)]
    return found


def test_every_route_but_the_sign_in_forms_refuses_an_unsigned_request(
    consultation: Consultation,
):
    client = TestClient(consultation.app)
    checked = 0
    for path, method, pattern in _routes(consultation):
        if (pattern, method) in PUBLIC:
            continue
        response = client.request(method, path, follow_redirects=False)
        where = f"{method} {pattern}"
        if pattern.startswith("/api/"):
            assert response.status_code == 401, where
            assert response.headers["WWW-Authenticate"] == "Bearer", where
        elif pattern.startswith("/answer/"):
            # Agency pages need an agency session for that round.
            assert response.status_code in (401, 403), where
        elif method == "GET":
            assert response.status_code == 303, where
            assert response.headers["location"].startswith("/login"), where
        else:
            assert response.status_code in (303, 401, 403), where
            if response.status_code == 303:
                assert response.headers["location"].startswith("/login"), where
        checked += 1
    assert checked >= 30  # the walk really saw the desk, the agencies' pages and the API
    # A wrong API token is no better than none.
    bad = client.get("/api/v1/drafts", headers={"Authorization": "Bearer cct_nope"})
    assert bad.status_code == 401


def test_a_viewer_cannot_change_anything(consultation: Consultation):
    viewer = consultation.signed_in("reader", Role.VIEWER)
    csrf = csrf_in(viewer.get("/").text)
    token = consultation.users.new_api_token("reader")
    api = {"Authorization": f"Bearer {token}"}
    checked = 0
    for path, method, pattern in _routes(consultation):
        if method == "GET" or (pattern, method) in PUBLIC or pattern.startswith("/answer/"):
            continue
        if pattern == "/logout":
            continue
        headers = api if pattern.startswith("/api/") else {"X-CSRF-Token": csrf}
        response = viewer.request(method, path, headers=headers, follow_redirects=False)
        assert response.status_code == 403, f"{method} {pattern}"
        assert response.headers["X-Concord-Error"] == "forbidden"
        checked += 1
    assert checked >= 10
    assert viewer.get(f"/rounds/{consultation.round_id}").status_code == 200


def test_a_form_post_without_the_csrf_token_is_refused(consultation: Consultation):
    clerk = consultation.signed_in()
    form = {"title": "Chỉ thị mới", "kind": "directive"}
    for extra in ({}, {"csrf": "forged"}):
        refused = clerk.post("/drafts", data={**form, **extra}, follow_redirects=False)
        assert refused.status_code == 403
        assert refused.headers["X-Concord-Error"] == "csrf"
    assert len(consultation.store.drafts()) == 1  # nothing was registered
    # Another user's token is not this session's either.
    other = consultation.signed_in("other")
    theirs = csrf_in(other.get("/").text)
    refused = clerk.post("/drafts", data={**form, "csrf": theirs}, follow_redirects=False)
    assert refused.status_code == 403
    done = clerk.post(
        "/drafts", data={**form, "csrf": csrf_in(clerk.get("/").text)}, follow_redirects=False
    )
    assert done.status_code == 303
    assert len(consultation.store.drafts()) == 2


def test_twenty_wrong_passwords_lock_the_account_even_against_the_right_one(
    consultation: Consultation,
):
    consultation.users.add_user("clerk", Role.COORDINATOR, PASSWORD)
    client = TestClient(consultation.app)
    codes = [
        client.post("/login", data={"username": "clerk", "password": f"wrong-{n}"}).status_code
        for n in range(20)
    ]
    assert codes[:5] == [401] * 5
    assert codes[5:] == [429] * 15
    right = client.post(
        "/login", data={"username": "clerk", "password": PASSWORD}, follow_redirects=False
    )
    assert right.status_code == 429
    assert int(right.headers["Retry-After"]) > 60
    assert "concord_session" not in right.headers.get("set-cookie", "")


def test_one_address_guessing_many_accounts_is_slowed_down(consultation: Consultation):
    client = TestClient(consultation.app)
    codes = [
        client.post("/login", data={"username": f"u{n}", "password": "x"}).status_code
        for n in range(22)
    ]
    assert codes[:20] == [401] * 20
    assert codes[20:] == [429, 429]


def test_session_cookie_flags_sign_out_and_idle_expiry(consultation: Consultation):
    consultation.users.add_user("clerk", Role.COORDINATOR, PASSWORD)
    form = {"username": "clerk", "password": PASSWORD}
    plain = TestClient(consultation.app)
    signed = plain.post("/login", data=form, follow_redirects=False)
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    secure = TestClient(consultation.app, base_url="https://testserver")
    over_https = secure.post("/login", data=form, follow_redirects=False)
    assert "Secure" in over_https.headers["set-cookie"]

    assert plain.get("/", follow_redirects=False).status_code == 200
    logout = plain.post("/logout", data={"csrf": csrf_in(plain.get("/").text)})
    assert logout.status_code == 200  # the sign-in page, after the redirect
    sid = signed.cookies.get("concord_session")
    stale = TestClient(consultation.app, cookies={"concord_session": sid})
    assert stale.get("/", follow_redirects=False).status_code == 303

    # Idle past the limit: the session is gone.
    clock = consultation.users.clock
    assert secure.get("/", follow_redirects=False).status_code == 200
    consultation.users.clock = lambda: clock() + IDLE_SECONDS + 1
    try:
        assert secure.get("/", follow_redirects=False).status_code == 303
    finally:
        consultation.users.clock = clock


def test_passwords_and_tokens_are_not_stored_in_clear(consultation: Consultation):
    consultation.users.add_user("clerk", Role.COORDINATOR, PASSWORD)
    token = consultation.users.new_api_token("clerk")
    raw = consultation.users.path.read_bytes()
    for db_file in consultation.users.path.parent.glob("users.sqlite3*"):
        raw += db_file.read_bytes()
    assert PASSWORD.encode() not in raw
    assert token.encode() not in raw
    assert b"$argon2id$" in raw


def test_pages_carry_the_security_headers_and_errors_are_styled(consultation: Consultation):
    clerk = consultation.signed_in()
    for response in (
        clerk.get("/"),
        consultation.client.get("/login"),
        clerk.get("/no/such/page"),
        clerk.get(f"/drafts/{consultation.draft_id}/compare", params={"old": "x", "new": 1}),
    ):
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'none'" in csp
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["content-type"].startswith("text/html")
        assert '"detail"' not in response.text
    invalid = clerk.get(f"/drafts/{consultation.draft_id}/compare", params={"old": "x", "new": 1})
    assert invalid.status_code == 422
    assert invalid.headers["X-Concord-Error"] == "invalid_input"


def test_sign_in_never_redirects_off_site(consultation: Consultation):
    consultation.users.add_user("clerk", Role.COORDINATOR, PASSWORD)
    client = TestClient(consultation.app)
    for target in ("//evil.example/x", "https://evil.example/"):
        response = client.post(
            "/login",
            data={"username": "clerk", "password": PASSWORD, "next": target},
            follow_redirects=False,
        )
        assert response.headers["location"] == "/"
    kept = client.post(
        "/login",
        data={"username": "clerk", "password": PASSWORD, "next": "/drafts/x"},
        follow_redirects=False,
    )
    assert kept.headers["location"] == "/drafts/x"


def test_error_pages_show_no_server_path(consultation: Consultation):
    clerk = consultation.signed_in()
    home = str(consultation.users.path.parent)
    for url in ("/rounds/nope-r9", "/drafts/no-such-draft", "/api/v1/rounds/nope-r9"):
        response = clerk.get(url, headers={"Authorization": "Bearer x"})
        assert response.status_code in (401, 404), url
        assert home not in response.text and "/tmp" not in response.text
    token = consultation.users.new_api_token("clerk")
    api = clerk.get("/api/v1/rounds/nope-r9", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 404
    assert home not in api.text and "the store" in api.json()["message"]


def test_a_trusted_proxy_can_name_the_user_and_nobody_else_can(consultation: Consultation):
    from concord.models import ConcordSettings
    from concord.web import create_app

    consultation.users.add_user("sso-user", Role.VIEWER, PASSWORD)
    header = {"X-Remote-User": "sso-user"}
    # Off by default: the header means nothing.
    plain = TestClient(consultation.app)
    assert plain.get("/", headers=header).url.path == "/login"
    # From a trusted address (the test client's), the named user is signed in.
    settings = ConcordSettings(web_trusted_proxies="testclient", web_user_header="X-Remote-User")
    behind_proxy = TestClient(create_app(settings))
    page = behind_proxy.get("/", headers=header)
    assert page.status_code == 200 and page.url.path == "/"
    assert "sso-user" in page.text
    unknown = TestClient(create_app(settings)).get("/", headers={"X-Remote-User": "nobody"})
    assert unknown.url.path == "/login"
    # Anyone else sending the header is ignored.
    elsewhere = ConcordSettings(web_trusted_proxies="10.0.0.1", web_user_header="X-Remote-User")
    assert TestClient(create_app(elsewhere)).get("/", headers=header).url.path == "/login"


def test_an_admin_manages_accounts_and_only_an_admin(consultation: Consultation):
    boss = consultation.signed_in("boss", Role.ADMIN)
    page = boss.get("/admin/users")
    assert page.status_code == 200 and "boss" in page.text
    added = boss.post(
        "/admin/users",
        data={"csrf": csrf_in(page.text), "name": "hoa", "role": "viewer", "password": PASSWORD},
        follow_redirects=False,
    )
    assert added.status_code == 303
    assert consultation.users.user("hoa").role is Role.VIEWER
    issued = boss.post("/admin/users/hoa/token", data={"csrf": csrf_in(page.text)})
    token = issued.text.split('id="api-token">', 1)[1].split("<", 1)[0]
    assert consultation.users.token_user(token).name == "hoa"
    assert issued.headers["Cache-Control"] == "no-store"
    short = boss.post(
        "/admin/users",
        data={"csrf": csrf_in(page.text), "name": "x", "role": "viewer", "password": "short"},
    )
    assert short.status_code == 422 and consultation.users.user("x") is None
    # A coordinator is not an admin.
    assert consultation.signed_in().get("/admin/users").status_code == 403
