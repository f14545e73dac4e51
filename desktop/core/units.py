"""Sizes as people read them: one formatter for the whole app (GUI and command line).

Binary units, labelled as such (1 GiB = 1024**3 bytes): what Ollama, file managers and the
model library mean by "GB", written so that nobody has to guess which one is meant.
"""

from __future__ import annotations

KIB = 1024
MIB = 1024**2
GIB = 1024**3
TIB = 1024**4


def human_bytes(n: float | None) -> str:
    """``1.5 GiB``, ``241.4 MiB``, ``12.0 KiB``, ``512 B``; ``—`` when unknown."""
    if n is None:
        return "—"
    for unit, size in (("TiB", TIB), ("GiB", GIB), ("MiB", MIB), ("KiB", KIB)):
        if abs(n) >= size:
            return f"{n / size:.1f} {unit}"
    return f"{int(n)} B"
