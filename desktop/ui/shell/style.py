"""The app-wide look: Qt's Fusion style (the same on every OS), a calm palette that follows the
system's light or dark setting (or the "appearance" setting), and comfortable spacing.

Applied once to the QApplication, never per widget. Screens mark their one main action with
``mark_primary(button)``; the style sheet gives it the accent colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QStyleFactory

PRIMARY = "primary"  # dynamic property of a screen's main button


@dataclass(frozen=True)
class Colors:
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    disabled: str
    button: str
    accent: str
    accent_hover: str
    accent_text: str
    link: str
    border: str
    notice: str
    notice_border: str


LIGHT = Colors(
    window="#f5f6f8",
    base="#ffffff",
    alternate="#f0f2f5",
    text="#1f2328",
    muted="#5b636e",
    disabled="#8c959f",
    button="#fbfbfc",
    accent="#2f6fde",
    accent_hover="#245ec4",
    accent_text="#ffffff",
    link="#1f5fcf",
    border="#d0d5dc",
    notice="#fff6da",
    notice_border="#e8cf7a",
)
DARK = Colors(
    window="#1d2025",
    base="#15171b",
    alternate="#23272d",
    text="#e6e8eb",
    muted="#a0a7b1",
    disabled="#6b727c",
    button="#2b3038",
    accent="#3570d8",
    accent_hover="#3a73d6",
    accent_text="#ffffff",
    link="#7fb0ff",
    border="#3a4049",
    notice="#3a3220",
    notice_border="#6b5a2a",
)


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


def style_sheet(c: Colors) -> str:
    # Tool buttons that Qt draws flat until hovered (the transcript's Copy, Edit, Regenerate,
    # Reasoning; a chip's ×) read as text: they get a frame, a hover and a focus colour.
    # Flat scroll bars: Fusion's own cost 1.7 ms of CPU per repaint (gradients, filled
    # through Qt's thread pool), and the transcript's repaints whenever an answer grows or
    # the view scrolls; these cost 0.02 ms.
    return f"""
QPushButton {{ padding: 5px 14px; }}
QPushButton[{PRIMARY}="true"] {{
    background-color: {c.accent}; color: {c.accent_text}; font-weight: 600;
    border: 1px solid {c.accent}; border-radius: 5px; padding: 6px 16px;
}}
QPushButton[{PRIMARY}="true"]:hover {{ background-color: {c.accent_hover}; }}
QPushButton[{PRIMARY}="true"]:disabled {{
    background-color: {c.alternate}; color: {c.disabled}; border-color: {c.border};
}}
QToolButton[autoRaise="true"] {{
    border: 1px solid {c.border}; border-radius: 4px; padding: 1px 8px;
    background-color: {c.button}; color: {c.text};
}}
QToolButton[autoRaise="true"]:hover {{ background-color: {c.alternate}; border-color: {c.muted}; }}
QToolButton[autoRaise="true"]:pressed, QToolButton[autoRaise="true"]:checked {{
    background-color: {c.alternate};
}}
QToolButton[autoRaise="true"]:focus {{ border: 1px solid {c.accent}; }}
QTabWidget::pane {{ border: none; border-top: 1px solid {c.border}; }}
QTabBar::tab {{
    padding: 8px 18px; margin-right: 2px; border: none;
    border-bottom: 2px solid transparent; background: transparent; color: {c.muted};
}}
QTabBar::tab:selected {{ color: {c.text}; border-bottom: 2px solid {c.accent}; }}
QTabBar::tab:hover:!selected {{ color: {c.text}; border-bottom: 2px solid {c.border}; }}
QSplitter::handle {{ background: {c.window}; }}
QStatusBar {{ border-top: 1px solid {c.border}; }}
QToolTip {{ color: {c.text}; background-color: {c.base}; border: 1px solid {c.border}; }}
QScrollBar:vertical {{ background: {c.alternate}; width: 12px; margin: 0; border: none; }}
QScrollBar:horizontal {{ background: {c.alternate}; height: 12px; margin: 0; border: none; }}
QScrollBar::handle {{ background: {c.disabled}; border-radius: 4px; margin: 2px; }}
QScrollBar::handle:vertical {{ min-height: 28px; }}
QScrollBar::handle:horizontal {{ min-width: 28px; }}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{ background: {c.muted}; }}
QScrollBar::add-line, QScrollBar::sub-line {{
    width: 0; height: 0; border: none; background: none;
}}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QFrame#noticeBar, QFrame#editBar {{
    background-color: {c.notice}; border: 1px solid {c.notice_border}; border-radius: 6px;
}}
QPlainTextEdit[editing="true"] {{ border: 2px solid {c.accent}; border-radius: 4px; }}
"""


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
        self.dark = is_dark(self.app, self.appearance)
        colors = DARK if self.dark else LIGHT
        self.app.setPalette(palette(colors))
        self.app.setStyleSheet(style_sheet(colors))


def mark_primary(button: QPushButton) -> None:
    """The one main action of a screen: accent coloured, and the Enter key's default."""
    button.setProperty(PRIMARY, True)
    button.setDefault(True)
    button.style().unpolish(button)
    button.style().polish(button)
