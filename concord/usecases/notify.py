"""Mail to the agencies: the invitation, the reminder, the receipt and the extract.

Every message is first put in the outbox (CONCORD_HOME/outbox) and audited there; with SMTP
configured it is then sent and removed from the outbox. A failure leaves it waiting
(`send_queued` tries again; the send-mail flow retries it). Without SMTP the .eml file is the
delivery, and the audit says so ("mail.written"). The audit keeps recipient, subject and
message id, never the token.

Each message is made once: a record per message (kind, agency, and answer for a receipt) is
created conditionally in the store when the message enters the outbox, so retries, re-runs and
two runs at once send nothing twice. Agencies without an address in the roster get nothing; the
caller is told which.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from types import ModuleType

from concord.engine.pdf import ConversionUnavailable, docx_to_pdf_many
from concord.engine.report_rows import location, proposal
from concord.mail import texts, texts_en
from concord.mail.errors import MailUnavailable
from concord.mail.messages import Attachment, Envelope, build_message, summary
from concord.mail.outbox import Outbox
from concord.mail.smtp import send_smtp
from concord.models import Agency, Answer, ConcordSettings, RosterEntry, Round
from concord.storage.records import ConcordStore


@dataclass
class Posted:
    """What a notification did: messages put in the outbox, agencies without an address."""

    paths: list[Path] = field(default_factory=list)
    no_address: list[str] = field(default_factory=list)
    not_due: datetime | None = None  # a reminder asked for too early: when it is due

    def add(self, path: Path | None) -> bool:
        if path is not None:
            self.paths.append(path)
        return path is not None


@dataclass
class Sending:
    sent: list[str] = field(default_factory=list)  # message ids
    waiting: list[Path] = field(default_factory=list)  # still in the outbox
    errors: list[str] = field(default_factory=list)


def outbox(settings: ConcordSettings) -> Outbox:
    return Outbox(settings.outbox_dir)


def answer_link(settings: ConcordSettings) -> str:
    return settings.public_url.rstrip("/") + "/answer"


# -- making messages -------------------------------------------------------------------------


def invite(store: ConcordStore, round_id: str, settings: ConcordSettings, *, actor: str) -> Posted:
    """Each agency's invitation, its stamped copy attached, with its upload token (once)."""
    rnd = store.round(round_id)
    title = store.draft(rnd.draft_id).title
    posted = Posted()
    for agency in rnd.agencies:
        to = _address(store, agency, posted)
        if to is None or store.mail_made(round_id, f"invitation-{agency.id}"):
            continue
        token = store.issue_token(round_id, agency.id, actor=actor)
        subject, body = _texts(to).invitation(
            agency=agency.name,
            title=title,
            version=rnd.version,
            deadline=rnd.deadline,
            round_id=rnd.id,
            link=answer_link(settings),
            token=token,
        )
        copy = Attachment(
            f"du-thao-lan-{rnd.version}-{agency.id}.docx",
            store.circulated_bytes(round_id, agency.id),
        )
        message = _message(settings, rnd, agency, to.email, "invitation", subject, body, [copy])
        posted.add(post(store, message, settings, actor=actor, name=f"invitation-{agency.id}"))
    return posted


def reminder_due(rnd: Round, settings: ConcordSettings) -> datetime | None:
    """When the round's reminder goes out; None when it sends none."""
    days = rnd.settings.remind_days
    days = settings.remind_days if days is None else days
    return rnd.deadline - timedelta(days=days) if days > 0 else None


def remind(
    store: ConcordStore,
    round_id: str,
    settings: ConcordSettings,
    *,
    actor: str,
    now: datetime | None = None,
    force: bool = False,
) -> Posted:
    """A reminder to each agency that has not answered and has not been reminded yet.

    Only once the reminder is due (`reminder_due`), unless `force`: a command run from cron
    can ask every hour.
    """
    rnd = store.round(round_id)
    posted = Posted()
    due = reminder_due(rnd, settings)
    if not force and (due is None or (now or datetime.now(UTC)) < due):
        posted.not_due = due
        return posted
    title = store.draft(rnd.draft_id).title
    answered = store.latest_answers(round_id)
    for agency in rnd.agencies:
        if agency.id in answered:
            continue
        to = _address(store, agency, posted)
        if to is None or store.mail_made(round_id, f"reminder-{agency.id}"):
            continue
        subject, body = _texts(to).reminder(
            agency=agency.name,
            title=title,
            version=rnd.version,
            deadline=rnd.deadline,
            round_id=rnd.id,
            link=answer_link(settings),
        )
        message = _message(settings, rnd, agency, to.email, "reminder", subject, body)
        if posted.add(post(store, message, settings, actor=actor, name=f"reminder-{agency.id}")):
            store.record_reminder(round_id, agency.id, actor=actor)
    return posted


def receipt(
    store: ConcordStore, answer: Answer, settings: ConcordSettings, *, actor: str
) -> Posted:
    """The agency's receipt for an answer whose items were read: what Concord understood."""
    rnd = store.round(answer.round_id)
    posted = Posted()
    to = _address(store, answer.agency, posted)
    items = store.items_for(answer)
    if to is None or items is None:
        return posted
    name = f"receipt-{answer.agency.id}-{answer.sha256[:16]}"
    if store.mail_made(rnd.id, name):
        return posted
    subject, body = _texts(to).receipt(
        agency=answer.agency.name,
        title=store.draft(rnd.draft_id).title,
        version=rnd.version,
        filename=answer.filename or "(không tên)",
        received=answer.uploaded_at,
        lines=[f"{location(i) or 'Chung'}: {proposal(i)}" for i in items],
    )
    message = _message(settings, rnd, answer.agency, to.email, "receipt", subject, body)
    posted.add(post(store, message, settings, actor=actor, name=name))
    return posted


def send_extracts(
    store: ConcordStore,
    round_id: str,
    settings: ConcordSettings,
    *,
    actor: str,
    with_pdf: bool = True,
) -> Posted:
    """After publication, each answering agency's extract of the report (.docx, and .pdf when
    LibreOffice is installed, all converted in one run); nothing before publication."""
    from concord.usecases.publishing import export_report

    rnd = store.round(round_id)
    status = store.round_status(round_id)
    posted = Posted()
    if status.published_version is None:
        return posted
    waiting = []
    for answered in store.latest_answers(round_id).values():
        agency = answered.agency
        to = _address(store, agency, posted)
        if to is not None and not store.mail_made(round_id, f"extract-{agency.id}"):
            waiting.append((agency, to, export_report(store, round_id, "docx", agency=agency.id)))
    pdfs: list[bytes | None] = [None] * len(waiting)
    if with_pdf and waiting:
        # Without LibreOffice, the .docx alone; the audit names the attachments sent.
        with suppress(ConversionUnavailable):
            pdfs = list(docx_to_pdf_many([docx for _, _, docx in waiting]))
    title = store.draft(rnd.draft_id).title
    for (agency, to, docx), pdf in zip(waiting, pdfs, strict=True):
        name = f"tong-hop-y-kien-{agency.id}"
        files = [Attachment(f"{name}.docx", docx)]
        if pdf is not None:
            files.append(Attachment(f"{name}.pdf", pdf))
        subject, body = _texts(to).extract(
            agency=agency.name,
            title=title,
            version=rnd.version,
            new_version=status.published_version,
        )
        message = _message(settings, rnd, agency, to.email, "extract", subject, body, files)
        posted.add(post(store, message, settings, actor=actor, name=f"extract-{agency.id}"))
    return posted


def _address(store: ConcordStore, agency: Agency, posted: Posted) -> RosterEntry | None:
    entry = store.contact(agency.id)
    if entry is None:
        posted.no_address.append(agency.name)
    return entry


def _texts(contact: RosterEntry) -> ModuleType:
    """The messages' words in the language the agency's roster entry asks for."""
    return texts_en if contact.lang == "en" else texts


def _message(
    settings: ConcordSettings,
    rnd: Round,
    agency: Agency,
    to: str,
    kind: str,
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    envelope = Envelope(settings.mail_from, to, agency.name, rnd.id, agency.id, kind)
    return build_message(envelope, subject, body, attachments)


# -- the outbox and sending ------------------------------------------------------------------


def post(
    store: ConcordStore,
    message: EmailMessage,
    settings: ConcordSettings,
    *,
    actor: str,
    name: str,
) -> Path | None:
    """Put message `name` of its round in the outbox and audit it, unless it was made before
    (then None). Sending it (with SMTP) is `send_queued`."""
    box = outbox(settings)
    path = box.put(message)
    round_id = str(message["X-Concord-Round"])
    details = {**summary(message), "file": path.name}
    details["attachments"] = ", ".join(a.get_filename() or "" for a in message.iter_attachments())
    # Claimed after the file is written: a crash in between leaves a message, never a claim
    # without one.
    if not store.claim_mail(round_id, name, details, actor=actor):
        box.remove(path)
        return None
    action = "mail.queued" if settings.uses_smtp else "mail.written"
    store.record_mail(round_id, action, details, actor=actor)
    return path


def send_one(store: ConcordStore, path: Path, settings: ConcordSettings, *, actor: str) -> str:
    """Send one outbox message; its message id. Raises MailUnavailable, leaving it in place."""
    box = outbox(settings)
    message = box.read(path)
    if not settings.uses_smtp:
        return str(message["Message-ID"])  # without SMTP the written file is the delivery
    round_id = str(message["X-Concord-Round"])
    try:
        send_smtp(message, settings)
    except MailUnavailable as err:
        details = {**summary(message), "file": path.name, "error": err.message}
        store.record_mail(round_id, "mail.failed", details, actor=actor)
        raise
    box.remove(path)
    store.record_mail(round_id, "mail.sent", summary(message), actor=actor)
    return str(message["Message-ID"])


def send_queued(
    store: ConcordStore,
    paths: Sequence[Path] | None,
    settings: ConcordSettings,
    *,
    actor: str,
) -> Sending:
    """Send the given outbox messages (None: all waiting); without SMTP, leave them written."""
    result = Sending()
    if not settings.uses_smtp:
        return result
    for path in outbox(settings).pending() if paths is None else paths:
        try:
            result.sent.append(send_one(store, path, settings, actor=actor))
        except MailUnavailable as err:
            result.waiting.append(path)
            result.errors.append(err.message)
    return result
