"""Against a real SeaweedFS: many concurrent uploads, and a network that fails in every way."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from concord.models import Agency
from concord.storage.errors import StorageUnavailable
from concord.storage.records import ConcordStore
from concord.storage.s3 import S3Store
from tests.storage.flaky_proxy import FlakyProxy
from tests.support.seaweed import ACCESS_KEY, SECRET_KEY, Seaweed

pytestmark = pytest.mark.s3server
DEADLINE = datetime(2030, 1, 1, tzinfo=UTC)


def _client(endpoint: str, *, attempts: int = 5, read_timeout: float = 20):
    config = Config(
        retries={"mode": "standard", "total_max_attempts": attempts},
        read_timeout=read_timeout,
        connect_timeout=2,
        s3={"addressing_style": "path"},
        max_pool_connections=32,
    )
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
        config=config,
    )


@pytest.fixture
def bucket(seaweed: Seaweed) -> str:
    name = f"c-{uuid.uuid4().hex[:12]}"
    S3Store(name, client=_client(seaweed.endpoint_url), create_bucket=True)
    return name


def test_200_concurrent_answers_one_round(seaweed: Seaweed, bucket: str) -> None:
    # Four record layers with their own clients and audit tail hints: as four servers would be.
    layers = [ConcordStore(S3Store(bucket, client=_client(seaweed.endpoint_url))) for _ in range(4)]
    agencies = [Agency(id=f"agency-{i:02d}", name=f"Agency {i}") for i in range(20)]
    draft, _ = layers[0].create_draft("Load test", b"v1", actor="setup")
    rnd = layers[0].open_round(
        draft.id, version=1, agencies=agencies, deadline=DEADLINE, actor="setup"
    )
    uploads = [(agencies[i % 20].id, f"answer {i} ".encode() * 50) for i in range(200)]

    def upload(i: int) -> bool:
        agency_id, data = uploads[i]
        return layers[i % 4].put_answer(
            rnd.id, agency_id, data, filename=f"{i}.docx", actor=agency_id
        )[1]

    with ThreadPoolExecutor(16) as pool:
        fresh = list(pool.map(upload, range(200)))
    assert fresh.count(True) == 200

    # The same bytes again are uploads of their own (the newest is the answer used).
    with ThreadPoolExecutor(16) as pool:
        assert all(pool.map(upload, range(0, 200, 10)))

    check = ConcordStore(S3Store(bucket, client=_client(seaweed.endpoint_url)))
    answers = check.answers(rnd.id)
    assert len(answers) == 220
    docx_keys = [
        k for k in check.store.list(f"drafts/{draft.id}/rounds/r1/answers/") if k.endswith(".docx")
    ]
    assert len(docx_keys) == 220
    stored = {check.answer_bytes(a) for a in answers}  # each verified against its SHA-256
    assert stored == {data for _, data in uploads}  # none overwritten, none lost
    actions = [e.action for e in check.audit.entries(draft.id)]
    assert actions.count("answer.uploaded") == 220
    assert actions[:3] == ["draft.registered", "version.added", "round.opened"]
    assert len(actions) == 223
    report = check.audit.verify(draft.id)
    assert report.ok, report.problems
    assert report.checked == 223


@pytest.fixture
def proxy(seaweed: Seaweed) -> Iterator[FlakyProxy]:
    with FlakyProxy(seaweed.endpoint_url, stall=2.5) as flaky:
        yield flaky


def _flaky_concord(proxy: FlakyProxy, bucket: str, *, attempts: int = 5) -> ConcordStore:
    client = _client(proxy.url, attempts=attempts, read_timeout=1)
    return ConcordStore(S3Store(bucket, client=client))


@pytest.mark.parametrize("fault", ["503", "drop-before", "drop-after", "slow-after"])
def test_transient_faults_are_retried_without_duplicates(
    proxy: FlakyProxy, bucket: str, seaweed: Seaweed, fault: str
) -> None:
    concord = _flaky_concord(proxy, bucket)
    draft, _ = concord.create_draft("Faults", b"v1", actor="an")
    # Every PUT of the next version write (docx, version.json, audit entry) fails once;
    # "drop-after" and "slow-after" mean each write landed but the answer was lost.
    proxy.inject("PUT", fault, "pass", fault, "pass", fault, "pass")
    version = concord.add_version(draft.id, b"v2", actor="an")
    assert proxy.injected[fault] == 3
    assert version.number == 2

    clean = ConcordStore(S3Store(bucket, client=_client(seaweed.endpoint_url)))
    assert [v.number for v in clean.versions(draft.id)] == [1, 2]
    assert clean.store.list(f"drafts/{draft.id}/versions/v0003/") == []
    assert clean.version_bytes(draft.id, 2) == b"v2"
    assert [e.action for e in clean.audit.entries(draft.id)].count("version.added") == 2
    assert clean.audit.verify(draft.id).ok


def test_an_answer_upload_survives_a_lost_response(proxy: FlakyProxy, bucket: str) -> None:
    concord = _flaky_concord(proxy, bucket)
    draft, _ = concord.create_draft("Answers", b"v1", actor="an")
    rnd = concord.open_round(
        draft.id, version=1, agencies=[Agency.named("Bộ Y tế")], deadline=DEADLINE, actor="an"
    )
    proxy.inject("PUT", "drop-after", "drop-after")
    answer, fresh = concord.put_answer(rnd.id, "bo-y-te", b"answer", filename="a.docx", actor="x")
    assert fresh and concord.answers(rnd.id) == [answer]
    assert concord.audit.verify(draft.id).ok


def test_an_outage_becomes_storage_unavailable_and_leaves_no_version(
    proxy: FlakyProxy, bucket: str, seaweed: Seaweed
) -> None:
    concord = _flaky_concord(proxy, bucket, attempts=3)
    draft, _ = concord.create_draft("Outage", b"v1", actor="an")
    proxy.inject("PUT", "503", "503", "503")
    with pytest.raises(StorageUnavailable) as caught:
        concord.add_version(draft.id, b"v2", actor="an")
    assert isinstance(caught.value.__cause__, ClientError)
    assert proxy.injected["503"] == 3

    # The docx landed, then the record write failed for good: no version appears half-written.
    proxy.inject("PUT", "pass", "503", "503", "503")
    with pytest.raises(StorageUnavailable):
        concord.add_version(draft.id, b"v2", actor="an")
    clean = ConcordStore(S3Store(bucket, client=_client(seaweed.endpoint_url)))
    assert [v.number for v in clean.versions(draft.id)] == [1]
    report = clean.audit.verify(draft.id)
    assert report.ok
    assert [x.split(":")[0] for x in report.leftovers] == [
        f"drafts/{draft.id}/versions/v0002/{draft.id}.docx"
    ]
    # Numbers never skip: the leftover payload is the same bytes, so version 2 reuses it.
    assert clean.add_version(draft.id, b"v2", actor="an").number == 2
    assert not clean.audit.verify(draft.id).leftovers


def test_unreachable_endpoint_is_storage_unavailable() -> None:
    store = S3Store("nowhere", client=_client("http://127.0.0.1:9", attempts=2))
    with pytest.raises(StorageUnavailable) as caught:
        store.get("a.json")
    assert caught.value.__cause__ is not None
