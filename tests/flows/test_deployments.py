"""prefect.yaml (workers) and flows/deployments.py (`concord up`) declare the same deployments."""

from __future__ import annotations

from pathlib import Path

import yaml

from concord.flows.deployments import DEPLOYMENT, FLOWS, TRIGGERS
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


def test_prefect_yaml_declares_every_served_flow_with_the_same_triggers():
    declared = _declared()
    assert sorted(declared) == sorted(f.name for f in FLOWS)
    for flow in FLOWS:
        served = [
            {
                "expect": sorted(t.expect),
                "match": t.match.model_dump(),
                "parameters": t.parameters,
            }
            for t in TRIGGERS.get(flow.name, [])
        ]
        in_yaml = [
            {"expect": sorted(t["expect"]), "match": t["match"], "parameters": t["parameters"]}
            for t in declared[flow.name].get("triggers", [])
        ]
        assert served == in_yaml, flow.name


def test_trigger_parameters_are_templated_defensively():
    for triggers in TRIGGERS.values():
        for trigger in triggers:
            for value in trigger.parameters.values():
                assert value.startswith("{{ event.payload.") and value.endswith("| string }}")


def test_event_ids_are_deterministic():
    one = event_id(ANSWER_UPLOADED, "drafts/x/rounds/r1/answers/a/1.docx", "ab" * 32)
    assert one == event_id(ANSWER_UPLOADED, "drafts/x/rounds/r1/answers/a/1.docx", "ab" * 32)
    assert one != event_id(ANSWER_UPLOADED, "drafts/x/rounds/r1/answers/a/1.docx", "cd" * 32)
