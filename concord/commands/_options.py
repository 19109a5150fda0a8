"""Options several commands share (a module starting with "_" registers no command)."""

from __future__ import annotations

from typing import Any

import typer

ACTOR_HELP = (
    "record NAME as who did it, where `concord user map` allows it "
    "(default: the account your OS user is mapped to, else your OS user)"
)


def actor_option() -> Any:
    """`--actor NAME`: checked by concord.usecases.actors.cli_actor before anything is done."""
    return typer.Option(None, "--actor", metavar="NAME", help=ACTOR_HELP)


def by_option() -> Any:
    """`--by NAME`, the older spelling of --actor on `decide` and `publish`, kept for scripts."""
    return typer.Option(None, "--by", metavar="NAME", hidden=True)
