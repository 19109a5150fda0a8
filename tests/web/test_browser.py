"""The whole story in a real browser: headless Chromium (Debian's) driven by Playwright.

`concord web` runs in its own process on a free loopback port over a fresh CONCORD_HOME. A
coordinator signs in, registers a draft, opens a round and issues tokens; an agency exchanges its
token, downloads its copy, answers it (a tracked change, as tests/flows/documents.py makes) and
checks the receipt; the coordinator merges, decides every item, publishes and downloads the
synthesis report; the agency reads how its comment was handled. Every page visited is saved as
a screenshot under test-artifacts/web/ (kept by CI as the test's artefacts).
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from concord.storage.users import Role, UserStore
from tests.flows.documents import answer_docx, draft_docx
from tests.support.cli import concord_env

CHROMIUM = "/usr/bin/chromium"
ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
PASSWORD = "mật-khẩu-trình-duyệt"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of `concord web` serving a fresh home with one coordinator, "lan"."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") or os.environ.get("CONCORD_REQUIRE_LIBREOFFICE"):
            pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    home = tmp_path_factory.mktemp("browser-home")
    UserStore(home / "users.sqlite3").add_user("lan", Role.COORDINATOR, PASSWORD)
    port = _free_port()
    log = (home / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "concord", "web", "--host", "127.0.0.1", "--port", str(port)],
        env=concord_env(home),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError((home / "server.log").read_text()) from None
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)
    log.close()


class Camera:
    """Saves a numbered full-page screenshot of each page visited."""

    def __init__(self) -> None:
        shutil.rmtree(ARTEFACTS, ignore_errors=True)
        ARTEFACTS.mkdir(parents=True)
        self.n = 0

    def shot(self, page, name: str) -> None:
        self.n += 1
        page.screenshot(path=str(ARTEFACTS / f"{self.n:02d}-{name}.png"), full_page=True)


def test_a_round_from_sign_in_to_the_synthesis_report(server: str):
    from playwright.sync_api import expect, sync_playwright

    camera = Camera()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            desk = browser.new_context(locale="vi-VN").new_page()
            desk.set_default_timeout(30_000)

            # Unsigned: the desk sends the browser to the sign-in page.
            desk.goto(server + "/")
            assert "/login" in desk.url
            expect(desk.locator("html")).to_have_attribute("lang", "vi")
            camera.shot(desk, "sign-in")
            desk.fill("input[name=username]", "lan")
            desk.fill("input[name=password]", PASSWORD)
            desk.click("button[type=submit]")
            expect(desk.locator("h1")).to_have_text("Dự thảo")
            camera.shot(desk, "drafts")

            # Register a draft by uploading its .docx.
            desk.fill("#new-draft input[name=title]", "Nghị quyết thử trên trình duyệt")
            desk.set_input_files(
                "#new-draft input[name=file]",
                files=[
                    {
                        "name": "du-thao.docx",
                        "mimeType": "application/octet-stream",
                        "buffer": draft_docx(),
                    }
                ],
            )
            desk.click("#new-draft button[type=submit]")
            expect(desk.locator("h1")).to_have_text("Nghị quyết thử trên trình duyệt")
            camera.shot(desk, "draft")

            # Open a round for one agency.
            desk.fill("#open-round textarea[name=agencies]", "Bộ Tư pháp")
            desk.fill("#open-round input[name=deadline]", "2031-01-15T17:00")
            desk.click("#open-round button[type=submit]")
            expect(desk.locator("#agencies")).to_contain_text("Bộ Tư pháp")
            round_url = desk.url
            round_id = round_url.rsplit("/", 1)[1]
            camera.shot(desk, "round-open")

            # Issue the tokens: shown once, on this page.
            desk.click("#issue-tokens button")
            token = desk.locator("#tokens tr[data-agency=bo-tu-phap] code.token").inner_text()
            assert len(token) > 20
            camera.shot(desk, "tokens")

            # The agency, in its own browser: token posted, never in an address.
            agency = browser.new_context(locale="vi-VN").new_page()
            agency.set_default_timeout(30_000)
            agency.goto(server + "/answer")
            camera.shot(agency, "agency-sign-in")
            agency.fill("input[name=round_id]", round_id)
            agency.fill("input[name=token]", token)
            agency.click("button[type=submit]")
            assert agency.url == f"{server}/answer/{round_id}"
            assert token not in agency.url
            expect(agency.locator("main")).to_contain_text("Bộ Tư pháp")
            camera.shot(agency, "agency-round")
            with agency.expect_download() as download:
                agency.click("#copy-link")
            copy = Path(download.value.path()).read_bytes()
            answer = answer_docx(copy, "bo-tu-phap", "2035")
            agency.set_input_files(
                "#upload input[name=file]",
                files=[
                    {"name": "gop-y.docx", "mimeType": "application/octet-stream", "buffer": answer}
                ],
            )
            agency.click("#upload button[type=submit]")
            expect(agency.locator("h1")).to_have_text("Đã nhận ý kiến")
            expect(agency.locator("#read-items")).to_contain_text("2035")
            camera.shot(agency, "agency-receipt")

            # The coordinator sees the answer, merges, decides every item, publishes.
            desk.goto(round_url)
            expect(desk.locator("#agencies")).to_contain_text("đã góp ý")
            desk.click("#merge button")
            expect(desk.locator("#items-link")).to_be_visible()
            camera.shot(desk, "round-merged")
            desk.click("#items-link")
            boxes = desk.locator("#items input[name=item]")
            assert boxes.count() >= 1
            for i in range(boxes.count()):
                boxes.nth(i).check()
            desk.select_option("#decide select[name=outcome]", "accepted")
            desk.fill("#decide input[name=explanation]", "Tiếp thu, điều chỉnh mốc thời gian")
            desk.click("#decide button[type=submit]")
            expect(desk.locator("#item-count")).to_contain_text("0 mục chưa có quyết định")
            camera.shot(desk, "items-decided")
            desk.goto(round_url)
            desk.click("#publish button")
            expect(desk.locator("#report-link")).to_be_visible()
            camera.shot(desk, "round-published")
            with desk.expect_download() as download:
                desk.click("#report-link")
            report = Path(download.value.path()).read_bytes()
            assert zipfile.ZipFile(io.BytesIO(report)).read("word/document.xml")

            # The audit trail names the signed-in coordinator for the decision and publication.
            desk.goto(server + "/")
            desk.click("text=Nghị quyết thử trên trình duyệt")
            desk.click("text=nhật ký kiểm tra")
            rows = desk.locator("#audit tbody tr")
            actors = {
                rows.nth(i).locator("td.action").inner_text(): rows.nth(i)
                .locator("td.actor")
                .inner_text()
                for i in range(rows.count())
            }
            assert actors["decisions.recorded"] == "lan"
            assert actors["version.published"] == "lan"
            camera.shot(desk, "audit")

            # The agency reads how its comment was handled.
            agency.goto(f"{server}/answer/{round_id}")
            expect(agency.locator("#upload")).to_have_count(0)
            agency.click("#outcome-link")
            expect(agency.locator("#outcomes")).to_contain_text("Tiếp thu")
            camera.shot(agency, "agency-outcome")

            # English on request.
            desk.goto(round_url + "?lang=en")
            expect(desk.locator("html")).to_have_attribute("lang", "en")
            expect(desk.locator("h1")).to_have_text(f"Round {round_id}")
            camera.shot(desk, "round-english")
        finally:
            browser.close()
    assert len(list(ARTEFACTS.glob("*.png"))) == camera.n >= 14
