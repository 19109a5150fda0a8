"""Concord's deployments, for runs by hand or from another system (`python -m
concord.flows.deployments` serves them; prefect.yaml declares the same for work pools).

Rounds move by themselves without them: the worker (concord.worker, started by `concord up`)
runs `advance-round` in its own process for every round with work, so no deployment carries a
trigger and no answer waits for a new flow-run process. tests/flows checks that prefect.yaml and
this list agree.
"""

from __future__ import annotations

from prefect import serve

from concord.flows.advance_round import advance_round
from concord.flows.ingest_answer import ingest_answer
from concord.flows.merge_round import merge_round
from concord.flows.open_round import open_round
from concord.flows.publish_version import publish_version
from concord.flows.remind_round import remind_round
from concord.flows.send_mail import send_mail

DEPLOYMENT = "concord"
FLOWS = (
    open_round,
    advance_round,
    ingest_answer,
    merge_round,
    publish_version,
    send_mail,
    remind_round,
)


def serve_all() -> None:
    """Serve every flow as `<flow name>/concord` until interrupted."""
    deployments = [f.to_deployment(name=DEPLOYMENT) for f in FLOWS]
    # Two runs at a time on two cores: more interpreters than cores only adds memory.
    serve(*deployments, limit=2, print_starting_message=False)


if __name__ == "__main__":
    # Guarded: flow runs start in processes that import this module again.
    serve_all()
