"""The agency a name or id stands for among a round's consulted agencies, or the refusal that
lists them (in the language of whoever asked)."""

from __future__ import annotations

from concord.errors import NotFound
from concord.models import Agency, Round


def consulted(rnd: Round, agency: str) -> Agency:
    """The consulted agency named `agency` (its name or id); NotFound lists the consulted."""
    try:
        return rnd.agency(agency)
    except KeyError as err:
        raise NotFound(err.args[0]) from err
