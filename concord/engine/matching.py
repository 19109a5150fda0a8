"""Is this file an answer to the version open for consultation?

A stamped answer (engine.identity) must carry the expected draft, version and, when set, round
and agency. An unstamped one (an agency pasted the text into a new file) must share most of its
words with the circulated version: the share of the circulated words found, in order, in the
answer's reject-all text (the answer before its own tracked changes).

Stamped or not, an answer whose text is closer to an earlier version of the draft than to the
circulated one was made on that earlier version (an agency kept working on the first draft it
received): read against the circulated text, its differences would be taken for the agency's
proposals to undo the drafting team's changes, so it is refused, naming the version it matches.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from concord.engine.blocks import extract_blocks
from concord.engine.errors import WrongDocument
from concord.engine.identity import MERGED, read_stamp
from concord.engine.reading.align import word_diff
from concord.engine.wml import nfc
from concord.messages import t
from concord.models import CirculationStamp

MIN_SHARED_WORDS = 0.6
_WORD = re.compile(r"\w+")


def check_answers_base(
    answer: bytes,
    base: bytes,
    expected: CirculationStamp,
    earlier: Mapping[int, bytes] | None = None,
) -> None:
    """Raise WrongDocument unless `answer` answers `expected` (whose file is `base`);
    `earlier` maps the draft's earlier version numbers to their files."""
    found = read_stamp(answer)
    if found is not None and found.agency_id == MERGED:
        raise WrongDocument(t("engine.wrong.merged", round=found.round_id or "?"))
    _check_stamp(found, expected)
    if found is None:
        _check_shared(answer, base, expected)
    if earlier:
        check_not_earlier(answer, base, expected, earlier)


def _check_stamp(found: CirculationStamp | None, expected: CirculationStamp) -> None:
    if found is not None:
        wrong = found.draft_id != expected.draft_id or found.version != expected.version
        if expected.round_id and found.round_id and found.round_id != expected.round_id:
            wrong = True
        if wrong:
            raise WrongDocument(
                t("engine.wrong.other_version", found=_name(found), expected=_name(expected))
            )
        if expected.agency_id and found.agency_id and found.agency_id != expected.agency_id:
            # Each agency answers on its own copy: another's copy would put words in its mouth.
            raise WrongDocument(
                t("engine.wrong.other_agency", found=found.agency_id, expected=expected.agency_id)
            )


def _check_shared(answer: bytes, base: bytes, expected: CirculationStamp) -> None:
    ratio = shared_words(answer, base)
    if ratio < MIN_SHARED_WORDS:
        raise WrongDocument(
            t(
                "engine.wrong.unstamped",
                expected=_name(expected),
                ratio=ratio,
                minimum=MIN_SHARED_WORDS,
            )
        )


def check_not_earlier(
    answer: bytes, base: bytes, expected: CirculationStamp, earlier: Mapping[int, bytes]
) -> None:
    """Raise WrongDocument when `answer` is closer to an earlier version than to `base`."""
    number, _ = closest_version(
        answer, {**earlier, expected.version: base}, prefer=expected.version
    )
    if number != expected.version:
        in_round = t("engine.wrong.in_round", round=expected.round_id) if expected.round_id else ""
        raise WrongDocument(
            t(
                "engine.wrong.earlier",
                number=number,
                draft=expected.draft_id,
                version=expected.version,
                in_round=in_round,
            )
        )


def closest_version(
    answer: bytes, versions: Mapping[int, bytes], *, prefer: int | None = None
) -> tuple[int, float]:
    """(number, similarity) of the version whose body is most like the answer's reject-all body
    (`prefer`, then the newest, on a tie: an unchanged text answers the version circulated)."""
    answer_words = _words(answer)
    scored = [
        (similarity(answer_words, _words(data)), n == prefer, n) for n, data in versions.items()
    ]
    score, _, number = max(scored)
    return number, score


def similarity(a: str, b: str) -> float:
    """Words kept in order over all words of both texts (1.0: the same words). Symmetric, so a
    version that only adds text is told apart from the one it adds to."""
    kept = sum(len(_WORD.findall(text)) for op, text in word_diff(a, b) if op == 0)
    total = len(_WORD.findall(a)) + len(_WORD.findall(b)) - kept
    return kept / total if total else 1.0


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
    if s.round_id:
        return t(
            "engine.wrong.name_in_round", draft=s.draft_id, version=s.version, round=s.round_id
        )
    return t("engine.wrong.name", draft=s.draft_id, version=s.version)
