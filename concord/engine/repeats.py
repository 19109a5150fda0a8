"""Is an agency's item the same point it made in an earlier round?

Agencies repeat themselves in other words and other forms: a tracked "2030 → 2040" in round 1
comes back as the comment "Vẫn đề nghị mốc 2040" in round 3. Two items make the same point when
most of the words that carry the proposal (the comment, or the text a change proposes) of the
shorter one are in the other; the words every proposal uses ("đề nghị", "bổ sung", "sửa", ...)
carry nothing and are left out.
"""

from __future__ import annotations

import re

from concord.engine.wml import nfc
from concord.models import Item, ItemKind

# Share of the shorter proposal's words found in the other for the two to be one point.
SAME_POINT = 0.5

_WORD = re.compile(r"\w+")
# Words of the proposal's form, not its substance (Vietnamese syllables and English words).
_FORM_WORDS = """
    đề nghị kiến nghị bổ sung sửa sửa đổi thành bỏ thay thế bằng từ cụm chữ của và là các những
    cần nên xem xét lại vẫn giữ như dự thảo quy định nội dung tại này cho với về trong đoạn điều
    khoản điểm theo đã chưa không có được để một
    propose proposes suggest replace with by delete insert add the a an of to in this that and
    again still
"""
_FORM = frozenset(_FORM_WORDS.split())


def substance(item: Item) -> frozenset[str]:
    """The words that carry what the item proposes."""
    if item.kind == ItemKind.COMMENT:
        text = item.comment
    elif item.kind in (ItemKind.DELETE, ItemKind.MOVE, ItemKind.FORMAT):
        text = f"{item.old} {item.detail}"
    else:
        text = item.new
    words = _WORD.findall(nfc(text).casefold())
    return frozenset(w for w in words if w not in _FORM)


def same_point(earlier: Item, later: Item) -> bool:
    """Whether `later` makes the point `earlier` made (both on the same passage)."""
    a, b = substance(earlier), substance(later)
    if not a or not b:
        return earlier.kind == later.kind
    return len(a & b) / min(len(a), len(b)) >= SAME_POINT
