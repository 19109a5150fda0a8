"""Accounts, sessions, API tokens and failed sign-in attempts, in one SQLite file.

Why not the object store: its objects are immutable and conditionally created, which suits
drafts, answers and the audit chain, but a user's password, role, API token, session activity and
failure counters change all the time and must be replaced or deleted in place. They are also not
part of the consultation record (the audit chain names the user; it does not need the account).
So they live in `CONCORD_HOME/users.sqlite3` (Python's own sqlite3, WAL mode, one short
transaction per call), beside the store, on the machine that serves the web app.

Secrets are never stored in clear: passwords as argon2id hashes (argon2-cffi), session ids and
API tokens as SHA-256 digests of 32 random bytes (a digest is enough: the secrets are random, so
a slow hash adds nothing).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from concord.errors import InvalidInput

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (
    digest TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    digest TEXT PRIMARY KEY,
    kind TEXT NOT NULL,            -- 'user' or 'agency'
    subject TEXT NOT NULL,         -- user name, or agency id
    round_id TEXT NOT NULL DEFAULT '',
    csrf TEXT NOT NULL,
    created_at REAL NOT NULL,
    last_seen REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS failures (
    scope TEXT NOT NULL,           -- e.g. 'user:alice', 'addr:10.0.0.1', 'round:d-1/r1'
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS failures_scope ON failures(scope, at);
CREATE TABLE IF NOT EXISTS os_users (
    os_user TEXT PRIMARY KEY,      -- a login name on the machine that runs `concord`
    user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    may_act_as TEXT NOT NULL,      -- JSON list: other names `concord --actor` may record
    created_at REAL NOT NULL
);
"""

_hasher = PasswordHasher()


class Role(StrEnum):
    """What a user may do; each role may also do everything the roles below it may."""

    VIEWER = "viewer"
    COORDINATOR = "coordinator"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


@dataclass(frozen=True)
class User:
    name: str
    role: Role


@dataclass(frozen=True)
class OsUser:
    """A login name on the machine, the account `concord` records when it runs, and the other
    names it may record with `--actor` (set by an admin)."""

    os_user: str
    user: User
    may_act_as: tuple[str, ...]


@dataclass(frozen=True)
class Session:
    kind: str  # "user" or "agency"
    subject: str
    round_id: str
    csrf: str
    created_at: float
    last_seen: float


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class UserStore:
    """The accounts database. Safe to share between threads (one connection per call)."""

    def __init__(self, path: Path, *, clock=time.time) -> None:
        self.path = path
        self.clock = clock
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(_SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            with db:  # one transaction: committed on success, rolled back on error
                yield db
        finally:
            db.close()

    # -- users ---------------------------------------------------------------------------------

    def add_user(self, name: str, role: Role, password: str) -> User:
        name = name.strip()
        if not name or len(name) > 64 or any(c.isspace() for c in name):
            raise InvalidInput(f"a user name is 1-64 characters without spaces, not {name!r}")
        if len(password) < 8:
            raise InvalidInput("a password has at least 8 characters")
        with self._db() as db:
            try:
                db.execute(
                    "INSERT INTO users VALUES (?, ?, ?, ?)",
                    (name, str(role), _hasher.hash(password), self.clock()),
                )
            except sqlite3.IntegrityError as err:
                raise InvalidInput(f"there is already a user named {name!r}") from err
        return User(name, role)

    def user(self, name: str) -> User | None:
        with self._db() as db:
            row = db.execute("SELECT name, role FROM users WHERE name = ?", (name,)).fetchone()
        return User(row[0], Role(row[1])) if row else None

    def users(self) -> list[User]:
        with self._db() as db:
            rows = db.execute("SELECT name, role FROM users ORDER BY name").fetchall()
        return [User(n, Role(r)) for n, r in rows]

    def check_password(self, name: str, password: str) -> User | None:
        """The user when `password` is theirs; None otherwise (unknown names cost the same)."""
        with self._db() as db:
            row = db.execute(
                "SELECT name, role, password_hash FROM users WHERE name = ?", (name,)
            ).fetchone()
        # An unknown name is checked against a dummy hash so timing does not tell names apart.
        stored = row[2] if row else _DUMMY_HASH
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        return User(row[0], Role(row[1])) if row else None

    # -- API tokens ----------------------------------------------------------------------------

    def new_api_token(self, name: str) -> str:
        """A new token for `name`, replacing (revoking) any token the user had."""
        if self.user(name) is None:
            raise InvalidInput(f"no user named {name!r}: add one with `concord user add`")
        token = "cct_" + new_secret()
        with self._db() as db:
            db.execute("DELETE FROM api_tokens WHERE user = ?", (name,))
            db.execute(
                "INSERT INTO api_tokens VALUES (?, ?, ?)", (digest(token), name, self.clock())
            )
        return token

    def token_user(self, token: str) -> User | None:
        with self._db() as db:
            row = db.execute(
                "SELECT u.name, u.role FROM api_tokens t JOIN users u ON u.name = t.user "
                "WHERE t.digest = ?",
                (digest(token),),
            ).fetchone()
        return User(row[0], Role(row[1])) if row else None

    # -- sessions ------------------------------------------------------------------------------

    def new_session(self, kind: str, subject: str, round_id: str = "") -> tuple[str, Session]:
        """(the session id to put in the cookie, the session). Only its digest is stored."""
        sid = new_secret()
        now = self.clock()
        session = Session(kind, subject, round_id, new_secret(), now, now)
        with self._db() as db:
            # Forget sessions idle for a day: they expired long ago (see session()).
            db.execute("DELETE FROM sessions WHERE last_seen < ?", (now - 86400,))
            db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)",
                (digest(sid), kind, subject, round_id, session.csrf, now, now),
            )
        return sid, session

    def session(self, sid: str, *, idle: float) -> Session | None:
        """The live session `sid`, its activity refreshed; None (and forgotten) when idle."""
        now = self.clock()
        with self._db() as db:
            row = db.execute(
                "SELECT kind, subject, round_id, csrf, created_at, last_seen FROM sessions "
                "WHERE digest = ?",
                (digest(sid),),
            ).fetchone()
            if row is None:
                return None
            if now - row[5] > idle:
                db.execute("DELETE FROM sessions WHERE digest = ?", (digest(sid),))
                return None
            db.execute("UPDATE sessions SET last_seen = ? WHERE digest = ?", (now, digest(sid)))
        return Session(row[0], row[1], row[2], row[3], row[4], now)

    def end_session(self, sid: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM sessions WHERE digest = ?", (digest(sid),))

    # -- the command line's users -------------------------------------------------------------

    def map_os_user(self, os_user: str, user: str, may_act_as: tuple[str, ...]) -> None:
        """Record (or replace) what `concord` run by `os_user` records; `user` must exist."""
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO os_users VALUES (?, ?, ?, ?)",
                (os_user, user, json.dumps(list(may_act_as), ensure_ascii=False), self.clock()),
            )

    def unmap_os_user(self, os_user: str) -> bool:
        with self._db() as db:
            done = db.execute("DELETE FROM os_users WHERE os_user = ?", (os_user,))
        return done.rowcount > 0

    def os_user(self, os_user: str) -> OsUser | None:
        found = self._os_users("WHERE o.os_user = ?", (os_user,))
        return found[0] if found else None

    def os_users(self) -> list[OsUser]:
        return self._os_users("ORDER BY o.os_user", ())

    def _os_users(self, where: str, args: tuple[str, ...]) -> list[OsUser]:
        with self._db() as db:
            rows = db.execute(
                "SELECT o.os_user, u.name, u.role, o.may_act_as FROM os_users o "
                f"JOIN users u ON u.name = o.user {where}",
                args,
            ).fetchall()
        return [OsUser(o, User(n, Role(r)), tuple(json.loads(m))) for o, n, r, m in rows]

    # -- failed attempts -----------------------------------------------------------------------

    def failures(self, scope: str, window: float) -> tuple[int, float]:
        """(failures in the last `window` seconds, time of the oldest of them)."""
        since = self.clock() - window
        with self._db() as db:
            row = db.execute(
                "SELECT COUNT(*), MIN(at) FROM failures WHERE scope = ? AND at > ?", (scope, since)
            ).fetchone()
        return int(row[0]), float(row[1] or 0.0)

    def add_failure(self, *scopes: str) -> None:
        now = self.clock()
        with self._db() as db:
            db.executemany("INSERT INTO failures VALUES (?, ?)", [(s, now) for s in scopes])
            db.execute("DELETE FROM failures WHERE at < ?", (now - 86400,))

    def clear_failures(self, scope: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM failures WHERE scope = ?", (scope,))


_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
