"""Drafts: register one, list them, their versions, and a redline between two versions."""

from __future__ import annotations

from dataclasses import dataclass

from concord.engine.circulation import check_circulable
from concord.engine.compare import redline
from concord.engine.merger import MergeResult
from concord.engine.review_html import render_review
from concord.engine.safety import check_docx
from concord.errors import InvalidInput
from concord.messages import t
from concord.models import Draft, Round, Version
from concord.storage.records import ConcordStore

KINDS = ("resolution", "directive")


def register_draft(
    store: ConcordStore, title: str, docx: bytes, *, kind: str, actor: str
) -> tuple[Draft, Version]:
    """Store `docx` as version 1 of a new draft: safe, and free of pending tracked changes."""
    if kind not in KINDS:
        raise InvalidInput(t("refusal.draft_kind", kinds=t("refusal.or_a").join(KINDS), kind=kind))
    check_docx(docx)
    check_circulable(docx)
    return store.create_draft(title, docx, kind=kind, actor=actor)


@dataclass(frozen=True)
class Revision:
    version: Version
    redline: MergeResult  # the changes from the previous version, authored "Version <n>"
    redline_key: str


def revise_draft(
    store: ConcordStore, draft_id: str, docx: bytes, *, actor: str, note: str = ""
) -> Revision:
    """Store the drafting team's hand-edited `docx` as the draft's next version ("dự thảo lần
    N"), refused like a new draft when unsafe or carrying pending tracked changes; a round
    opened afterwards circulates it."""
    previous = store.versions(draft_id)[-1]
    check_docx(docx)
    check_circulable(docx)
    old = store.version_bytes(draft_id, previous.number)
    changes = redline(old, docx, author=f"Version {previous.number + 1}")
    note = note or f"revised by the drafting team after version {previous.number}"
    version = store.add_version(draft_id, docx, actor=actor, note=note)
    key = store.put_redline(draft_id, version.number, changes.docx, actor=actor)
    return Revision(version, changes, key)


@dataclass(frozen=True)
class DraftSummary:
    draft: Draft
    versions: list[Version]
    rounds: list[Round]


def draft_summaries(store: ConcordStore) -> list[DraftSummary]:
    """Every draft with its versions and rounds, oldest draft first."""
    return [
        DraftSummary(draft, store.versions(draft.id), store.rounds(draft.id))
        for draft in store.drafts()
    ]


def versions(store: ConcordStore, draft_id: str) -> tuple[Draft, list[Version]]:
    return store.draft(draft_id), store.versions(draft_id)


@dataclass(frozen=True)
class Comparison:
    draft: Draft
    old: int
    new: int
    old_bytes: bytes
    result: MergeResult

    def review_page(self) -> str:
        """The redline as a review page (HTML)."""
        title = f"{self.draft.title} — version {self.old} → {self.new}"
        return render_review(self.old_bytes, self.result, title=title)


def compare_versions(store: ConcordStore, draft_id: str, old: int, new: int) -> Comparison:
    """The changes from version `old` to `new` as tracked changes authored "Version <new>"."""
    old_bytes = store.version_bytes(draft_id, old)
    result = redline(old_bytes, store.version_bytes(draft_id, new), author=f"Version {new}")
    return Comparison(store.draft(draft_id), old, new, old_bytes, result)
