"""The line above the message box: one message at a time, with at most one action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop.ui.chat.chat_view import Banner


class BannerPresenter(QObject):
    """Shows errors and offers in the banner (never a modal box). ``topic`` names what a
    message is about, so that one part of the tab can take back only its own message
    (e.g. the "server has gone quiet" note when tokens flow again)."""

    def __init__(self, banner: Banner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.banner = banner
        self.topic = ""
        self._action: Callable[[], None] | None = None
        banner.action.clicked.connect(self._on_action)
        banner.close_button.clicked.connect(self._dismissed)

    def show(
        self,
        text: str,
        action: str = "",
        on_action: Callable[[], None] | None = None,
        topic: str = "",
        details: str = "",
    ) -> None:
        """``details``: what came from outside as it came (raw server text), shown only on
        request; the banner shows ``text`` bounded (desktop/ui/common/bounded_text.py)."""
        self._action, self.topic = on_action, topic
        self.banner.show_message(text, action, details)

    def hide(self, topic: str | None = None) -> None:
        """Hide the banner; with ``topic``, only if it still shows that topic."""
        if topic is not None and topic != self.topic:
            return
        self._action, self.topic = None, ""
        self.banner.hide()

    @property
    def text(self) -> str:
        return "" if self.banner.isHidden() else self.banner.label.text()

    def _on_action(self) -> None:
        action = self._action
        self.hide()
        if action is not None:
            action()

    def _dismissed(self) -> None:
        self._action, self.topic = None, ""
