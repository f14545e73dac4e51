"""The transcript: a scroll area that builds message widgets only for the rows in view.

Its cost does not depend on the chat's length: rows are small records (transcript_rows), the
height of every row lives in a Fenwick tree, message text is read from sqlite a page at a
time when a row comes near the view, and at most MAX_LIVE message widgets exist. A streaming
answer only grows its own widget; the view follows it unless the user scrolled up, and then
a "Jump to latest" button appears.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QFrame, QLabel, QToolButton

from desktop.core.chat.conversation import Message
from desktop.ui.chat.message_view import MessageWidget
from desktop.ui.chat.transcript_rows import Heights, RowMeta, RowView, describe, meta_of

PAGE = 40  # messages per sqlite read
OVERSCAN_PX = 600  # rows built beyond the visible area, so a wheel step shows ready text
MAX_LIVE = 30  # message widgets kept; the farthest from the view go first
MAX_CACHED = 600  # rows whose text is kept in memory
GAP = 6  # pixels between messages
ROW_GUESS_PX = 160  # height of a row not read yet (corrected, view anchored, when it is)
BUILD_BUDGET_S = 0.006  # per turn of the event loop for rows not yet on screen

Fetch = Callable[[int, int, Callable[[list[Message]], None]], None]


class Transcript(QAbstractScrollArea):
    """linkClicked(str), editRequested(int position), regenerateRequested(int position)."""

    linkClicked = Signal(str)
    editRequested = Signal(int)
    regenerateRequested = Signal(int)

    def __init__(self, empty_text: str = "", parent: QObject | None = None) -> None:
        super().__init__(None)
        if parent is not None:
            self.setParent(parent)  # type: ignore[call-overload]
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().setSingleStep(40)
        self.grid_g_per_kwh = 0.0
        self.placeholder = QLabel(empty_text, self.viewport())
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.jump = QToolButton(self.viewport())
        self.jump.setText(self.tr("Jump to latest ↓"))
        self.jump.setObjectName("jumpToLatest")
        self.jump.clicked.connect(self.jump_to_latest)
        self.jump.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._relayout)
        self._fetch: Fetch | None = None
        self._reset([])

    def _reset(self, metas: Sequence[RowMeta]) -> None:
        for w in getattr(self, "_live", {}).values():
            w.setParent(None)
            w.deleteLater()
        self._metas: list[RowMeta] = list(metas)
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
        self._generation = getattr(self, "_generation", 0) + 1
        self.placeholder.setVisible(not self._metas)

    # -- public API (the chat presenter) -------------------------------------------------
    def show_conversation(
        self, metas: Sequence[RowMeta], loaded: Sequence[Message], fetch: Fetch | None
    ) -> None:
        """All rows of a chat (records only), the text of some (usually the last page), and
        how to read more: ``fetch(first_position, last_position, on_done)``."""
        self._reset(metas)
        self._fetch = fetch
        self._store(loaded)
        self._relayout()

    def clear(self) -> None:
        self._reset([])
        self._fetch = None
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

    def finish_answer(self, status: str, footer: str) -> None:
        row, self._streaming = self._streaming, -1
        if row < 0:
            return
        view = self._views[row]
        view.content = "".join(view.parts)
        view.parts = []
        view.status, view.footer = status, footer
        w = self._live.get(row)
        if w is not None:
            w.finish()
            w.set_status(status)
            w.set_footer(footer)
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

    def status_of(self, msg_id: int) -> str | None:
        """The status line of a loaded message (None when it is not loaded)."""
        view = next((v for v in self._views.values() if v.id == msg_id), None)
        return None if view is None else view.status

    def set_status_of(self, msg_id: int, text: str) -> None:
        for row, view in self._views.items():
            if view.id == msg_id:
                view.status = text
                w = self._live.get(row)
                if w is not None:
                    w.set_status(text)
                return

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
    def _estimate(self, m: RowMeta) -> int:
        if m.chars < 0:
            return ROW_GUESS_PX
        width = max(200, self.viewport().width() - 40)
        per_line = max(20, width // 7)
        return 58 + GAP + (m.chars // per_line + 1) * 18

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
        text = "".join(view.parts) if view.parts else view.content
        w.set_text(text, view.thinking)
        if view.thinking_shown is not None:
            w.set_thinking_shown(view.thinking_shown)
        w.think_toggle.clicked.connect(lambda on, v=view: setattr(v, "thinking_shown", on))
        w.set_status(view.status)
        w.set_footer(view.footer)
        w.set_can_regenerate(row == self._last_assistant())
        w.set_actions_enabled(not self._busy)
        w.linkClicked.connect(self.linkClicked)
        w.editRequested.connect(self.editRequested)
        w.regenerateRequested.connect(self.regenerateRequested)
        # any change inside (text laid out late, a code view's scroll bar, folded
        # reasoning, a footer) reaches the row as a LayoutRequest: measure it again then
        w.installEventFilter(self)
        self._live[row] = w
        self._row_of_widget[w] = row
        w.setGeometry(0, self._heights.prefix(row) - self._painted_top, self._width(), 10)
        w.show()
        self._measure(row, w)
        return w

    def _width(self) -> int:
        return max(120, self.viewport().width())

    def _measure(self, row: int, w: MessageWidget) -> int:
        lay = w.layout()
        if lay is not None:
            lay.activate()
        hfw = w.heightForWidth(self._width())
        h = (hfw if hfw > 0 else w.sizeHint().height()) + GAP
        self._measured.add(row)
        return self._heights.set(row, h)

    def _mark_dirty(self, row: int) -> None:
        self._dirty.add(row)
        self._schedule()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LayoutRequest:
            row = self._row_of_widget.get(obj)
            if row is not None:
                self._mark_dirty(row)
        return False

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    # -- layout ------------------------------------------------------------------------
    def _relayout(self) -> None:
        vh = self.viewport().height()
        anchor = self._heights.row_at(self._top) if self._metas else 0
        anchor_off = self._top - self._heights.prefix(anchor) if self._metas else 0
        dirty, self._dirty = self._dirty, set()
        for row in dirty:  # rows whose height changed since
            w = self._live.get(row)
            if w is not None:
                self._measure(row, w)
        # rows on screen are built now; rows just beyond it only within a time budget, the
        # rest on the next turns of the event loop (scrolling never waits for them)
        deadline = time.perf_counter() + BUILD_BUDGET_S
        more = False
        for _ in range(4):
            top = self._target_top(anchor, anchor_off, vh)
            changed = 0
            row = self._heights.row_at(max(0, top - OVERSCAN_PX)) if self._metas else 0
            while row < len(self._metas) and self._heights.prefix(row) < top + vh + OVERSCAN_PX:
                if row not in self._live:
                    y = self._heights.prefix(row)
                    on_screen = y + self._heights.values[row] > top and y < top + vh
                    if row not in self._views:
                        self._want(row)
                    elif on_screen or time.perf_counter() < deadline:
                        self._widget(row)
                        changed += 1
                    else:
                        more = True
                row += 1
            self._top = top
            if not changed:
                break
        self._top = self._target_top(anchor, anchor_off, vh)
        bar = self.verticalScrollBar()
        bar.blockSignals(True)
        bar.setRange(0, max(0, self._heights.total - vh))
        bar.setPageStep(vh)
        bar.setValue(self._top)
        bar.blockSignals(False)
        self._place_rows()
        self._reap(vh)
        self._place_overlays()
        if more:
            self._schedule()

    def _place_rows(self) -> None:
        """Move the rows to the scroll position. A pure scroll moves the pixels already
        painted (QWidget.scroll) instead of painting every message again."""
        dy = self._painted_top - self._top
        self._painted_top = self._top
        if dy and abs(dy) < self.viewport().height():
            self.viewport().scroll(0, dy)  # moves the row widgets too
        width = self._width()
        for row, w in self._live.items():
            g = w.geometry()
            y, h = self._heights.prefix(row) - self._top, self._heights.values[row] - GAP
            if g.y() != y or g.width() != width or g.height() != h:
                w.setGeometry(0, y, width, h)

    def _target_top(self, anchor: int, anchor_off: int, vh: int) -> int:
        bottom = max(0, self._heights.total - vh)
        if self._follow or not self._metas:
            return bottom
        return max(0, min(bottom, self._heights.prefix(anchor) + anchor_off))

    def _reap(self, vh: int) -> None:
        if len(self._live) > MAX_LIVE:
            focus = QApplication.focusWidget()
            mid = self._top + vh // 2

            def distance(row: int) -> int:
                return abs(self._heights.prefix(row) - mid)

            for row in sorted(self._live, key=distance, reverse=True)[: len(self._live) - MAX_LIVE]:
                w = self._live[row]
                if row == self._streaming or (focus is not None and w.isAncestorOf(focus)):
                    continue
                top = self._heights.prefix(row) - self._top
                if -OVERSCAN_PX < top < vh + OVERSCAN_PX:
                    continue
                del self._live[row]
                self._row_of_widget.pop(w, None)
                w.removeEventFilter(self)
                w.hide()
                w.deleteLater()
        if len(self._views) > MAX_CACHED:
            rows = sorted(self._views, key=lambda r: abs(r - self._heights.row_at(self._top)))
            for row in rows[MAX_CACHED // 2 :]:
                if row not in self._live and row != self._streaming:
                    del self._views[row]

    def _place_overlays(self) -> None:
        vp = self.viewport()
        self.placeholder.setGeometry(20, 0, max(0, vp.width() - 40), vp.height())
        bar = self.verticalScrollBar()
        show = bool(self._metas) and not self._follow and bar.value() < bar.maximum() - 4
        if show:
            self.jump.adjustSize()
            self.jump.move(
                vp.width() - self.jump.width() - 16, vp.height() - self.jump.height() - 12
            )
            self.jump.raise_()
        self.jump.setVisible(show)

    # -- events ------------------------------------------------------------------------
    def _on_scrolled(self, value: int) -> None:
        self._top = value
        self._follow = value >= self.verticalScrollBar().maximum() - 4
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt override
        pass  # _on_scrolled places the rows

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._dirty.update(self._live)  # text wraps anew
        self._relayout()
