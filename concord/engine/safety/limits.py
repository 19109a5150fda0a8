"""How much an upload may weigh before it is refused unread."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

MB = 1024 * 1024


class SafetyLimits(BaseModel):
    """Ceilings for an uploaded .docx; the defaults leave room for a long, illustrated answer."""

    model_config = ConfigDict(frozen=True)

    max_bytes: int = Field(50 * MB, gt=0, description="size of the uploaded file")
    max_members: int = Field(2000, gt=0, description="files inside the zip package")
    max_total_uncompressed: int = Field(
        300 * MB, gt=0, description="sum of the members' declared uncompressed sizes"
    )
    max_member_ratio: float = Field(
        100.0, gt=1, description="uncompressed:compressed size of one member (Apache POI uses 100)"
    )
    ratio_floor: int = Field(
        1 * MB,
        ge=0,
        description="members up to this uncompressed size skip the ratio check: small, "
        "repetitive XML compresses far better than 100:1 and is harmless",
    )
    max_comments: int = Field(5000, gt=0, description="w:comment elements in a comments part")
    max_image_pixels: int = Field(
        80_000_000,
        gt=0,
        description="width x height of one image, read from its header (Pillow warns at 89M)",
    )


DEFAULT_LIMITS = SafetyLimits()
