"""prefect.yaml (work pools) and flows/deployments.py declare the same deployments."""

from __future__ import annotations

from pathlib import Path

import yaml

from concord.flows.deployments import DEPLOYMENT, FLOWS
from concord.tasks.events import ANSWER_UPLOADED, event_id

ROOT = Path(__file__).resolve().parents[2]


def _declared() -> dict[str, dict]:
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    found = {}
    for deployment in spec["deployments"]:
        path, func = deployment["entrypoint"].split(":")
        flow = next(f for f in FLOWS if f.fn.__name__ == func)
        # flows/x.py is installed as concord.flows.x (pyproject.toml maps the folder).
        assert flow.fn.__module__ == "concord." + path.removesuffix(".py").replace("/", ".")
        assert deployment["name"] == DEPLOYMENT
        assert deployment["work_pool"]["name"] == "concord"
        found[flow.name] = deployment
    return found


def test_prefect_yaml_declares_every_served_flow_without_triggers():
    declared = _declared()
    assert sorted(declared) == sorted(f.name for f in FLOWS)
    # The worker moves rounds; a trigger would start a second, slower path for the same work.
    assert all("triggers" not in d for d in declared.values())


def test_event_ids_are_deterministic():
    one = event_id(ANSWER_UPLOADED, "drafts/x/rounds/r1/answers/a/1.docx", "ab" * 32)
    assert one == event_id(ANSWER_UPLOADED, "drafts/x/rounds/r1/answers/a/1.docx", "ab" * 32)
    assert one != event_id(ANSWER_UPLOADED, "drafts/x/rounds/r1/answers/a/1.docx", "cd" * 32)
