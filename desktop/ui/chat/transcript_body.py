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
    Block,
    BlockKind,
    MarkdownStream,
    parse,
)
from desktop.ui.chat.doc_writer import Palette, TailPacer, prose_format
from desktop.ui.chat.transcript_code import CodeRouting
from desktop.ui.chat.transcript_plain import (
    FORMAT_CHARS,
    PLAIN_PIECE,
    Backlog,
    PlainPart,
    format_split,
)
from desktop.ui.chat.transcript_segments import (
    CodeSegment,
    LongSegment,
    PlainRest,
    ProseSegment,
    TableRestSegment,
)
from desktop.ui.chat.transcript_tail import TailRouting

STREAM_SLACK_PX = 120  # about six lines of room while streaming: fewer relayouts
# Writing per turn of the event loop; the rest follows at once. A stored message scrolled
# into view gets little (scrolling stays smooth); a streamed burst more, since every turn
# also lays out and repaints the growing answer (at 4 ms a 3,600-token burst cost twice
# the CPU of 8 ms).
BUILD_BUDGET_S = 0.004
STREAM_BUILD_BUDGET_S = 0.008
GROUP = 16  # segments per layout group
TABLE_ROWS_PER_TURN = 10  # table rows written per turn (laid out and painted: ~2 ms each)
# Streamed text parsed per turn of the event loop: a burst of thousands of tokens (a fast
# model, a server that sends a long answer at once) is shown over a few turns instead of
# freezing the window while it is parsed (about 3 ms per 4,000 characters).
FEED_CHARS = 4000


class MessageBody(TailRouting, CodeRouting, QWidget):
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
        self._rest: TableRestSegment | None = None  # a long table's rows past TABLE_ROWS
        self._tail_in: QWidget | None = None  # the segment showing the tail
        self._streaming = False
        self._finishing = False
        self._queue: deque[Block | PlainPart] = deque()  # parsed, not yet written
        self._timer: QTimer | None = None
        self._group: QWidget | None = None
        self._group_size = 0
        self._backlog = Backlog()  # streamed, not parsed yet
        self._fed = 0  # characters streamed into the markdown parser
        self._plain: PlainRest | None = None  # the rest of a very long answer
        self._plain_mode = False  # from here on the text goes to the plain rest
        self._feed_timer: QTimer | None = None
        self._finish_wanted = False  # finish() came while a backlog was still parsed
        self.tail_pacer = TailPacer()
        self.width_hint: Callable[[], int] | None = None  # the text width the row gives it
        self._code_lang = ""  # of the last code block opened

    # -- content -----------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        """A whole stored message (a long one is built over a few turns of the event loop)."""
        split = format_split(text)  # a very long answer: the rest is plain (transcript_plain)
        head = text if split == len(text) else text[:split]
        if self.plain:
            if len(head) > LONG_LINE and max(map(len, head.split("\n"))) > LONG_LINE:
                seg = LongSegment(self._pal())
                seg.append_text(head)
                self._add(seg)
            else:
                cursor = QTextCursor(self._prose_segment().document())
                cursor.setBlockFormat(prose_format())  # each line of the text takes it
                cursor.insertText(head, QTextCharFormat())
        else:
            blocks, self._stream = parse(head)
            self._queue.extend(blocks)
        if split < len(text):
            self._plain_mode = True
            self._queue.extend(PlainPart.pieces(text, split))
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
            self._backlog.push(text)
            self._feed_later()
            return
        self._feed(text)

    def _feed(self, text: str) -> None:
        if self._plain_mode:  # the rest of a very long answer: no parsing, plain text
            self._queue.append(PlainPart(text, 0, len(text)))
            self._drain()
            return
        room = FORMAT_CHARS - self._fed
        if len(text) > room:
            nl = text.find("\n", max(room, 0))
            if nl >= 0:  # the first line end past FORMAT_CHARS: the rest is plain
                self._fed += nl + 1
                self._feed_markdown(text[: nl + 1])
                self._plain_mode = True
                if nl + 1 < len(text):
                    self._feed(text[nl + 1 :])
                return
        self._fed += len(text)
        self._feed_markdown(text)

    def _feed_markdown(self, text: str) -> None:
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
        """Parse the next piece of the backlog (all of it with ``chars=None``); plain text
        is not parsed: it goes on in bigger pieces."""
        if chars is not None and self._plain_mode:
            chars = PLAIN_PIECE
        piece = self._backlog.take(chars)
        if self._backlog:
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
        rows = 0  # table rows: Qt lays them out after the turn (~0.5 ms each with paint)
        while queue:
            item = queue.popleft()
            if isinstance(item, PlainPart):
                self._plain_segment().append_text(item.text)
            else:
                rows += item.kind is BlockKind.TABLE
                self._commit_one(item)
            if deadline is not None and (
                time.perf_counter() > deadline or rows >= TABLE_ROWS_PER_TURN
            ):
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
            if isinstance(seg, LongSegment | TableRestSegment | PlainRest):
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

    def _plain_segment(self) -> PlainRest:
        if self._plain is None:
            self._drop_tail()
            self._plain = PlainRest(self._pal())
            self._add(self._plain)
            self._prose = self._code = self._doc_code = self._long = self._rest = None
        return self._plain

    def _prose_segment(self) -> ProseSegment:
        if self._prose is None:
            self._prose = ProseSegment(self._pal())
            self._prose.linkClicked.connect(self.linkClicked)
            if self._streaming:
                self._prose.set_slack(STREAM_SLACK_PX)
            self._add(self._prose)
            self._code = None
        return self._prose
