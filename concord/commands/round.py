"""`concord round open|status`: open a consultation round, follow it."""

from __future__ import annotations

import typer
from rich.table import Table

from concord.console import console, err_console, say
from concord.models import LatePolicy

round_app = typer.Typer(help="Consultation rounds.", no_args_is_help=True)


@round_app.command("open")
def open_(
    draft_id: str = typer.Argument(..., help="draft id"),
    agencies: list[str] = typer.Option(..., "--agency", help="a consulted agency (repeat)"),
    deadline: str = typer.Option(..., "--deadline", help="ISO 8601, e.g. 2025-06-30T17:00"),
    version: int | None = typer.Option(None, "--version", help="default: the newest version"),
    late: LatePolicy = typer.Option(
        LatePolicy.ACCEPT, "--late", help="late answers: accept (marked late) or refuse"
    ),
    actor: str = typer.Option("cli", "--actor", help="who opens it (audit trail)"),
    remind_days: int | None = typer.Option(
        None, "--remind-days", min=0, help="remind silent agencies N days before (0: never)"
    ),
    number: str = typer.Option("", "--number", help="the report's number, e.g. 15/BC-BNV"),
    signer: str = typer.Option("", "--signer", help="who signs the synthesis report"),
    signer_title: str = typer.Option("", "--signer-title", help="the signer's title"),
    recipients: list[str] = typer.Option(
        [], "--recipients", help="a 'Nơi nhận' line of the report (repeat)"
    ),
) -> None:
    """Circulate DRAFT to the agencies, mail each its invitation; print the round id."""
    from concord.commands.mail import deliver
    from concord.flows import service
    from concord.models import ConcordSettings, RoundSettings
    from concord.storage.factory import open_concord_store
    from concord.usecases.notify import invite
    from concord.usecases.rounds import open_round

    store = open_concord_store()
    settings = RoundSettings(
        remind_days=remind_days,
        number=number,
        signer=signer,
        signer_title=signer_title,
        recipients=tuple(recipients),
    )
    rnd = open_round(
        store,
        draft_id,
        agencies,
        deadline,
        version=version,
        actor=actor,
        late_answers=late,
        settings=settings,
    )
    say(rnd.id)
    deliver(store, invite(store, rnd.id, ConcordSettings(), actor=actor), actor=actor)
    if service.service_url() is None:
        err_console.print(
            "no Concord service is running (`concord up`): the round is open; answers are read "
            "and the deadline kept once it runs",
            markup=False,
        )
    else:
        service.round_opened(rnd)


@round_app.command("status")
def status(
    round_id: str = typer.Argument(..., help="round id"),
    as_json: bool = typer.Option(False, "--json", help="print models.RoundStatus as JSON"),
) -> None:
    """Who answered, what was ingested, merged and published."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.rounds import round_status

    found = round_status(open_concord_store(), round_id)
    if as_json:
        typer.echo(found.model_dump_json(indent=2))
        return
    rnd = found.round
    table = Table(title=f"{rnd.id}: {found.state.value}, deadline {rnd.deadline.isoformat()}")
    for column in ("agency", "answered", "ingested", "items", "deadline", "stance", "letter"):
        table.add_column(column, overflow="fold")
    for s in found.agencies:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(s.counts.items()))
        answered = s.answered_at.isoformat(timespec="minutes") if s.answered_at else "no"
        table.add_row(
            s.agency.name,
            f"{answered} (late)" if s.late else answered,
            "yes" if s.ingested else "no",
            f"{s.items} ({kinds})" if kinds else str(s.items),
            s.deadline.isoformat(timespec="minutes") if s.deadline else "",
            s.stance.value if s.stance else "",
            s.letter or "",
        )
    console.print(table)
    if found.merged:
        console.print(f"merged #{found.merged.seq}: {found.merged.docx_key}")
    if found.published_version:
        console.print(f"published as version {found.published_version}")


@round_app.command("extend")
def extend(
    round_id: str = typer.Argument(..., help="round id"),
    agency: str = typer.Option(..., "--agency", help="the agency given more time (name or id)"),
    deadline: str = typer.Option(..., "--deadline", help="its new deadline, ISO 8601"),
    actor: str = typer.Option("cli", "--actor", help="who extends it (audit trail)"),
) -> None:
    """Give one agency of ROUND a later deadline."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.rounds import extend_deadline

    granted = extend_deadline(open_concord_store(), round_id, agency, deadline, actor=actor)
    say(f"{granted.agency_id}\t{granted.deadline.isoformat()}")


@round_app.command("close")
def close(
    round_id: str = typer.Argument(..., help="round id"),
    actor: str = typer.Option("cli", "--actor", help="who closes it (audit trail)"),
) -> None:
    """Close ROUND to answers (an agency given a later deadline afterwards still cannot answer)."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.rounds import close_round

    closed = close_round(open_concord_store(), round_id, actor=actor)
    console.print(f"round {round_id} {'closed' if closed else 'was already closed'}")


def register(app: typer.Typer) -> None:
    app.add_typer(round_app, name="round")
