"""Is this file an answer to the version open for consultation?

A stamped answer (engine.identity) must carry the expected draft, version and, when set, round
and agency. An unstamped one (an agency pasted the text into a new file) must share most of its
words with the circulated version: the share of the circulated words found, in order, in the
answer's reject-all text (the answer before its own tracked changes).
"""

from __future__ import annotations

import re

from concord.engine.blocks import extract_blocks
from concord.engine.errors import WrongDocument
from concord.engine.identity import read_stamp
from concord.engine.reading.align import word_diff
from concord.engine.wml import nfc
from concord.models import CirculationStamp

MIN_SHARED_WORDS = 0.6
_WORD = re.compile(r"\w+")


def check_answers_base(answer: bytes, base: bytes, expected: CirculationStamp) -> None:
    """Raise WrongDocument unless `answer` answers `expected` (whose file is `base`)."""
    found = read_stamp(answer)
    if found is not None:
        wrong = found.draft_id != expected.draft_id or found.version != expected.version
        if expected.round_id and found.round_id and found.round_id != expected.round_id:
            wrong = True
        if wrong:
            raise WrongDocument(
                f"this file answers {_name(found)}, but {_name(expected)} is open for comments"
            )
        if expected.agency_id and found.agency_id and found.agency_id != expected.agency_id:
            # Each agency answers on its own copy: another's copy would put words in its mouth.
            raise WrongDocument(
                f"this file is the copy circulated to '{found.agency_id}', not to "
                f"'{expected.agency_id}': upload the copy your agency received"
            )
        return
    ratio = shared_words(answer, base)
    if ratio < MIN_SHARED_WORDS:
        raise WrongDocument(
            f"this file does not look like an answer to {_name(expected)}: it carries no Concord "
            f"stamp and shares only {ratio:.0%} of its words (at least "
            f"{MIN_SHARED_WORDS:.0%} expected)"
        )


def shared_words(answer: bytes, base: bytes) -> float:
    """Share of the circulated body's words kept, in order, in the answer's reject-all body."""
    base_words = _words(base)
    if not base_words:
        return 1.0
    answer_words = _words(answer)
    kept = sum(
        len(_WORD.findall(text)) for op, text in word_diff(base_words, answer_words) if op == 0
    )
    return kept / len(_WORD.findall(base_words))


def _words(docx: bytes) -> str:
    text = nfc(" ".join(b.text for b in extract_blocks(docx) if b.part == "body"))
    return " ".join(_WORD.findall(text))


def _name(s: CirculationStamp) -> str:
    round_part = f" (round {s.round_id})" if s.round_id else ""
    return f"draft {s.draft_id} version {s.version}{round_part}"
