"""Canonical JSON: one byte sequence per value, so a SHA-256 over it means something.

Sorted keys, no whitespace, UTF-8 (not \\u escapes). Records and audit entries are stored in this
form; an audit entry's hash is the SHA-256 of exactly these bytes.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def model_bytes(model: BaseModel) -> bytes:
    return canonical_json(model.model_dump(mode="json"))


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
