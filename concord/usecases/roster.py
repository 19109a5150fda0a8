"""The agency roster: each agency's contact address, kept once and used by every round."""

from __future__ import annotations

from pydantic import ValidationError

from concord.errors import InvalidInput
from concord.messages import t
from concord.models import Agency, RosterEntry
from concord.storage.records import ConcordStore


def add_agency(
    store: ConcordStore, name: str, email: str, *, actor: str, lang: str = "vi"
) -> RosterEntry:
    """Add the agency, or give it a new address (the newest entry counts; none is replaced).

    `lang` is the language of the mail it gets: "vi" (the default) or "en".
    """
    if lang not in ("vi", "en"):
        raise InvalidInput(t("refusal.mail_lang", value=lang))
    try:
        agency = Agency.named(name)
        return store.add_contact(agency, email, actor=actor, lang=lang)
    except ValidationError as err:
        message = str(err.errors()[0].get("msg", err)).removeprefix("Value error, ")
        raise InvalidInput(message) from err
    except ValueError as err:
        raise InvalidInput(str(err)) from err


def list_agencies(store: ConcordStore) -> list[RosterEntry]:
    return store.roster()
