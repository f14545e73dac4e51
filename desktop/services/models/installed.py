"""Which models the server in use has installed: the one list every view follows.

The chat's model picker, the Models tab, the Start-here card and the Benchmark tab all read
this list and listen to ``changed``; none asks the server for a copy of its own (a second
copy is a stale screen waiting to happen: the Chat tab said "No models installed" while the
Models tab listed the model). The list is asked for again on every event that can change it:
the app's server answering again (connected, started, restarted: ``server_answering``), a
new host, and every download, import, delete and copy (``OllamaService.modelsChanged``).

One request at a time: an event while a request is on its way asks again once it is back,
so the last answer always reflects the last event. An answer about a server the app no
longer uses is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from desktop.core.api_types import LocalModel, ModelShow
from desktop.core.errors import OllamaError
from desktop.core.hosts import HostURL
from desktop.services.ollama_service import OllamaService
from desktop.services.tasks import Task


def can_chat(model: LocalModel) -> bool:
    """A model one can chat with, by what /api/tags says: not an embedding-only model (a
    server that lists no capabilities is trusted)."""
    caps = model.capabilities
    return "completion" in caps or "embedding" not in caps


def embedding_only(capabilities: Sequence[str]) -> bool:
    """A model that makes embeddings and cannot chat (all-minilm, nomic-embed-text)."""
    return "embedding" in capabilities and "completion" not in capabilities


class InstalledModels(QObject):
    """changed(list[LocalModel])   the server listed its models (also when nothing changed),
                                   or learned that one of them cannot chat
    failed(OllamaError)            the server could not be asked (rows keep the last answer)

    A real Ollama 0.33 lists an embedding model (all-minilm) with "completion" in /api/tags;
    only /api/show says "embedding". Each model version is asked once, so every view that
    offers models to chat with (``can_chat``, ``chat_models``) leaves it out alike.
    """

    changed = Signal(list)
    failed = Signal(OllamaError)

    def __init__(self, ollama: OllamaService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ollama = ollama
        self.rows: list[LocalModel] = []
        self.known = False  # the server answered the last question
        self.error: OllamaError | None = None
        self._asked = False
        self._pending: Task | None = None
        self._again = False
        self._answering = False
        self._embedding: dict[tuple[str, str], bool] = {}  # (name, digest): /api/show said
        ollama.modelsChanged.connect(self.refresh)
        ollama.hostChanged.connect(self._host_changed)

    # -- reading -------------------------------------------------------------------------
    def find(self, name: str) -> LocalModel | None:
        """The installed model called ``name`` ("gemma3" means "gemma3:latest")."""
        wanted = name.lower() if ":" in name else f"{name.lower()}:latest"
        return next((m for m in self.rows if m.name.lower() == wanted), None)

    def can_chat(self, model: LocalModel) -> bool:
        """``model`` is one to chat with (not an embedding model, as far as is known)."""
        return can_chat(model) and not self._embedding.get((model.name, model.digest), False)

    def chat_models(self) -> list[LocalModel]:
        """The models one can chat with, newest first."""
        usable = [m for m in self.rows if self.can_chat(m)]
        return sorted(usable, key=lambda m: m.modified_at.timestamp() if m.modified_at else 0.0)[
            ::-1
        ]

    @property
    def asking(self) -> bool:
        """A newer answer is on its way (a request runs, or runs again after this one)."""
        return self._again or (self._pending is not None and not self._pending.done)

    # -- asking ----------------------------------------------------------------------------
    def ensure(self) -> None:
        """Ask once, unless already asked (a view that opens calls this)."""
        if not self._asked:
            self.refresh()

    def refresh(self) -> None:
        """Ask the server now (or as soon as the request on its way is back)."""
        self._asked = True
        if self._pending is not None and not self._pending.done:
            self._again = True
            return
        self._again = False
        host = self.ollama.host
        task = self.ollama.list_models()
        task.succeeded.connect(lambda rows: self._listed(host, rows))
        task.failed.connect(lambda error: self._failed(host, error))
        task.finished.connect(self._next)
        self._pending = task

    def server_answering(self, answering: bool) -> None:
        """The server in use started answering (connected, started, restarted) or stopped."""
        if answering and not self._answering:
            self.refresh()
        self._answering = answering

    # -- answers ---------------------------------------------------------------------------
    def _current(self, host: HostURL) -> bool:
        return host == self.ollama.host

    def _listed(self, host: HostURL, rows: list[LocalModel]) -> None:
        if not self._current(host):
            return  # about a server the app no longer uses; the new one is being asked
        self.rows, self.known, self.error = list(rows), True, None
        self.changed.emit(self.rows)
        self._ask_capabilities(host, rows)

    def _ask_capabilities(self, host: HostURL, rows: Sequence[LocalModel]) -> None:
        for m in rows:
            key = (m.name, m.digest)
            if key not in self._embedding:
                self._embedding[key] = False  # asked once; a failure leaves it offered
                task = self.ollama.show(m.name)
                task.succeeded.connect(lambda show, key=key: self._learned(host, key, show))

    def _learned(self, host: HostURL, key: tuple[str, str], show: ModelShow) -> None:
        if self._current(host) and embedding_only(show.capabilities):
            self._embedding[key] = True
            self.changed.emit(self.rows)

    def _failed(self, host: HostURL, error: OllamaError) -> None:
        if not self._current(host):
            return
        self.known, self.error = False, error
        self.failed.emit(error)

    def _next(self) -> None:
        if self._again:
            self.refresh()

    def _host_changed(self, _host: HostURL) -> None:
        self.rows, self.known = [], False  # another server: the old list says nothing
        self.refresh()
