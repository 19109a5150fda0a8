"""Who the audit names for a command: the OS user, or the account an admin mapped it to; another
name given with --actor only where that mapping allows it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from concord.cli import app
from concord.errors import Forbidden
from concord.storage.factory import forget_stores, open_concord_store
from concord.storage.records import ConcordStore
from concord.usecases.actors import cli_actor, current_os_user, map_os_user, unmap_os_user
from concord.usecases.users import add_user, open_user_store, users_path
from tests.flows.documents import draft_docx

PASSWORD = "a long enough password"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONCORD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CONCORD_S3_BUCKET", raising=False)
    forget_stores()
    draft = tmp_path / "draft.docx"
    draft.write_bytes(draft_docx())
    return tmp_path


def _add_draft(home: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["draft", "add", str(home / "draft.docx"), "--title", "Nghị quyết thử", *extra]
    )
    return result.exit_code, result.output


def _actors(store: ConcordStore) -> set[str]:
    return {e.actor for d in store.drafts() for e in store.audit.entries(d.id)}


def _account(name: str, role: str) -> None:
    add_user(open_user_store(), name, role, PASSWORD)


def test_by_default_the_os_user_is_recorded_and_no_accounts_file_is_made(home: Path) -> None:
    code, output = _add_draft(home)
    assert code == 0, output
    assert _actors(open_concord_store()) == {current_os_user()}
    assert not users_path().exists()


def test_a_mapped_os_user_is_recorded_as_its_account(home: Path) -> None:
    _account("lan", "coordinator")
    map_os_user(open_user_store(), current_os_user(), "lan", by_os_user=current_os_user())
    code, output = _add_draft(home)
    assert code == 0, output
    assert _actors(open_concord_store()) == {"lan"}


def test_another_name_is_refused_without_a_mapping_and_nothing_is_recorded(home: Path) -> None:
    code, output = _add_draft(home, "--actor", "Vụ Pháp chế")
    assert code == 2
    assert "error [actor_not_allowed]" in output and "concord user map" in output
    assert open_concord_store().drafts() == []


def test_a_mapping_that_does_not_list_the_name_refuses_it(home: Path) -> None:
    _account("lan", "coordinator")
    map_os_user(open_user_store(), current_os_user(), "lan", ["Ban soạn thảo"], by_os_user="x")
    code, output = _add_draft(home, "--actor", "Vụ Pháp chế")
    assert code == 2 and "error [actor_not_allowed]" in output
    assert open_concord_store().drafts() == []


def test_a_name_the_mapping_lists_is_recorded(home: Path) -> None:
    _account("lan", "coordinator")
    map_os_user(open_user_store(), current_os_user(), "lan", ["Vụ Pháp chế"], by_os_user="x")
    code, output = _add_draft(home, "--actor", "Vụ Pháp chế")
    assert code == 0, output
    assert _actors(open_concord_store()) == {"Vụ Pháp chế"}


def test_an_admins_os_user_may_name_anyone_and_others_may_not(home: Path) -> None:
    users = open_user_store()
    _account("an", "admin")
    _account("lan", "coordinator")
    map_os_user(users, "an-login", "an", by_os_user="an-login")
    map_os_user(users, "lan-login", "lan", ["Vụ Pháp chế"], by_os_user="an-login")
    assert cli_actor("Bộ Tư pháp", os_user="an-login") == "Bộ Tư pháp"
    assert cli_actor(None, os_user="an-login") == "an"
    assert cli_actor("Vụ Pháp chế", os_user="lan-login") == "Vụ Pháp chế"
    assert cli_actor("lan", os_user="lan-login") == "lan"
    with pytest.raises(Forbidden) as refused:
        cli_actor("an", os_user="lan-login")
    assert refused.value.code == "actor_not_allowed"
    assert cli_actor(None, os_user="stranger") == "stranger"
    with pytest.raises(Forbidden):
        cli_actor("lan", os_user="stranger")


def test_once_an_admin_is_mapped_only_admins_change_the_mapping(home: Path) -> None:
    users = open_user_store()
    _account("an", "admin")
    _account("lan", "coordinator")
    map_os_user(users, "lan-login", "lan", ["Vụ Pháp chế"], by_os_user="lan-login")  # no admin yet
    map_os_user(users, "an-login", "an", by_os_user="lan-login")
    with pytest.raises(Forbidden) as refused:
        map_os_user(users, "lan-login", "lan", ["Bộ Tư pháp"], by_os_user="lan-login")
    assert "an-login" in str(refused.value)
    with pytest.raises(Forbidden):
        unmap_os_user(users, "lan-login", by_os_user="lan-login")
    kept = users.os_user("lan-login")
    assert kept is not None and kept.may_act_as == ("Vụ Pháp chế",)
    assert unmap_os_user(users, "lan-login", by_os_user="an-login")
    assert cli_actor(None, os_user="lan-login") == "lan-login"


def test_the_user_commands_map_list_and_unmap(home: Path) -> None:
    runner = CliRunner()
    _account("lan", "coordinator")
    me = current_os_user()
    unknown = runner.invoke(app, ["user", "map", me, "nobody"])
    assert unknown.exit_code == 2 and "error [not_found]" in unknown.output
    mapped = runner.invoke(
        app, ["user", "map", me, "lan", "--may-act-as", "Bộ Văn hóa, Thể thao và Du lịch"]
    )
    assert mapped.exit_code == 0, mapped.output
    listed = runner.invoke(app, ["user", "list"]).stdout.splitlines()
    assert listed == ["lan\tcoordinator", f"os:{me}\tlan\tBộ Văn hóa, Thể thao và Du lịch"]
    assert runner.invoke(app, ["user", "unmap", me]).exit_code == 0
    assert runner.invoke(app, ["user", "list"]).stdout.splitlines() == ["lan\tcoordinator"]
    assert cli_actor() == me


def test_the_older_by_option_is_checked_like_actor(home: Path) -> None:
    store = open_concord_store()
    result = CliRunner().invoke(
        app, ["publish", "nope-r1", "--by", "Vụ Pháp chế", "--allow-undecided"]
    )
    assert result.exit_code == 2 and "error [actor_not_allowed]" in result.output
    assert store.drafts() == []


def _commands_recording_an_actor() -> dict[str, Any]:
    """Every command with an --actor option, by its words (e.g. "round open")."""
    import typer.main

    found: dict[str, Any] = {}

    def walk(words: list[str], command: Any) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk([*words, name], sub)
        if any(p.name == "actor" for p in command.params):
            found[" ".join(words)] = command

    walk([], typer.main.get_command(app))
    return found


def _required_args(command: Any, existing: Path) -> list[str]:
    """A value for every required parameter: an existing file, which any text parameter takes
    too (the actor is checked before the values mean anything)."""
    args: list[str] = []
    for param in command.params:
        if param.required:
            value = str(existing)
            args += [value] if param.param_type_name == "argument" else [param.opts[0], value]
    return args


COMMANDS = _commands_recording_an_actor()


def test_the_commands_that_record_an_actor_are_found() -> None:
    assert {"draft add", "round open", "decide", "publish", "merge", "dossier assemble"} <= set(
        COMMANDS
    )


@pytest.mark.parametrize("words", sorted(COMMANDS))
def test_every_command_that_records_an_actor_checks_it_first(home: Path, words: str) -> None:
    args = [*words.split(), *_required_args(COMMANDS[words], home / "draft.docx")]
    result = CliRunner().invoke(app, [*args, "--actor", "Vụ Pháp chế"])
    assert result.exit_code == 2, result.output
    assert "error [actor_not_allowed]" in result.output
