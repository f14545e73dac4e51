"""What app.py builds for the chat feature, as one bundle for the tab and for shutdown."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.services.attachments.jobs import AttachJobs
from desktop.services.chat.conversations import ChatConversations
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.chat.session import ChatSession
from desktop.services.retrieval.planner import DocumentPlanner


@dataclass
class ChatServices:
    """What app.py builds for the chat and hands to its tab; shut down only by the app."""

    history: ChatHistory
    session: ChatSession
    conversations: ChatConversations
    monitor: SystemMonitor
    attach: AttachJobs | None = None  # reading attached files (app.py builds it)
    planner: DocumentPlanner | None = None  # long documents as their passages (app.py)
    _unsaved: list[str] | None = field(default=None, repr=False)

    def shutdown(self) -> list[str]:
        """Stop sampling, keep an answer in flight as stopped, save what waits, close the
        history. Returns the texts of answers that could still not be saved (the same
        list if called again)."""
        if self._unsaved is None:
            self.monitor.stop()
            if self.attach is not None:
                self.attach.cancel_all()
            self._unsaved = self.conversations.shutdown()
            if self.planner is not None:
                self.planner.close()
        return self._unsaved
