"""The outbox: every message is written here first, as an .eml file under CONCORD_HOME/outbox.

Without SMTP the file is the delivery (a person or another system picks it up). With SMTP the
file is removed only once the server has accepted the message, so a server that is down or
refuses loses nothing: the message waits here for the next attempt. Files are written to a
temporary name and renamed, so a reader never sees half a message.
"""

from __future__ import annotations

import os
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from uuid import uuid4

from concord.mail.errors import MailError


class Outbox:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def put(self, message: EmailMessage) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        kind = message.get("X-Concord-Kind", "mail")
        agency = message.get("X-Concord-Agency", "")
        name = f"{kind}-{agency}-{uuid4().hex[:12]}.eml".replace("--", "-")
        path = self.folder / name
        partial = self.folder / f".{name}.part"
        partial.write_bytes(message.as_bytes(policy=SMTP))
        os.replace(partial, path)
        return path

    def pending(self) -> list[Path]:
        """Messages not handed to a mail server yet, oldest first."""
        if not self.folder.is_dir():
            return []
        return sorted(self.folder.glob("*.eml"), key=lambda p: (p.stat().st_mtime, p.name))

    def read(self, path: Path) -> EmailMessage:
        if path.parent.resolve() != self.folder.resolve() or path.suffix != ".eml":
            raise MailError(f"{path} is not a message in the outbox {self.folder}")
        try:
            data = path.read_bytes()
        except FileNotFoundError as err:
            raise MailError(f"{path.name} is no longer in the outbox (already sent?)") from err
        message = message_from_bytes(data, _class=EmailMessage, policy=SMTP)
        assert isinstance(message, EmailMessage)
        return message

    def remove(self, path: Path) -> None:
        path.unlink(missing_ok=True)
