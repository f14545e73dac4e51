"""The model recommended last time on this machine (a small JSON file in the data folder,
with the hardware fingerprint it was made for), so the recommendation only changes when a
challenger is clearly better (core/models/recommend) and not with every measurement's
noise. Another machine's pick, or an unreadable file, is no pick."""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

PICK_FILE = "recommendation.json"


class PickMemory:
    """``path`` None: remembered for this run only."""

    def __init__(self, path: Path | None, fingerprint: str) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.name: str | None = None
        if path is None:
            return
        with contextlib.suppress(OSError, ValueError, AttributeError, TypeError):
            d = json.loads(path.read_text(encoding="utf-8"))
            if d.get("fingerprint") == fingerprint and isinstance(d.get("model"), str):
                self.name = d["model"] or None

    def remember(self, name: str) -> None:
        """Keep ``name`` as this machine's pick (written only when it changes)."""
        if name == self.name:
            return
        self.name = name
        if self.path is None:
            return
        data = {"model": name, "fingerprint": self.fingerprint, "at": time.time()}
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, self.path)
