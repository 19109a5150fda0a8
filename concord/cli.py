"""The `concord` command line."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import typer
from typer.core import TyperGroup

import concord.commands
from concord.console import EXIT_REFUSED, print_error
from concord.errors import ConcordError
from concord.messages import DEFAULT_LANG, LANGS, current_lang, set_lang, speaking


class ConcordGroup(TyperGroup):
    """Every command's ConcordError becomes one `error [code]: message` line and exit code 2."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        # --lang holds for this run only (a test or an embedding program runs several).
        with speaking(current_lang()):
            try:
                return super().invoke(ctx)
            except ConcordError as err:
                print_error(err)
                ctx.exit(EXIT_REFUSED)


app = typer.Typer(
    cls=ConcordGroup,
    name="concord",
    help="Carry a draft resolution or directive through rounds of consultation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _options(
    lang: str = typer.Option(
        None,
        "--lang",
        envvar="CONCORD_LANG",
        help="vi (mặc định) | en: the language of messages and refusals",
    ),
) -> None:
    """Carry a draft resolution or directive through rounds of consultation."""
    if lang is not None and lang not in LANGS:
        raise typer.BadParameter(f"{lang!r}: vi | en", param_hint="--lang")
    set_lang(lang or DEFAULT_LANG)


def _register_commands() -> None:
    # Each module in concord.commands adds its own commands; sorted for a stable help listing.
    # A module named "_..." holds what commands share and adds none.
    for info in sorted(pkgutil.iter_modules(concord.commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"concord.commands.{info.name}")
        module.register(app)


_register_commands()


def main() -> None:
    from concord.runtime import configure_prefect_env

    # Before any command imports prefect, which reads its settings once, at import.
    configure_prefect_env()
    app()
