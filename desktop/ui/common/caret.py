"""The text cursor stops blinking after a while without typing, as GNOME's cursor-blink-timeout
does. A blinking cursor wakes the app twice a second to repaint the message box: at idle it
was most of what the app cost (issue 13: every wake-up is taken from the model)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

BLINK_FOR_MS = 10_000  # after the last key, click or focus change

_os_flash_ms: int | None = None  # the system's setting, as first seen (0: no blinking)


class CaretRest(QObject):
    """``wake()`` on any typing: the cursor blinks again for BLINK_FOR_MS, then stays lit."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        global _os_flash_ms
        hints = QGuiApplication.styleHints()
        if _os_flash_ms is None:
            _os_flash_ms = hints.cursorFlashTime()
        self._flash = _os_flash_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(BLINK_FOR_MS)
        self._timer.timeout.connect(self.rest)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.wake)
        self.destroyed.connect(_restore)
        self.wake()

    @property
    def resting(self) -> bool:
        return self._flash > 0 and QGuiApplication.styleHints().cursorFlashTime() == 0

    def wake(self, *_args: object) -> None:
        if self._flash <= 0:
            return  # the user turned blinking off: nothing to save
        hints = QGuiApplication.styleHints()
        if hints.cursorFlashTime() != self._flash:
            hints.setCursorFlashTime(self._flash)
        self._timer.start()

    def rest(self, *_args: object) -> None:
        if self._flash > 0:
            QGuiApplication.styleHints().setCursorFlashTime(0)  # lit, not blinking


def _restore(*_args: object) -> None:
    if _os_flash_ms and QGuiApplication.instance() is not None:
        QGuiApplication.styleHints().setCursorFlashTime(_os_flash_ms)
