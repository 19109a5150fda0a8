"""Configuration from the environment (CONCORD_*); credentials the standard AWS way.

Upload limits: `CONCORD_MAX_UPLOAD_MB` for the file's size, and any other field of
`concord.engine.safety.SafetyLimits` as `CONCORD_LIMITS__<FIELD>` (e.g.
`CONCORD_LIMITS__MAX_XML_DEPTH=64`).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from concord.engine.safety.limits import MB, SafetyLimits


class ConcordSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CONCORD_", extra="ignore", env_nested_delimiter="__"
    )

    home: Path = Path(".concord")
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    s3_prefix: str = ""
    max_upload_mb: float | None = Field(None, gt=0, description="largest upload accepted, MB")
    limits: SafetyLimits = SafetyLimits()

    @property
    def safety_limits(self) -> SafetyLimits:
        """The upload limits in force: `limits`, with `max_upload_mb` when it is set."""
        if self.max_upload_mb is None:
            return self.limits
        return self.limits.model_copy(update={"max_bytes": int(self.max_upload_mb * MB)})

    @property
    def uses_s3(self) -> bool:
        return bool(self.s3_bucket)

    @property
    def store_dir(self) -> Path:
        return self.home / "store"

    @property
    def prefect_home(self) -> Path:
        return self.home / "prefect"
