"""A whole consultation round on the bundled sample draft, through the real flows.

Registers the sample resolution, opens a round for five ministries, takes in each ministry's
sample answer, merges them, applies the sample decisions, publishes version 2 with the synthesis
report, and copies every output beside the store for people to open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from concord.messages import t
from concord.models import Agency, ConcordSettings, Decision, Item, MergeRecord, Outcome

if TYPE_CHECKING:
    from concord.storage.audit import VerifyReport
    from concord.storage.records import ConcordStore
    from concord.usecases.publishing import Publication

from concord.storage.keys import audit_prefix

SAMPLES = Path(str(files("concord.samples")))
DRAFT_FILE = "draft-women-integration.docx"
DRAFT_TITLE = "Nghị quyết về hỗ trợ phụ nữ hội nhập quốc tế đến năm 2030"
AGENCIES = (
    "Bộ Ngoại giao",
    "Bộ Công an",
    "Bộ Quốc phòng",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Văn hóa, Thể thao và Du lịch",
)
COORDINATOR = "Vụ Pháp chế (coordinator)"
DRAFTING_TEAM = "Ban soạn thảo (drafting team)"


class DecisionRule(BaseModel):
    """A sample decision: the first rule whose agency and text match an item decides it."""

    model_config = ConfigDict(frozen=True)

    agency: str | None = None
    match: str = ""
    outcome: Outcome
    explanation: str
    text: str | None = None

    def applies_to(self, item: Item) -> bool:
        if self.agency is not None and self.agency != item.agency:
            return False
        haystack = "\x1f".join((item.old, item.new, item.comment, item.anchor, item.detail))
        return self.match in haystack


class DecisionRules(BaseModel):
    rules: list[DecisionRule]
    default: DecisionRule


class DemoOutputs(BaseModel):
    """What the demo made; `files` and `store_locations` are keyed by output ("merged",
    "review", "merge_report", "version", "synthesis_report", "audit")."""

    draft_id: str
    round_id: str
    version: int
    folder: Path
    files: dict[str, Path]
    store_locations: dict[str, str]
    items: int
    clashes: int
    audit_entries: int
    audit_intact: bool


def sample_answer_file(agency: str) -> Path:
    return SAMPLES / f"answer-{Agency.named(agency).id}.docx"


def load_rules(path: Path = SAMPLES / "decisions.json") -> DecisionRules:
    return DecisionRules.model_validate_json(path.read_text(encoding="utf-8"))


def decide(items: Sequence[Item], rules: DecisionRules, *, by: str) -> list[Decision]:
    """One decision per item, by the first matching rule (else the default)."""
    decided: list[Decision] = []
    now = datetime.now(UTC)
    for item in items:
        rule = next((r for r in rules.rules if r.applies_to(item)), rules.default)
        decided.append(
            Decision(
                item_id=item.id,
                outcome=rule.outcome,
                explanation=rule.explanation,
                text=rule.text,
                decided_by=by,
                decided_at=now,
            )
        )
    return decided


Step = Callable[[str], None]


def run_demo(settings: ConcordSettings, *, step: Step = lambda _: None) -> DemoOutputs:
    """Run the round through the use cases; `step` is told what is happening (progress)."""
    from concord.storage.factory import open_concord_store
    from concord.usecases import answers, decisions, drafts, merging, publishing, rounds

    store = open_concord_store(settings)

    step(t("cli.demo.step.register"))
    draft, _ = drafts.register_draft(
        store,
        DRAFT_TITLE,
        (SAMPLES / DRAFT_FILE).read_bytes(),
        kind="resolution",
        actor=DRAFTING_TEAM,
    )

    step(t("cli.demo.step.open", n=len(AGENCIES)))
    deadline = (datetime.now(UTC) + timedelta(days=14)).replace(microsecond=0)
    rnd = rounds.open_round(store, draft.id, list(AGENCIES), deadline, actor=DRAFTING_TEAM)

    for agency in AGENCIES:
        step(t("cli.demo.step.answer", agency=agency))
        path = sample_answer_file(agency)
        answer, _ = answers.submit_answer(
            store, rnd.id, agency, path.read_bytes(), filename=path.name, actor=agency
        )
        answers.ingest_answer(store, rnd.id, answer.key, actor=COORDINATOR)

    step(t("cli.demo.step.merge"))
    merged, _ = merging.merge_round(store, rnd.id, actor=COORDINATOR)

    step(t("cli.demo.step.decide"))
    items = decisions.merged_items(store, rnd.id).items
    chosen = decide(items, load_rules(), by=COORDINATOR)
    decisions.record_decisions(store, rnd.id, chosen, actor=COORDINATOR)

    step(t("cli.demo.step.publish"))
    done = publishing.publish_round(store, rnd.id, actor=COORDINATOR)

    step(t("cli.demo.step.verify"))
    verdict = store.audit.verify(draft.id)

    return _export(settings, store, draft.id, rnd.id, done, merged, verdict)


def _export(
    settings: ConcordSettings,
    store: ConcordStore,
    draft_id: str,
    round_id: str,
    done: Publication,
    merged: MergeRecord,
    verdict: VerifyReport,
) -> DemoOutputs:
    """Copy the outputs into one folder under CONCORD_HOME, whatever the store is."""
    folder = (settings.home / "demo" / draft_id).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    published, report_key, version = done.version, done.report_key, done.version.number
    entries = store.audit.entries(draft_id)
    sources = {
        "merged": (merged.docx_key, "merged.docx"),
        "review": (merged.html_key, "review.html"),
        "merge_report": (merged.report_key, "merge-report.json"),
        "version": (published.key, f"version-{version}.docx"),
        "synthesis_report": (report_key, "synthesis-report.docx"),
    }
    files: dict[str, Path] = {}
    locations: dict[str, str] = {}
    for label, (key, name) in sources.items():
        target = folder / name
        target.write_bytes(store.object_bytes(key))
        files[label] = target
        locations[label] = store.location(key)
    audit = folder / "audit.jsonl"
    audit.write_text(
        "".join(e.model_dump_json() + "\n" for e in entries),
        encoding="utf-8",
    )
    files["audit"] = audit
    # Made from what is stored, not stored itself: the points leaders still have to settle.
    disputes = folder / "disputes.docx"
    from concord.usecases.disputes import disputes_docx

    disputes.write_bytes(disputes_docx(store, draft_id))
    files["disputes"] = disputes
    # One object per entry: point at the folder (the prefix) that holds them.
    locations["audit"] = store.location(audit_prefix(draft_id).rstrip("/"))
    return DemoOutputs(
        draft_id=draft_id,
        round_id=round_id,
        version=version,
        folder=folder,
        files=files,
        store_locations=locations,
        items=merged.item_count,
        clashes=merged.clash_count,
        audit_entries=len(entries),
        audit_intact=verdict.ok,
    )
