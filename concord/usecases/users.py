"""Who may act: accounts, sign-in (slowed down after repeated failures), API and agency tokens.

The accounts live in storage.users (a SQLite file beside the store: they change, objects do
not). Sign-in failures are counted per account and per address, and agency-token failures per
round and per address: past the limit every attempt in that scope is refused, the right password
included, until the window has passed, so guessing costs a window per handful of tries.
"""

from __future__ import annotations

import math
from pathlib import Path

from concord.errors import ConcordError, InvalidInput, SignInFailed, TooManyAttempts
from concord.models import Agency, ConcordSettings
from concord.storage.records import ConcordStore
from concord.storage.users import Role, User, UserStore

WINDOW = 15 * 60  # seconds a failure counts against its scope
MAX_PER_ACCOUNT = 5  # failures per account (or per round's tokens) within WINDOW
MAX_PER_ADDRESS = 20  # failures from one address within WINDOW, whatever the account

_stores: dict[str, UserStore] = {}


def users_path(settings: ConcordSettings | None = None) -> Path:
    return ((settings or ConcordSettings()).home / "users.sqlite3").resolve()


def open_user_store(settings: ConcordSettings | None = None) -> UserStore:
    """The accounts of this CONCORD_HOME (cached per process, like the object store)."""
    path = users_path(settings)
    if str(path) not in _stores:
        _stores[str(path)] = UserStore(path)
    return _stores[str(path)]


def add_user(users: UserStore, name: str, role: str, password: str) -> User:
    try:
        wanted = Role(role)
    except ValueError:
        raise InvalidInput(
            f"a role is one of {', '.join(r.value for r in Role)}, not {role!r}"
        ) from None
    return users.add_user(name, wanted, password)


def new_api_token(users: UserStore, name: str) -> str:
    """A new API token for `name` (the previous one stops working)."""
    return users.new_api_token(name)


def _check_not_locked(users: UserStore, scopes: list[tuple[str, int]]) -> None:
    for scope, limit in scopes:
        count, oldest = users.failures(scope, WINDOW)
        if count >= limit:
            wait = max(1, math.ceil(oldest + WINDOW - users.clock()))
            raise TooManyAttempts(
                f"too many failed attempts: try again in {math.ceil(wait / 60)} minutes",
                retry_after=wait,
            )


def sign_in(users: UserStore, name: str, password: str, *, address: str) -> User:
    """The user, or SignInFailed (the same for an unknown name and a wrong password)."""
    scopes = [(f"user:{name.strip()}", MAX_PER_ACCOUNT), (f"addr:{address}", MAX_PER_ADDRESS)]
    _check_not_locked(users, scopes)
    user = users.check_password(name.strip(), password)
    if user is None:
        users.add_failure(*(scope for scope, _ in scopes))
        raise SignInFailed("wrong user name or password")
    users.clear_failures(scopes[0][0])
    return user


def agency_sign_in(
    store: ConcordStore, users: UserStore, round_id: str, token: str, *, address: str
) -> Agency:
    """The agency `token` was issued to in `round_id`, or SignInFailed; throttled per round."""
    scopes = [(f"round:{round_id}", MAX_PER_ADDRESS), (f"token-addr:{address}", MAX_PER_ACCOUNT)]
    _check_not_locked(users, scopes)
    agency = None
    if token.strip():
        try:
            agency = store.token_agency(round_id, token.strip())
        except (ConcordError, ValueError):
            agency = None  # an unknown round is a wrong token: say nothing more
    if agency is None:
        users.add_failure(*(scope for scope, _ in scopes))
        raise SignInFailed("this round id and token do not match: check the consultation letter")
    return agency
