"""`concord items`, `concord decide`, `concord publish`: the coordinators' part of a round."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import typer
from pydantic import TypeAdapter, ValidationError
from rich.table import Table

from concord.console import console, fail
from concord.engine.errors import EngineError
from concord.models import Decision, Outcome
from concord.storage.errors import RecordError, StorageError

OUTCOME_HELP = "accepted | partly_accepted | noted | not_accepted"


def items(
    round_id: str = typer.Argument(..., help="round id"),
    as_json: bool = typer.Option(False, "--json", help="print items and decisions as JSON"),
) -> None:
    """Every item of ROUND's latest merge, with its id and the decision taken on it so far."""
    from concord.tasks.publishing import merged_items
    from concord.tasks.store import concord_store

    try:
        _, found, _ = merged_items(round_id)
        decided = {d.item_id: d for d in concord_store().decisions(round_id)}
    except StorageError as err:
        fail(err)
    if as_json:
        rows = [
            {
                **item.to_json_dict(),
                "decision": decided[item.id].model_dump(mode="json")
                if item.id in decided
                else None,
            }
            for item in found
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(found)} items in round {round_id}")
    for column in ("id", "agency", "where", "kind", "proposal", "decision"):
        table.add_column(column, overflow="fold")
    for item in found:
        proposal = item.comment or " → ".join(t for t in (item.old, item.new) if t) or item.detail
        decision = decided.get(item.id)
        table.add_row(
            item.id,
            item.agency,
            item.location,
            item.kind.value,
            proposal,
            f"{decision.outcome.value}: {decision.explanation}" if decision else "—",
        )
    console.print(table)


def decide(
    round_id: str = typer.Argument(..., help="round id"),
    item_ids: list[str] = typer.Argument(None, help="ids of the items decided (concord items)"),
    outcome: Outcome | None = typer.Option(None, "--outcome", help=OUTCOME_HELP),
    explanation: str = typer.Option("", "--explanation", help="why; goes into the report"),
    text: str | None = typer.Option(None, "--text", help="the wording adopted (partly accepted)"),
    from_file: Path | None = typer.Option(
        None, "--file", exists=True, dir_okay=False, help="JSON list of decisions"
    ),
    by: str = typer.Option("coordinator", "--by", help="who decides (recorded in the audit)"),
) -> None:
    """Record decisions on items of ROUND's latest merge (a later decision replaces an earlier)."""
    from concord.tasks.publishing import merged_items
    from concord.tasks.store import concord_store

    now = datetime.now(UTC)
    try:
        if from_file is not None:
            raw = json.loads(from_file.read_text(encoding="utf-8"))
            decisions = TypeAdapter(list[Decision]).validate_python(raw)
        elif outcome is not None and item_ids:
            decisions = [
                Decision(item_id=i, outcome=outcome, explanation=explanation, text=text)
                for i in item_ids
            ]
        else:
            raise RecordError("give item ids with --outcome, or a --file of decisions")
        decisions = [d.model_copy(update={"decided_by": by, "decided_at": now}) for d in decisions]
        _, found, _ = merged_items(round_id)
        known = {item.id for item in found}
        unknown = sorted({d.item_id for d in decisions} - known)
        if unknown:
            raise RecordError(
                f"no item {', '.join(unknown)} in the latest merge of {round_id}: "
                f"`concord items {round_id}` lists them"
            )
        concord_store().put_decisions(round_id, decisions, actor=by)
    except (StorageError, ValidationError, json.JSONDecodeError) as err:
        fail(err)
    console.print(f"{len(decisions)} decision(s) recorded for round {round_id}")


def publish(
    round_id: str = typer.Argument(..., help="round id"),
    issuer: str = typer.Option("BAN SOẠN THẢO", "--issuer", help="drafting body in the report"),
    by: str = typer.Option("coordinator", "--by", help="who publishes (recorded in the audit)"),
) -> None:
    """Publish the next version of ROUND's draft from the decisions, with the synthesis report."""
    from concord.flows.publish_version import publish_version
    from concord.tasks.store import concord_store

    try:
        number = publish_version(round_id, actor=by, issuer=issuer)
    except (StorageError, EngineError) as err:
        fail(err)
    store = concord_store()
    rnd = store.round(round_id)
    version = next(v for v in store.versions(rnd.draft_id) if v.number == number)
    report = store.latest_report_key(round_id)
    console.print(f"version {number}: {store.location(version.key)}", soft_wrap=True)
    if report is not None:  # publish_version writes it or raises
        console.print(f"synthesis report: {store.location(report)}", soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("items")(items)
    app.command("decide")(decide)
    app.command("publish")(publish)
