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
    # Single sign-on behind a reverse proxy (off unless both are set): the proxy at one of these
    # addresses (comma-separated) names the signed-in user in this request header.
    web_trusted_proxies: str = ""
    web_user_header: str = ""
    # How often the worker looks for work the events did not bring (a missed or late event).
    sweep_seconds: float = 1.0
    # E-mail to the agencies; without an SMTP host, messages are written to `outbox_dir`.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    smtp_timeout: float = 30.0
    mail_from: str = "concord@localhost"
    # Where agencies find the answer page (the link in invitations and reminders).
    public_url: str = "http://127.0.0.1:8000"
    # Days before a round's deadline that agencies without an answer are reminded (0: never).
    remind_days: int = 3
    # A separate bucket with S3 Object Lock for the audit checkpoints (storage.anchor); without
    # it they go to an append-only file under CONCORD_HOME.
    anchor_bucket: str | None = None
    anchor_retention_days: int = 3650
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
    def uses_smtp(self) -> bool:
        return bool(self.smtp_host)

    @property
    def outbox_dir(self) -> Path:
        return self.home / "outbox"

    @property
    def prefect_home(self) -> Path:
        return self.home / "prefect"
