"""Model names, blob digests and timestamps as the fake Ollama server checks and writes them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_NAME_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$")
_DIGEST = re.compile(r"^sha256[:-][0-9a-fA-F]{64}$")


def _now_rfc3339(offset: timedelta = timedelta()) -> str:
    t = datetime.now(UTC) + offset
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond:06d}000Z"


def _normalise_name(name: str) -> str | None:
    """Return the display name `model:tag` (lower-cased key) or None when invalid."""
    n = name.strip()
    tag = "latest"
    colon, slash = n.rfind(":"), n.rfind("/")
    if colon > slash:
        n, tag = n[:colon], n[colon + 1 :]
    parts = n.split("/")
    if len(parts) > 3 or not all(parts) or not _NAME_PART.match(tag):
        return None
    if not all(_NAME_PART.match(p) or (i == 0 and len(parts) == 3) for i, p in enumerate(parts)):
        return None
    default_ns = len(parts) == 2 and parts[0] == "library"
    if parts[:2] == ["registry.ollama.ai", "library"] or default_ns:
        parts = parts[-1:]
    return "/".join(parts) + ":" + tag
