"""Shared terminal output for the `concord` commands."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console, OverflowMethod
from rich.table import Table

from concord.messages import t

console = Console()
err_console = Console(stderr=True)

# Exit codes: 1 = a check found a problem (e.g. audit verify), 2 = the input was refused.
EXIT_PROBLEM = 1
EXIT_REFUSED = 2


def print_error(error: Exception) -> None:
    """`error [<code>]: <message>` on stderr; `code` is machine-readable."""
    code = getattr(error, "code", type(error).__name__)
    err_console.print(f"error [{code}]: {error}", markup=False, highlight=False, soft_wrap=True)


def fail(error: Exception, *, exit_code: int = EXIT_REFUSED) -> NoReturn:
    """Print the error line and exit (inside a command)."""
    print_error(error)
    raise typer.Exit(exit_code)


def say(text: str) -> None:
    """A value a script reads (an id, a key, a path): printed whole, never wrapped."""
    typer.echo(text)


def titled_table(title: str, *columns: str, overflow: OverflowMethod = "fold") -> Table:
    """A table headed by the catalogue's wording for each column ("cli.col.<column>")."""
    table = Table(title=title)
    for column in columns:
        table.add_column(t(f"cli.col.{column}"), overflow=overflow)
    return table
