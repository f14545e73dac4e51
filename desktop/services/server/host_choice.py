"""The one place that decides which Ollama server the whole app talks to.

At launch: --host, then the saved choice, then OLLAMA_HOST, then 127.0.0.1:11434. A value
that cannot be used does not stop the app: the default address is used and ``problem``
keeps the refusal for the UI to show. Later changes come through ``use``: a choice the user
made (a server picked in the Server tab, Docker, the wizard, a Start click) is saved and
applied; an automatic one (the app's own server came up after an autostart) never overrides
a --host given for this session.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.core.hosts import HostError, HostURL, parse_ollama_host, resolve_host
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore


def initial_host(cli_host: str | None, saved: str) -> tuple[HostURL, HostError | None]:
    """The server to start with, and why the configured one was refused (if it was)."""
    try:
        return resolve_host(cli_host, saved), None
    except HostError as e:
        return parse_ollama_host(""), e


class HostChoice(QObject):
    """``refused(HostError)`` when a given address cannot be used (nothing changes then)."""

    refused = Signal(HostError)

    def __init__(
        self,
        settings: SettingsStore,
        ollama: OllamaService,
        *,
        cli_host: str | None = None,
        problem: HostError | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.ollama = ollama
        self.pinned = bool(cli_host) and problem is None  # --host holds for this session
        self.problem = problem

    def use(self, url: str, *, by_user: bool) -> bool:
        """Talk to ``url`` from now on; False when it was refused or --host holds."""
        try:
            host = parse_ollama_host(url)
        except HostError as e:
            self.refused.emit(e)
            return False
        if self.pinned and not by_user:
            return False
        if by_user:
            self.pinned = False  # the user's own choice replaces --host
            self.problem = None
        self.settings.set("host", host.base_url)
        self.ollama.set_host(host)
        return True
