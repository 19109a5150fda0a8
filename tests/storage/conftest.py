from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

from concord.storage.base import ObjectStore
from concord.storage.local import LocalStore
from concord.storage.s3 import S3Store
from tests.support.seaweed import Seaweed, run_seaweed, weed_path


@dataclass
class Backend:
    """A store plus raw access around it, so tests can tamper as an intruder would."""

    name: str
    store: ObjectStore
    overwrite: Callable[[str, bytes], None]
    delete: Callable[[str], None]


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seaweed]:
    if weed_path() is None:
        pytest.skip("SeaweedFS (weed) not installed")
    with run_seaweed(tmp_path_factory.mktemp("seaweed")) as server:
        yield server


def local_backend(root: Path) -> Backend:
    store = LocalStore(root)
    return Backend(
        "local",
        store,
        overwrite=lambda key, data: (root / key).write_bytes(data),
        delete=lambda key: (root / key).unlink(),
    )


def s3_backend(name: str, client, bucket: str) -> Backend:
    client.create_bucket(Bucket=bucket)
    store = S3Store(bucket, client=client)
    return Backend(
        name,
        store,
        overwrite=lambda key, data: client.put_object(Bucket=bucket, Key=key, Body=data),
        delete=lambda key: client.delete_object(Bucket=bucket, Key=key),
    )


@pytest.fixture(autouse=True)
def concord_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own CONCORD_HOME: its own audit key and anchor file, never the repo's."""
    home = tmp_path / "concord-home"
    monkeypatch.setenv("CONCORD_HOME", str(home))
    monkeypatch.delenv("CONCORD_AUDIT_KEY", raising=False)
    monkeypatch.delenv("CONCORD_ANCHOR_BUCKET", raising=False)
    return home


SEAWEED = pytest.param("seaweed", marks=pytest.mark.s3server)


@pytest.fixture(params=["local", "moto", SEAWEED])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    yield from _backend(request, tmp_path)


@pytest.fixture(params=["local", SEAWEED])
def atomic_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """The stores whose conditional create is atomic: moto checks, then writes, without a lock
    (concurrent writers of one key broke its temporary files), so it proves nothing here."""
    yield from _backend(request, tmp_path)


def _backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "local":
        yield local_backend(tmp_path / "store")
    elif request.param == "moto":
        with mock_aws():
            client = boto3.client("s3", region_name="us-east-1")
            yield s3_backend("moto", client, "concord-test")
    else:
        server: Seaweed = request.getfixturevalue("seaweed")
        yield s3_backend("seaweed", server.client(), f"t-{uuid.uuid4().hex[:12]}")
