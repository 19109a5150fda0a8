"""A draft with pending tracked changes cannot be circulated."""

from __future__ import annotations

import pytest

from concord.engine.circulation import PendingRevisions, check_circulable, pending_revisions
from tests.support.drafts import draft_docx


def test_a_clean_draft_is_circulable() -> None:
    assert pending_revisions(draft_docx(tracked=False)) == {}
    check_circulable(draft_docx(tracked=False))


def test_pending_changes_are_named_with_what_to_do() -> None:
    data = draft_docx(tracked=True)
    assert pending_revisions(data) == {"deletion": 1, "insertion": 1}
    with pytest.raises(PendingRevisions, match=r"1 deletion, 1 insertion.*Accept or reject") as err:
        check_circulable(data)
    assert err.value.code == "pending_revisions"
