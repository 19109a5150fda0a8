"""Concord speaks Vietnamese unless asked for English: the CLI (`--lang`, CONCORD_LANG), the web
app (the page's language) and the refusals the use cases raise under either."""

from __future__ import annotations

import pytest

from concord.errors import InvalidInput
from concord.messages import CATALOGUE, current_lang, speaking, t
from concord.storage.records import ConcordStore
from concord.usecases.answers import add_typed_item


def test_vietnamese_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONCORD_LANG", raising=False)
    assert current_lang() == "vi"
    monkeypatch.setenv("CONCORD_LANG", "fr")  # not one Concord speaks: the default
    assert current_lang() == "vi"
    monkeypatch.setenv("CONCORD_LANG", "en")
    assert current_lang() == "en"


def test_a_scope_speaks_its_language_and_then_gives_it_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CONCORD_LANG", raising=False)
    with speaking("en"):
        assert t("error.where_or_general") == CATALOGUE["error.where_or_general"][1]
        with speaking("vi"):
            assert t("error.where_or_general") == CATALOGUE["error.where_or_general"][0]
        assert current_lang() == "en"
    assert current_lang() == "vi"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_use_cases_refusal_speaks_the_callers_language(store: ConcordStore, lang: str) -> None:
    with speaking(lang), pytest.raises(InvalidInput) as refused:
        add_typed_item(
            store, "x-r1", "Bộ Tư pháp", comment="?", general=True, where="Điều 1", actor="t"
        )
    assert str(refused.value) == t("error.where_or_general", lang)
