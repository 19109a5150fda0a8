"""Configuration from the environment (CONCORD_*); credentials the standard AWS way."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class ConcordSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONCORD_", extra="ignore")

    home: Path = Path(".concord")
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    s3_prefix: str = ""
    # A separate bucket with S3 Object Lock for the audit checkpoints (storage.anchor); without
    # it they go to an append-only file under CONCORD_HOME.
    anchor_bucket: str | None = None
    anchor_retention_days: int = 3650

    @property
    def uses_s3(self) -> bool:
        return bool(self.s3_bucket)

    @property
    def store_dir(self) -> Path:
        return self.home / "store"

    @property
    def prefect_home(self) -> Path:
        return self.home / "prefect"
