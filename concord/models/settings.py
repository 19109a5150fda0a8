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
    # Single sign-on behind a reverse proxy (off unless both are set): the proxy at one of these
    # addresses (comma-separated) names the signed-in user in this request header.
    web_trusted_proxies: str = ""
    web_user_header: str = ""

    @property
    def uses_s3(self) -> bool:
        return bool(self.s3_bucket)

    @property
    def store_dir(self) -> Path:
        return self.home / "store"

    @property
    def prefect_home(self) -> Path:
        return self.home / "prefect"
