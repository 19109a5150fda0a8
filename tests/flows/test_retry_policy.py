"""Tasks retry what may pass by itself (the store unreachable, a timeout), never a refusal."""

from __future__ import annotations

import pytest
from prefect.states import Completed, Failed

from concord.engine.errors import UnsafeDocument
from concord.errors import InvalidInput, NothingToMerge
from concord.mail.errors import MailError, MailUnavailable
from concord.storage.errors import RecordError, StorageUnavailable
from concord.tasks.retry import transient_only


@pytest.mark.parametrize(
    ("error", "retried"),
    [
        (StorageUnavailable("S3 answered 503"), True),
        (TimeoutError("read timed out"), True),
        (ConnectionResetError("reset by peer"), True),
        (NothingToMerge("nothing yet"), False),
        (RecordError("no round 'x'"), False),
        (UnsafeDocument("a zip bomb"), False),
        (InvalidInput("bad deadline"), False),
        (MailUnavailable("the SMTP server is down"), True),
        (MailError("not a message in the outbox"), False),
    ],
)
def test_only_transient_failures_are_retried(error: Exception, retried: bool) -> None:
    assert transient_only(None, None, Failed(data=error)) is retried


def test_a_completed_run_is_not_retried() -> None:
    assert transient_only(None, None, Completed(data=1)) is False
