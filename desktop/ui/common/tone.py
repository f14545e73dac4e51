"""Text that warns, reassures or stays in the background, in colours that read in light and
in dark: a dynamic property that the app's one style sheet colours (ui/shell/style.py), never
a colour written into a widget's own style sheet (which stays light-only and costs
milliseconds per widget to build)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

TONE = "tone"
TONES = ("", "muted", "danger", "success", "warning")


def set_tone(w: QWidget, tone: str) -> None:
    """``tone``: one of TONES ("" for the normal text colour). A label takes the tone's
    text colour, a line edit its border, a frame a tinted box."""
    if tone not in TONES:
        raise ValueError(tone)
    if w.property(TONE) != tone:
        w.setProperty(TONE, tone)
        w.style().unpolish(w)
        w.style().polish(w)
        w.update()
