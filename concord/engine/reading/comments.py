"""Comments of an answer: text, author, date, replies and resolved state.

Threads come from commentsExtended.xml: each `w15:commentEx` names a comment by the
`w14:paraId` of its LAST paragraph; `w15:paraIdParent` makes it a reply and `w15:done="1"`
marks it resolved. Rich text (bold, lists, links) is read as plain text, paragraphs joined by
"\\n".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from concord.engine import wml
from concord.engine.ooxml import NS, parse_xml, qn
from concord.engine.spans import paragraph_text
from concord.models import Reply

_PARA_ID = qn("w14:paraId")


@dataclass(slots=True)
class Comment:
    id: str
    author: str
    date: str
    text: str
    para_id: str = ""
    parent: str = ""  # comment id of the thread's first comment, "" for a top-level comment
    resolved: bool = False
    replies: list[Reply] = field(default_factory=list)


def read_comments(parts: dict[str, bytes]) -> dict[str, Comment]:
    """Top-level comments by w:id, each with its replies in order."""
    data = parts.get("word/comments.xml")
    if data is None:
        return {}
    comments: dict[str, Comment] = {}
    by_para: dict[str, Comment] = {}
    for el in parse_xml(data).iterfind("w:comment", NS):
        paragraphs = el.findall(".//w:p", NS)
        comment = Comment(
            id=el.get(wml.W_ID, ""),
            author=wml.author(el),
            date=wml.date(el),
            text=wml.nfc("\n".join(paragraph_text(p, "accept") for p in paragraphs).strip()),
            para_id=paragraphs[-1].get(_PARA_ID, "") if paragraphs else "",
        )
        comments[comment.id] = comment
        if comment.para_id:
            by_para[comment.para_id] = comment
    extended = parts.get("word/commentsExtended.xml")
    if extended is not None:
        for ex in parse_xml(extended).iterfind("w15:commentEx", NS):
            found = by_para.get(ex.get(qn("w15:paraId"), ""))
            if found is None:
                continue
            comment = found
            comment.resolved = ex.get(qn("w15:done")) in ("1", "true")
            parent = by_para.get(ex.get(qn("w15:paraIdParent"), ""))
            if parent is not None and parent is not comment:
                comment.parent = parent.id
    for comment in comments.values():
        root = comment
        seen = {root.id}
        while root.parent and root.parent in comments and root.parent not in seen:
            root = comments[root.parent]
            seen.add(root.id)
        if root is not comment:
            comment.parent = root.id
            root.replies.append(
                Reply(
                    author=comment.author,
                    date=comment.date,
                    text=comment.text,
                    resolved=comment.resolved,
                )
            )
    return {cid: c for cid, c in comments.items() if not c.parent}
