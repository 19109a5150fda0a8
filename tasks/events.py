"""Concord's Prefect events: dotted names, the round as the resource, deterministic ids.

A deterministic id matters: Prefect drops an event whose id it has already seen, so a repeated
upload notification or two ingest runs noticing completion at once trigger one flow run, not two.
Agencies travel in the payload, never as related resources: Prefect accepts at most 100 of those,
and a round may consult more agencies than that.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from prefect.events.clients import get_events_client
from prefect.events.schemas.events import Event
from prefect.settings import PREFECT_API_URL
from prefect.utilities.asyncutils import run_coro_as_sync

from concord.models import Answer, MergeRecord, Round, Version

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


def related(draft_id: str) -> list[dict[str, str]]:
    return [{"prefect.resource.id": f"concord.draft.{draft_id}", "prefect.resource.role": "draft"}]


def emit(
    name: str, *, round_id: str, draft_id: str, payload: Mapping[str, Any], id: uuid.UUID
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
        related=related(draft_id),
        payload={"round_id": round_id, "draft_id": draft_id, **payload},
    )
    run_coro_as_sync(_send(event))
    return True


async def _send(event: Event) -> None:
    async with get_events_client() as client:
        await client.emit(event)


def announce_answer(answer: Answer) -> bool:
    """concord.answer.uploaded; the same file again gives the same id, so one ingestion."""
    return emit(
        ANSWER_UPLOADED,
        round_id=answer.round_id,
        draft_id=answer.draft_id,
        payload={"answer_key": answer.key, "agency": answer.agency.id, "sha256": answer.sha256},
        id=event_id(ANSWER_UPLOADED, answer.key, answer.sha256),
    )


def announce_round_opened(rnd: Round) -> bool:
    return emit(
        ROUND_OPENED,
        round_id=rnd.id,
        draft_id=rnd.draft_id,
        payload={"version": rnd.version, "deadline": rnd.deadline.isoformat()},
        id=event_id(ROUND_OPENED, rnd.id),
    )


def announce_round_complete(draft_id: str, record: MergeRecord) -> bool:
    shas = list(record.answers)
    return emit(
        ROUND_COMPLETE,
        round_id=record.round_id,
        draft_id=draft_id,
        payload={"answers": shas, "merged_key": record.docx_key},
        id=event_id(ROUND_COMPLETE, record.round_id, *shas),
    )


def announce_published(round_id: str, version: Version, report_key: str) -> bool:
    return emit(
        VERSION_PUBLISHED,
        round_id=round_id,
        draft_id=version.draft_id,
        payload={"version": version.number, "version_key": version.key, "report_key": report_key},
        id=event_id(VERSION_PUBLISHED, round_id, str(version.number)),
    )
