"""Every user-visible string is collected, translated to Japanese, and compiled."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_translations_complete_and_compiled() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n.py"), "check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
