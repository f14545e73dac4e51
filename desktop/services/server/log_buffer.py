"""The managed server's output: a bounded buffer of lines, handed on coalesced every 100 ms
(never a signal per line: a chatty server must not flood the UI thread)."""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal

LOG_LINES = 5000
LOG_LINE_CHARS = 4000


class LogBuffer(QObject):
    """``appended(list[str])``: the lines added since the last emission."""

    appended = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: deque[str] = deque(maxlen=LOG_LINES)
        self._pending: list[str] = []
        self._partial = ""
        self._flush = QTimer(self)
        self._flush.setInterval(100)
        self._flush.setSingleShot(True)
        self._flush.timeout.connect(self.emit_now)

    def feed(self, data: bytes) -> list[str]:
        """Raw process output; returns the complete lines it contained."""
        text = self._partial + data.decode("utf-8", "replace")
        lines = text.split("\n")
        self._partial = lines.pop()
        lines = [ln.rstrip("\r")[:LOG_LINE_CHARS] for ln in lines]
        self.append(lines)
        return lines

    def end(self) -> None:
        """The process is gone: keep a last line that had no newline."""
        if self._partial:
            self.append([self._partial[:LOG_LINE_CHARS]])
            self._partial = ""

    def append(self, lines: list[str]) -> None:
        if not lines:
            return
        self.lines.extend(lines)
        self._pending.extend(lines)
        if len(self._pending) > LOG_LINES:
            del self._pending[: len(self._pending) - LOG_LINES]
        if not self._flush.isActive():
            self._flush.start()

    def emit_now(self) -> None:
        lines, self._pending = self._pending, []
        if lines:
            self.appended.emit(lines)

    def text(self) -> str:
        return "\n".join(self.lines)
