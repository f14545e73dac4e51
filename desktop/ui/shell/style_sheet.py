"""The app's one style sheet, made from a palette of named colours (colors.py): applied
once to the QApplication by AppLook (style.py), never per widget."""

from __future__ import annotations

from desktop.ui.common import icons
from desktop.ui.shell.colors import Colors

PRIMARY = "primary"  # dynamic property of a screen's main button


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
QFrame#noticeBar, QFrame#editBar, QFrame#chatBanner, QFrame#contextChoice {{
    background-color: {c.notice}; border: 1px solid {c.notice_border}; border-radius: 8px;
}}
{tone_rules(c)}
{chat_rules(c)}"""


def tone_rules(c: Colors) -> str:
    """ui/common/tone.py: muted, danger, success and warning text in either look."""
    return f"""
QLabel[tone="muted"] {{ color: {c.muted}; }}
QLabel[tone="danger"] {{ color: {c.danger}; }}
QLabel[tone="success"] {{ color: {c.success}; }}
QLabel[tone="warning"] {{ color: {c.warning}; }}
QLineEdit[tone="danger"] {{ border-color: {c.danger}; }}
QFrame[tone="danger"] {{
    border: 1px solid {c.danger}; border-radius: 8px; background-color: {c.danger_soft};
}}
"""


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
    padding: 4px 4px 4px 8px; border: 1px solid {c.border}; border-radius: 6px;
    background-color: {c.button}; color: {c.text};
}}
QComboBox:hover {{ background-color: {c.hover}; }}
QComboBox:focus {{ border-color: {c.accent}; }}
QComboBox:disabled {{ color: {c.disabled}; background-color: {c.window}; }}
QComboBox::drop-down {{ border: none; width: 18px; }}
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
QFrame#composerBox[focused="true"] {{ border: 2px solid {c.accent}; }}
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
