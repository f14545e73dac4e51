"""Quitting when the system asks: SIGTERM (logout, ``kill``, a service manager), SIGHUP (the
session or terminal went away) and SIGINT (Ctrl+C in a terminal) end the app as closing its
window does (issue 24.10), instead of ending it where it stands with its own server left
running and an answer half saved.

Python runs a signal handler only when the interpreter next gets control, which an app
waiting in Qt's event loop may not give for a long time. ``signal.set_wakeup_fd`` writes the
signal's number to a socket the event loop watches (a QSocketNotifier): the request is heard
at once, and nothing runs while no signal comes. POSIX only (a Windows logout closes the
window, which is the normal quit).
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable, Iterable
from types import FrameType
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class QuitSignals(QObject):
    """``received(int)``: one of ``signals`` arrived (on the main thread, from the event
    loop). Create on the main thread; ``close()`` puts the previous handlers back."""

    received = Signal(int)

    def __init__(
        self, signals: Iterable[signal.Signals] = QUIT_SIGNALS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._signals = {int(s) for s in signals}
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        self._previous: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}
        for s in self._signals:
            self._previous[s] = signal.signal(s, _noted)
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_wake)

    def _on_wake(self) -> None:
        try:
            data = self._read.recv(256)
        except (BlockingIOError, InterruptedError):
            return
        for number in data:
            if number in self._signals:
                self.received.emit(number)

    def close(self) -> None:
        self._notifier.setEnabled(False)
        for s, handler in self._previous.items():
            with contextlib.suppress(TypeError, ValueError):
                signal.signal(s, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._read.close()
        self._write.close()


def _noted(_signum: int, _frame: FrameType | None) -> None:
    """The Python-level handler: the wake-up socket carries the signal to the event loop."""
