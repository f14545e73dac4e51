"""ChatConversations: the chat feature's state and logic, without widgets.

It holds the conversation list (as searched), the open conversation, the settings a new
chat will use, and runs the send / regenerate transaction and the streaming session. It
emits typed signals and error *kinds* (HistoryError); the UI turns them into sentences.
Every history call it makes has a failure path: a failed save never leaves it stuck.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from desktop.core.attachments.refs import Attachment
from desktop.core.chat import export
from desktop.core.chat.context_rule import Expectation
from desktop.core.chat.conversation import (
    ChatParams,
    Conversation,
    Message,
    title_from,
)
from desktop.services.chat import branches
from desktop.services.chat.errors import HistoryError, HistoryErrorKind
from desktop.services.chat.exchange import (
    PAGE,
    Composer,
    Exchange,
    NewChat,
    Opening,
    answer_options,
    load_opening,
    plain_messages,
    read_defaults,
    store_question,
    store_regenerate,
    write_defaults,
)
from desktop.services.chat.history import ChatHistory, HistoryMode, Opened
from desktop.services.chat.session import ChatSession, Outcome
from desktop.services.chat.store import ChatStore
from desktop.services.settings_store import SettingsStore

T = TypeVar("T")


__all__ = ["PAGE", "ChatConversations", "Exchange", "Opening"]  # Exchange/Opening: re-exported


class ChatConversations(QObject):
    """listChanged(list[Conversation])  the (searched) conversation list
    opened(Opening)                    a stored conversation is now the open one
    cleared()                          nothing is open: a new chat
    exchangeStarted(Exchange)          a question was stored; its answer is streaming
    editChanged(int)                   the position of the message being edited (-1: none)
    sendFailed(str, HistoryError)      the text could not be stored; it is handed back
    historyChanged()                   the history's mode or problem changed (read
                                       ``history.mode`` / ``history.problem``)
    failed(HistoryError)               another history call failed
    exported(str)                      a chat was written to this file
    paramsChanged()                    the open chat's settings or the defaults changed
    """

    listChanged = Signal(list)
    opened = Signal(Opening)
    cleared = Signal()
    exchangeStarted = Signal(Exchange)
    editChanged = Signal(int)
    sendFailed = Signal(str, HistoryError)
    historyChanged = Signal()
    failed = Signal(HistoryError)
    exported = Signal(str)
    paramsChanged = Signal()

    def __init__(
        self,
        history: ChatHistory,
        session: ChatSession,
        settings: SettingsStore,
        parent: QObject | None = None,
        compose: Composer = plain_messages,
    ) -> None:
        super().__init__(parent)
        self.compose = compose  # an answer's messages (the planner: long documents cut)
        self.history = history
        self.session = session
        self.settings = settings
        self.conv: Conversation | None = None
        self.conversations: list[Conversation] = []
        self.query = ""
        self.interrupted = 0  # answers found cut off when the history opened
        self._edit_from: int | None = None
        self.preparing = False
        self._draft: tuple[str, ChatParams] | None = None
        # what an answer's prompt will hold, to judge its prompt count by (ContextMeter)
        self.expect: Callable[[Exchange], Expectation | None] | None = None
        session.finished.connect(self._on_finished)

    # -- the history -------------------------------------------------------------------
    def start(self, *, read_only: bool = False) -> None:
        """Open the history (again); the outcome arrives as historyChanged."""
        self.history.open(self._on_opened, self._on_open_failed, read_only=read_only)

    def _on_opened(self, opened: Opened) -> None:
        self.interrupted = opened.interrupted
        self.historyChanged.emit()
        self.reload()

    def _on_open_failed(self, _error: HistoryError) -> None:
        self.historyChanged.emit()
        self._set_list([])

    def move_aside_and_start_new(self) -> None:
        """The user chose to keep the unusable file as a timestamped copy and start anew."""
        self.history.move_aside(lambda _p: self.start(), self._fail)

    @property
    def writable(self) -> bool:
        return self.history.mode is HistoryMode.OPEN

    def _fail(self, error: HistoryError) -> None:
        if error.kind is HistoryErrorKind.DAMAGED and self.history.mode is HistoryMode.OPEN:
            self.history.mark_unusable(error)  # found damaged in use: the notice explains
            self.historyChanged.emit()
            return
        if self.history.mode is not HistoryMode.OPEN and error.kind in (
            HistoryErrorKind.UNAVAILABLE,
            HistoryErrorKind.READ_ONLY,
        ):
            return  # the notice above the chat already says so; a banner per call is noise
        self.failed.emit(error)

    def _db(
        self,
        name: str,
        fn: Callable[[ChatStore], T],
        on_success: Callable[[T], None] | None = None,
    ) -> None:
        self.history.call(
            name, fn, on_success=on_success or (lambda _r: None), on_failure=self._fail
        )

    # -- the list ----------------------------------------------------------------------
    def search(self, query: str) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        query = self.query
        self._db("list chats", lambda s: s.list_conversations(query), self._set_list)

    def _set_list(self, convs: list[Conversation]) -> None:
        self.conversations = convs
        self.listChanged.emit(convs)

    def open(self, conv_id: int) -> None:
        if self.session.busy or (self.conv is not None and self.conv.id == conv_id):
            return

        self._db("open chat", lambda s: load_opening(s, conv_id), self._show)

    def fetch(
        self,
        conv_id: int,
        first_position: int,
        last_position: int,
        on_success: Callable[[list[Message]], None],
        on_failure: Callable[[HistoryError], None],
        context: QObject | None = None,
    ) -> None:
        """Read the messages at positions first..last (inclusive) of a conversation, off the
        main thread, for a transcript that shows a page at a time. Exactly one handler runs
        (only while ``context`` lives, if given)."""
        self.history.call(
            "read messages",
            lambda s: s.messages_page(conv_id, first_position, last_position),
            on_success=on_success,
            on_failure=on_failure,
            context=context,
        )

    def _show(self, opening: Opening) -> None:
        self.conv, self.edit_from = opening.conversation, None
        self.opened.emit(opening)

    def new_chat(self) -> bool:
        """Start an empty chat with the default settings; False while an answer streams."""
        if self.session.busy:
            return False
        self.conv, self._draft, self.edit_from = None, None, None
        self.cleared.emit()
        return True

    def rename(self, conv_id: int, title: str) -> None:
        if self.conv is not None and self.conv.id == conv_id:
            self.conv = self.conv.with_(title=title)
        self._db("rename chat", lambda s: s.rename(conv_id, title), lambda _r: self.reload())

    def delete(self, conv_id: int) -> None:
        if self.conv is not None and self.conv.id == conv_id:
            if self.session.busy:
                return
            self.new_chat()
        self._db("delete chat", lambda s: s.delete_conversation(conv_id), lambda _r: self.reload())

    def export(self, conv_id: int, path: Path, kind: str) -> None:
        """Write the chat as Markdown ("md") or JSON; exported(path) when done."""

        def write(s: ChatStore) -> str:
            conv, messages = s.conversation(conv_id), s.messages(conv_id)
            text = (
                export.to_markdown(conv, messages)
                if kind == "md"
                else export.to_json(conv, messages)
            )
            path.write_text(text, encoding="utf-8")
            return str(path)

        self._db("export chat", write, self.exported.emit)

    # -- settings of the open (or next) chat --------------------------------------------
    def defaults(self) -> tuple[str, ChatParams]:
        """The system prompt and parameters new chats start from."""
        return read_defaults(self.settings)

    def save_defaults(self, system: str, params: ChatParams) -> None:
        """Settings every new chat starts from (chats that exist keep theirs)."""
        write_defaults(self.settings, system, params)
        if self.conv is None:
            self._draft = None  # the chat about to start follows the new defaults
        self.paramsChanged.emit()

    def custom_fields(self) -> list[str]:
        """Which settings of the open (or next) chat differ from the defaults: names of
        ChatParams fields, and "system_prompt"."""
        system, params = self.current_params()
        d_system, d_params = self.defaults()
        out = ["system_prompt"] if system.strip() != d_system.strip() else []
        return out + [k for k, v in params.to_json().items() if v != getattr(d_params, k)]

    def current_params(self) -> tuple[str, ChatParams]:
        if self.conv is not None:
            return self.conv.system_prompt, self.conv.params
        return self._draft if self._draft is not None else self.defaults()

    def set_params(self, system: str, params: ChatParams) -> None:
        """Settings for the open chat (or the next one, when none is open)."""
        if self.conv is None:
            self._draft = (system, params)
        else:
            self._update(self.conv.with_(system_prompt=system, params=params))
        self.paramsChanged.emit()

    def set_model(self, name: str) -> None:
        if self.conv is not None and name and self.conv.model != name:
            self._update(self.conv.with_(model=name))

    def set_think(self, on: bool) -> None:
        if self.conv is not None and self.conv.think != on:
            self._update(self.conv.with_(think=on))

    def _update(self, conv: Conversation) -> None:
        self.conv = conv
        self._db("update chat", lambda s: s.update_conversation(conv))

    # -- editing and versions ----------------------------------------------------------
    @property
    def edit_from(self) -> int | None:
        """The position of the earlier message being edited (None: not editing). Sending
        keeps the messages from there on as an older version (branches.py)."""
        return self._edit_from

    @edit_from.setter
    def edit_from(self, position: int | None) -> None:
        if position != self._edit_from:
            self._edit_from = position
            self.editChanged.emit(-1 if position is None else position)

    def switch_version(self, position: int, step: int) -> bool:
        """Show the next (``step`` > 0) or previous version of the open chat at the fork at
        ``position``; the one shown now is kept. opened(Opening) follows, anchored there.
        False while an answer streams or nothing is open."""
        if self.conv is None or not self.can_send:
            return False
        conv_id = self.conv.id
        if self.edit_from is not None and self.edit_from >= position:
            self.edit_from = None  # the message being edited is no longer on screen

        def switch(s: ChatStore) -> Opening:
            branches.switch(s, conv_id, position, step)
            return load_opening(s, conv_id, anchor=position)

        def switched(opening: Opening) -> None:
            if self.conv is not None and self.conv.id == conv_id:
                self.conv = opening.conversation
                self.opened.emit(opening)

        self._db("switch version", switch, switched)
        return True

    # -- sending -----------------------------------------------------------------------
    @property
    def can_send(self) -> bool:
        return not self.session.busy and not self.preparing

    def send(
        self,
        text: str,
        model: str,
        think: bool,
        use_think: bool,
        attachments: Sequence[Attachment] = (),
    ) -> bool:
        """Store ``text`` and its ``attachments`` (replacing from ``edit_from`` on, if set)
        and stream the answer. False when nothing was started now; if the history cannot
        take it, sendFailed hands ``text`` back (the attachments stay where they were).
        ``use_think``: send the think flag (the model can reason)."""
        text = text.strip()
        attached = tuple(attachments)
        if not (text or attached) or not model or not self.can_send:
            return False
        conv_id = self.conv.id if self.conv is not None else 0
        edit_from = self.edit_from
        system, params = self.current_params()
        title = title_from(text or attached[0].ref.name)

        def prepare(s: ChatStore) -> Exchange:
            new = NewChat(title, system, params)
            return store_question(s, conv_id, new, model, think, text, edit_from, attached)

        def failed(error: HistoryError) -> None:
            self.preparing = False
            self.sendFailed.emit(text, error)

        def prepared(exchange: Exchange) -> None:
            self.edit_from = None
            self._begin(exchange, use_think)

        self.preparing = True
        self.history.call("send", prepare, on_success=prepared, on_failure=failed)
        return True

    def regenerate(self, position: int, model: str, use_think: bool) -> bool:
        """Answer the question before ``position`` again (that answer is replaced)."""
        if self.conv is None or not self.can_send:
            return False
        conv_id, model = self.conv.id, model or self.conv.model

        def prepare(s: ChatStore) -> Exchange:
            return store_regenerate(s, conv_id, position, model)

        def failed(error: HistoryError) -> None:
            self.preparing = False
            self.sendFailed.emit("", error)

        self.preparing = True
        self.history.call(
            "regenerate",
            prepare,
            on_success=lambda ex: self._begin(ex, use_think),
            on_failure=failed,
        )
        return True

    def _begin(self, exchange: Exchange, use_think: bool) -> None:
        self.preparing = False
        conv = self.conv = exchange.conversation
        answer = exchange.messages[-1]
        self.settings.set("chat_model", conv.model)  # new chats, after a restart too
        self.exchangeStarted.emit(exchange)
        expect = self.expect(exchange) if self.expect is not None else None
        self.session.start(
            answer.id,
            conv.model,
            self.compose(conv, exchange, expect),
            options=answer_options(conv, self.settings),
            think=conv.think if use_think else None,
            watts_per_core=self.settings.number("chat_watts_per_core"),
            measure_energy=self.session.ollama.host.is_loopback,
            expect=expect,
        )
        self.reload()

    def _on_finished(self, _outcome: Outcome) -> None:
        self.reload()

    # -- quit --------------------------------------------------------------------------
    def shutdown(self) -> list[str]:
        """On quit: keep a streaming answer as stopped, make a last try to save what
        waits, and close the history. Returns the texts of answers that stay unsaved."""
        self.session.keep_on_quit()
        unsaved = [a.content for a in self.session.saver.last_try()]
        self.history.close()
        return unsaved
