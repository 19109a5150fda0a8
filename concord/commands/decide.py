"""`concord items`, `concord decide`, `concord publish`: the coordinators' part of a round."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from concord.commands._options import actor_option, by_option
from concord.console import console, say, titled_table
from concord.messages import current_lang, t
from concord.models import Outcome

OUTCOME_HELP = "accepted | partly_accepted | noted | not_accepted"


def items(
    round_id: str = typer.Argument(..., help="round id"),
    as_json: bool = typer.Option(False, "--json", help="print items and decisions as JSON"),
) -> None:
    """Every item of ROUND's latest merge, with its id, the decision taken on it so far, and
    what earlier rounds said about its passage (`history`; `repeated` when the agency raises
    again a point not accepted before)."""
    from concord.engine.history_text import history_lines
    from concord.storage.factory import open_concord_store
    from concord.usecases.decisions import items_with_decisions

    found = items_with_decisions(open_concord_store(), round_id, history=True)
    if as_json:
        typer.echo(json.dumps([f.to_json_dict() for f in found], ensure_ascii=False, indent=2))
        return
    table = titled_table(
        t("cli.items.title", n=len(found), round=round_id),
        *("id", "agency", "where", "kind", "proposal", "decision", "earlier_rounds"),
    )
    for row in found:
        item, decision = row.item, row.decision
        proposal = item.comment or " → ".join(t for t in (item.old, item.new) if t) or item.detail
        table.add_row(
            item.id,
            item.agency,
            item.location,
            item.kind.value,
            proposal,
            f"{decision.outcome.value}: {decision.explanation}" if decision else "—",
            "\n".join(history_lines(row.history, "en" if current_lang() == "en" else "vi")) or "—",
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
    from_docx: Path | None = typer.Option(
        None,
        "--from-docx",
        exists=True,
        dir_okay=False,
        help="the merged .docx with the decisions made in it (Word or LibreOffice)",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="with --from-docx: show what is read, record nothing"
    ),
    as_json: bool = typer.Option(False, "--json", help="with --from-docx: print JSON"),
    actor: str | None = actor_option(),
    by_alias: str | None = by_option(),
) -> None:
    """Record decisions on items of ROUND's latest merge (a later decision replaces an earlier)."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.decisions import parse_decisions, record_decisions

    by = cli_actor(actor or by_alias)
    if from_docx is not None:
        _decide_from_docx(round_id, from_docx, dry_run=dry_run, as_json=as_json, by=by)
        return
    if from_file is not None:
        decisions = parse_decisions(from_file.read_text(encoding="utf-8"))
    else:
        decisions = parse_decisions(
            [
                {"item_id": i, "outcome": outcome, "explanation": explanation, "text": text}
                for i in item_ids or ()
            ]
            if outcome is not None
            else []
        )
    recorded = record_decisions(open_concord_store(), round_id, decisions, actor=by)
    console.print(t("cli.decide.recorded", n=len(recorded), round=round_id))


def _decide_from_docx(round_id: str, path: Path, *, dry_run: bool, as_json: bool, by: str) -> None:
    from concord.storage.factory import open_concord_store
    from concord.usecases.decisions import decisions_from_docx, merged_items

    store = open_concord_store()
    found = decisions_from_docx(store, round_id, path.read_bytes(), dry_run=dry_run, actor=by)
    if as_json:
        typer.echo(json.dumps(found.to_json_dict(), ensure_ascii=False, indent=2))
        return
    items = {i.id: i for i in merged_items(store, round_id).items}
    table = titled_table(
        t("cli.decide.read_title", n=len(found.decisions), file=path.name),
        *("item", "agency", "where", "outcome", "explanation", "adopted"),
    )
    for d in found.decisions:
        item = items.get(d.item_id)
        agency, where = (item.agency, item.location) if item else ("", "")
        table.add_row(d.item_id, agency, where, d.outcome.value, d.explanation, d.text or "")
    console.print(table)
    if found.undecided:
        say(t("cli.decide.undecided", ids=" ".join(found.undecided)))
    for edit in found.team_edits:
        where, old, new = edit.location or "?", repr(edit.old), repr(edit.new)
        say(t("cli.decide.team_edit", where=where, old=old, new=new))
    if dry_run:
        say(t("cli.decide.dry_run"))
    else:
        say(t("cli.decide.recorded_docx", round=round_id, sha=found.sha256))


def publish(
    round_id: str = typer.Argument(..., help="round id"),
    issuer: str = typer.Option("BAN SOẠN THẢO", "--issuer", help="drafting body in the report"),
    allow_undecided: bool = typer.Option(
        False, "--allow-undecided", help='publish even with items undecided ("Chưa xử lý")'
    ),
    actor: str | None = actor_option(),
    by_alias: str | None = by_option(),
    number: str | None = typer.Option(None, "--number", help="the report's number (Số)"),
    signer: str | None = typer.Option(None, "--signer", help="who signs the report"),
    signer_title: str | None = typer.Option(None, "--signer-title", help="the signer's title"),
    recipients: list[str] = typer.Option(
        [], "--recipients", help="a 'Nơi nhận' line of the report (repeat)"
    ),
) -> None:
    """Publish the next version of ROUND's draft from the decisions, with the synthesis report;
    mail each answering agency its extract. Signer and recipients default to the round's."""
    from concord.commands.mail import deliver
    from concord.models import ConcordSettings
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.notify import send_extracts
    from concord.usecases.publishing import publish_round

    by = cli_actor(actor or by_alias)
    store = open_concord_store()
    given = store.report_settings(round_id)
    signature = given.model_copy(
        update={
            k: v
            for k, v in {
                "number": number,
                "signer": signer,
                "signer_title": signer_title,
                "recipients": tuple(recipients) or None,
            }.items()
            if v is not None
        }
    )
    done = publish_round(
        store,
        round_id,
        actor=by,
        issuer=issuer,
        signature=signature,
        allow_undecided=allow_undecided,
    )
    say(f"version {done.version.number}: {store.location(done.version.key)}")
    say(f"synthesis report: {store.location(done.report_key)}")
    deliver(store, send_extracts(store, round_id, ConcordSettings(), actor=by), actor=by)


def register(app: typer.Typer) -> None:
    app.command("items")(items)
    app.command("decide")(decide)
    app.command("publish")(publish)
