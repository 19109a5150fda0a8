from __future__ import annotations

import os

import pytest

from tests.support.libreoffice import soffice_path

# Concord speaks Vietnamese unless told otherwise; the suite's assertions on messages and
# refusals are written against the English wording, and tests/flows/test_language.py checks that
# Vietnamese is the default and that both languages say the same things.
os.environ.setdefault("CONCORD_LANG", "en")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if soffice_path() is not None:
        return
    if os.environ.get("CONCORD_REQUIRE_LIBREOFFICE"):
        # In CI the judge must be present: a skipped judgement would hide a broken file.
        raise pytest.UsageError("LibreOffice is required (CONCORD_REQUIRE_LIBREOFFICE=1)")
    skip = pytest.mark.skip(reason="LibreOffice (soffice) not installed")
    for item in items:
        if "libreoffice" in item.keywords:
            item.add_marker(skip)
