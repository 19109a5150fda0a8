"""Handing a message to the SMTP server (smtplib, optional STARTTLS and login).

Any failure to hand it over, a server that is down or one that refuses, is MailUnavailable:
transient, so tasks retry it, and the message stays in the outbox either way.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from concord.mail.errors import MailUnavailable
from concord.models import ConcordSettings


def send_smtp(message: EmailMessage, settings: ConcordSettings) -> None:
    host, port = settings.smtp_host or "", settings.smtp_port
    try:
        with smtplib.SMTP(host, port, timeout=settings.smtp_timeout) as server:
            if settings.smtp_starttls:
                server.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                server.login(settings.smtp_user, settings.smtp_password or "")
            server.send_message(message)
    except (smtplib.SMTPException, OSError) as err:
        raise MailUnavailable(
            f"the mail server {host}:{port} did not take the message to {message['To']} "
            f"({type(err).__name__}: {err}); it stays in the outbox and is sent again later"
        ) from err
