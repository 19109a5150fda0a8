"""A draft carried through three consultation rounds, for the history, disputes and dossier tests.

Round 1 circulates version 1 (tests.support.answers.circulated). Bộ Tư pháp proposes 2040 for
2030 (not accepted), Bộ Y tế comments on "1. Bảo đảm bình đẳng giới." (noted), Bộ Tài chính
asks for "kịp thời" in "2. Công khai, minh bạch." (accepted). Publishing gives version 2.

Between rounds the team revises by hand (version 3): a new "Điều 2. Giải thích từ ngữ" renumbers
the articles after it, "b) Bộ Tư pháp phối hợp." goes, and "1. Bảo đảm bình đẳng giới." moves
after the (revised) "2. Công khai, minh bạch, kịp thời." of the principles, now Điều 4.

Round 2 circulates version 3. Bộ Tư pháp repeats its 2040 (not accepted again), Bộ Y tế
comments on the moved paragraph (accepted), Bộ Tài chính comments on the new article (partly
accepted). Version 4.

Round 3 circulates version 4. Bộ Tư pháp comments once more on the same sentence (not accepted),
Bộ Tài chính comments on the new article again (partly accepted), Bộ Y tế comments on "a) Bộ
Tài chính chủ trì." (accepted). Version 5.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from docx import Document
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph

from concord.models import Decision, Outcome
from concord.storage.records import ConcordStore
from concord.usecases.answers import ingest_answer, submit_answer
from concord.usecases.decisions import merged_items, record_decisions
from concord.usecases.drafts import register_draft, revise_draft
from concord.usecases.merging import merge_round
from concord.usecases.publishing import publish_round
from concord.usecases.rounds import circulate_copy, record_round
from tests.support.answers import circulated, dele, ins, run, set_content, to_bytes

FIN, JUS, HEA = "Bộ Tài chính", "Bộ Tư pháp", "Bộ Y tế"
AGENCIES = [FIN, JUS, HEA]
IDS = {FIN: "bo-tai-chinh", JUS: "bo-tu-phap", HEA: "bo-y-te"}
SCOPE = "Nghị quyết này quy định chính sách phát triển năm 2030."
EQUALITY = "1. Bảo đảm bình đẳng giới."
OPENNESS = "2. Công khai, minh bạch."
DEFINITIONS = "Trong Nghị quyết này, các từ ngữ dưới đây được hiểu như sau."
LEAD = "a) Bộ Tài chính chủ trì."

# Version 3, the team's hand revision of version 2.
REVISED = [
    ("Điều 1. Phạm vi điều chỉnh", [SCOPE]),
    ("Điều 2. Giải thích từ ngữ", [DEFINITIONS]),
    ("Điều 3. Đối tượng áp dụng", ["1. Các bộ, ngành trung ương.", LEAD]),
    ("Điều 4. Nguyên tắc", ["2. Công khai, minh bạch, kịp thời.", EQUALITY]),
]


@dataclass
class ThreeRounds:
    store: ConcordStore
    draft_id: str
    rounds: list[str] = field(default_factory=list)
    # (round index, agency) -> the id of that agency's item in that round
    items: dict[tuple[int, str], str] = field(default_factory=dict)

    def item(self, round_index: int, agency: str) -> str:
        return self.items[(round_index, agency)]


def _paragraph(doc: DocxDocument, starts: str) -> Paragraph:
    return next(p for p in doc.paragraphs if p.text.startswith(starts))


def comment(copy: bytes, starts: str, text: str, author: str) -> bytes:
    doc = Document(io.BytesIO(copy))
    doc.add_comment(_paragraph(doc, starts).runs, text=text, author=author)
    return to_bytes(doc)


def replace(copy: bytes, sentence: str, old: str, new: str, author: str) -> bytes:
    doc = Document(io.BytesIO(copy))
    p = _paragraph(doc, sentence)._p
    head, tail = sentence.split(old, 1)
    set_content(p, run(head), dele(old, author), ins(new, author), run(tail))
    return to_bytes(doc)


def revised_version() -> bytes:
    """Version 3: as `circulated()` is built, with the articles of REVISED."""
    return to_bytes(circulated(REVISED, header="Dự thảo lần 3"))


Answering = Callable[[bytes, str], bytes]


def _round(story: ThreeRounds, answers: dict[str, Answering], decide: dict[str, tuple]) -> None:
    store, index = story.store, len(story.rounds) + 1
    rnd = record_round(
        store,
        story.draft_id,
        AGENCIES,
        datetime.now(UTC) + timedelta(days=7),
        version=None,
        actor="t",
    )
    story.rounds.append(rnd.id)
    for name in AGENCIES:
        circulate_copy(store, rnd.id, IDS[name], actor="t")
    for name, make in answers.items():
        data = make(store.circulated_bytes(rnd.id, IDS[name]), name)
        answer, _ = submit_answer(
            store, rnd.id, IDS[name], data, filename=f"{IDS[name]}.docx", actor=IDS[name]
        )
        ingest_answer(store, rnd.id, answer.key, actor="t")
    merge_round(store, rnd.id, actor="t")
    found = merged_items(store, rnd.id).items
    decisions = []
    for item in found:
        story.items[(index, item.agency)] = item.id
        outcome, explanation = decide[item.agency]
        decisions.append(Decision(item_id=item.id, outcome=outcome, explanation=explanation))
    record_decisions(store, rnd.id, decisions, actor="coordinator")
    publish_round(store, rnd.id, actor="coordinator")


def three_rounds(store: ConcordStore) -> ThreeRounds:
    draft, _ = register_draft(
        store, "Nghị quyết thử", to_bytes(circulated()), kind="resolution", actor="t"
    )
    story = ThreeRounds(store, draft.id)
    _round(
        story,
        {
            JUS: lambda c, a: replace(c, SCOPE, "2030", "2040", a),
            HEA: lambda c, a: comment(c, EQUALITY, "Cần làm rõ phạm vi bình đẳng giới.", a),
            FIN: lambda c, a: comment(c, OPENNESS, "Đề nghị bổ sung “kịp thời”.", a),
        },
        {
            JUS: (Outcome.NOT_ACCEPTED, "Giữ mốc 2030 theo Chiến lược phát triển."),
            HEA: (Outcome.NOTED, "Sẽ nghiên cứu trong văn bản hướng dẫn."),
            FIN: (Outcome.ACCEPTED, "Đã bổ sung."),
        },
    )
    revise_draft(store, draft.id, revised_version(), actor="t", note="Ban soạn thảo chỉnh lý")
    _round(
        story,
        {
            JUS: lambda c, a: replace(c, SCOPE, "2030", "2040", a),
            HEA: lambda c, a: comment(
                c, EQUALITY, "Đề nghị nêu rõ bình đẳng giới trong tuyển dụng.", a
            ),
            FIN: lambda c, a: comment(c, DEFINITIONS, "Đề nghị giải thích từ “cơ quan”.", a),
        },
        {
            JUS: (Outcome.NOT_ACCEPTED, "Mốc 2030 đã được Chính phủ thống nhất."),
            HEA: (Outcome.ACCEPTED, "Đã chỉnh lý."),
            FIN: (Outcome.PARTLY_ACCEPTED, "Giải thích trong văn bản hướng dẫn."),
        },
    )
    _round(
        story,
        {
            JUS: lambda c, a: comment(c, SCOPE, "Vẫn đề nghị mốc 2040.", a),
            FIN: lambda c, a: comment(c, DEFINITIONS, "Đề nghị bổ sung từ “đơn vị”.", a),
            HEA: lambda c, a: comment(c, LEAD, "Đề nghị Bộ Y tế phối hợp.", a),
        },
        {
            JUS: (Outcome.NOT_ACCEPTED, "Giữ như dự thảo."),
            FIN: (Outcome.PARTLY_ACCEPTED, "Bổ sung một phần."),
            HEA: (Outcome.ACCEPTED, "Đã bổ sung."),
        },
    )
    return story
