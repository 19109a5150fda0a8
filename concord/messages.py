"""Interface wording in Vietnamese (the default) and English: one catalogue for every interface.

`t(key, **kw)` returns the text for `key` in the current language, formatted with `kw`; `t(key,
lang)` in a given one. The current language is Vietnamese unless `CONCORD_LANG=en`, and an
interface sets it for what it runs: the web app per request (the page's language), the CLI from
`--lang`. So a refusal raised deep in a use case speaks the language of the person who caused it.
The catalogue is split by interface (concord.catalogue) and joined here; a key is defined once,
and tests check that every key has both languages with the same placeholders.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from concord.catalogue.cli import CLI
from concord.catalogue.engine import ENGINE
from concord.catalogue.refusals import REFUSALS
from concord.catalogue.web import WEB

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"


def _join(*parts: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    joined: dict[str, tuple[str, str]] = {}
    for part in parts:
        twice = joined.keys() & part.keys()
        if twice:
            raise KeyError(f"wording defined twice: {', '.join(sorted(twice))}")
        joined.update(part)
    return joined


# key: (Vietnamese, English)
CATALOGUE: dict[str, tuple[str, str]] = _join(WEB, CLI, REFUSALS, ENGINE)

_current: ContextVar[str | None] = ContextVar("concord_lang", default=None)


def current_lang() -> str:
    """The language set for what runs now, else CONCORD_LANG, else Vietnamese."""
    chosen = _current.get() or os.environ.get("CONCORD_LANG", "")
    return chosen if chosen in LANGS else DEFAULT_LANG


def set_lang(lang: str) -> None:
    """Speak `lang` from now on in this context (a web request, a CLI run)."""
    _current.set(lang if lang in LANGS else DEFAULT_LANG)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    token = _current.set(lang if lang in LANGS else DEFAULT_LANG)
    try:
        yield
    finally:
        _current.reset(token)


def has_key(key: str) -> bool:
    return key in CATALOGUE


def choose_lang(asked: str | None, cookie: str | None, accept_language: str = "") -> str:
    """An explicit choice, else the remembered one, else the browser's first known language."""
    for wanted in (asked, cookie):
        if wanted in LANGS:
            return wanted
    for part in accept_language.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGS:
            return code
    return DEFAULT_LANG


def t(key: str, lang: str | None = None, **kw: object) -> str:
    vi, en = CATALOGUE[key]
    text = en if (lang or current_lang()) == "en" else vi
    return text.format(**kw) if kw else text
