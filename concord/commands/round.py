"""`concord round open|status`: open a consultation round, follow it."""

from __future__ import annotations

import typer

from concord.commands._options import actor_option
from concord.console import console, err_console, say, titled_table
from concord.messages import t
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
    actor: str | None = actor_option(),
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
    from concord.usecases.actors import cli_actor
    from concord.usecases.notify import invite
    from concord.usecases.rounds import open_round

    by = cli_actor(actor)
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
        actor=by,
        late_answers=late,
        settings=settings,
    )
    say(rnd.id)
    deliver(store, invite(store, rnd.id, ConcordSettings(), actor=by), actor=by)
    if service.service_url() is None:
        err_console.print(t("cli.round.no_service"), markup=False)
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
    title = t(
        "cli.round.status_title",
        round=rnd.id,
        state=t(f"state.{found.state.value}"),
        deadline=rnd.deadline.isoformat(),
    )
    table = titled_table(
        title, "agency", "answered", "ingested", "items", "deadline", "stance", "letter"
    )
    yes, no = t("cli.yes"), t("cli.no")
    for s in found.agencies:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(s.counts.items()))
        answered = s.answered_at.isoformat(timespec="minutes") if s.answered_at else no
        table.add_row(
            s.agency.name,
            t("cli.round.answered_late", answered=answered) if s.late else answered,
            yes if s.ingested else no,
            f"{s.items} ({kinds})" if kinds else str(s.items),
            s.deadline.isoformat(timespec="minutes") if s.deadline else "",
            s.stance.value if s.stance else "",
            s.letter or "",
        )
    console.print(table)
    if found.merged:
        console.print(t("cli.round.merged", seq=found.merged.seq, docx=found.merged.docx_key))
    if found.published_version:
        console.print(t("cli.round.published", n=found.published_version))


@round_app.command("extend")
def extend(
    round_id: str = typer.Argument(..., help="round id"),
    agency: str = typer.Option(..., "--agency", help="the agency given more time (name or id)"),
    deadline: str = typer.Option(..., "--deadline", help="its new deadline, ISO 8601"),
    actor: str | None = actor_option(),
) -> None:
    """Give one agency of ROUND a later deadline."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.rounds import extend_deadline

    by = cli_actor(actor)
    granted = extend_deadline(open_concord_store(), round_id, agency, deadline, actor=by)
    say(f"{granted.agency_id}\t{granted.deadline.isoformat()}")


@round_app.command("close")
def close(
    round_id: str = typer.Argument(..., help="round id"),
    actor: str | None = actor_option(),
) -> None:
    """Close ROUND to answers (an agency given a later deadline afterwards still cannot answer)."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.rounds import close_round

    by = cli_actor(actor)
    closed = close_round(open_concord_store(), round_id, actor=by)
    console.print(t("cli.round.closed" if closed else "cli.round.already_closed", round=round_id))


def register(app: typer.Typer) -> None:
    app.add_typer(round_app, name="round")
