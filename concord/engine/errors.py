"""Exceptions raised by the .docx engine (under concord.errors.ConcordError).

EngineError
├── UnsafeDocument       an upload refused before it is parsed (code + clerk-readable message)
├── UnreadableDocument   a file that passed the safety checks but is not a usable .docx
└── WrongDocument        a .docx that answers another draft, version or round
    └── RetypedDocument  an answer whose untracked changes would replace most of the draft
"""

from __future__ import annotations

from concord.errors import ConcordError


class EngineError(ConcordError):
    """Base of every error the engine raises; `code` is stable and machine-readable."""

    code = "engine_error"


class UnsafeDocument(EngineError):
    """Refused by the safety checks; nothing in the file was interpreted. `limit` names the
    SafetyLimits field that was exceeded, when a configurable limit was the reason."""

    code = "unsafe_document"

    def __init__(self, message: str, *, code: str | None = None, limit: str | None = None) -> None:
        super().__init__(message, code=code)
        self.limit = limit


class UnreadableDocument(EngineError):
    code = "unreadable_document"


class WrongDocument(EngineError):
    """The answer is a .docx, but not an answer to the version open for consultation."""

    code = "wrong_document"


class RetypedDocument(WrongDocument):
    """The answer differs from the circulated text almost everywhere without tracked changes:
    merged, it would be one edit replacing the whole draft and clash with every other agency."""

    code = "retyped_document"
