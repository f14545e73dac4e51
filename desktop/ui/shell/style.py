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

from desktop.ui.common import icons

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
    hover: str  # under a flat button the pointer is on
    pressed: str
    user_card: str  # the user's messages: a tint of the accent
    soft_accent: str  # a selected chat in the list, a checked toggle
    danger: str  # text that warns (readable on the window colour)


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
    hover="#e9ecf0",
    pressed="#dde1e7",
    user_card="#eaf1fc",
    soft_accent="#dce7fa",
    danger="#b3261e",
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
    hover="#2f343c",
    pressed="#3a4049",
    user_card="#1f2a3d",
    soft_accent="#263552",
    danger="#ff8a80",
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
    # Flat scroll bars: Fusion's own cost 1.7 ms of CPU per repaint (gradients, filled
    # through Qt's thread pool), and the transcript's repaints whenever an answer grows or
    # the view scrolls; these cost 0.02 ms. Rules name widget types and object names only:
    # one sheet for the app, never one per widget (a widget's own sheet costs ms to build).
    return f"""
QPushButton {{
    padding: 5px 14px; border: 1px solid {c.border}; border-radius: 6px;
    background-color: {c.button}; color: {c.text};
}}
QPushButton:hover {{ background-color: {c.hover}; }}
QPushButton:pressed, QPushButton:checked {{ background-color: {c.pressed}; }}
QPushButton:disabled {{ color: {c.disabled}; background-color: {c.window}; }}
QPushButton[{PRIMARY}="true"] {{
    background-color: {c.accent}; color: {c.accent_text}; font-weight: 600;
    border: 1px solid {c.accent}; padding: 5px 16px;
}}
QPushButton[{PRIMARY}="true"]:hover {{ background-color: {c.accent_hover}; }}
QPushButton[{PRIMARY}="true"]:disabled {{
    background-color: {c.alternate}; color: {c.disabled}; border-color: {c.border};
}}
QLineEdit {{
    padding: 4px 6px; border: 1px solid {c.border}; border-radius: 6px;
    background-color: {c.base};
}}
QLineEdit:focus {{ border-color: {c.accent}; }}
QLineEdit:disabled {{ color: {c.disabled}; background-color: {c.window}; }}
{combo_rules(c)}
QToolButton[autoRaise="true"] {{
    border: none; border-radius: 6px; padding: 3px; background: transparent;
}}
QToolButton[autoRaise="true"]:hover {{ background-color: {c.hover}; }}
QToolButton[autoRaise="true"]:pressed, QToolButton[autoRaise="true"]:checked {{
    background-color: {c.pressed};
}}
QTabWidget::pane {{ border: none; border-top: 1px solid {c.border}; }}
QTabBar::tab {{
    padding: 8px 18px; margin-right: 2px; border: none;
    border-bottom: 2px solid transparent; background: transparent; color: {c.muted};
}}
QTabBar::tab:selected {{ color: {c.text}; border-bottom: 2px solid {c.accent}; }}
QTabBar::tab:hover:!selected {{ color: {c.text}; border-bottom: 2px solid {c.border}; }}
QGroupBox {{
    border: 1px solid {c.border}; border-radius: 8px; margin-top: 12px; padding: 10px 8px 8px 8px;
}}
QGroupBox::title {{
    subcontrol-origin: margin; subcontrol-position: top left; left: 10px; padding: 0 4px;
    color: {c.muted};
}}
QHeaderView::section {{
    background-color: {c.alternate}; color: {c.muted}; border: none;
    border-right: 1px solid {c.border}; border-bottom: 1px solid {c.border}; padding: 4px 6px;
}}
QTableView {{ gridline-color: {c.border}; }}
QSplitter::handle {{ background: {c.window}; }}
QStatusBar {{ border-top: 1px solid {c.border}; }}
QToolTip {{ color: {c.text}; background-color: {c.base}; border: 1px solid {c.border}; }}
QScrollBar:vertical {{ background: transparent; width: 12px; margin: 0; border: none; }}
QScrollBar:horizontal {{ background: transparent; height: 12px; margin: 0; border: none; }}
QScrollBar::handle {{ background: {c.border}; border-radius: 4px; margin: 3px; }}
QScrollBar::handle:vertical {{ min-height: 28px; }}
QScrollBar::handle:horizontal {{ min-width: 28px; }}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{ background: {c.disabled}; }}
QScrollBar::add-line, QScrollBar::sub-line {{
    width: 0; height: 0; border: none; background: none;
}}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QFrame#noticeBar, QFrame#editBar, QFrame#chatBanner {{
    background-color: {c.notice}; border: 1px solid {c.notice_border}; border-radius: 8px;
}}
{chat_rules(c)}"""


def combo_rules(c: Colors) -> str:
    """Combo boxes like the buttons beside them, and check boxes that show in dark too;
    their arrow and tick are icon files (a style sheet reads images from files only).
    Without them they keep Fusion's own look."""
    arrow = icons.svg_file("chevron-down", c.muted)
    up = icons.svg_file("chevron-up", c.muted)
    tick = icons.svg_file("check", c.accent_text)
    if not arrow or not up or not tick:
        return ""
    return f"""
QAbstractSpinBox {{
    padding: 4px 6px; border: 1px solid {c.border}; border-radius: 6px;
    background-color: {c.base}; color: {c.text};
}}
QAbstractSpinBox:focus {{ border-color: {c.accent}; }}
QAbstractSpinBox:disabled {{ color: {c.disabled}; background-color: {c.window}; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    border: none; width: 18px; background: transparent;
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
QAbstractSpinBox::up-button:hover, QAbstractSpinBox::down-button:hover {{
    background-color: {c.hover};
}}
QAbstractSpinBox::up-arrow {{ image: url({up}); width: 10px; height: 10px; }}
QAbstractSpinBox::down-arrow {{ image: url({arrow}); width: 10px; height: 10px; }}
QCheckBox::indicator {{
    width: 14px; height: 14px; border: 1px solid {c.disabled}; border-radius: 4px;
    background-color: {c.base};
}}
QCheckBox::indicator:hover {{ border-color: {c.accent}; }}
QCheckBox::indicator:checked {{
    background-color: {c.accent}; border-color: {c.accent}; image: url({tick});
}}
QCheckBox::indicator:disabled {{ background-color: {c.window}; border-color: {c.border}; }}
QCheckBox::indicator:checked:disabled {{ background-color: {c.disabled}; }}
QComboBox {{
    padding: 4px 8px; border: 1px solid {c.border}; border-radius: 6px;
    background-color: {c.button}; color: {c.text};
}}
QComboBox:hover {{ background-color: {c.hover}; }}
QComboBox:focus {{ border-color: {c.accent}; }}
QComboBox:disabled {{ color: {c.disabled}; background-color: {c.window}; }}
QComboBox::drop-down {{ border: none; width: 22px; }}
QComboBox::down-arrow {{ image: url({arrow}); width: 14px; height: 14px; }}
"""


def chat_rules(c: Colors) -> str:
    """The chat's own surfaces: the user's messages as tinted cards, the model's as open
    text, the message box with its buttons as one rounded unit, the figures strip."""
    return f"""
QFrame#userMessage {{ background-color: {c.user_card}; border: none; border-radius: 12px; }}
QLabel#messageTitle {{ color: {c.muted}; font-weight: 600; }}
QLabel#messageFooter, QLabel#messageStatus, QLabel#versionLabel {{ color: {c.muted}; }}
QToolButton#reasoningToggle {{ color: {c.muted}; }}
QToolButton#reasoningToggle:checked {{ background: transparent; }}
QToolButton#reasoningToggle:checked:hover {{ background-color: {c.hover}; }}
QTextBrowser#thinking {{
    color: {c.muted}; background: transparent; border: none;
    border-left: 2px solid {c.border}; padding-left: 8px;
}}
QToolButton#jumpToLatest {{
    background-color: {c.base}; border: 1px solid {c.border}; border-radius: 14px;
    padding: 4px 12px 4px 8px;
}}
QToolButton#jumpToLatest:hover {{ background-color: {c.hover}; }}
QListWidget#chatList {{ border: none; background: transparent; }}
QListWidget#chatList::item {{ padding: 6px 8px; border-radius: 6px; color: {c.text}; }}
QListWidget#chatList::item:hover {{ background-color: {c.hover}; }}
QListWidget#chatList::item:selected {{ background-color: {c.soft_accent}; color: {c.text}; }}
QFrame#attachmentChip {{
    background-color: {c.base}; border: 1px solid {c.border}; border-radius: 8px;
}}
QFrame#composerBox {{
    background-color: {c.base}; border: 1px solid {c.border}; border-radius: 12px;
}}
QFrame#composerBox[focused="true"] {{ border-color: {c.accent}; }}
QFrame#composerBox[editing="true"] {{ border: 2px solid {c.accent}; }}
QToolButton#sendButton, QToolButton#stopButton {{
    border: none; border-radius: 16px; padding: 0; min-width: 32px; min-height: 32px;
    background-color: {c.accent};
}}
QToolButton#sendButton:hover, QToolButton#stopButton:hover {{
    background-color: {c.accent_hover};
}}
QToolButton#sendButton:disabled {{ background-color: {c.alternate}; }}
QFrame#perfStrip {{ border: none; border-top: 1px solid {c.border}; }}
QLabel#perfCaption {{ color: {c.muted}; }}
QLabel#swapWarning {{ color: {c.danger}; }}
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
