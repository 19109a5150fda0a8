"""What the `concord` commands print (not their --help): key -> (Vietnamese, English)."""

from __future__ import annotations

CLI: dict[str, tuple[str, str]] = {}
