"""A message body: markdown blocks routed into prose, code and long-line segments.

Streaming appends: ``append`` feeds the parser; finished lines are committed once into the
segment they belong to. The unfinished line grows by the new characters, and is shown
formatted afresh only when a batch brings a mark that may close a format (MARKS). A tail
that outgrows markdown.LONG_LINE moves once into a long-line segment and grows there.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable, Iterator

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.core.chat.markdown import (
    LONG_LINE,
    TAIL_FORMAT_CHARS,
    Block,
    MarkdownStream,
    parse,
    tail_block,
)
from desktop.ui.chat.doc_writer import Palette, TailPacer, prose_format
from desktop.ui.chat.transcript_code import CodeRouting
from desktop.ui.chat.transcript_segments import CodeSegment, LongSegment, ProseSegment

STREAM_SLACK_PX = 120  # about six lines of room while streaming: fewer relayouts
# Writing per turn of the event loop; the rest follows at once. A stored message scrolled
# into view gets little (scrolling stays smooth); a streamed burst more, since every turn
# also lays out and repaints the growing answer (at 4 ms a 3,600-token burst cost twice
# the CPU of 8 ms).
BUILD_BUDGET_S = 0.004
STREAM_BUILD_BUDGET_S = 0.008
GROUP = 16  # segments per layout group
# Streamed text parsed per turn of the event loop: a burst of thousands of tokens (a fast
# model, a server that sends a long answer at once) is shown over a few turns instead of
# freezing the window while it is parsed (about 3 ms per 4,000 characters).
FEED_CHARS = 4000


class MessageBody(CodeRouting, QWidget):
    """linkClicked(str): a link in the text or a code block's "copy:<n>"."""

    linkClicked = Signal(str)
    changed = Signal()  # it grew after it was first shown (a long message built in steps)

    def __init__(self, plain: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.plain = plain  # user text: shown as typed, never as markdown
        self.segments: list[QWidget] = []
        self._palette: Palette | None = None
        self._stream = MarkdownStream()
        self._prose: ProseSegment | None = None
        self._code: CodeSegment | None = None  # a code block with a line too wide to wrap
        # the code block being written into the prose (its index and lines), if its lines
        # so far all fit (doc_writer.code_fits)
        self._doc_code: tuple[int, list[str]] | None = None
        self._long: LongSegment | None = None  # the tail, once it is too long to format
        self._tail_in: QWidget | None = None  # the segment showing the tail
        self._streaming = False
        self._finishing = False
        self._queue: deque[Block] = deque()  # parsed, not yet written
        self._timer: QTimer | None = None
        self._group: QWidget | None = None
        self._group_size = 0
        self._backlog = ""  # streamed, not parsed yet (from _backlog_at on)
        self._backlog_at = 0
        self._feed_timer: QTimer | None = None
        self._finish_wanted = False  # finish() came while a backlog was still parsed
        self.tail_pacer = TailPacer()
        self.width_hint: Callable[[], int] | None = None  # the text width the row gives it
        self._code_lang = ""  # of the last code block opened

    # -- content -----------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        """A whole stored message (a long one is built over a few turns of the event loop)."""
        if self.plain:
            if len(text) > LONG_LINE and max(map(len, text.split("\n"))) > LONG_LINE:
                seg = LongSegment(self._pal())
                seg.append_text(text)
                self._add(seg)
                return
            cursor = QTextCursor(self._prose_segment().document())
            cursor.setBlockFormat(prose_format())  # each line of the text takes it
            cursor.insertText(text, QTextCharFormat())
            return
        blocks, self._stream = parse(text)
        self._queue.extend(blocks)
        self._drain()

    def append(self, text: str) -> None:
        """Streamed text, a batch at a time (services/chat/session.py decides how often:
        each step costs a layout and a paint whatever its size)."""
        if not self._streaming:
            self._streaming = True
            for seg in self.segments:
                if isinstance(seg, ProseSegment):
                    seg.set_slack(STREAM_SLACK_PX)
        if not text:
            return
        if self._backlog or len(text) > FEED_CHARS:
            self._backlog = self._backlog[self._backlog_at :] + text
            self._backlog_at = 0
            self._feed_later()
            return
        self._feed(text)

    def _feed(self, text: str) -> None:
        blocks = self._stream.feed(text)
        with self._one_edit():
            if blocks or self._queue:
                self._queue.extend(blocks)
                self._drain()
            elif "\n" in text:  # a line that makes no block (a closing fence) ended
                self._drop_tail()
                self._show_tail(self._stream.tail)
            else:
                self._extend_tail(text)

    @contextlib.contextmanager
    def _one_edit(self) -> Iterator[None]:
        """The edits of one step to the current prose (the old tail out, finished lines in,
        the new tail shown) are laid out and repainted once, not once per edit."""
        if self._prose is None:
            yield
            return
        cursor = QTextCursor(self._prose.document())
        cursor.beginEditBlock()
        try:
            yield
        finally:
            cursor.endEditBlock()

    def _feed_later(self) -> None:
        if self._feed_timer is None:
            self._feed_timer = QTimer(self)
            self._feed_timer.setSingleShot(True)
            self._feed_timer.timeout.connect(self._feed_backlog)
        if not self._feed_timer.isActive():
            self._feed_timer.start(0)

    def _feed_backlog(self, chars: int | None = FEED_CHARS) -> None:
        """Parse the next piece of the backlog (all of it with ``chars=None``)."""
        at = self._backlog_at
        end = len(self._backlog) if chars is None else at + chars
        piece = self._backlog[at:end]
        if end >= len(self._backlog):
            self._backlog, self._backlog_at = "", 0
        else:
            self._backlog_at = end
            self._feed_later()
        if piece:
            self._feed(piece)
        if not self._backlog and self._finish_wanted:
            self._finish_wanted = False
            self.finish()
        self.changed.emit()

    def finish(self) -> None:
        if self._backlog:
            self._finish_wanted = True  # once the backlog is parsed
            return
        self._queue.extend(self._stream.finish())
        self._finishing = True
        self._drain()

    def flush(self) -> None:
        """Write everything streamed or queued now (tests; reading the text)."""
        if self._backlog:
            self._feed_backlog(chars=None)
        self._drain(unlimited=True)

    def _drain_later(self) -> None:
        with self._one_edit():
            self._drain()
        self.changed.emit()

    def _drain(self, unlimited: bool = False) -> None:
        """Write queued blocks for at most a budget of time, then let the event loop run
        (a tick that brings 50 code blocks must not freeze the window); then the tail."""
        if not self._queue and not self._finishing:
            return  # nothing waits: the tail shown is already right (never redraw it)
        self._drop_tail()
        budget = STREAM_BUILD_BUDGET_S if self._streaming else BUILD_BUDGET_S
        deadline = None if unlimited else time.perf_counter() + budget
        queue = self._queue
        while queue:
            self._commit_one(queue.popleft())
            if deadline is not None and time.perf_counter() > deadline:
                break
        if queue:
            if self._timer is None:
                self._timer = QTimer(self)
                self._timer.setSingleShot(True)
                self._timer.timeout.connect(self._drain_later)
            self._timer.start(0)
            return
        if self._streaming and not self._finishing:
            self._show_tail(self._stream.tail)
            return
        if self._finishing:
            self._finishing = self._streaming = False
            for seg in self.segments:
                if isinstance(seg, ProseSegment):
                    seg.set_slack(0)
        if self.segments:  # all written: a prose view left showing nothing goes
            self._drop_if_empty(self.segments[-1])

    @property
    def pending(self) -> bool:
        """Text streamed or parsed that is not on screen yet (it follows within a few turns
        of the event loop)."""
        return bool(self._backlog or self._queue or self._finish_wanted or self._finishing)

    def code_text(self, index: int) -> str:
        return self._stream.code_text(index)

    def toPlainText(self) -> str:  # noqa: N802 - reads like the QTextEdit it replaces
        self.flush()
        parts = []
        for seg in self.segments:
            if isinstance(seg, LongSegment):
                parts.append(seg.text())
            elif isinstance(seg, CodeSegment):
                parts.append(seg.code())
            elif isinstance(seg, ProseSegment):
                parts.append(seg.toPlainText())
        return "\n".join(parts)

    def browsers(self) -> list[QWidget]:
        """The text views (tests check none of them fetches anything)."""
        return [s for s in self.segments if isinstance(s, ProseSegment | CodeSegment)]

    # -- segments ----------------------------------------------------------------------
    def _pal(self) -> Palette:
        if self._palette is None:
            self._palette = Palette(self.font().pointSizeF())
        return self._palette

    def _add(self, seg: QWidget) -> None:
        """Segments go in groups of GROUP: a change in the last group lays out that group
        and the list of groups, not every segment of a long answer."""
        if self.segments:
            self._drop_if_empty(self.segments[-1])
        last = self.segments[-1] if self.segments else None
        if isinstance(last, ProseSegment) and last.slack:
            last.set_slack(0)  # it is done growing: no room kept below it
        if self._group is None or self._group_size >= GROUP:
            self._group = QWidget()
            lay = QVBoxLayout(self._group)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(2)
            self._layout.addWidget(self._group)
            self._group_size = 0
        group_layout = self._group.layout()
        assert group_layout is not None
        group_layout.addWidget(seg)
        self._group_size += 1
        self.segments.append(seg)

    def _drop_if_empty(self, seg: QWidget) -> None:
        """A prose view that shows nothing (it held only a tail, a code block that moved
        out, a closing fence, a table rule alone) goes, however the text came."""
        if isinstance(seg, ProseSegment) and seg.writer.empty:
            self.segments.remove(seg)
            seg.setParent(None)
            seg.deleteLater()
            self._prose = None if self._prose is seg else self._prose
            self._tail_in = None if self._tail_in is seg else self._tail_in

    def _prose_segment(self) -> ProseSegment:
        if self._prose is None:
            self._prose = ProseSegment(self._pal())
            self._prose.linkClicked.connect(self.linkClicked)
            if self._streaming:
                self._prose.set_slack(STREAM_SLACK_PX)
            self._add(self._prose)
            self._code = None
        return self._prose

    def _show_tail(self, tail: str) -> None:
        if not tail:
            return
        in_code = self._stream.in_code
        if self._stream.tail_len > LONG_LINE:
            self._start_long(tail)
            return
        if in_code and self._doc_code is not None and not self._fits(tail):
            self._eject_code()
        if in_code and self._code is not None:
            self._code.show_tail(tail)
            self._tail_in = self._code
        else:
            seg = self._prose_segment()
            seg.writer.show_tail(tail, code=in_code, block=None if in_code else tail_block(tail))
            self._tail_in = seg

    def _extend_tail(self, text: str) -> None:
        if not text or self._queue:
            return  # the tail is shown afresh once the queue is written
        if self._long is not None:
            self._long.append_text(text)
        elif self._tail_in is None:
            self._show_tail(self._stream.tail)
        elif self._stream.tail_len > LONG_LINE:
            self._drop_tail()
            self._start_long(self._stream.tail)  # once: from now on it only grows
        elif isinstance(self._tail_in, CodeSegment):
            self._tail_in.extend_tail(text)
        elif (
            self._stream.in_code
            and self._doc_code
            and self._stream.tail_len > 16
            and not self._fits(self._stream.tail)
        ):
            self._drop_tail()  # too wide for the prose: the block moves to its own view
            self._show_tail(self._stream.tail)
        elif isinstance(self._tail_in, ProseSegment):
            stream = self._stream
            if stream.in_code or stream.tail_len > TAIL_FORMAT_CHARS:
                self._tail_in.writer.extend_tail(text, code=stream.in_code)
                return
            if self.tail_pacer.due(text, stream.tail_len):
                tail = stream.tail
                self._tail_in.writer.show_tail(tail, block=tail_block(tail))
            else:
                self._tail_in.writer.extend_tail(text)

    def _start_long(self, tail: str) -> None:
        if self._stream.in_code and self._doc_code is not None:
            self._eject_code()  # as when the line is committed (a long line in code)
        self._long = LongSegment(self._pal())
        self._long.append_text(tail)
        self._add(self._long)
        self._prose = None
        self._tail_in = self._long

    def _drop_tail(self) -> None:
        seg, self._tail_in = self._tail_in, None
        if isinstance(seg, CodeSegment):
            seg.drop_tail()
        elif isinstance(seg, ProseSegment):
            seg.writer.drop_tail()
