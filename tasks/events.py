"""Concord's Prefect events: dotted names, the round as the resource, deterministic ids.

A deterministic id matters: Prefect drops an event whose id it has already seen, so a repeated
upload notification or two ingest runs noticing completion at once trigger one flow run, not two.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from prefect.events.clients import get_events_client
from prefect.events.schemas.events import Event
from prefect.settings import PREFECT_API_URL
from prefect.utilities.asyncutils import run_coro_as_sync

ANSWER_UPLOADED = "concord.answer.uploaded"
ROUND_OPENED = "concord.round.opened"
ROUND_COMPLETE = "concord.round.complete"
VERSION_PUBLISHED = "concord.version.published"

_NAMESPACE = uuid.UUID("9b7c1d3e-4f2a-5b6c-8d9e-0a1b2c3d4e5f")


def event_id(*parts: str) -> uuid.UUID:
    """The same parts give the same id, in every process."""
    return uuid.uuid5(_NAMESPACE, "\x1f".join(parts))


def round_resource(round_id: str) -> dict[str, str]:
    return {"prefect.resource.id": f"concord.round.{round_id}", "prefect.resource.name": round_id}


def related(draft_id: str, agencies: Iterable[str] = ()) -> list[dict[str, str]]:
    found = [{"prefect.resource.id": f"concord.draft.{draft_id}", "prefect.resource.role": "draft"}]
    found += [
        {"prefect.resource.id": f"concord.agency.{a}", "prefect.resource.role": "agency"}
        for a in agencies
    ]
    return found


def emit(
    name: str,
    *,
    round_id: str,
    draft_id: str,
    agencies: Iterable[str] = (),
    payload: Mapping[str, Any],
    id: uuid.UUID,
) -> bool:
    """Send one event now; False when no Prefect server is configured.

    Sent before returning (not queued as `emit_event` does), so a short-lived command cannot
    exit with the event unsent. Without PREFECT_API_URL Prefect would start a throwaway
    in-process server where no automation listens: the event is not sent, and the state it
    announces is in the store anyway.
    """
    if not PREFECT_API_URL.value():
        return False
    event = Event(
        id=id,
        event=name,
        resource=round_resource(round_id),
        related=related(draft_id, agencies),
        payload={"round_id": round_id, "draft_id": draft_id, **payload},
    )
    run_coro_as_sync(_send(event))
    return True


async def _send(event: Event) -> None:
    async with get_events_client() as client:
        await client.emit(event)
