"""The whole demo round on a real S3-compatible server, then tampering caught by the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import concord_env, run_concord
from tests.support.seaweed import ACCESS_KEY, SECRET_KEY, Seaweed

pytestmark = pytest.mark.s3server


@pytest.fixture(scope="module")
def demo_in_bucket(seaweed: Seaweed, tmp_path_factory: pytest.TempPathFactory):
    bucket = "concord-demo"
    client = seaweed.client()
    client.create_bucket(Bucket=bucket)
    home = tmp_path_factory.mktemp("home")
    env = concord_env(
        home,
        CONCORD_S3_BUCKET=bucket,
        CONCORD_S3_ENDPOINT_URL=seaweed.endpoint_url,
        AWS_ACCESS_KEY_ID=ACCESS_KEY,
        AWS_SECRET_ACCESS_KEY=SECRET_KEY,
        AWS_DEFAULT_REGION="us-east-1",
    )
    run = run_concord(env, "demo")
    assert run.returncode == 0, run.stdout + run.stderr
    return client, bucket, env, home


def keys(client, bucket: str, prefix: str = "") -> list[str]:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    return [o["Key"] for page in pages for o in page.get("Contents", [])]


def test_demo_stores_everything_in_the_bucket(demo_in_bucket) -> None:
    client, bucket, env, home = demo_in_bucket
    stored = keys(client, bucket)
    assert any("/versions/v0002/" in k and k.endswith(".docx") for k in stored)
    assert any(k.endswith("/merged.docx") for k in stored)
    assert sum(k.startswith("audit/") for k in stored) >= 20
    # Nothing went to the local directory store.
    assert not (Path(home) / "store").exists()
    verify = run_concord(env, "audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_a_changed_byte_and_a_deleted_tail_are_named(demo_in_bucket) -> None:
    client, bucket, env, _ = demo_in_bucket
    entries = sorted(k for k in keys(client, bucket, "audit/") if k.endswith(".json"))
    victim = entries[3]
    original = client.get_object(Bucket=bucket, Key=victim)["Body"].read()
    tampered = original.replace(b'"actor":"', b'"actor":"X', 1)
    assert tampered != original
    client.put_object(Bucket=bucket, Key=victim, Body=tampered)
    verify = run_concord(env, "audit", "verify")
    assert verify.returncode != 0
    assert victim.rsplit("/", 1)[-1] in verify.stdout + verify.stderr
    client.put_object(Bucket=bucket, Key=victim, Body=original)
    assert run_concord(env, "audit", "verify").returncode == 0

    newest = entries[-1]
    client.delete_object(Bucket=bucket, Key=newest)
    verify = run_concord(env, "audit", "verify")
    assert verify.returncode != 0
    assert newest.rsplit("/", 1)[-1] in verify.stdout + verify.stderr
