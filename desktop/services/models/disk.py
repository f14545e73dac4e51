"""Where Ollama keeps models on this machine, and how much room is left there."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CANDIDATES = (
    Path.home() / ".ollama" / "models",
    Path("/usr/share/ollama/.ollama/models"),  # the Linux system service's home
    Path("/var/lib/ollama/models"),
)


def models_dir(configured: str = "") -> Path:
    """The configured folder, else $OLLAMA_MODELS, else the first usual place that exists
    (else ~/.ollama/models, which Ollama creates on first pull)."""
    if configured:
        return Path(configured).expanduser()
    env = os.environ.get("OLLAMA_MODELS")
    if env:
        return Path(env).expanduser()
    for c in CANDIDATES:
        if c.exists():
            return c
    return CANDIDATES[0]


def free_bytes(folder: Path) -> int:
    """Free space on the file system holding ``folder`` (or its nearest existing parent)."""
    p = folder
    while not p.exists() and p != p.parent:
        p = p.parent
    return int(shutil.disk_usage(p).free)
