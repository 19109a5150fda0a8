"""Packages inside the package: a chart keeps its data as an embedded .xlsx (or .docx/.pptx).

They are legitimate, so they are checked as packages too, with what the outer package left of
the unpacking budget: a zip bomb nested inside an innocent-looking document is refused like one
on the outside, and nesting stops at `max_nesting`.
"""

from __future__ import annotations

import io
import zipfile

from concord.engine.safety.container import (
    check_container,
    open_package,
    reading_member,
    unpacked_size,
)
from concord.engine.safety.limits import MB, SafetyLimits
from concord.engine.safety.package import (
    SAFE_EMBEDDED,
    ContentTypes,
    check_active_content,
    check_relationships,
    content_types_of,
    extension,
    read_tree,
)
from concord.engine.safety.parts import check_xml
from concord.engine.safety.refusals import detail, refuse
from concord.engine.safety.sniff import ZIP_MAGIC


def check_nested(
    z: zipfile.ZipFile,
    members: dict[str, str],
    types: ContentTypes,
    limits: SafetyLimits,
    level: int = 1,
    budget: int | None = None,
) -> None:
    """Check each embedded package of `z` (at nesting `level`) and, in turn, its own, within
    what `z` leaves of `budget` (default: the whole unpacking budget)."""
    budget = limits.max_total_uncompressed if budget is None else budget
    budget -= unpacked_size(z)
    for key, name in members.items():
        if types.of(key) not in SAFE_EMBEDDED:
            continue
        info = z.getinfo(name)
        if level > limits.max_nesting:
            raise refuse(
                "nested_package",
                setting="max_nesting",
                name=name,
                detail=detail("nested_deep", limit=limits.max_nesting),
            )
        if info.file_size > limits.max_nested_package:
            raise refuse(
                "nested_package",
                setting="max_nested_package",
                name=name,
                detail=detail(
                    "nested_large",
                    size_mb=info.file_size / MB,
                    limit_mb=limits.max_nested_package / MB,
                ),
            )
        with reading_member():
            data = z.read(name)
        budget -= _check_package(name, data, limits, budget, level)


def _check_package(name: str, data: bytes, limits: SafetyLimits, budget: int, level: int) -> int:
    """Check one embedded package; returns what it unpacks to."""
    if not data.startswith(ZIP_MAGIC):
        raise refuse("nested_package", name=name, detail=detail("not_office"))
    stream = io.BytesIO(data)
    with open_package(stream) as inner:
        members = check_container(inner, stream, limits, budget=max(budget, 0))
        if "[content_types].xml" not in members:
            raise refuse("nested_package", name=name, detail=detail("not_office"))
        types = content_types_of(inner, members)
        check_active_content(members, types)
        for key, member in members.items():
            ext = extension(key)
            if ext in ("xml", "rels") or types.of(key).endswith(("+xml", "/xml")):
                check_xml(inner, member, limits)
            if ext == "rels":
                check_relationships(read_tree(inner, member))
        check_nested(inner, members, types, limits, level + 1, budget)
        return unpacked_size(inner)
