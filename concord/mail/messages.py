"""Building one MIME message (Python's email.message, UTF-8 headers and body).

Concord's own headers say what a message is about, so sending it later (from the outbox, by a
retried task) can audit it in the right place without reading the body: X-Concord-Round,
X-Concord-Agency, X-Concord-Kind. The upload token, when a message carries one, is only in the
body, never in a header, a file name or the audit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate, make_msgid

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
PDF = ("application", "pdf")
XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
TYPES = {".docx": DOCX, ".pdf": PDF, ".xlsx": XLSX}


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes

    @property
    def maintype_subtype(self) -> tuple[str, str]:
        suffix = self.filename[self.filename.rfind(".") :].lower()
        return TYPES.get(suffix, ("application", "octet-stream"))


@dataclass(frozen=True)
class Envelope:
    """Who a message goes to and what it concerns (Concord's headers)."""

    sender: str
    to: str
    to_name: str
    round_id: str
    agency_id: str
    kind: str  # invitation | reminder | receipt | extract


def build_message(
    envelope: Envelope, subject: str, body: str, attachments: Sequence[Attachment] = ()
) -> EmailMessage:
    message = EmailMessage(policy=SMTP)
    message["From"] = envelope.sender
    message["To"] = formataddr((" ".join(envelope.to_name.split()), envelope.to))
    message["Subject"] = " ".join(subject.split())  # a header is one line, whatever a title holds
    message["Date"] = formatdate(localtime=True)
    domain = envelope.sender.rpartition("@")[2].strip(">") or "concord.local"
    message["Message-ID"] = make_msgid(idstring=envelope.kind, domain=domain)
    message["X-Concord-Round"] = envelope.round_id
    message["X-Concord-Agency"] = envelope.agency_id
    message["X-Concord-Kind"] = envelope.kind
    message.set_content(body, charset="utf-8")
    for attachment in attachments:
        maintype, subtype = attachment.maintype_subtype
        message.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    return message


def summary(message: EmailMessage) -> dict[str, str]:
    """What the audit keeps of a message: recipient, subject, message id and what it is about."""
    return {
        "to": str(message["To"]),
        "subject": str(message["Subject"]),
        "message_id": str(message["Message-ID"]),
        "kind": str(message.get("X-Concord-Kind", "")),
        "agency": str(message.get("X-Concord-Agency", "")),
    }
