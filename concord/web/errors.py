"""Errors shown to a person as a page: an HTTP status, a stable code and a readable message."""

from __future__ import annotations

import re

from starlette.exceptions import HTTPException

from concord.engine.errors import EngineError
from concord.errors import ConcordError, InvalidInput, NotFound, UnknownItems
from concord.messages import t
from concord.storage.errors import RecordError, StorageError, StorageUnavailable


class PageError(HTTPException):
    """An HTTPException with a machine-readable `code` beside its message (`detail`)."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(status_code=status_code, detail=message)
        self.code = code
        # What the JSON form of the error adds (e.g. the undecided items' ids).
        self.extra: dict[str, object] = {}


def from_engine(err: EngineError) -> PageError:
    """A refused or unreadable document: the clerk fixes the file and tries again."""
    return PageError(422, err.code, str(err))


def from_storage(err: StorageError) -> PageError:
    # RecordError is what the store raises for an unknown draft, round or version.
    if isinstance(err, RecordError):
        return PageError(404, err.code, str(err))
    if isinstance(err, StorageUnavailable):
        return PageError(503, err.code, str(err))
    return PageError(500, err.code, str(err))


def from_concord(err: ConcordError) -> PageError:
    """A round's rules refused the action: 404 for what does not exist, else 409/422."""
    if isinstance(err, NotFound):
        return PageError(404, err.code, str(err))
    if isinstance(err, InvalidInput | UnknownItems):
        return PageError(422, err.code, str(err))
    return PageError(409, err.code, str(err))


# A path of two or more segments (a file under the store, a module path in a message).
_PATH = re.compile(r"(?<![\w:/])/(?:[\w.@+-]+/)+[\w.@+-]*")


def scrub(message: str, *hidden: str, lang: str | None = None) -> str:
    """`message` without server paths or the store's location (shown to anyone), the store
    named in `lang` (the page's)."""
    for text in hidden:
        if text:
            message = message.replace(text, t("refusal.the_store", lang))
    return _PATH.sub("…", message)
