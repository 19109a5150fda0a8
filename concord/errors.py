"""Concord's one error root: every refusal and failure a user can meet has a stable `code`.

ConcordError                     code: a stable, machine-readable name
├── EngineError                  (concord.engine.errors) the .docx engine
│   ├── UnsafeDocument           an upload refused before it is parsed
│   ├── UnreadableDocument       passed the safety checks, but not a usable .docx
│   └── WrongDocument            answers another draft, version or round
├── MailError                    (concord.mail.errors) e-mail to the agencies
│   └── MailUnavailable          the SMTP server is down or refused (transient: retried)
├── StorageError                 (concord.storage.errors) the store
│   ├── ObjectExists             a conditional create found the key taken
│   ├── ObjectMissing            no object at that key
│   ├── StorageUnavailable       the store could not be reached (transient: retried)
│   ├── IntegrityError           stored bytes do not match their recorded SHA-256
│   └── RecordError              a Concord record is missing or inconsistent
└── RoundError                   (here) what a round's rules refuse
    ├── NotFound                 no such draft, round, agency or item
    ├── NothingToMerge           no agency's answer is ingested yet
    ├── MergeInProgress          another process is merging the same answers (transient)
    ├── UnknownItems             decisions name items the latest merge does not hold
    ├── RoundClosed              published, closed, or past a deadline that takes no late answer
    ├── InvalidInput             an argument that is not what the action takes
    └── Undecided                publishing while items have no decision (unless allowed)
DossierAltered                   (here) an appraisal dossier differs from what Concord made
AccessError                      (here) who may do what: accounts, sign-in, tokens
├── SignInFailed                 wrong name, password or token
├── TooManyAttempts              too many failures from one account or address: wait
└── Forbidden                    signed in, but the role does not allow the action

Interfaces print `error [code]: message` (CLI), a styled page (web) or JSON (API); none shows a
traceback for a ConcordError. Only `is_transient` errors are worth retrying.
"""

from __future__ import annotations


class ConcordError(Exception):
    """Base of every error Concord raises on purpose; `code` is stable and machine-readable."""

    code = "concord_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class RoundError(ConcordError):
    """A round's rules refuse the action."""

    code = "round_error"


class NotFound(RoundError):
    code = "not_found"


class NothingToMerge(RoundError):
    code = "nothing_to_merge"


class MergeInProgress(RoundError):
    code = "merge_in_progress"


class UnknownItems(RoundError):
    code = "unknown_items"


class RoundClosed(RoundError):
    code = "round_closed"


class InvalidInput(RoundError):
    code = "invalid_input"


class Undecided(RoundError):
    """Publishing would leave items without a decision; `item_ids` names them."""

    code = "undecided_items"

    def __init__(self, message: str, item_ids: list[str]) -> None:
        super().__init__(message)
        self.item_ids = item_ids


class DossierAltered(ConcordError):
    """A dossier's files, its manifest or the stored objects they came from differ from what
    Concord recorded when it assembled the dossier; the message names every file."""

    code = "dossier_altered"


class AccessError(ConcordError):
    code = "access_denied"


class SignInFailed(AccessError):
    code = "sign_in_failed"


class TooManyAttempts(AccessError):
    code = "too_many_attempts"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Forbidden(AccessError):
    code = "forbidden"


def is_transient(error: BaseException) -> bool:
    """Whether trying again may help: storage or network hiccups, never a refusal."""
    from concord.storage.errors import StorageUnavailable

    if isinstance(error, StorageUnavailable | MergeInProgress) or getattr(
        error, "transient", False
    ):
        return True
    if isinstance(error, ConcordError):
        return False
    return isinstance(error, TimeoutError | ConnectionError)
