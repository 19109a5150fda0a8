"""The refusals a coordinator or an agency meets speak Vietnamese unless English is asked for:
raised by the use cases and the store, and printed by the CLI (`error [code]: message`)."""

from __future__ import annotations

import string

import pytest
from typer.testing import CliRunner

from concord.cli import app
from concord.errors import InvalidInput, NotFound, RoundClosed, Undecided
from concord.messages import CATALOGUE, speaking
from concord.storage.errors import RecordError
from concord.usecases.answers import add_typed_item, ingest_answer, submit_answer
from concord.usecases.merging import merge_ingested
from concord.usecases.publishing import publish_next_version
from concord.usecases.rounds import close_round, extend_deadline
from tests.flows.conftest import OpenRound


@pytest.fixture
def unset_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nobody chose a language: neither CONCORD_LANG (the suite sets it) nor --lang."""
    monkeypatch.delenv("CONCORD_LANG", raising=False)


def _merged_with_one_item(rnd: OpenRound) -> str:
    """The round merged over one answer (one item, undecided); the item's id."""
    data = rnd.answer("bo-tai-chinh", "2035")
    answer, _ = submit_answer(
        rnd.store, rnd.round_id, "bo-tai-chinh", data, filename="a.docx", actor="t"
    )
    ingest_answer(rnd.store, rnd.round_id, answer.key, actor="t")
    merge_ingested(rnd.store, rnd.round_id, actor="t")
    (item,) = rnd.store.items_for(answer) or []
    return item.id


def test_a_closed_round_refuses_an_answer_in_vietnamese(open_round_: OpenRound, unset_language):
    store, rid = open_round_.store, open_round_.round_id
    close_round(store, rid, actor="t")
    data = open_round_.answer("bo-y-te", "2032")
    with pytest.raises(RoundClosed) as refused:
        submit_answer(store, rid, "Bộ Y tế", data, filename="a.docx", actor="t")
    assert refused.value.code == "round_closed"
    assert str(refused.value) == (
        f"đợt {rid} đã được Ban soạn thảo đóng, không nhận thêm ý kiến: đề nghị gửi ý kiến "
        "trực tiếp cho Ban soạn thảo"
    )
    with speaking("en"), pytest.raises(RoundClosed) as in_english:
        submit_answer(store, rid, "Bộ Y tế", data, filename="a.docx", actor="t")
    assert str(in_english.value).startswith(f"round {rid} was closed by the drafting team")
    assert store.answers(rid) == []


def test_unknown_records_are_named_in_vietnamese(open_round_: OpenRound, unset_language):
    store, rid = open_round_.store, open_round_.round_id
    with pytest.raises(RecordError, match=r"^không có đợt lấy ý kiến 'khong-co-r9' trong "):
        store.round("khong-co-r9")
    with pytest.raises(RecordError, match=r"^không có dự thảo 'khong-co' trong "):
        store.draft("khong-co")
    with pytest.raises(RecordError, match=r"^mã đợt 'R1' không hợp lệ"):
        store.round("R1")
    with pytest.raises(NotFound) as unknown:
        extend_deadline(store, rid, "Bộ Quốc phòng", "2099-01-01T17:00:00+07:00", actor="t")
    assert str(unknown.value).startswith(
        f"'Bộ Quốc phòng' không có trong danh sách cơ quan được lấy ý kiến của đợt {rid}"
    )
    assert "Bộ Tài chính, Bộ Tư pháp, Bộ Y tế" in str(unknown.value)


def test_undecided_items_hold_back_publishing_in_vietnamese(open_round_: OpenRound, unset_language):
    store, rid = open_round_.store, open_round_.round_id
    item_id = _merged_with_one_item(open_round_)
    with pytest.raises(Undecided) as refused:
        publish_next_version(store, rid, actor="t")
    assert refused.value.item_ids == [item_id]
    assert str(refused.value).startswith(f"1 mục của đợt {rid} chưa có quyết định: {item_id}.")
    # The command to type is the same in either language.
    assert "--allow-undecided" in str(refused.value)
    assert store.round_status(rid).published_version is None


def test_a_refused_typed_item_speaks_the_callers_language(open_round_: OpenRound, unset_language):
    store, rid = open_round_.store, open_round_.round_id
    typed = {"where": "Điều 1", "quote": "2030", "actor": "t"}
    with pytest.raises(InvalidInput) as no_letter:
        add_typed_item(store, rid, "Bộ Y tế", comment="Đề nghị sửa.", **typed)
    assert str(no_letter.value).startswith(
        f"Bộ Y tế chưa có văn bản trả lời trong đợt {rid}: ghi nhận công văn trước"
    )
    with speaking("en"), pytest.raises(InvalidInput) as in_english:
        add_typed_item(store, rid, "Bộ Y tế", comment="Đề nghị sửa.", **typed)
    assert str(in_english.value).startswith(
        f"Bộ Y tế has no answer in round {rid}: record its reply letter first"
    )
    # The command quoted stays as it is typed.
    assert f"`concord answer {rid} --agency ..." in str(in_english.value)


def _cli(*args: str):
    return CliRunner().invoke(app, list(args))


def test_the_cli_prints_refusals_in_vietnamese_by_default(open_round_: OpenRound, unset_language):
    rid = open_round_.round_id
    nothing = _cli("merge", rid)
    assert nothing.exit_code == 2
    assert nothing.stderr.strip() == (
        f"error [nothing_to_merge]: chưa có cơ quan nào góp ý trong đợt {rid}: chưa có gì để "
        f"tổng hợp (`concord round status {rid}` cho biết cơ quan nào đã góp ý)"
    )
    unknown = _cli("round", "status", "khong-co-r9")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith(
        "error [record_error]: không có đợt lấy ý kiến 'khong-co-r9' trong "
    )
    # --lang en (or CONCORD_LANG=en) for the English wording, codes unchanged.
    english = _cli("--lang", "en", "merge", rid)
    assert english.exit_code == 2
    assert english.stderr.startswith(
        f"error [nothing_to_merge]: no agency has answered round {rid}"
    )


def test_the_cli_refuses_publishing_and_a_closed_round_in_vietnamese(
    open_round_: OpenRound, unset_language, tmp_path
):
    store, rid = open_round_.store, open_round_.round_id
    item_id = _merged_with_one_item(open_round_)
    undecided = _cli("--lang", "vi", "publish", rid)
    assert undecided.exit_code == 2
    assert undecided.stderr.startswith(
        f"error [undecided_items]: 1 mục của đợt {rid} chưa có quyết định: {item_id}."
    )
    close_round(store, rid, actor="t")
    answer = tmp_path / "gop-y.docx"
    answer.write_bytes(open_round_.answer("bo-y-te", "2032"))
    closed = _cli("answer", rid, str(answer), "--agency", "Bộ Y tế")
    assert closed.exit_code == 2
    assert closed.stderr.startswith(
        f"error [round_closed]: đợt {rid} đã được Ban soạn thảo đóng, không nhận thêm ý kiến"
    )
    typed = _cli("item", "add", rid, "--agency", "Bộ Tài chính", "--general")
    assert typed.exit_code == 2
    assert typed.stderr.startswith(
        "error [invalid_input]: cần đúng một trong hai: --comment (ý kiến) hoặc --replace-with"
    )


def test_no_wording_has_a_placeholder_that_t_takes_for_itself():
    # t(key, lang, **kw): a {lang} placeholder would silently choose the language instead.
    taken = {
        key
        for key, texts in CATALOGUE.items()
        for text in texts
        for _, name, _, _ in string.Formatter().parse(text)
        if name in {"key", "lang"}
    }
    assert taken == set()
