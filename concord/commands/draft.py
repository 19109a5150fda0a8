"""`concord draft add FILE --title T` registers a draft (its first version is FILE); `revise`
records the team's hand-edited next version; `list`."""

from __future__ import annotations

from pathlib import Path

import typer

from concord.commands._options import actor_option
from concord.console import console, err_console, say, titled_table
from concord.messages import t

draft_app = typer.Typer(help="Drafts under consultation.", no_args_is_help=True)


@draft_app.command("add")
def add(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="the draft .docx"),
    title: str = typer.Option(..., "--title", help="the draft's title"),
    kind: str = typer.Option("resolution", "--kind", help="resolution or directive"),
    actor: str | None = actor_option(),
) -> None:
    """Register FILE as version 1 of a new draft and print the draft id."""
    # Imported here: the engine takes a moment to import, `--help` should not wait.
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.drafts import register_draft

    by = cli_actor(actor)
    store = open_concord_store()
    draft, version = register_draft(store, title, file.read_bytes(), kind=kind, actor=by)
    say(draft.id)
    err_console.print(t("cli.draft.added", n=version.number, sha=version.sha256[:12]), markup=False)


@draft_app.command("revise")
def revise(
    draft_id: str = typer.Argument(..., help="the draft's id"),
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="the revised .docx"),
    note: str = typer.Option("", "--note", help="what changed (kept with the version)"),
    actor: str | None = actor_option(),
) -> None:
    """Record FILE, revised by hand, as the draft's next version and print its number."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.drafts import revise_draft

    by = cli_actor(actor)
    store = open_concord_store()
    done = revise_draft(store, draft_id, file.read_bytes(), actor=by, note=note)
    say(str(done.version.number))
    err_console.print(
        t(
            "cli.draft.revised",
            n=len(done.redline.items),
            previous=done.version.number - 1,
            location=store.location(done.redline_key),
        ),
        markup=False,
        soft_wrap=True,
    )


@draft_app.command("list")
def list_drafts() -> None:
    """Every draft with its newest version and its rounds."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.drafts import draft_summaries

    store = open_concord_store()
    title = t("cli.draft.list_title", store=store.describe())
    table = titled_table(title, "id", "title", "kind", "versions", "rounds")
    for found in draft_summaries(store):
        rounds = ", ".join(r.id for r in found.rounds) or "—"
        draft = found.draft
        table.add_row(draft.id, draft.title, draft.kind, str(len(found.versions)), rounds)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(draft_app, name="draft")
