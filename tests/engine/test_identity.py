from __future__ import annotations

import pytest

from concord.engine.errors import WrongDocument
from concord.engine.identity import read_stamp, stamp
from concord.engine.matching import check_answers_base
from concord.engine.ooxml import read_parts
from concord.models import CirculationStamp
from tests.support.answers import circulated, to_bytes
from tests.support.libreoffice import lo_resave

STAMP = CirculationStamp(draft_id="nq-2025-01", version=2, round_id="r1", agency_id="bo-tai-chinh")


def test_stamp_round_trip_keeps_other_properties() -> None:
    doc = circulated()
    stamped = stamp(to_bytes(doc), STAMP)
    assert read_stamp(stamped) == STAMP
    parts = read_parts(stamped)
    assert b"docProps/custom.xml" in parts["[Content_Types].xml"]
    assert b"custom-properties" in parts["_rels/.rels"]
    restamped = stamp(stamped, STAMP.model_copy(update={"version": 3}))
    assert read_stamp(restamped).version == 3
    assert read_parts(restamped)["docProps/custom.xml"].count(b"concord.version") == 1
    assert read_stamp(to_bytes(doc)) is None


def test_matching_by_stamp_and_by_text() -> None:
    base = to_bytes(circulated())
    stamped = stamp(base, STAMP)
    check_answers_base(stamped, base, STAMP)
    with pytest.raises(WrongDocument, match=r"answers draft nq-2025-01 version 2.*version 3"):
        check_answers_base(stamped, base, STAMP.model_copy(update={"version": 3}))
    check_answers_base(base, base, STAMP)  # unstamped, same text
    others_copy = stamp(base, STAMP.model_copy(update={"agency_id": "bo-cong-an"}))
    with pytest.raises(WrongDocument, match="circulated to 'bo-cong-an'"):
        check_answers_base(others_copy, base, STAMP)
    other = circulated()
    for p in other.paragraphs:
        p.text = "Một văn bản hoàn toàn khác về giao thông đô thị."
    with pytest.raises(WrongDocument, match="does not look like an answer"):
        check_answers_base(to_bytes(other), base, STAMP)


@pytest.mark.libreoffice
def test_stamp_survives_libreoffice_resave(tmp_path) -> None:
    stamped = stamp(to_bytes(circulated()), STAMP)
    assert read_stamp(lo_resave(stamped, tmp_path)) == STAMP
