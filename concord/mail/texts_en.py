"""Concord's messages in English, for agencies whose roster entry asks for it (`--lang en`).

The same functions as concord.mail.texts, returning (subject, body).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

SIGNATURE = "The drafting team (sent by Concord; please do not reply to this message)."


def _when(deadline: datetime) -> str:
    local = deadline.astimezone()
    return f"{local:%H:%M on %d/%m/%Y}"


def invitation(
    *,
    agency: str,
    title: str,
    version: int,
    deadline: datetime,
    round_id: str,
    link: str,
    token: str | None,
) -> tuple[str, str]:
    subject = f"Request for comments on the draft {title} (draft {version})"
    if token:
        access = f"Your upload token (sent only once, keep it secret): {token}"
    else:
        access = "Your upload token was issued to you before."
    body = f"""To: {agency}

The drafting team kindly asks for your comments on the draft {title} (draft {version}), attached.

Please comment directly in the attached file (with Track Changes on, or with comments) and send
that file back before {_when(deadline)}.

Answer page: {link}
Round: {round_id}
{access}

Yours sincerely,
{SIGNATURE}
"""
    return subject, body


def reminder(
    *, agency: str, title: str, version: int, deadline: datetime, round_id: str, link: str
) -> tuple[str, str]:
    subject = f"Reminder: comments on the draft {title} (due {_when(deadline)})"
    body = f"""To: {agency}

We have not yet received your comments on the draft {title} (draft {version}). They are due
{_when(deadline)}.

Answer page: {link}
Round: {round_id}
(Your upload token came with the request for comments.)

Yours sincerely,
{SIGNATURE}
"""
    return subject, body


def receipt(
    *,
    agency: str,
    title: str,
    version: int,
    filename: str,
    received: datetime,
    lines: Sequence[str],
) -> tuple[str, str]:
    subject = f"Comments of {agency} on the draft {title} received"
    listed = "\n".join(f"{n}. {line}" for n, line in enumerate(lines, start=1))
    read = (
        f"Concord read {len(lines)} comment(s) or change(s):\n{listed}"
        if lines
        else "The file holds no change or comment: recorded as agreeing with the draft."
    )
    body = f"""To: {agency}

The drafting team received your file "{filename}" on the draft {title} (draft {version}) at
{received.astimezone():%H:%M on %d/%m/%Y}.

{read}

If anything was not read as you meant it, please send the corrected file again.

Yours sincerely,
{SIGNATURE}
"""
    return subject, body


def extract(*, agency: str, title: str, version: int, new_version: int | None) -> tuple[str, str]:
    subject = f"How the comments of {agency} on the draft {title} were taken into account"
    outcome = (
        f"The draft has been revised as draft {new_version}."
        if new_version
        else "The draft is being revised."
    )
    body = f"""To: {agency}

The drafting team thanks you for your comments on the draft {title} (draft {version}). {outcome}

Attached is your part of the synthesis report (Bảng tổng hợp, giải trình, tiếp thu ý kiến), in
Vietnamese, the language of the report.

Yours sincerely,
{SIGNATURE}
"""
    return subject, body
