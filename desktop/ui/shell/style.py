"""The app-wide look: Qt's Fusion style (the same on every OS), a calm palette that follows the
system's light or dark setting (or the "appearance" setting), and comfortable spacing.

Applied once to the QApplication, never per widget. Screens mark their one main action with
``mark_primary(button)``; the style sheet gives it the accent colour.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QStyleFactory

from desktop.ui.common import icons
from desktop.ui.shell.colors import DARK, LIGHT, Colors
from desktop.ui.shell.style_sheet import PRIMARY, style_sheet

__all__ = ["DARK", "LIGHT", "PRIMARY", "AppLook", "Colors", "is_dark", "mark_primary", "palette"]


def is_dark(app: QApplication, appearance: str) -> bool:
    """appearance: "light", "dark", or "" to follow the system."""
    if appearance in ("light", "dark"):
        return appearance == "dark"
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette(c: Colors) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, c.window),
        (role.WindowText, c.text),
        (role.Base, c.base),
        (role.AlternateBase, c.alternate),
        (role.Text, c.text),
        (role.Button, c.button),
        (role.ButtonText, c.text),
        (role.BrightText, "#ffffff"),
        (role.Highlight, c.accent),
        (role.HighlightedText, c.accent_text),
        (role.Link, c.link),
        (role.LinkVisited, c.link),
        (role.ToolTipBase, c.base),
        (role.ToolTipText, c.text),
        (role.PlaceholderText, c.muted),
        (role.Accent, c.accent),
    ):
        p.setColor(r, QColor(value))
    # the bevel shades Fusion draws frames, separators and radio rings with: derived from the
    # button colour, or they fall back to the light theme's (a white line under the menu
    # bar and invisible radio rings in dark mode)
    button = QColor(c.button)
    dark_theme = button.lightness() < 128
    for r, shade in (
        (role.Light, button.lighter(170 if dark_theme else 150)),
        (role.Midlight, button.lighter(130 if dark_theme else 115)),
        (role.Mid, button.lighter(150) if dark_theme else button.darker(130)),
        (role.Dark, button.darker(150)),
        (role.Shadow, button.darker(300)),
    ):
        p.setColor(r, shade)
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor(c.disabled))
    p.setColor(QPalette.ColorGroup.Disabled, role.Highlight, QColor(c.border))
    return p


class AppLook:
    """Applies the look to the whole app and keeps it in step with the OS's light/dark
    switch (when the "appearance" setting is empty) and with that setting."""

    def __init__(self, app: QApplication, appearance: str = "") -> None:
        self.app = app
        self.appearance = appearance
        self.dark = False
        # Fusion itself, not a Python QProxyStyle: an override there is a call into Python
        # for every metric of every layout pass (16,000 at start-up alone); the room
        # around widgets comes from the style sheet's padding instead
        self.style = QStyleFactory.create("Fusion")
        app.setStyle(self.style)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: self.apply())
        self.apply()

    def set_appearance(self, appearance: str) -> None:
        self.appearance = appearance
        self.apply()

    def apply(self) -> None:
        dark = is_dark(self.app, self.appearance)
        switched = dark != self.dark
        self.dark = dark
        colors = DARK if self.dark else LIGHT
        self.app.setPalette(palette(colors))
        self.app.setStyleSheet(style_sheet(colors))
        if switched:
            icons.theme_changed()  # icons drawn in the palette's colours: drawn anew


def mark_primary(button: QPushButton) -> None:
    """The one main action of a screen: accent coloured, and the Enter key's default."""
    button.setProperty(PRIMARY, True)
    button.setDefault(True)
    button.style().unpolish(button)
    button.style().polish(button)
