"""Every refusal the safety checks can give: a stable code and what the clerk should do.

The code is the machine contract (logs, the web app, tests); the message is for the person who
uploaded the file, so it says what is wrong and how to fix it, never how the check works. The
wording is the catalogue's "engine.unsafe.<code>", rendered in the language of whoever uploads.
"""

from __future__ import annotations

from concord.catalogue.engine import UNSAFE_CODES
from concord.engine.errors import UnsafeDocument
from concord.messages import t

CODES = UNSAFE_CODES


def refuse(code: str, *, setting: str | None = None, **details: object) -> UnsafeDocument:
    """The error for `code`, its message filled with `details` (raise the result); `setting`
    names the SafetyLimits field that was hit, so the operator knows which limit to raise."""
    message = t(f"engine.unsafe.{code}", None, **details)  # None: the language spoken now
    if setting is not None:
        message += t("engine.unsafe_detail.limit", setting=setting)
    return UnsafeDocument(message, code=code, limit=setting)


def detail(what: str, **params: object) -> str:
    """A piece of a refusal naming what was found ("engine.unsafe_detail.<what>")."""
    return t(f"engine.unsafe_detail.{what}", None, **params)
