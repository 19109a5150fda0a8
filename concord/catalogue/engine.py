"""Refusals of the .docx engine (unsafe, unreadable or wrong documents): key -> (Vietnamese,
English). Keys are "engine.<code>"."""

from __future__ import annotations

ENGINE: dict[str, tuple[str, str]] = {}
