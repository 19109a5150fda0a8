"""`concord item add ROUND --agency NAME ...`: type in an item an agency sent in its letter."""

from __future__ import annotations

import typer

from concord.commands._options import actor_option
from concord.console import err_console, say
from concord.messages import t

item_app = typer.Typer(help="Items typed in from an agency's reply letter.", no_args_is_help=True)


@item_app.command("add")
def add(
    round_id: str = typer.Argument(..., help="round id"),
    agency: str = typer.Option(..., "--agency", help="the agency whose letter says it"),
    where: str | None = typer.Option(
        None, "--where", help="the place in the draft, e.g. 'Điều 2, khoản 1'"
    ),
    quote: str | None = typer.Option(None, "--quote", help="the words of the draft it is about"),
    general: bool = typer.Option(
        False, "--general", help="a general comment (ý kiến chung), on no particular place"
    ),
    comment: str | None = typer.Option(None, "--comment", help="the agency's comment"),
    replace_with: str | None = typer.Option(
        None, "--replace-with", help="the wording the agency proposes instead of --quote"
    ),
    actor: str | None = actor_option(),
) -> None:
    """Record AGENCY's comment or proposed wording in ROUND; print the new item's id."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.answers import add_typed_item

    by = cli_actor(actor)
    item_id, new = add_typed_item(
        open_concord_store(),
        round_id,
        agency,
        where=where,
        quote=quote,
        comment=comment,
        replace_with=replace_with,
        general=general,
        actor=by,
    )
    say(item_id)
    if not new:
        err_console.print(t("cli.item.same"), markup=False)
    else:
        err_console.print(t("cli.item.entered", round=round_id), markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(item_app, name="item")
