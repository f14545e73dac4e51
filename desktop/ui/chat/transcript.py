"""The transcript: a scroll area that builds message widgets only for the rows in view.

Its cost does not depend on the chat's length: rows are small records (transcript_rows), the
height of every row lives in a Fenwick tree, message text is read from sqlite a page at a
time when a row comes near the view, and at most MAX_LIVE message widgets exist. A streaming
answer only grows its own widget; the view follows it unless the user scrolled up, and then
a "Jump to latest" button appears.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QWidget

from desktop.core.attachments.refs import AttachmentRef
from desktop.core.chat.conversation import Message
from desktop.core.chat.versions import Fork
from desktop.core.retrieval.choice import Retrieval
from desktop.ui.chat.message_view import TEXT_SCALE, MessageWidget
from desktop.ui.chat.transcript_layout import (  # noqa: F401 - MAX_LIVE is read by tests
    GAP,
    MAX_CACHED,
    MAX_LIVE,
    TranscriptLayout,
)
from desktop.ui.chat.transcript_rows import Heights, RowLike, RowView, describe, meta_of
from desktop.ui.common import icons

PAGE = 40  # messages per sqlite read
TOP_PX = 6
ROW_GUESS_PX = 160  # height of a row not read yet (corrected, view anchored, when it is)

Fetch = Callable[[int, int, Callable[[list[Message]], None]], None]


class Transcript(TranscriptLayout):
    """linkClicked(str), editRequested(int position), regenerateRequested(int position),
    versionRequested(int position, int step): the "‹ 2/3 ›" switcher of a message,
    attachmentOpened(AttachmentRef): an image chip under a question was clicked."""

    linkClicked = Signal(str)
    attachmentOpened = Signal(AttachmentRef)
    editRequested = Signal(int)
    regenerateRequested = Signal(int)
    versionRequested = Signal(int, int)

    def __init__(self, empty_text: str = "", parent: QObject | None = None) -> None:
        super().__init__(None)
        if parent is not None:
            self.setParent(parent)  # type: ignore[call-overload]
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportMargins(0, TOP_PX, 0, 0)  # room under the model bar
        font = self.font()  # messages read a little larger than the app's labels
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * TEXT_SCALE)
            self.setFont(font)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().setSingleStep(40)
        self.grid_g_per_kwh = 0.0
        self.placeholder = QLabel(empty_text, self.viewport())
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.jump = QToolButton(self.viewport())
        self.jump.setText(self.tr("Jump to latest"))
        self.jump.setObjectName("jumpToLatest")
        self.jump.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icons.set_icon(self.jump, "arrow-down")
        self.jump.clicked.connect(self.jump_to_latest)
        self.jump.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._relayout)
        self._fetch: Fetch | None = None
        self._forks: Mapping[int, Fork] = {}
        self._reset([])
        icons.notifier().changed.connect(self.restyle)

    def _reset(self, metas: Sequence[RowLike]) -> None:
        for w in getattr(self, "_live", {}).values():
            w.setParent(None)
            w.deleteLater()
        self._metas: list[RowLike] = list(metas)
        self._row_of: dict[int, int] = {m.position: i for i, m in enumerate(self._metas)}
        self._heights = Heights.uniform(len(self._metas), ROW_GUESS_PX)
        for row, m in enumerate(self._metas[-PAGE:], max(0, len(self._metas) - PAGE)):
            if m.chars >= 0:
                self._heights.set(row, self._estimate(m))
        self._measured: set[int] = set()
        self._dirty: set[int] = set()
        self._row_of_widget: dict[QObject, int] = {}
        self._views: dict[int, RowView] = {}
        self._live: dict[int, MessageWidget] = {}
        self._pending: set[int] = set()
        self._streaming = -1
        self._busy = False
        self._follow = True
        self._top = 0
        self._painted_top = 0  # the scroll position the row widgets are placed for
        self._pinned = None
        self._generation = getattr(self, "_generation", 0) + 1
        self.placeholder.setVisible(not self._metas)

    # -- public API (the chat presenter) -------------------------------------------------
    def show_conversation(
        self,
        metas: Sequence[RowLike],
        loaded: Sequence[Message],
        fetch: Fetch | None,
        forks: Mapping[int, Fork] | None = None,
        anchor: int | None = None,
    ) -> None:
        """All rows of a chat (records only), the text of some (usually the last page), and
        how to read more: ``fetch(first_position, last_position, on_done)``; the positions
        with other versions. With ``anchor`` (a position), that row stays where it was on
        screen (another version of the same chat), else the view goes to the end."""
        kept = self._rows_before(metas, anchor)
        self._reset(metas)
        self._fetch = fetch
        self._forks = forks or {}
        if kept is not None:  # the same messages up to the fork: same heights, same place
            values, views, measured, top = kept
            self._heights = Heights(values + self._heights.values[len(values) :])
            self._views.update(views)
            self._measured |= measured
            self._follow = False
            self._top = self._painted_top = top
            self._pinned = len(values)  # the fork's row stays put while the rest is read
        self._store(loaded)
        self._relayout()

    def _rows_before(
        self, metas: Sequence[RowLike], anchor: int | None
    ) -> tuple[list[int], dict[int, RowView], set[int], int] | None:
        """What the rows before ``anchor`` know (heights, text, measured), when the anchor
        is on screen and those rows hold the same messages in ``metas``; else None."""
        row = self._row_of.get(anchor) if anchor is not None else None
        if row is None or row not in self._live or len(metas) < row:
            return None
        if any(metas[r].id != self._metas[r].id for r in range(row)):
            return None
        views = {r: v for r, v in self._views.items() if r < row}
        return self._heights.values[:row], views, {r for r in self._measured if r < row}, self._top

    def clear(self) -> None:
        self._reset([])
        self._fetch = None
        self._forks = {}
        self._relayout()

    def add_message(self, m: Message) -> None:
        self._append_row(m)
        self._schedule()

    def begin_answer(self, m: Message) -> None:
        """A new assistant row that streams; the view follows it."""
        self._streaming = self._append_row(m)
        self._follow = True
        self._widget(self._streaming)  # kept alive while it streams, wherever the view is
        self._relayout()

    def append(self, content: str, thinking: str = "") -> None:
        row = self._streaming
        if row < 0:
            return
        view = self._views[row]
        w = self._live.get(row)
        if w is not None:
            w.append(content, thinking)
        if content:
            view.parts.append(content)
        if thinking:
            view.thinking += thinking

    def finish_answer(
        self, status: str, footer: str, footer_details: str = "", content: str | None = None
    ) -> None:
        """The streamed answer ended; ``content``, when given, is its whole text as the
        session joined it (the same string: a 30 MB answer is not joined twice)."""
        row, self._streaming = self._streaming, -1
        if row < 0:
            return
        view = self._views[row]
        same = content is not None and len(content) == sum(map(len, view.parts))
        joined = content if same else None
        view.content = joined if joined is not None else "".join(view.parts)
        view.parts = []
        view.status, view.footer, view.footer_details = status, footer, footer_details
        w = self._live.get(row)
        if w is not None:
            w.finish(view.content)
            w.set_status(status)
            w.set_footer(footer, footer_details)
        self._mark_dirty(row)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for w in self._live.values():
            w.set_actions_enabled(not busy)

    def message_text(self, position: int) -> str | None:
        row = self._row_of.get(position)
        view = self._views.get(row) if row is not None else None
        if view is None:
            return None
        return "".join(view.parts) if view.parts else view.content

    def message_attachments(self, position: int) -> tuple[AttachmentRef, ...]:
        row = self._row_of.get(position)
        view = self._views.get(row) if row is not None else None
        return () if view is None else view.attachments

    def status_of(self, msg_id: int) -> str | None:
        """The status line of a loaded message (None when it is not loaded)."""
        view = next((v for v in self._views.values() if v.id == msg_id), None)
        return None if view is None else view.status

    def set_retrieval_of(self, msg_id: int, retrieval: Retrieval) -> None:
        """The passages a loaded answer was given (the streaming one: as they are chosen)."""
        for row, view in self._views.items():
            if view.id == msg_id:
                view.retrieval = retrieval
                w = self._live.get(row)
                if w is not None:
                    w.set_retrieval(retrieval)
                return

    def set_status_of(self, msg_id: int, text: str) -> None:
        for row, view in self._views.items():
            if view.id == msg_id:
                view.status = text
                w = self._live.get(row)
                if w is not None:
                    w.set_status(text)
                return

    def focus_stops(self) -> list[QWidget]:
        """The buttons of the messages on screen, top to bottom (the Tab order). A button
        that takes the focus brings its row fully into view (focusInEvent below)."""
        vh = self.viewport().height()
        out: list[QWidget] = []
        for row in sorted(self._live):
            top = self._heights.prefix(row) - self._top
            if top + self._heights.values[row] > 0 and top < vh:
                out.extend(self._live[row].focus_stops())
        return out

    def reveal(self, w: QWidget | None) -> None:
        """Scroll just enough that ``w`` (a message's button the Tab key reached) is seen."""
        vp = self.viewport()
        if w is None or not vp.isAncestorOf(w):
            return
        y = w.mapTo(vp, QPoint(0, 0)).y()
        delta = y if y < 0 else max(0, y + w.height() - vp.height())
        if delta:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + delta)

    def row_count(self) -> int:
        return len(self._metas)

    def widget_at(self, row: int) -> MessageWidget | None:
        """The widget of a loaded row, built if needed (tests, keyboard navigation)."""
        return self._widget(row)

    def flush(self) -> None:
        """Show streamed text that waits for its next step now (tests)."""
        w = self.streaming_widget()
        if w is not None:
            w.body.flush()

    def streaming_widget(self) -> MessageWidget | None:
        return self._live.get(self._streaming)

    def live_rows(self) -> list[int]:
        return sorted(self._live)

    @property
    def following(self) -> bool:
        return self._follow

    def jump_to_latest(self) -> None:
        self._follow = True
        self._relayout()

    # -- rows --------------------------------------------------------------------------
    def _estimate(self, m: RowLike) -> int:
        if m.chars < 0:
            return ROW_GUESS_PX
        width = max(200, self._width() - 28)
        per_line = max(20, width // 8)
        return 52 + GAP + (m.chars // per_line + 1) * 21

    def _append_row(self, m: Message) -> int:
        row = len(self._metas)
        meta = meta_of(m)
        self._metas.append(meta)
        self._row_of[m.position] = row
        self._heights.append(self._estimate(meta))
        self._views[row] = describe(m, self.grid_g_per_kwh)
        self.placeholder.hide()
        self._refresh_regenerate()
        return row

    def _store(self, messages: Sequence[Message]) -> None:
        for m in messages:
            row = self._row_of.get(m.position)
            if row is not None and row != self._streaming:
                self._views[row] = describe(m, self.grid_g_per_kwh)

    def _want(self, row: int) -> None:
        """Ask for the page holding ``row`` (once)."""
        page = row // PAGE
        if page in self._pending or self._fetch is None:
            return
        self._pending.add(page)
        first, last = page * PAGE, min(len(self._metas), (page + 1) * PAGE) - 1
        gen = self._generation

        def done(messages: list[Message]) -> None:
            if gen != self._generation:
                return  # another chat is shown by now
            self._pending.discard(page)
            self._store(messages or [])
            self._schedule()

        self._fetch(self._metas[first].position, self._metas[last].position, done)

    def _last_assistant(self) -> int:
        for row in range(len(self._metas) - 1, max(-1, len(self._metas) - 4), -1):
            view = self._views.get(row)
            if view is not None and view.role == "assistant":
                return row
        return -1

    def _refresh_regenerate(self) -> None:
        last = self._last_assistant()
        for row, w in self._live.items():
            w.set_can_regenerate(row == last)

    def _widget(self, row: int) -> MessageWidget | None:
        w = self._live.get(row)
        if w is not None:
            return w
        view = self._views.get(row)
        if view is None:
            self._want(row)
            return None
        w = MessageWidget(view.role, view.title, view.position, self.viewport())
        # its width first: the text is laid out for it (which code lines fit unwrapped)
        w.setGeometry(self._x(), self._heights.prefix(row) - self._painted_top, self._width(), 10)
        text = "".join(view.parts) if view.parts else view.content
        w.set_text(text, view.thinking)
        w.set_attachments(view.attachments)
        w.set_retrieval(view.retrieval)
        w.attachmentOpened.connect(self.attachmentOpened)
        if view.thinking_shown is not None:
            w.set_thinking_shown(view.thinking_shown)
        w.thinkingShown.connect(lambda on, v=view: setattr(v, "thinking_shown", on))
        w.set_status(view.status)
        w.set_footer(view.footer, view.footer_details)
        w.set_can_regenerate(row == self._last_assistant())
        w.set_fork(self._forks.get(view.position))
        w.set_actions_enabled(not self._busy)
        w.linkClicked.connect(self.linkClicked)
        w.editRequested.connect(self.editRequested)
        w.regenerateRequested.connect(self.regenerateRequested)
        w.versionRequested.connect(self.versionRequested)
        # any change inside (text laid out late, a code view's scroll bar, folded
        # reasoning, a footer) reaches the row as a LayoutRequest: measure it again then
        w.installEventFilter(self)
        self._live[row] = w
        self._row_of_widget[w] = row
        w.show()
        self._measure(row, w)
        return w
