"""What app.py builds for the chat feature, as one bundle for the tab and for shutdown."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.services.attachments.jobs import AttachJobs
from desktop.services.chat.context_facts import ServerFacts
from desktop.services.chat.context_meter import ContextMeter
from desktop.services.chat.conversations import ChatConversations
from desktop.services.chat.energy_meter import EnergyMeter
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.chat.session import ChatSession
from desktop.services.chat.summary import ChatSummarizer
from desktop.services.models.installed import InstalledModels
from desktop.services.ollama_service import OllamaService
from desktop.services.retrieval.planner import DocumentPlanner
from desktop.services.settings_store import SettingsStore


@dataclass
class ChatServices:
    """What app.py builds for the chat and hands to its tab; shut down only by the app."""

    history: ChatHistory
    session: ChatSession
    conversations: ChatConversations
    monitor: SystemMonitor
    context: ContextMeter
    summarizer: ChatSummarizer
    planner: DocumentPlanner  # documents longer than the room left: their passages
    attach: AttachJobs | None = None  # reading attached files (app.py builds it)
    installed: InstalledModels | None = None  # the models list every view shares (app.py)
    _unsaved: list[str] | None = field(default=None, repr=False)

    @classmethod
    def build(
        cls,
        ollama: OllamaService,
        settings: SettingsStore,
        history: ChatHistory,
        monitor: SystemMonitor,
        *,
        attach: AttachJobs | None = None,
        installed: InstalledModels | None = None,
        retrieval_dir: Path | None = None,
    ) -> ChatServices:
        """The chat feature's services over one history (the app's, or a test's).
        ``retrieval_dir``: where long documents' search indexes are kept (default: beside
        the history)."""
        session = ChatSession(ollama, history, EnergyMeter(monitor.sampler.cpu_seconds))
        planner = DocumentPlanner(history, retrieval_dir or history.path.parent / "retrieval")
        conversations = ChatConversations(history, session, settings, compose=planner.messages)
        facts = ServerFacts(ollama)
        facts.refresh()
        context = ContextMeter(conversations, settings, facts)
        planner.chosen.connect(context.passages_chosen)  # counted as what was sent
        summarizer = ChatSummarizer(history, ollama)
        return cls(
            history,
            session,
            conversations,
            monitor,
            context,
            summarizer,
            planner,
            attach,
            installed,
        )

    def shutdown(self) -> list[str]:
        """Stop sampling, keep an answer in flight as stopped, save what waits, close the
        history. Returns the texts of answers that could still not be saved (the same
        list if called again)."""
        if self._unsaved is None:
            self.monitor.stop()
            if self.attach is not None:
                self.attach.cancel_all()
            self.summarizer.cancel()
            self._unsaved = self.conversations.shutdown()
            self.planner.close()
        return self._unsaved
