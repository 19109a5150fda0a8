"""The retry policy every task shares: storage or network hiccups, never a domain refusal."""

from __future__ import annotations

from typing import Any

from concord.errors import is_transient

RETRIES = 3
RETRY_DELAYS = [1, 2, 4]


def transient_only(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect's retry_condition_fn: retry only when the failure may pass by itself."""
    try:
        state.result()
    except Exception as err:  # the task's own exception, raised again by result()
        return is_transient(err)
    return False


RETRY = {
    "retries": RETRIES,
    "retry_delay_seconds": RETRY_DELAYS,
    "retry_condition_fn": transient_only,
}
