"""The one answer to "what is the server doing?", shared by the connection monitor, the
app's own `ollama serve`, the Server tab, the status bar and the Start-here card."""

from __future__ import annotations

from enum import Enum


class ServerStatus(Enum):
    CHECKING = "checking"  # not known yet (a probe is in flight)
    CONNECTED = "connected"  # an Ollama answers (the app's own, an adopted one or external)
    STARTING = "starting"  # the app's own server was started and does not answer yet
    STOPPING = "stopping"  # the app asked its own server to stop
    NOT_RUNNING = "not_running"  # nothing answers; Ollama is installed or answered before
    NOT_INSTALLED = "not_installed"  # nothing answers and no Ollama is known at all
    CRASHED = "crashed"  # the app's own server exited without being asked to
    NOT_OLLAMA = "not_ollama"  # something answers, but not like Ollama

    @property
    def answering(self) -> bool:
        return self is ServerStatus.CONNECTED

    @property
    def busy(self) -> bool:
        """Changing by itself: wait rather than act."""
        return self in (ServerStatus.CHECKING, ServerStatus.STARTING, ServerStatus.STOPPING)
