"""Line icons for actions, in the palette's colours (light or dark).

The icons are Lucide's (ISC licence, resources/licenses/lucide.txt), a dozen SVG files in
resources/icons/actions/ drawn with ``stroke="currentColor"``. Each is rendered once per
colour into pixmaps (QSvgRenderer: Qt's SVG module, kept by the frozen build) and the
QIcon is cached, so a message row that scrolls into view takes a cached icon and renders
nothing. When the look switches between light and dark (AppLook.apply calls
``theme_changed``) the cache is emptied and ``notifier().changed`` fires: the few widgets
that hold icons set them again (``set_icon`` remembers which icon a button shows).
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton

from desktop.core.resources import resource_path

SIZES = (16, 20, 24)  # logical pixels a button may ask for (Qt scales between them)
ICON_NAME = "iconName"  # dynamic properties: which icon a button shows, in which tone
ICON_TONE = "iconTone"

# tone -> the palette role it is drawn in
TONES: dict[str, QPalette.ColorRole] = {
    "text": QPalette.ColorRole.ButtonText,
    "muted": QPalette.ColorRole.PlaceholderText,
    "accent": QPalette.ColorRole.Highlight,
    "on_accent": QPalette.ColorRole.HighlightedText,
}
FILLED = frozenset({"square"})  # drawn filled (Stop), not as an outline


class _Notifier(QObject):
    changed = Signal()


@functools.cache
def notifier() -> _Notifier:
    """``changed`` fires after a switch between light and dark (icons drawn anew)."""
    return _Notifier()


@functools.cache
def _svg(name: str) -> bytes:
    return resource_path("icons", "actions", f"{name}.svg").read_bytes()


def _render(name: str, color: QColor, size: int, ratio: float) -> QPixmap:
    data = _svg(name).replace(b"currentColor", color.name().encode("ascii"))
    if name in FILLED:
        data = data.replace(b'fill="none"', b'fill="' + color.name().encode("ascii") + b'"')
    renderer = QSvgRenderer(QByteArray(data))
    px = max(1, round(size * ratio))
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, px, px))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@functools.cache
def _icon(name: str, normal: str, disabled: str, ratio: float) -> QIcon:
    icon = QIcon()
    for size in SIZES:
        for mode, color in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Disabled, disabled)):
            icon.addPixmap(_render(name, QColor(color), size, ratio), mode)
    return icon


def _ratio() -> float:
    app = QGuiApplication.instance()
    return float(app.devicePixelRatio()) if isinstance(app, QGuiApplication) else 1.0


def icon(name: str, tone: str = "text") -> QIcon:
    """The icon ``name`` (a file in resources/icons/actions) in the palette's colour for
    ``tone`` (TONES), with a greyed version for disabled buttons."""
    pal = QGuiApplication.palette()
    role = TONES[tone]
    normal = pal.color(QPalette.ColorGroup.Active, role).name()
    disabled = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText).name()
    return _icon(name, normal, disabled, _ratio())


def set_icon(button: QAbstractButton, name: str, tone: str = "text", size: int = 16) -> None:
    """Give ``button`` the icon, and remember it for ``retint`` after a theme switch."""
    button.setProperty(ICON_NAME, name)
    button.setProperty(ICON_TONE, tone)
    button.setIcon(icon(name, tone))
    button.setIconSize(QSize(size, size))


def retint(button: QAbstractButton) -> None:
    """Set again the icon ``set_icon`` gave ``button`` (in the current palette's colours)."""
    name = button.property(ICON_NAME)
    if isinstance(name, str) and name:
        tone = button.property(ICON_TONE)
        button.setIcon(icon(name, tone if isinstance(tone, str) else "text"))


def theme_changed() -> None:
    """The palette changed (light <-> dark): icons are drawn anew from now on."""
    _icon.cache_clear()
    notifier().changed.emit()


@functools.cache
def _files_dir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ollama-desk-icons-"))  # private (0700), unique
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def svg_file(name: str, color: str) -> str:
    """The icon as an SVG file in ``color`` (for a style sheet's ``image: url(...)``,
    which reads files only), or "" when none can be written (the sheet then leaves the
    widget to the style)."""
    try:
        path = _files_dir() / f"{name}-{QColor(color).name()[1:]}.svg"
        if not path.exists():
            path.write_bytes(_svg(name).replace(b"currentColor", QColor(color).name().encode()))
    except OSError:
        return ""
    return path.as_posix()


def self_check() -> dict[str, bool]:
    """What the frozen build's smoke test asks: an action icon is drawn (QtSvg and the icon
    files shipped), and a style sheet's SVG image loads (Qt's SVG image plugin kept)."""
    image = icon("send-horizontal").pixmap(16, 16).toImage()
    drawn = any(image.pixelColor(x, y).alpha() > 0 for x in range(16) for y in range(16))
    path = svg_file("check", "#000000")
    return {"drawn": drawn, "sheet_images": bool(path) and not QImage(path).isNull()}
