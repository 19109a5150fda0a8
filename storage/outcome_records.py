"""What a round produces: merges, decisions, synthesis reports and the published version."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from concord.messages import t
from concord.models import Answer, Decision, MergeRecord, Round, Version
from concord.storage import keys
from concord.storage.answer_records import AnswerRecords
from concord.storage.base import StoredObject
from concord.storage.canonical import canonical_json, model_bytes, sha256_hex
from concord.storage.errors import ObjectExists, ObjectMissing, RecordError
from concord.storage.record_base import DOCX, JSON, _json, _require_bytes


class OutcomeRecords(AnswerRecords):
    def put_merge(
        self,
        round_id: str,
        *,
        answers: Sequence[Answer],
        docx: bytes,
        report: dict,
        html: str,
        item_count: int,
        clash_count: int,
        actor: str,
        typed: Sequence[str] = (),
    ) -> MergeRecord:
        rnd = self.round(round_id)
        _require_bytes(docx, "a merged document")
        for answer in answers:
            if answer.round_id != round_id:
                raise RecordError(f"answer {answer.key} is not an answer of round {round_id}")
        prefix = keys.merges_prefix(round_id)
        seq = self._next_number(prefix, "merge.json")
        while True:
            folder = keys.merge_dir(round_id, seq)
            payload = self._put_payload
            merged = payload(folder + "merged.docx", docx, actor=actor, content_type=DOCX)
            report_obj = payload(
                folder + "report.json", canonical_json(report), actor=actor, content_type=JSON
            )
            html_obj = payload(
                folder + "review.html", html.encode(), actor=actor, content_type="text/html"
            )
            record = MergeRecord(
                round_id=round_id,
                seq=seq,
                answers=tuple(sorted(a.sha256 for a in answers)),
                docx_key=merged.key,
                docx_sha256=merged.sha256,
                report_key=report_obj.key,
                html_key=html_obj.key,
                item_count=item_count,
                clash_count=clash_count,
                merged_at=self._clock(),
                typed=tuple(sorted(typed)),
            )
            try:
                # The record is the claim on the number (see record_base).
                self._put(
                    folder + "merge.json", model_bytes(record), actor=actor, round_id=round_id
                )
                break
            except ObjectExists:
                seq += 1
        self._next[prefix + "merge.json"] = seq + 1
        details = {
            "round": round_id,
            "merge": seq,
            "answers": len(answers),
            "report_sha256": report_obj.sha256,
            "html_sha256": html_obj.sha256,
        }
        self._log(rnd.draft_id, "round.merged", actor=actor, stored=merged, details=details)
        return record

    def claim_merge(
        self,
        round_id: str,
        answers: Sequence[Answer],
        *,
        actor: str,
        stale_after: timedelta,
        typed: Sequence[str] = (),
    ) -> bool:
        """Claim the merge of exactly these answers (and typed-in items): True for the one caller
        that may merge them.

        A claim older than `stale_after` whose merge never came (its merger died) is taken over
        with the next claim number, so a crash never blocks a round.
        """
        parts = sorted(a.sha256 for a in answers) + sorted(typed)
        digest = sha256_hex("\n".join(parts).encode())
        attempt = 1
        while True:
            key = keys.merge_claim(round_id, digest, attempt)
            body = canonical_json(
                {"round_id": round_id, "by": actor, "at": self._clock().isoformat()}
            )
            try:
                self._put(key, body, actor=actor, round_id=round_id)
                return True
            except ObjectExists:
                held = self.store.head(key)
                claimed = held.metadata.get("when") if held else None
                if claimed and self._clock() - datetime.fromisoformat(claimed) < stale_after:
                    return False
                attempt += 1

    def complete_merge(self, record: MergeRecord, *, actor: str) -> bool:
        """The entry of a merge whose write was interrupted before it (see _complete)."""
        rnd = self.round(record.round_id)
        keys_ = [
            keys.merge_dir(record.round_id, record.seq) + "merge.json",
            record.docx_key,
            record.report_key,
            record.html_key,
        ]
        details = {"round": record.round_id, "merge": record.seq, "answers": len(record.answers)}
        return self._complete(rnd.draft_id, "round.merged", keys_, actor=actor, details=details)

    def latest_merge(self, round_id: str) -> MergeRecord | None:
        self.round(round_id)
        records = [
            k for k in self.store.list(keys.merges_prefix(round_id)) if k.endswith("/merge.json")
        ]
        if not records:
            return None
        newest = max(records, key=lambda k: keys.number_in(k, keys.merges_prefix(round_id)) or 0)
        return self._load(MergeRecord, newest, f"{newest} vanished")

    def object_bytes(self, key: str) -> bytes:
        try:
            return self.store.get(key)
        except ValueError as err:
            raise RecordError(str(err)) from err
        except ObjectMissing as err:
            raise RecordError(f"no object {key!r} in {self.describe()}") from err

    def put_decisions(
        self, round_id: str, decisions: Sequence[Decision], *, actor: str
    ) -> StoredObject:
        rnd = self.round(round_id)
        if not decisions:
            raise RecordError(t("refusal.no_decisions_to_record"))
        published = self._published(rnd)
        if published is not None:
            # The synthesis report of a published version must say what was decided then.
            raise RecordError(
                t("refusal.decisions_final_reopen", round=round_id, version=published)
            )
        resumed = self._resume_decisions(rnd, decisions, actor)
        if resumed is not None:
            return resumed
        body = canonical_json(
            {"round_id": round_id, "decisions": [d.model_dump(mode="json") for d in decisions]}
        )
        _, stored = self._allocate(
            keys.decisions_prefix(round_id),
            lambda n: keys.decisions_record(round_id, n),
            body,
            actor=actor,
            round_id=round_id,
            content_type=JSON,
        )
        details = {"round": round_id, "decisions": len(decisions)}
        self._log(rnd.draft_id, "decisions.recorded", actor=actor, stored=stored, details=details)
        return stored

    def _resume_decisions(
        self, rnd: Round, decisions: Sequence[Decision], actor: str
    ) -> StoredObject | None:
        """The newest batch, when it is these same decisions (who and when aside) written by an
        interrupted attempt before its audit entry: complete it rather than write them twice."""
        found = self.store.list(keys.decisions_prefix(rnd.id))
        if not found or not self._unlogged(rnd.draft_id, found[-1]):
            return None

        def gist(raw: Sequence[Decision]) -> list[tuple]:
            return [(d.item_id, d.outcome, d.explanation, d.text) for d in raw]

        stored = [
            Decision.model_validate(d)
            for d in _json(self.store.get(found[-1]), found[-1])["decisions"]
        ]
        if gist(stored) != gist(decisions):
            return None
        details = {"round": rnd.id, "decisions": len(decisions)}
        self._complete(
            rnd.draft_id, "decisions.recorded", [found[-1]], actor=actor, details=details
        )
        return self.store.head(found[-1])

    def decisions(self, round_id: str) -> list[Decision]:
        """The current decision per item: later batches replace earlier decisions on an item."""
        self.round(round_id)
        current: dict[str, Decision] = {}
        for key in self.store.list(keys.decisions_prefix(round_id)):
            for raw in _json(self.store.get(key), key)["decisions"]:
                decision = Decision.model_validate(raw)
                current[decision.item_id] = decision
        return list(current.values())

    def put_report(self, round_id: str, docx: bytes, *, actor: str) -> StoredObject:
        """The round's one synthesis report: a round is published once, so its report has one
        key; a second writer (a concurrent or repeated publish) gets the report written first."""
        rnd = self.round(round_id)
        _require_bytes(docx, "a report")
        key = keys.report_docx(round_id, 1)
        try:
            stored = self._put(key, docx, actor=actor, round_id=round_id, content_type=DOCX)
        except ObjectExists:
            self.complete_report(round_id, key, actor=actor)
            found = self.store.head(key)
            if found is None:
                raise RecordError(f"{key} vanished") from None
            return found
        details = {"round": round_id}
        self._log(rnd.draft_id, "report.written", actor=actor, stored=stored, details=details)
        return stored

    def complete_report(self, round_id: str, key: str, *, actor: str) -> bool:
        """The entry of a report whose write was interrupted before it (see _complete)."""
        rnd = self.round(round_id)
        details = {"round": round_id}
        return self._complete(rnd.draft_id, "report.written", [key], actor=actor, details=details)

    def latest_report_key(self, round_id: str) -> str | None:
        """The newest synthesis report of the round, or None before one is written."""
        self.round(round_id)
        found = self.store.list(keys.reports_prefix(round_id))
        return found[-1] if found else None

    def publish(self, round_id: str, docx: bytes, *, actor: str, note: str = "") -> Version:
        rnd = self.round(round_id)
        done = self._published(rnd)
        if done is not None:
            raise RecordError(t("refusal.already_published", round=round_id, version=done))
        return self._add_version(rnd.draft_id, docx, actor, note, round_id, "version.published")

    def published_version(self, rnd: Round) -> int | None:
        """The version this round was published as, or None."""
        return self._published(rnd)

    def _published(self, rnd: Round) -> int | None:
        numbers = [v.number for v in self.versions(rnd.draft_id) if v.from_round == rnd.id]
        return min(numbers, default=None)
