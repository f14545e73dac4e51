"""The chat's view of retrieval (services/retrieval/planner.py): while the passages of a
long document are chosen the answer says so, and then shows which ones it was given."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.core.chat.conversation import MessageStatus
from desktop.core.retrieval.choice import Retrieval
from desktop.services.chat.errors import HistoryError
from desktop.services.retrieval.planner import DocumentPlanner
from desktop.ui.chat.banner_presenter import BannerPresenter
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.transcript_rows import status_text


class SourcesPresenter(QObject):
    def __init__(
        self,
        view: ChatView,
        planner: DocumentPlanner,
        banner: BannerPresenter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.banner = banner
        planner.searching.connect(self._on_searching)
        planner.chosen.connect(self._on_chosen)
        planner.saveFailed.connect(self._on_save_failed)

    def _on_searching(self, msg_id: int) -> None:
        self.view.transcript.set_status_of(
            msg_id, self.tr("choosing the passages of the document that matter…")
        )

    def _on_chosen(self, msg_id: int, retrieval: Retrieval) -> None:
        t = self.view.transcript
        t.set_retrieval_of(msg_id, retrieval)
        if t.status_of(msg_id) not in (None, "", status_text(MessageStatus.STREAMING)):
            t.set_status_of(msg_id, status_text(MessageStatus.STREAMING))

    def _on_save_failed(self, _error: HistoryError) -> None:
        self.banner.show(
            self.tr(
                "The list of passages this answer was given could not be saved (the chat "
                "history cannot be written). The answer itself is not affected."
            )
        )
