"""The scrolling half of the transcript: where each row sits, which rows have widgets,
what follows the streaming answer. Row contents come from the subclass (transcript.py)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QToolButton

from desktop.ui.chat.message_view import MessageWidget
from desktop.ui.chat.transcript_rows import Heights, RowLike, RowView

OVERSCAN_PX = 600  # rows built beyond the visible area, so a wheel step shows ready text
MAX_LIVE = 30  # message widgets kept; the farthest from the view go first
MAX_CACHED = 600  # rows whose text is kept in memory
GAP = 14  # pixels between messages
COLUMN_PX = 760  # the widest the messages get: lines of about 85 characters, easy to read
SIDE_PX = 16  # room on either side of the column in a narrow window
BUILD_BUDGET_S = 0.004  # per turn of the event loop for rows not yet on screen


class TranscriptLayout(QAbstractScrollArea):
    """Rows [0, n) stacked with heights in a Fenwick tree; widgets only near the view."""

    _metas: list[RowLike]
    _heights: Heights
    _views: dict[int, RowView]
    _live: dict[int, MessageWidget]
    _row_of_widget: dict[QObject, int]
    _measured: set[int]
    _dirty: set[int]
    _streaming: int
    _follow: bool
    _top: int
    _painted_top: int
    _pinned: int | None
    _timer: QTimer
    jump: QToolButton
    placeholder: QLabel
    _column = 0  # the column width the rows were measured at

    def _widget(self, row: int) -> MessageWidget | None:
        raise NotImplementedError

    def _want(self, row: int) -> None:
        raise NotImplementedError

    def _width(self) -> int:
        """The column's width: the view's, up to COLUMN_PX (centred in a wide window)."""
        return max(120, min(COLUMN_PX, self.viewport().width() - 2 * SIDE_PX))

    def _x(self) -> int:
        return max(0, (self.viewport().width() - self._width()) // 2)

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
        # the row that keeps its place on screen while others are measured: the one at the
        # top, or a pinned one (the message whose version the user switched)
        pinned = self._pinned
        if pinned is not None and pinned < len(self._metas):
            anchor = pinned
        else:
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
        width, x = self._width(), self._x()
        for row, w in self._live.items():
            g = w.geometry()
            y, h = self._heights.prefix(row) - self._top, self._heights.values[row] - GAP
            if g.y() != y or g.x() != x or g.width() != width or g.height() != h:
                w.setGeometry(x, y, width, h)

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
                self._drop_widget(row)
        if len(self._views) > MAX_CACHED:
            rows = sorted(self._views, key=lambda r: abs(r - self._heights.row_at(self._top)))
            for row in rows[MAX_CACHED // 2 :]:
                if row not in self._live and row != self._streaming:
                    del self._views[row]

    def _drop_widget(self, row: int) -> None:
        w = self._live.pop(row)
        self._row_of_widget.pop(w, None)
        w.removeEventFilter(self)
        w.hide()
        w.deleteLater()

    def restyle(self) -> None:
        """Light <-> dark: the rows are built again, their code blocks and icons in the new
        colours (the streaming answer keeps its widget: its icons are drawn anew)."""
        for row in list(self._live):
            if row == self._streaming:
                self._live[row].retint()
            else:
                self._drop_widget(row)
        self._relayout()

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
        self._pinned = None  # the user moves the view: the top row keeps its place again
        self._top = value
        self._follow = value >= self.verticalScrollBar().maximum() - 4
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 - Qt override
        pass  # _on_scrolled places the rows

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        width = self._width()
        if width != self._column:  # text wraps anew (not when only the margins grew)
            self._column = width
            self._dirty.update(self._live)
        self._relayout()
