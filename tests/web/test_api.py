"""/api/v1 driven as a ministry's document system would: per-user token, JSON, OpenAPI."""

from __future__ import annotations

import io
import zipfile

from concord.storage.users import Role
from tests.flows.documents import draft_docx
from tests.support.cli import concord_env, run_concord
from tests.web.conftest import PASSWORD, Consultation

FINANCE, JUSTICE = "bo-tai-chinh", "bo-tu-phap"


def _bearer(consultation: Consultation, name: str = "dms", role: Role = Role.COORDINATOR) -> dict:
    consultation.users.add_user(name, role, PASSWORD)
    return {"Authorization": f"Bearer {consultation.users.new_api_token(name)}"}


def test_a_round_from_items_to_report_through_the_api(consultation: Consultation):
    api = consultation.client
    auth = _bearer(consultation)
    rid = consultation.round_id
    for agency_id, year in ((FINANCE, "2035"), (JUSTICE, "2040")):
        data = consultation.answer(agency_id, year)
        assert consultation.upload(consultation.tokens[agency_id], data).status_code == 201
    merged = api.post(f"/api/v1/rounds/{rid}/merge", headers=auth)
    assert merged.status_code == 200, merged.text
    assert merged.json()["new"] is True

    items = api.get(f"/api/v1/rounds/{rid}/items", headers=auth)
    assert items.status_code == 200
    listed = items.json()
    assert len(listed) == 2 and all(i["decision"] is None for i in listed)
    first, second = (i["id"] for i in listed)

    early = api.post(f"/api/v1/rounds/{rid}/publish", headers=auth)
    assert early.status_code == 409
    assert early.json()["error"] == "undecided_items"
    assert set(early.json()["item_ids"]) == {first, second}

    decided = api.put(
        f"/api/v1/rounds/{rid}/decisions",
        headers=auth,
        json=[
            {"item_id": first, "outcome": "accepted", "explanation": "Đồng ý"},
            {"item_id": second, "outcome": "not_accepted", "explanation": "Trùng ý"},
        ],
    )
    assert decided.status_code == 200, decided.text
    assert {d["decided_by"] for d in decided.json()} == {"dms"}
    after = api.get(f"/api/v1/rounds/{rid}/items", headers=auth).json()
    assert {i["id"]: i["decision"]["outcome"] for i in after} == {
        first: "accepted",
        second: "not_accepted",
    }
    undecided = api.get(f"/api/v1/rounds/{rid}/items", params={"undecided": True}, headers=auth)
    assert undecided.json() == []

    published = api.post(f"/api/v1/rounds/{rid}/publish", headers=auth, json={})
    assert published.status_code == 200, published.text
    assert published.json()["version"] == 2
    report = api.get(f"/api/v1/rounds/{rid}/report.docx", headers=auth)
    assert report.status_code == 200
    assert zipfile.ZipFile(io.BytesIO(report.content)).read("word/document.xml")
    actors = {e.action: e.actor for e in consultation.store.audit.entries(consultation.draft_id)}
    assert actors["decisions.recorded"] == "dms"
    assert actors["version.published"] == "dms"


def test_publish_allow_undecided_and_bad_input_errors_are_json(consultation: Consultation):
    api, auth, rid = consultation.client, _bearer(consultation), consultation.round_id
    nothing = api.get(f"/api/v1/rounds/{rid}/items", headers=auth)
    assert nothing.status_code == 404 and nothing.json()["error"] == "not_found"
    wrong = api.put(f"/api/v1/rounds/{rid}/decisions", headers=auth, json=[{"item_id": "x"}])
    assert wrong.status_code == 422
    assert wrong.json()["error"] == "invalid_input"
    data = consultation.answer(FINANCE, "2035")
    assert consultation.upload(consultation.tokens[FINANCE], data).status_code == 201
    api.post(f"/api/v1/rounds/{rid}/merge", headers=auth)
    (item,) = api.get(f"/api/v1/rounds/{rid}/items", headers=auth).json()
    api.put(
        f"/api/v1/rounds/{rid}/decisions",
        headers=auth,
        json=[{"item_id": item["id"], "outcome": "noted", "explanation": ""}],
    )
    data = consultation.answer(JUSTICE, "2040")
    assert consultation.upload(consultation.tokens[JUSTICE], data).status_code == 201
    api.post(f"/api/v1/rounds/{rid}/merge", headers=auth)
    assert api.post(f"/api/v1/rounds/{rid}/publish", headers=auth).status_code == 409
    allowed = api.post(
        f"/api/v1/rounds/{rid}/publish", headers=auth, json={"allow_undecided": True}
    )
    assert allowed.status_code == 200
    assert allowed.json()["version"] == 2


def test_drafts_rounds_and_tokens_through_the_api(consultation: Consultation):
    api, auth = consultation.client, _bearer(consultation)
    made = api.post(
        "/api/v1/drafts",
        headers=auth,
        data={"title": "Nghị quyết API", "kind": "resolution"},
        files={"file": ("d.docx", draft_docx(), "application/octet-stream")},
    )
    assert made.status_code == 201, made.text
    draft_id = made.json()["id"]
    opened = api.post(
        f"/api/v1/drafts/{draft_id}/rounds",
        headers=auth,
        json={"agencies": ["Bộ Y tế"], "deadline": "2031-01-01T17:00:00+07:00"},
    )
    assert opened.status_code == 201, opened.text
    rid = opened.json()["round"]["id"]
    tokens = api.post(f"/api/v1/rounds/{rid}/tokens", headers=auth).json()
    assert consultation.store.token_agency(rid, tokens["bo-y-te"]).id == "bo-y-te"
    new = api.post(f"/api/v1/rounds/{rid}/agencies/bo-y-te/token", headers=auth).json()["token"]
    assert consultation.store.token_agency(rid, tokens["bo-y-te"]) is None
    assert consultation.store.token_agency(rid, new).id == "bo-y-te"
    drafts = api.get("/api/v1/drafts", headers=auth).json()
    assert {d["id"] for d in drafts} == {consultation.draft_id, draft_id}


def test_openapi_describes_the_api_behind_the_token(consultation: Consultation):
    api = consultation.client
    assert api.get("/api/v1/openapi.json").status_code == 401
    spec = api.get("/api/v1/openapi.json", headers=_bearer(consultation, role=Role.VIEWER))
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    assert "/api/v1/rounds/{round_id}/items" in paths
    assert "put" in paths["/api/v1/rounds/{round_id}/decisions"]
    assert "post" in paths["/api/v1/rounds/{round_id}/publish"]
    assert not [p for p in paths if not p.startswith("/api/v1/")]  # pages are not in it


def test_user_add_and_token_commands(consultation: Consultation, tmp_path):
    env = concord_env(consultation.users.path.parent)
    added = _run_with_stdin(
        env,
        "user",
        "add",
        "minh",
        "--role",
        "coordinator",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "minh"
    token = run_concord(env, "user", "token", "minh")
    assert token.returncode == 0, token.stderr
    value = token.stdout.strip()
    assert consultation.users.token_user(value).name == "minh"
    assert consultation.users.check_password("minh", PASSWORD).role is Role.COORDINATOR
    bad_role = _run_with_stdin(
        env, "user", "add", "x", "--role", "boss", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert bad_role.returncode == 2 and "error [invalid_input]" in bad_role.stderr
    unknown = run_concord(env, "user", "token", "nobody")
    assert unknown.returncode == 2


def _run_with_stdin(env, *args: str, stdin: str):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "concord", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
