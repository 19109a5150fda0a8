"""The order of the checks: cheapest and most telling first, inflating nothing until the zip's
declared sizes are within budget."""

from __future__ import annotations

from concord.engine.safety.container import check_container, open_package
from concord.engine.safety.limits import DEFAULT_LIMITS, MB, SafetyLimits
from concord.engine.safety.package import check_active_content, check_main_document
from concord.engine.safety.parts import check_parts
from concord.engine.safety.refusals import refuse
from concord.engine.safety.sniff import ZIP_MAGIC, refuse_non_zip


def check_docx(data: bytes, limits: SafetyLimits = DEFAULT_LIMITS) -> None:
    """Return if `data` is a Word .docx safe to parse; raise UnsafeDocument (with `.code`)."""
    if not data:
        raise refuse("empty")
    if len(data) > limits.max_bytes:
        raise refuse("too_large", size_mb=len(data) / MB, limit_mb=limits.max_bytes / MB)
    if not data.startswith(ZIP_MAGIC):
        raise refuse_non_zip(data)
    with open_package(data) as z:
        members = check_container(z, data, limits)
        types = check_main_document(z, members)
        check_active_content(members, types)
        check_parts(z, members, types, limits)
