"""How much an upload may weigh, and how its parts may be shaped, before it is refused unread.

Every limit is a field of `SafetyLimits`; a refusal names the field it hit, so an operator can
raise exactly that one (`CONCORD_LIMITS__<FIELD>` in the environment, see
concord.models.settings). The defaults leave room for a long, illustrated answer: a 10^5
paragraph answer with 5,000 comments and 50,000 tracked changes passes all of them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

MB = 1024 * 1024


class SafetyLimits(BaseModel):
    """Ceilings for an uploaded .docx, each checked before the part it concerns is parsed."""

    model_config = ConfigDict(frozen=True)

    max_bytes: int = Field(50 * MB, gt=0, description="size of the uploaded file")
    max_members: int = Field(2000, gt=0, description="files inside the zip package")
    max_total_uncompressed: int = Field(
        200 * MB, gt=0, description="sum of the members' declared uncompressed sizes"
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
    max_total_ratio: float = Field(
        60.0,
        gt=1,
        description="uncompressed:compressed size of the whole package, once it unpacks to more "
        "than total_ratio_floor (many small members each under ratio_floor)",
    )
    total_ratio_floor: int = Field(
        20 * MB, ge=0, description="packages unpacking to no more than this skip max_total_ratio"
    )
    max_xml_part: int = Field(
        64 * MB, gt=0, description="declared uncompressed size of one XML part"
    )
    max_custom_xml: int = Field(
        2 * MB, gt=0, description="declared uncompressed size of one customXml/ part"
    )
    max_xml_elements: int = Field(
        2_000_000, gt=0, description="elements in one XML part (counted before parsing)"
    )
    max_xml_depth: int = Field(
        128,
        gt=0,
        description="nesting of elements in one XML part (lxml stops at 256)",
    )
    max_text_run: int = Field(
        2 * MB,
        gt=0,
        description="bytes of one stretch of text or attribute value between two tags",
    )
    max_nested_package: int = Field(
        20 * MB, gt=0, description="declared size of one embedded package (a chart's workbook)"
    )
    max_nesting: int = Field(
        2, ge=0, description="packages inside packages inside the document (0: none accepted)"
    )
    max_comments: int = Field(5000, gt=0, description="w:comment elements in a comments part")
    max_image_pixels: int = Field(
        80_000_000,
        gt=0,
        description="width x height of one image, read from its header (Pillow warns at 89M)",
    )


DEFAULT_LIMITS = SafetyLimits()
