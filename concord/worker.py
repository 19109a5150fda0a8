"""The long-lived worker `concord up` runs (`python -m concord.worker`): it keeps every round
moving, whatever happened to the events that announced its answers.

Every `sweep_seconds` it asks the store what each open round needs (concord.usecases.progress)
and does it in this process: as an `advance-round` flow run (visible in the Prefect UI, steps
retried) when the Prefect server answers, directly through the use cases when it does not, so a
Prefect outage delays nothing and loses nothing. Several workers may share a store (docs/SCALE.md):
reading is idempotent, a set of answers is merged once, a deadline kept once.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable
from types import FrameType

from concord.models import ConcordSettings
from concord.runtime import prefect_healthy
from concord.storage.factory import open_concord_store
from concord.storage.records import ConcordStore
from concord.usecases.notify import outbox, send_queued
from concord.usecases.progress import DirectSteps, advance, round_work

log = logging.getLogger("concord.worker")
ACTOR = "concord-worker"

Runner = Callable[[str], object]


class Worker:
    """Sweeps the store's open rounds and advances each one that has work to do."""

    def __init__(
        self,
        store: ConcordStore,
        *,
        api_url: str | None,
        actor: str = ACTOR,
        settings: ConcordSettings | None = None,
    ) -> None:
        self.store = store
        self.api_url = api_url
        self.actor = actor
        self.settings = settings or ConcordSettings()
        self.finished: set[str] = set()  # published rounds: nothing more will happen there

    def sweep(self) -> int:
        """Advance every round with work; the number advanced. One round's failure is logged
        and retried at the next sweep, never stops the others."""
        advanced = 0
        for round_id in self.store.round_ids():
            if round_id in self.finished:
                continue
            try:
                advanced += self._advance_if_needed(round_id)
            except Exception:
                log.exception("%s: could not advance; trying again at the next sweep", round_id)
        self.retry_mail()
        return advanced

    def retry_mail(self) -> int:
        """Send the messages a mail server refused or missed before (they wait in the outbox,
        each failure audited); the number sent now."""
        if not self.settings.uses_smtp or not outbox(self.settings).pending():
            return 0
        done = send_queued(self.store, None, self.settings, actor=self.actor)
        for error in done.errors:
            log.warning("mail not sent, kept in the outbox: %s", error)
        return len(done.sent)

    def _advance_if_needed(self, round_id: str) -> int:
        work = round_work(self.store, round_id)
        if work is None:
            self.finished.add(round_id)
            return 0
        if work.idle:
            return 0
        self._runner()(round_id)
        log.info("%s: advanced", round_id)
        return 1

    def _runner(self) -> Runner:
        if prefect_healthy(self.api_url):
            from concord.flows.advance_round import advance_round

            return lambda round_id: advance_round(round_id, actor=self.actor)
        log.warning("Prefect does not answer: advancing rounds directly")
        return lambda round_id: advance(round_id, DirectSteps(self.store, self.actor))


def warm_up() -> None:
    """Import the flow and the engine now, so the first answer does not wait seconds for it."""
    import concord.engine.merger
    import concord.engine.reader
    import concord.flows.advance_round  # noqa: F401


def run(settings: ConcordSettings, *, sweep_seconds: float, stop: threading.Event) -> None:
    warm_up()
    worker = Worker(open_concord_store(settings), api_url=os.environ.get("PREFECT_API_URL"))
    log.info("worker sweeping %s every %.1f s", worker.store.describe(), sweep_seconds)
    while not stop.is_set():
        worker.sweep()
        stop.wait(sweep_seconds)


def main() -> None:
    from concord.runtime import configure_prefect_env

    configure_prefect_env()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # Every API call is an INFO line from httpx: the log would be nothing else.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    settings = ConcordSettings()
    run(settings, sweep_seconds=settings.sweep_seconds, stop=stop)


if __name__ == "__main__":
    main()
