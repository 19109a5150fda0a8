"""One wording catalogue: every text in both languages, and Vietnamese pages show no English."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from concord.messages import CATALOGUE, choose_lang, t
from concord.models import ItemKind, Outcome, RoundState
from concord.storage.users import Role
from concord.usecases.drafts import KINDS
from tests.web.conftest import Consultation


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_each_text_has_both_languages_with_the_same_placeholders(key: str):
    vi, en = CATALOGUE[key]
    assert vi.strip() and en.strip()
    assert _fields(vi) == _fields(en)


def test_language_choice():
    assert choose_lang(None, None, "") == "vi"
    assert choose_lang(None, None, "en-GB,en;q=0.9") == "en"
    assert choose_lang(None, "en", "vi") == "en"
    assert choose_lang("vi", "en", "en") == "vi"
    assert choose_lang("fr", None, "de,fr") == "vi"
    assert t("round.title", "en", id="x-r1") == "Round x-r1"
    with pytest.raises(KeyError):
        t("no.such.key")


# English texts long enough to be unambiguous, that differ from their Vietnamese.
_ENGLISH = [en for vi, en in CATALOGUE.values() if en != vi and len(en) > 8 and not _fields(en)]


def test_vietnamese_pages_carry_no_english_wording(consultation: Consultation):
    clerk = consultation.signed_in()
    clerk.cookies.set("lang", "vi")
    agency, _ = consultation.agency_client(consultation.tokens["bo-tu-phap"])
    agency.cookies.set("lang", "vi")
    pages = [
        consultation.client.get("/login"),
        consultation.client.get("/answer"),
        clerk.get("/"),
        clerk.get(f"/drafts/{consultation.draft_id}"),
        clerk.get(f"/rounds/{consultation.round_id}"),
        clerk.get(f"/drafts/{consultation.draft_id}/audit"),
        clerk.get("/no/such/page"),
        agency.get(f"/answer/{consultation.round_id}"),
    ]
    for page in pages:
        assert '<html lang="vi">' in page.text
        shown = [en for en in _ENGLISH if en in page.text]
        assert not shown, f"{page.url}: {shown}"
    english = clerk.get(f"/rounds/{consultation.round_id}", params={"lang": "en"})
    assert '<html lang="en">' in english.text and "Deadline" in english.text
    assert "lang=en" in english.headers["set-cookie"]


TEMPLATES = Path(__file__).resolve().parents[2] / "concord" / "web" / "templates"


def test_every_key_the_pages_use_is_in_the_catalogue():
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(["']([a-z_.]+)["']""", template.read_text()))
    assert len(used) > 100
    # "state." ~ value and the like are prefixes, checked below against every value.
    assert sorted(k for k in used - set(CATALOGUE) if not k.endswith(".")) == []
    # Keys the pages build from a value: every value has its text.
    built = (
        [f"state.{s.value}" for s in RoundState]
        + [f"itemkind.{k.value}" for k in ItemKind]
        + [f"outcome.{o.value}" for o in Outcome]
        + [f"role.{r.value}" for r in Role]
        + [f"kind.{k}" for k in KINDS]
    )
    assert [k for k in built if k not in CATALOGUE] == []
