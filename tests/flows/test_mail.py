"""Mail to the agencies against a real SMTP server on loopback (aiosmtpd).

The story of issue 14: a round for three agencies sends three invitations with the stamped
copies; two answer (each gets a receipt); the reminder reaches only the third; after
publication each answering agency receives its extract. And a server that is down loses nothing.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from concord.cli import app
from concord.engine.identity import read_stamp
from concord.engine.pdf import soffice
from concord.mail.errors import MailUnavailable
from concord.mail.messages import Envelope, build_message
from concord.models import ConcordSettings, Decision, Outcome, RoundSettings
from concord.storage.records import ConcordStore
from concord.usecases import notify
from concord.usecases.answers import ingest_answer, submit_answer
from concord.usecases.decisions import merged_items, record_decisions
from concord.usecases.drafts import register_draft
from concord.usecases.merging import merge_round
from concord.usecases.publishing import publish_round
from concord.usecases.roster import add_agency
from concord.usecases.rounds import open_round
from tests.flows.documents import answer_docx, draft_docx
from tests.flows.smtp_server import Inbox, free_port, start_server

AGENCIES = {
    "Bộ Tài chính": "vanthu@mof.gov.vn",
    "Bộ Tư pháp": "vanthu@moj.gov.vn",
    "Bộ Y tế": "vanthu@moh.gov.vn",
}


@pytest.fixture(scope="module")
def smtp() -> Iterator[tuple[int, Inbox]]:
    controller, inbox = start_server()
    yield controller.port, inbox
    controller.stop()


def _settings(port: int) -> ConcordSettings:
    return ConcordSettings(
        smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False, mail_from="bst@moha.gov.vn"
    )


def _open(store: ConcordStore) -> str:
    for name, email in AGENCIES.items():
        add_agency(store, name, email, actor="t")
    draft, _ = register_draft(store, "Nghị quyết thử", draft_docx(), kind="resolution", actor="t")
    deadline = datetime.now(UTC) + timedelta(days=2)
    settings = RoundSettings(remind_days=3, signer="Nguyễn Văn A", signer_title="Thứ trưởng")
    return open_round(store, draft.id, list(AGENCIES), deadline, actor="t", settings=settings).id


def _answer(
    store: ConcordStore, settings: ConcordSettings, round_id: str, agency_id: str, year: str
) -> None:
    copy = store.circulated_bytes(round_id, agency_id)
    answer, _ = submit_answer(
        store,
        round_id,
        agency_id,
        answer_docx(copy, agency_id, year),
        filename=f"{agency_id}.docx",
        actor="t",
        letter=f"số {year}/{agency_id} ngày 02/12/2026",
    )
    ingest_answer(store, round_id, answer.key, actor="t")
    notify.receipt(store, answer, settings, actor="t")


def test_a_round_told_by_mail(store: ConcordStore, smtp: tuple[int, Inbox]) -> None:
    port, inbox = smtp
    settings = _settings(port)
    round_id = _open(store)
    rnd = store.round(round_id)

    invited = notify.invite(store, round_id, settings, actor="t")
    sent = notify.send_queued(store, invited.paths, settings, actor="t")
    assert len(sent.sent) == 3 and not sent.waiting
    invitations = inbox.of_kind("invitation")
    assert sorted(m["To"].addresses[0].addr_spec for m in invitations) == sorted(AGENCIES.values())
    for message in invitations:
        assert message["Subject"].startswith("Đề nghị góp ý dự thảo Nghị quyết thử")
        (copy,) = list(message.iter_attachments())
        stamp = read_stamp(copy.get_content())
        assert stamp is not None and stamp.round_id == round_id
        assert stamp.agency_id == message["X-Concord-Agency"]
        token = message.get_body().get_content().split("giữ kín): ")[1].split()[0]
        assert store.token_agency(round_id, token).id == stamp.agency_id
    # Sending again (a retry, a re-run) makes nothing new; the audit never holds a token.
    assert notify.invite(store, round_id, settings, actor="t").paths == []
    entries = store.audit.entries(rnd.draft_id)
    assert "giữ kín" not in str([e.details for e in entries])
    assert len([e for e in entries if e.action == "mail.sent"]) == 3

    first, second, third = rnd.agencies
    _answer(store, settings, round_id, first.id, "2035")
    _answer(store, settings, round_id, second.id, "2040")
    notify.send_queued(store, None, settings, actor="t")
    receipts = inbox.of_kind("receipt")
    assert len(receipts) == 2
    assert "2035" in receipts[0].get_body().get_content()

    # Two days before the deadline, a reminder set for three days before is due.
    early = datetime.now(UTC) - timedelta(days=2)
    assert notify.remind(store, round_id, settings, actor="t", now=early).paths == []
    reminded = notify.remind(store, round_id, settings, actor="t")
    notify.send_queued(store, reminded.paths, settings, actor="t")
    reminders = inbox.of_kind("reminder")
    assert [m["To"].addresses[0].addr_spec for m in reminders] == [AGENCIES[third.name]]
    assert notify.remind(store, round_id, settings, actor="t").paths == []

    merge_round(store, round_id, actor="t")
    found = merged_items(store, round_id)
    decisions = [
        Decision(item_id=i.id, outcome=Outcome.ACCEPTED if n == 0 else Outcome.NOT_ACCEPTED)
        for n, i in enumerate(found.items)
    ]
    record_decisions(store, round_id, decisions, actor="t")
    assert notify.send_extracts(store, round_id, settings, actor="t").paths == []  # not yet
    publish_round(store, round_id, actor="t")
    extracts = notify.send_extracts(store, round_id, settings, actor="t", with_pdf=False)
    notify.send_queued(store, extracts.paths, settings, actor="t")
    received = {m["X-Concord-Agency"]: m for m in inbox.of_kind("extract")}
    assert set(received) == {first.id, second.id}
    for agency, year in ((first, "2035"), (second, "2040")):
        (extract,) = list(received[agency.id].iter_attachments())
        text = "\n".join(
            c.text
            for t in docx.Document(io.BytesIO(extract.get_content())).tables
            for r in t.rows
            for c in r.cells
        )
        assert year in text and agency.name in text
        assert ({"2035", "2040"} - {year}).pop() not in text  # only its own rows
    assert notify.outbox(settings).pending() == []
    verified = store.audit.verify()  # the roster's own chain included
    assert verified.ok, verified.problems


def test_a_server_that_is_down_loses_nothing(store: ConcordStore, smtp: tuple[int, Inbox]) -> None:
    port, inbox = smtp
    round_id = _open(store)
    down = _settings(free_port())  # nobody listens there
    invited = notify.invite(store, round_id, down, actor="t")
    result = notify.send_queued(store, invited.paths, down, actor="t")
    assert result.sent == [] and len(result.waiting) == 3
    assert "did not take the message" in result.errors[0]
    assert sorted(notify.outbox(down).pending()) == sorted(invited.paths)
    failed = store.mail_entries(round_id, "mail.failed")
    assert len(failed) == 3

    before = len(inbox.messages)
    later = notify.send_queued(store, None, _settings(port), actor="t")
    assert len(later.sent) == 3 and notify.outbox(down).pending() == []
    assert len(inbox.messages) == before + 3


def test_without_smtp_messages_are_written_to_the_outbox(store: ConcordStore) -> None:
    settings = ConcordSettings()
    round_id = _open(store)
    invited = notify.invite(store, round_id, settings, actor="t")
    assert [p.parent for p in invited.paths] == [settings.outbox_dir] * 3
    assert all(Path(p).read_bytes().startswith(b"From:") for p in invited.paths)
    written = store.mail_entries(round_id, "mail.written")
    assert {w["to"].split("<")[1].rstrip(">") for w in written} == set(AGENCIES.values())
    assert notify.send_queued(store, None, settings, actor="t").sent == []
    assert len(notify.outbox(settings).pending()) == 3


def test_the_commands(
    store: ConcordStore,
    smtp: tuple[int, Inbox],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port, inbox = smtp
    for name, value in (("HOST", "127.0.0.1"), ("PORT", str(port)), ("STARTTLS", "false")):
        monkeypatch.setenv(f"CONCORD_SMTP_{name}", value)
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, result.output
        return result.stdout

    for name, email in AGENCIES.items():
        run("agency", "add", name, "--email", email)
    run("agency", "add", "Bộ Y tế", "--email", "lanhdao@moh.gov.vn")  # a newer address counts
    roster = json.loads(run("agency", "list", "--json"))
    assert [(r["id"], r["email"]) for r in roster][-1] == ("bo-y-te", "lanhdao@moh.gov.vn")

    draft, _ = register_draft(store, "Nghị quyết thử", draft_docx(), kind="resolution", actor="t")
    deadline = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    before = len(inbox.messages)
    opened = run(
        "round", "open", draft.id, *[a for n in AGENCIES for a in ("--agency", n)],
        "--deadline", deadline, "--remind-days", "5", "--number", "15/BC-BNV",
        "--signer", "Nguyễn Văn An", "--signer-title", "Thứ trưởng",
        "--recipients", "- Như trên;", "--recipients", "- Lưu: VT.",
    )  # fmt: skip
    round_id = opened.splitlines()[0]
    assert store.round(round_id).settings.remind_days == 5
    new = inbox.messages[before:]
    assert sorted(m["To"].addresses[0].addr_spec for m in new) == sorted(
        ["vanthu@mof.gov.vn", "vanthu@moj.gov.vn", "lanhdao@moh.gov.vn"]
    )

    file = tmp_path / "answer.docx"
    file.write_bytes(
        answer_docx(store.circulated_bytes(round_id, "bo-tu-phap"), "bo-tu-phap", "2040")
    )
    letter = "số 34/BTP-PLDSKT ngày 03/12/2026"
    run("answer", round_id, "--agency", "Bộ Tư pháp", str(file), "--letter", letter)
    assert inbox.messages[-1]["X-Concord-Kind"] == "receipt"
    assert "2040" in inbox.messages[-1].get_body().get_content()

    run("remind", round_id)
    reminded = [m["X-Concord-Agency"] for m in inbox.of_kind("reminder")[-2:]]
    assert sorted(reminded) == ["bo-tai-chinh", "bo-y-te"]

    merge_round(store, round_id, actor="t")
    decisions = [
        Decision(item_id=i.id, outcome=Outcome.ACCEPTED)
        for i in merged_items(store, round_id).items
    ]
    record_decisions(store, round_id, decisions, actor="t")
    run("publish", round_id, "--signer", "Trần Thị Bình")
    extract = inbox.messages[-1]
    assert extract["X-Concord-Kind"] == "extract" and extract["X-Concord-Agency"] == "bo-tu-phap"
    names = [a.get_filename() for a in extract.iter_attachments()]
    assert names[0] == "tong-hop-y-kien-bo-tu-phap.docx"
    if soffice() is not None:  # the PDF comes with it where LibreOffice is installed
        pdf = list(extract.iter_attachments())[1]
        assert pdf.get_filename() == "tong-hop-y-kien-bo-tu-phap.pdf"
        assert pdf.get_content().startswith(b"%PDF")

    sheet = tmp_path / "report.xlsx"
    run("report", round_id, "--format", "xlsx", "-o", str(sheet))
    cells = [c for row in openpyxl.load_workbook(sheet).active.values for c in row if c]
    assert "Bộ Tư pháp" in cells and "Tiếp thu" in cells
    signed = tmp_path / "report.docx"
    run("report", round_id, "--format", "docx", "-o", str(signed), "--agency", "Bộ Tư pháp")
    document = docx.Document(str(signed))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Bộ Tư pháp (Công văn {letter})" in text
    signature = document.tables[-1]
    assert "Trần Thị Bình" in signature.cell(0, 1).text  # given at publication
    assert "THỨ TRƯỞNG" in signature.cell(0, 1).text  # from the round
    assert "- Lưu: VT." in signature.cell(0, 0).text
    assert notify.outbox(ConcordSettings()).pending() == []

    refused = runner.invoke(app, ["report", round_id, "--format", "txt", "-o", str(sheet)])
    assert refused.exit_code == 2 and "error [invalid_input]" in refused.output


def test_the_send_mail_flow_keeps_what_it_cannot_send(
    store: ConcordStore, smtp: tuple[int, Inbox], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flow's task (its body, without a Prefect server) sends, or raises and leaves it."""
    from concord.tasks.mail import send_message

    port, inbox = smtp
    round_id = _open(store)
    monkeypatch.setenv("CONCORD_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CONCORD_SMTP_STARTTLS", "false")
    monkeypatch.setenv("CONCORD_SMTP_PORT", str(free_port()))
    paths = notify.invite(store, round_id, ConcordSettings(), actor="t").paths
    with pytest.raises(MailUnavailable):
        send_message.fn(str(paths[0]), "t")
    assert paths[0].exists()
    monkeypatch.setenv("CONCORD_SMTP_PORT", str(port))
    message_id = send_message.fn(str(paths[0]), "t")
    assert not paths[0].exists()
    assert inbox.messages[-1]["Message-ID"] == message_id


def test_a_message_is_made_once_even_by_two_runs(store: ConcordStore) -> None:
    settings = ConcordSettings()
    round_id = _open(store)
    rnd = store.round(round_id)
    agency = rnd.agencies[0]
    envelope = Envelope(settings.mail_from, "a@b.vn", agency.name, round_id, agency.id, "reminder")
    made = [
        notify.post(store, build_message(envelope, "Nhắc", "…"), settings, actor="t", name="x")
        for _ in range(2)
    ]
    assert made[0] is not None and made[1] is None
    assert notify.outbox(settings).pending() == [made[0]]
    assert len(store.mail_entries(round_id, "mail.written")) == 1


def test_an_agency_may_ask_for_its_mail_in_english(store: ConcordStore) -> None:
    settings = ConcordSettings()
    round_id = _open(store)
    add_agency(store, "Bộ Y tế", "intl@moh.gov.vn", actor="t", lang="en")
    paths = notify.invite(store, round_id, settings, actor="t").paths
    subjects = {}
    for path in paths:
        message = notify.outbox(settings).read(path)
        subjects[message["X-Concord-Agency"]] = str(message["Subject"])
    assert subjects["bo-y-te"] == "Request for comments on the draft Nghị quyết thử (draft 1)"
    assert subjects["bo-tu-phap"].startswith("Đề nghị góp ý dự thảo")


def test_a_roster_entry_needs_an_address(store: ConcordStore) -> None:
    from concord.errors import InvalidInput

    with pytest.raises(InvalidInput, match="not an e-mail address"):
        add_agency(store, "Bộ Y tế", "vanthu at moh", actor="t")
    with pytest.raises(InvalidInput, match="vi or en"):
        add_agency(store, "Bộ Y tế", "vanthu@moh.gov.vn", actor="t", lang="fr")
    assert store.roster() == []


def test_a_letter_reference_is_one_short_line(store: ConcordStore) -> None:
    from concord.errors import InvalidInput

    round_id = _open(store)
    copy = store.circulated_bytes(round_id, "bo-y-te")
    for letter in ("số 1\nngày 2", "x" * 201):
        with pytest.raises(InvalidInput, match="one line"):
            submit_answer(
                store,
                round_id,
                "bo-y-te",
                answer_docx(copy, "bo-y-te", "2031"),
                filename="a.docx",
                actor="t",
                letter=letter,
            )
    assert store.answers(round_id) == []


def test_a_title_on_two_lines_makes_a_one_line_subject() -> None:
    envelope = Envelope("a@b.vn", "c@d.vn", "Bộ\nY tế", "d-r1", "bo-y-te", "reminder")
    message = build_message(envelope, "Nhắc gửi góp ý dự thảo Nghị quyết\r\nthử", "…")
    assert message["Subject"] == "Nhắc gửi góp ý dự thảo Nghị quyết thử"
    assert message["To"].addresses[0].display_name == "Bộ Y tế"


def test_the_worker_sends_again_what_a_server_that_was_down_refused(
    store: ConcordStore, smtp: tuple[int, Inbox]
) -> None:
    from concord.worker import Worker

    port, inbox = smtp
    round_id = _open(store)
    down = _settings(free_port())
    invited = notify.invite(store, round_id, down, actor="t")
    assert notify.send_queued(store, invited.paths, down, actor="t").sent == []
    before = len(inbox.messages)
    # The mail server is back: the worker's next sweep sends what waited in the outbox.
    worker = Worker(store, api_url=None, settings=_settings(port))
    worker.sweep()
    assert len(inbox.messages) == before + 3
    assert notify.outbox(down).pending() == []
    assert len(store.mail_entries(round_id, "mail.sent")) == 3
