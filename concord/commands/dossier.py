"""`concord dossier DRAFT -o FILE.zip` assembles the appraisal dossier; `concord dossier verify
FILE.zip` checks one against its manifest, the audit and the store."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.core import TyperGroup

from concord.commands._options import actor_option
from concord.console import err_console, say
from concord.messages import t

ASSEMBLE = "assemble"


class DossierGroup(TyperGroup):
    """`concord dossier DRAFT ...` is `concord dossier assemble DRAFT ...`: a first argument
    that names no subcommand is the draft (click cannot put a positional argument before
    subcommands, so the subcommand is supplied)."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        if args and args[0] not in self.commands and args[0] != "--help":
            args = [ASSEMBLE, *args]
        return super().parse_args(ctx, args)


dossier_app = typer.Typer(
    cls=DossierGroup,
    help=(
        "The appraisal dossier (hồ sơ thẩm định) of a draft's latest published version.\n\n"
        "concord dossier DRAFT -o FILE.zip   (short for `concord dossier assemble DRAFT ...`)\n\n"
        "concord dossier verify FILE.zip\n\n"
        "A draft whose id is `verify` or `assemble` is named after `assemble`."
    ),
    no_args_is_help=True,
)


@dossier_app.command(ASSEMBLE)
def assemble(
    draft_id: str = typer.Argument(..., help="draft id"),
    output: Path = typer.Option(..., "-o", "--output", dir_okay=False, help="the .zip to write"),
    actor: str | None = actor_option(),
) -> None:
    """Write DRAFT's appraisal dossier to FILE.zip (PDFs by LibreOffice) and print its path.

    The zip holds the latest published version (.docx, .pdf), the redline against the version
    its round circulated, each round's synthesis report (.docx, .pdf, .xlsx), each agency's
    answer and reply letter as received, the issues still in dispute, the audit digest, an index
    (.docx) and manifest.json; the manifest's SHA-256 is recorded in the draft's audit.
    """
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.dossier import assemble_dossier

    by = cli_actor(actor)
    made = assemble_dossier(open_concord_store(), draft_id, actor=by)
    output.write_bytes(made.to_zip())
    say(str(output))
    err_console.print(
        t(
            "cli.dossier.made",
            version=made.manifest.version,
            n=len(made.manifest.files),
            sha=made.manifest_sha256,
        ),
        markup=False,
        soft_wrap=True,
    )


@dossier_app.command("verify")
def verify(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="the dossier .zip"),
    as_json: bool = typer.Option(False, "--json", help="the findings as JSON on stdout"),
) -> None:
    """Check FILE.zip against its manifest, the audit and the store.

    Every file against manifest.json, the manifest against the draft's audit, the files taken
    from the store against the store now. Exits 0 when intact; 2 (error code dossier_altered)
    naming every file that differs.
    """
    from concord.storage.factory import open_concord_store
    from concord.usecases.dossier_check import verify_dossier

    check = verify_dossier(open_concord_store(), file)
    if as_json:
        say(check.model_dump_json(indent=2))
    for note in check.notes:
        err_console.print(t("cli.note", note=note), markup=False, soft_wrap=True)
    check.raise_if_altered()
    if not as_json:
        say(check.summary())


def register(app: typer.Typer) -> None:
    app.add_typer(dossier_app, name="dossier")
