"""Concord's deployments and their triggers, served by one process (`python -m flows.deployments`).

`concord up` runs this: `serve` needs no work pool or worker and picks runs up within
PREFECT_RUNNER_POLL_FREQUENCY. prefect.yaml declares the same deployments for work pools and
workers (docs/SCALE.md); tests/flows checks that the two agree.
"""

from __future__ import annotations

from prefect import serve
from prefect.events import DeploymentEventTrigger

from concord.flows.ingest_answer import ingest_answer
from concord.flows.merge_round import merge_round
from concord.flows.open_round import open_round
from concord.flows.publish_version import publish_version
from concord.flows.remind_round import remind_round
from concord.flows.round_deadline import round_deadline
from concord.flows.send_mail import send_mail
from concord.tasks.events import ANSWER_UPLOADED

DEPLOYMENT = "concord"

# Single-expression templates get `| string`: otherwise Prefect renders them as JSON, and a
# missing key makes the automation skip the run with only a server-side warning.
INGEST_ON_UPLOAD = DeploymentEventTrigger(
    name="ingest each uploaded answer",
    expect={ANSWER_UPLOADED},
    match={"prefect.resource.id": "concord.round.*"},
    parameters={
        "round_id": "{{ event.payload.round_id | string }}",
        "answer_key": "{{ event.payload.answer_key | string }}",
    },
)
# No trigger on concord.round.complete: the ingest run that completes a round merges it
# (flows/ingest_answer.py says why); merge-round stays deployed for the deadline and by hand.
TRIGGERS = {"ingest-answer": [INGEST_ON_UPLOAD]}
FLOWS = (
    open_round,
    ingest_answer,
    merge_round,
    round_deadline,
    publish_version,
    send_mail,
    remind_round,
)


def serve_all() -> None:
    """Serve every flow as `<flow name>/concord` until interrupted."""
    deployments = [f.to_deployment(name=DEPLOYMENT, triggers=TRIGGERS.get(f.name)) for f in FLOWS]
    serve(*deployments, limit=8, print_starting_message=False)


if __name__ == "__main__":
    # Guarded: flow runs start in processes that import this module again.
    serve_all()
