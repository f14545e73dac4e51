"""The app's two palettes of named colours, light and dark (ui/shell/style.py applies
them; the style sheet, style_sheet.py, names them)."""

from __future__ import annotations

from dataclasses import dataclass


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
    danger_soft: str  # the ground of a warning box
    success: str
    warning: str


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
    danger_soft="#fdecea",
    success="#2e7d32",
    warning="#9a5000",
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
    danger_soft="#3a2424",
    success="#7cc67f",
    warning="#ffb74d",
)
