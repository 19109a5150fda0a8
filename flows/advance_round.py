"""Advance a round: read the answers waiting, keep a passed deadline, merge when it is time.

The worker (concord.worker) runs this in its own long-lived process for each round with work
to do, so an answer costs no new Python process; the run and each step, a task, show in the
Prefect UI. The sequence itself is the use case's (concord.usecases.progress.advance).
"""

from __future__ import annotations

from dataclasses import dataclass

from prefect import flow, get_run_logger

from concord.flows.send_mail import send_mail
from concord.models import MergeRecord
from concord.storage.keys import parse_round_id
from concord.tasks import progress
from concord.tasks.answers import ingest_items
from concord.tasks.events import announce_round_complete
from concord.tasks.mail import queue_receipt
from concord.tasks.outcomes import merge_latest
from concord.usecases.progress import KeptDeadline, RoundWork, advance


@dataclass(frozen=True)
class TaskSteps:
    actor: str

    def work(self, round_id: str) -> RoundWork | None:
        return progress.round_work(round_id)

    def ingest(self, round_id: str, answer_key: str) -> None:
        """Read the answer, then mail the agency its receipt."""
        ingest_items(round_id, answer_key, self.actor)
        send_mail(queue_receipt(round_id, answer_key, self.actor), self.actor)

    def remind(self, round_id: str) -> None:
        send_mail(progress.send_reminders(round_id, self.actor), self.actor)

    def keep_deadline(self, round_id: str) -> KeptDeadline:
        return progress.keep_deadline(round_id, self.actor)

    def merge(self, round_id: str) -> MergeRecord:
        return merge_latest(round_id, self.actor)[0]


@flow(name="advance-round")
def advance_round(round_id: str, actor: str = "concord") -> dict:
    """{"ingested": [answer keys], "reminded": [agency ids], "merged": docx key or None}."""
    done = advance(round_id, TaskSteps(actor))
    logger = get_run_logger()
    for agency in done.reminded:
        logger.warning("%s: deadline passed without an answer from %s", round_id, agency)
    if done.merge is not None:
        announce_round_complete(parse_round_id(round_id)[0], done.merge)
    logger.info(
        "%s: read %d answer(s), reminded %d, merged: %s",
        round_id,
        len(done.ingested),
        len(done.reminded),
        done.merged_key or "no",
    )
    return {"ingested": done.ingested, "reminded": done.reminded, "merged": done.merged_key}
