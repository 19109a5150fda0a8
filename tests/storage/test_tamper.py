"""An intruder who can write the document bucket, but holds neither the audit key nor the anchor,
tries each rewrite that `audit verify` used to miss; every one is named."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from concord.models import Agency, Decision, Outcome
from concord.storage import keys
from concord.storage.canonical import canonical_json, sha256_hex
from concord.storage.records import ConcordStore
from tests.storage.conftest import Backend

AGENCIES = [Agency.named("Bộ Tài chính"), Agency.named("Bộ Tư pháp")]
DEADLINE = datetime(2030, 1, 1, tzinfo=UTC)


@dataclass
class Lifecycle:
    concord: ConcordStore
    backend: Backend
    draft: str
    round: str
    entries: int


def run_lifecycle(concord: ConcordStore) -> tuple[str, str]:
    """A draft taken through one whole round: every kind of record Concord writes."""
    draft, _ = concord.create_draft("Nghị quyết ngân sách", b"v1 bytes", actor="an")
    rnd = concord.open_round(draft.id, version=1, agencies=AGENCIES, deadline=DEADLINE, actor="an")
    for agency in rnd.agencies:
        concord.put_circulated(rnd.id, agency.id, f"copy {agency.id}".encode(), actor="an")
        concord.issue_token(rnd.id, agency.id, actor="an")
    for agency in rnd.agencies:
        answer, _ = concord.put_answer(
            rnd.id, agency.id, f"answer {agency.id}".encode(), filename="a.docx", actor=agency.id
        )
        concord.put_items(answer, [], actor="flow")
    concord.put_merge(
        rnd.id,
        answers=concord.answers(rnd.id),
        docx=b"merged",
        report={"items": 0},
        html="<p>review</p>",
        item_count=0,
        clash_count=0,
        actor="flow",
    )
    concord.put_decisions(rnd.id, [Decision(item_id="a", outcome=Outcome.NOTED)], actor="lead")
    concord.publish(rnd.id, b"v2 bytes", actor="lead")
    concord.put_report(rnd.id, b"report bytes", actor="lead")
    return draft.id, rnd.id


@pytest.fixture
def life(backend: Backend) -> Lifecycle:
    concord = ConcordStore(backend.store)
    draft, rnd = run_lifecycle(concord)
    report = concord.audit.verify()
    assert report.ok and not report.leftovers, report
    return Lifecycle(concord, backend, draft, rnd, report.checked)


def _verify(life: Lifecycle, draft: str | None = None) -> list[str]:
    """Verification as a fresh process does it: a new ConcordStore, same key and anchor."""
    report = ConcordStore(life.backend.store).audit.verify(draft)
    assert not report.ok
    return report.problems


def _entry(life: Lifecycle, seq: int) -> str:
    return keys.audit_entry(life.draft, seq)


def _find(life: Lifecycle, suffix: str) -> str:
    found = [
        k for k in life.backend.store.list(keys.draft_prefix(life.draft)) if k.endswith(suffix)
    ]
    assert found, suffix
    return found[0]


def test_the_lifecycle_names_every_object_it_wrote(life: Lifecycle) -> None:
    named = set()
    for event in life.concord.audit.entries(life.draft):
        assert event.mac and event.key_id
        named |= set(event.objects)
    stored = set(life.backend.store.list(keys.draft_prefix(life.draft)))
    stored |= set(life.backend.store.list(keys.ROUND_INDEX_PREFIX))
    assert stored == named
    assert life.entries == 15


def test_newest_entry_deleted_with_its_checkpoint(life: Lifecycle) -> None:
    life.backend.delete(_entry(life, life.entries))
    problems = _verify(life)
    assert problems[0].startswith(f"{_entry(life, life.entries)}: missing; entry 15 is anchored")


def test_last_five_entries_truncated(life: Lifecycle) -> None:
    for seq in range(life.entries - 4, life.entries + 1):
        life.backend.delete(_entry(life, seq))
    problems = _verify(life, life.draft)
    assert any("entry 15 is anchored" in p and "chain ends at 10" in p for p in problems)


def _rechain_from(life: Lifecycle, start: int) -> None:
    """Rewrite entries start.. with a consistent hash chain, as someone without the key can."""
    prev = sha256_hex(life.backend.store.get(_entry(life, start - 1)))
    for seq in range(start, life.entries + 1):
        body = json.loads(life.backend.store.get(_entry(life, seq)))
        body["actor"] = "intruder"
        body["prev_sha256"] = prev
        body.pop("mac", None)
        body.pop("key_id", None)
        data = canonical_json(body)
        life.backend.overwrite(_entry(life, seq), data)
        prev = sha256_hex(data)


def test_chain_rewritten_consistently_from_entry_10(life: Lifecycle) -> None:
    _rechain_from(life, 10)
    problems = _verify(life)
    assert problems[0].startswith(f"{_entry(life, 10)}: unsigned entry after signed ones")
    assert any(
        p.startswith(f"{_entry(life, 10)}: differs from the hash anchored") for p in problems
    )


def test_chain_rewritten_with_a_signature_copied_from_the_old_entry(life: Lifecycle) -> None:
    key = _entry(life, 10)
    body = json.loads(life.backend.store.get(key))
    body["actor"] = "intruder"
    life.backend.overwrite(key, canonical_json(body))
    problems = _verify(life)
    assert problems[0] == f"{key}: signature does not verify (entry forged, edited or re-chained)"


def test_all_checkpoints_deleted_and_tail_truncated(life: Lifecycle) -> None:
    # The bucket holds no checkpoint to delete any more; what the intruder can reach is gone.
    for key in life.backend.store.list("audit-checkpoints/"):
        life.backend.delete(key)
    for seq in (life.entries - 1, life.entries):
        life.backend.delete(_entry(life, seq))
    problems = _verify(life)
    assert any("chain ends at 13" in p for p in problems)


def test_a_drafts_whole_audit_deleted(life: Lifecycle) -> None:
    for key in life.backend.store.list(keys.audit_prefix(life.draft)):
        life.backend.delete(key)
    problems = _verify(life)
    assert problems[0] == (
        f"{_entry(life, 15)}: missing; entry 15 is anchored in "
        f"{life.concord.audit.anchor.describe()} but the whole audit is gone "
        "(newest entries deleted)"
    )


def test_a_forged_entry_appended(life: Lifecycle) -> None:
    prev = sha256_hex(life.backend.store.get(_entry(life, life.entries)))
    body = json.loads(life.backend.store.get(_entry(life, life.entries)))
    body.update(seq=16, prev_sha256=prev, action="version.added", actor="intruder", mac="0" * 64)
    life.backend.overwrite(_entry(life, 16), canonical_json(body))
    problems = _verify(life)
    assert problems == [
        f"{_entry(life, 16)}: signature does not verify (entry forged, edited or re-chained)"
    ]


def test_an_unsigned_entry_appended(life: Lifecycle) -> None:
    prev = sha256_hex(life.backend.store.get(_entry(life, life.entries)))
    body = json.loads(life.backend.store.get(_entry(life, life.entries)))
    body.update(seq=16, prev_sha256=prev, actor="intruder")
    body.pop("mac")
    life.backend.overwrite(_entry(life, 16), canonical_json(body))
    assert _verify(life)[0].startswith(f"{_entry(life, 16)}: unsigned entry after signed ones")


def test_a_version_record_edited_to_point_at_version_1(life: Lifecycle) -> None:
    v1 = life.concord.versions(life.draft)[0]
    key = keys.version_record(life.draft, 2)
    body = json.loads(life.backend.store.get(key))
    body.update(key=v1.key, sha256=v1.sha256)
    life.backend.overwrite(key, canonical_json(body))
    problems = _verify(life)
    assert len(problems) == 1
    assert f": {key} changed since version.published recorded it" in problems[0]


def test_a_merge_records_docx_key_edited(life: Lifecycle) -> None:
    key = _find(life, "/merge.json")
    body = json.loads(life.backend.store.get(key))
    body["docx_key"] = keys.version_docx(life.draft, 1, life.draft)
    life.backend.overwrite(key, canonical_json(body))
    assert f": {key} changed since round.merged recorded it" in _verify(life)[0]


@pytest.mark.parametrize("name", ["report.json", "review.html"])
def test_the_merge_report_or_review_page_edited(life: Lifecycle, name: str) -> None:
    key = _find(life, "/" + name)
    life.backend.overwrite(key, life.backend.store.get(key) + b" ")
    assert f": {key} changed since round.merged recorded it" in _verify(life)[0]


def test_an_answer_record_edited(life: Lifecycle) -> None:
    key = next(k for k in life.backend.store.list(keys.answers_prefix(life.round)) if ".json" in k)
    body = json.loads(life.backend.store.get(key))
    body["filename"] = "other.docx"
    life.backend.overwrite(key, canonical_json(body))
    assert f": {key} changed since answer.uploaded recorded it" in _verify(life)[0]


def test_an_answer_injected_with_no_audit_entry(life: Lifecycle) -> None:
    real = life.concord.answers(life.round)[0]
    docx = b"an answer nobody sent"
    key = keys.answer_docx(life.round, real.agency.id, sha256_hex(docx), datetime.now(UTC))
    record = real.model_copy(update={"key": key, "sha256": sha256_hex(docx), "size": len(docx)})
    life.backend.overwrite(key, docx)
    life.backend.overwrite(keys.answer_record(key), record.model_dump_json().encode())
    problems = _verify(life)
    assert len(problems) == 2
    for problem, name in zip(problems, sorted([key, keys.answer_record(key)]), strict=True):
        assert problem == (
            f"{name}: no audit entry accounts for it and it carries no Concord seal: injected "
            "or replaced from outside Concord"
        )


def test_an_injected_record_with_a_seal_copied_from_another_is_refused(life: Lifecycle) -> None:
    # Through the store API the intruder can set metadata: copy a genuine seal onto new bytes.
    real = life.concord.answers(life.round)[0]
    seal = life.backend.store.head(keys.answer_record(real.key)).metadata["seal"]
    key = keys.answer_docx(life.round, real.agency.id, "f" * 64, datetime.now(UTC))
    life.backend.store.put_if_absent(keys.answer_record(key), b"{}", metadata={"seal": seal})
    problems = _verify(life)
    assert problems == [
        f"{keys.answer_record(key)}: no audit entry accounts for it and its seal does not "
        "match: injected or replaced from outside Concord"
    ]


def test_a_merge_record_deleted(life: Lifecycle) -> None:
    key = _find(life, "/merge.json")
    life.backend.delete(key)
    assert f": {key} is missing (recorded by round.merged)" in _verify(life)[0]


def test_a_past_digest_must_still_be_a_prefix(life: Lifecycle) -> None:
    digest = life.concord.audit.digest(life.draft)
    assert digest == (
        f"concord-audit-digest/1 {life.draft}@15:"
        f"{sha256_hex(life.backend.store.get(_entry(life, 15)))}"
    )
    life.concord.add_version(life.draft, b"v3", actor="an")
    assert ConcordStore(life.backend.store).audit.verify(against=digest).ok
    _rechain_from(life, 12)
    report = ConcordStore(life.backend.store).audit.verify(against=digest)
    assert any(
        p.startswith(f"digest: {life.draft} entry 15 differs from the digest")
        for p in report.problems
    )
