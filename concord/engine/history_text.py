"""An item's history in words: "Vòng 1, Bộ Tư pháp: Sửa: “2030” → “2040”. Không tiếp thu: ...".

The synthesis report, the issues-in-dispute report, the desk's review page and `concord items`
say an earlier round's item the same way, in the document's language.
"""

from __future__ import annotations

from concord.engine.wording import Lang, describe_change
from concord.models import EarlierItem, ItemHistory
from concord.models.decisions import OUTCOME_LABELS

_LINE = {
    "vi": "Vòng {round}, {agency}: {what} {outcome}",
    "en": "Round {round}, {agency}: {what} {outcome}",
}
_REPEATED = {
    "vi": "Ý kiến nêu lại (vòng {rounds} chưa tiếp thu đầy đủ)",
    "en": "Raised again (not accepted in full in round {rounds})",
}
_UNDECIDED = {"vi": "Chưa xử lý", "en": "Undecided"}


def outcome_text(earlier: EarlierItem, lang: Lang) -> str:
    """ "Không tiếp thu: <explanation>." as the team answered it then."""
    decision = earlier.decision
    if decision is None:
        return _UNDECIDED[lang] + "."
    label = OUTCOME_LABELS[decision.outcome][0 if lang == "en" else 1]
    explanation = decision.explanation.strip()
    text = f"{label}: {explanation}" if explanation else label
    return text if text.endswith((".", "!", "?")) else text + "."


def history_line(earlier: EarlierItem, lang: Lang) -> str:
    what = describe_change(earlier.item, lang).splitlines()[0].strip()
    if not what.endswith((".", "!", "?", "…")):
        what += "."
    return _LINE[lang].format(
        round=earlier.round_number,
        agency=earlier.item.agency,
        what=what,
        outcome=outcome_text(earlier, lang),
    )


def repeated_line(history: ItemHistory, lang: Lang) -> str:
    rounds = ", ".join(str(n) for n in dict.fromkeys(e.round_number for e in history.repeats()))
    return _REPEATED[lang].format(rounds=rounds)


def earlier_lines(history: ItemHistory | None, lang: Lang) -> list[str]:
    """One line per earlier item, oldest first."""
    return [history_line(e, lang) for e in history.earlier] if history else []


def history_lines(history: ItemHistory | None, lang: Lang) -> list[str]:
    """The repeated mark (when repeated), then one line per earlier item, oldest first."""
    if history is None:
        return []
    lines = [repeated_line(history, lang)] if history.repeated else []
    return lines + earlier_lines(history, lang)
