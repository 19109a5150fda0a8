"""Refusals of the use cases and the store (a round's rules, unknown records): key ->
(Vietnamese, English). Keys are "refusal.<what>"."""

from __future__ import annotations

REFUSALS: dict[str, tuple[str, str]] = {}
