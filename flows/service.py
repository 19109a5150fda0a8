"""Telling the running service what a use case did: what the CLI and the web call afterwards.

An announcement is a courtesy, never the record: the store is, and the worker finds in it
whatever an announcement missed. So each function here never raises: False when no Concord
service is running (then Prefect is not even imported, and commands stay fast), when Prefect
does not answer its health check at once, or when sending failed. The server is
looked up at each call (`PREFECT_API_URL`, else the address `concord up` wrote down), so a web app
started before `concord up` finds it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from concord.models import Answer, ConcordSettings, Round
from concord.runtime import prefect_healthy, running_api_url

HEALTH_TIMEOUT = 0.5
log = logging.getLogger(__name__)


def service_url() -> str | None:
    """The Prefect API of the running service, or None."""
    return os.environ.get("PREFECT_API_URL") or running_api_url(ConcordSettings())


def answer_stored(answer: Answer) -> bool:
    """Announce an upload (concord.answer.uploaded): the worker wakes, automations may react."""

    def send() -> bool:
        from concord.tasks.events import announce_answer

        return announce_answer(answer)

    return _within_timeout(send)


def round_opened(rnd: Round) -> bool:
    """Announce the round (the worker keeps its deadline: nothing to schedule)."""

    def send() -> bool:
        from concord.tasks.events import announce_round_opened

        return announce_round_opened(rnd)

    return _within_timeout(send)


def _within_timeout(send: Callable[[], bool]) -> bool:
    """Send when the service answers its health check within `HEALTH_TIMEOUT`; never raise.

    In this thread, not a background one: a process that exits while a thread is still
    importing Prefect or talking to it can be aborted by the interpreter's shutdown.
    """
    url = service_url()
    if not url or not prefect_healthy(url, timeout=HEALTH_TIMEOUT):
        return False
    from prefect.settings import PREFECT_API_URL, temporary_settings

    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            return send()
    except Exception as err:  # an outage, a refused connection: the store has it anyway
        log.info("announcement not sent (%s); the worker finds it in the store", err)
        return False
