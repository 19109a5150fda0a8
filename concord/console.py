"""Shared terminal output for the `concord` commands."""

from __future__ import annotations

from typing import NoReturn

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

# Exit codes: 1 = a check found a problem (e.g. audit verify), 2 = the input was refused.
EXIT_PROBLEM = 1
EXIT_REFUSED = 2


def fail(error: Exception, *, exit_code: int = EXIT_REFUSED) -> NoReturn:
    """Print `error [<code>]: <message>` on stderr and exit; `code` is machine-readable."""
    code = getattr(error, "code", type(error).__name__)
    err_console.print(f"error [{code}]: {error}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(exit_code)
