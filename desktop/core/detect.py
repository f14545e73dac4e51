"""Where an Ollama binary may be installed, per OS (reference §3.6). Pure look-ups."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def standard_binary_locations() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [local / "Programs" / "Ollama" / "ollama.exe"]
    if sys.platform == "darwin":
        return [
            Path("/Applications/Ollama.app/Contents/Resources/ollama"),
            home / "Applications" / "Ollama.app" / "Contents" / "Resources" / "ollama",
            Path("/usr/local/bin/ollama"),
            Path("/opt/homebrew/bin/ollama"),
        ]
    return [
        Path("/usr/local/bin/ollama"),
        Path("/usr/bin/ollama"),
        Path("/bin/ollama"),
        home / ".local" / "bin" / "ollama",
    ]


def find_ollama_binaries(extra: list[Path] | None = None) -> list[Path]:
    """Existing, executable `ollama` binaries: PATH first, then the standard places."""
    found: list[Path] = []
    on_path = shutil.which("ollama")
    candidates = [Path(on_path)] if on_path else []
    candidates += list(extra or []) + standard_binary_locations()
    for p in candidates:
        try:
            resolved = p.resolve()
        except OSError:
            continue
        if resolved.is_file() and os.access(resolved, os.X_OK) and resolved not in found:
            found.append(resolved)
    return found
