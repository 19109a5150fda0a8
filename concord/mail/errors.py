"""Mail errors: a server that is down or refuses is worth trying again; the message waits."""

from __future__ import annotations

from concord.errors import ConcordError


class MailError(ConcordError):
    """A message could not be built or handed over."""

    code = "mail_error"


class MailUnavailable(MailError):
    """The SMTP server could not be reached or refused the message; it stays in the outbox."""

    code = "mail_unavailable"
    transient = True
