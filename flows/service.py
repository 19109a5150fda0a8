"""Telling the running service what a use case did: what the CLI and the web call afterwards.

Each function is a no-op returning False when no Concord server (`concord up`) is configured:
then Prefect is not even imported, so commands stay fast, and the store, not the event, is the
record of what happened.
"""

from __future__ import annotations

import os

from concord.models import Answer, Round


def service_configured() -> bool:
    return bool(os.environ.get("PREFECT_API_URL"))


def answer_stored(answer: Answer) -> bool:
    """Announce an upload so the ingest-answer deployment reads it."""
    if not service_configured():
        return False
    from concord.tasks.events import announce_answer

    return announce_answer(answer)


def round_opened(rnd: Round) -> bool:
    """Announce the round (the worker keeps its deadline: nothing to schedule)."""
    if not service_configured():
        return False
    from concord.tasks.events import announce_round_opened

    return announce_round_opened(rnd)
