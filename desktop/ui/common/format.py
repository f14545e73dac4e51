"""Numbers and times as people read them, in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def duration(seconds: float) -> str:
    """Time left, e.g. "45 s", "3 min 5 s", "1 h 20 min"."""
    s = int(seconds + 0.5)
    if s < 60:
        return QCoreApplication.translate("Format", "{s} s").format(s=s)
    if s < 3600:
        return QCoreApplication.translate("Format", "{m} min {s} s").format(m=s // 60, s=s % 60)
    return QCoreApplication.translate("Format", "{h} h {m} min").format(
        h=s // 3600, m=(s % 3600) // 60
    )
