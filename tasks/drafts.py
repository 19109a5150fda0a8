"""Registering a draft: its first version in the store."""

from __future__ import annotations

from prefect import task

from concord.engine.circulation import check_circulable
from concord.engine.safety import check_docx
from concord.models import Draft, Version
from concord.tasks.store import IO_RETRIES, IO_RETRY_DELAYS, concord_store

KINDS = ("resolution", "directive")


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def register_draft(title: str, docx: bytes, *, kind: str, actor: str) -> tuple[Draft, Version]:
    """Store `docx` as version 1 of a new draft: safe, and free of pending tracked changes."""
    if kind not in KINDS:
        raise ValueError(f"a draft is a {' or a '.join(KINDS)}, not {kind!r}")
    check_docx(docx)
    check_circulable(docx)
    return concord_store().create_draft(title, docx, kind=kind, actor=actor)
