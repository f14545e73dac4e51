"""How a message body routes code: a fenced block whose lines fit the row's width is written
into the prose document (doc_writer); a line too wide moves the block into a view of its
own that scrolls sideways (CodeSegment); a line too long to format (markdown.LONG_LINE)
gets a plain view, and the code after it a view of its own again.

A mixin of MessageBody (transcript_body.py), which owns the state it reads and writes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.core.chat.markdown import Block, BlockKind
from desktop.ui.chat.doc_writer import CODE_PAD, Palette, code_fits
from desktop.ui.chat.safe_browser import DOC_MARGIN
from desktop.ui.chat.transcript_plain import PlainPart
from desktop.ui.chat.transcript_segments import (
    CodeSegment,
    LongSegment,
    ProseSegment,
    TableRestSegment,
)

REST_BATCH = 500  # a long table's plain rows written in one edit


class CodeRouting:
    """Where each finished block goes (MessageBody._commit_one and its helpers)."""

    segments: list[QWidget]
    linkClicked: Any  # MessageBody's Signal(str)
    width_hint: Callable[[], int] | None
    _queue: deque[Block | PlainPart]
    _long: LongSegment | None
    _rest: TableRestSegment | None  # the rows of a table past markdown.TABLE_ROWS
    _code: CodeSegment | None
    _doc_code: tuple[int, list[str]] | None
    _code_lang: str
    _prose: ProseSegment | None
    _tail_in: QWidget | None

    def _prose_segment(self) -> ProseSegment:
        raise NotImplementedError

    def _add(self, seg: QWidget) -> None:
        raise NotImplementedError

    def _pal(self) -> Palette:
        raise NotImplementedError

    def _commit_one(self, b: Block) -> None:
        k = b.kind
        if k is BlockKind.TABLE_REST:
            if self._rest is None:  # the rest of a long table: plain rows, scrolling
                self._code = self._doc_code = self._long = None
                self._rest = TableRestSegment(self._pal())
                self._add(self._rest)
                self._prose = None
            rows, queue = [b.text], self._queue
            while queue and len(rows) < REST_BATCH:
                nxt = queue[0]
                if not isinstance(nxt, Block) or nxt.kind is not BlockKind.TABLE_REST:
                    break
                rows.append(nxt.text)  # written in one edit, not one per row
                queue.popleft()
            self._rest.add_rows(rows)
            return
        self._rest = None
        if k is BlockKind.LONG and self._long is not None:
            # shown while it streamed: add only what is new
            self._long.append_text(b.text[self._long.chars :])
            self._long = self._code = self._doc_code = None  # as below: code goes on after
            return
        self._long = None
        if k is BlockKind.CODE_START:
            self._code, self._code_lang = None, b.lang
            self._prose_segment().writer.commit((b,))
            self._doc_code = (b.code_index, [])
        elif k is BlockKind.CODE:
            if self._doc_code is not None and self._code is None:
                if self._fits(b.text):
                    self._doc_code[1].append(b.text)
                    self._prose_segment().writer.commit((b,))
                    return
                self._eject_code()
            if self._code is None:  # code going on after a long line: the rest of it
                self._new_code_segment(self._code_lang, b.code_index)
            assert self._code is not None
            self._code.add_line(b.text)
        elif k is BlockKind.LONG:
            if self._doc_code is not None and b.code_index >= 0:  # a long line in code
                self._eject_code()
            self._code = self._doc_code = None
            seg = LongSegment(self._pal())
            seg.append_text(b.text)
            self._add(seg)
            self._prose = None
        elif k is BlockKind.BLANK and self._prose is None:
            pass  # a code block or long line already separates what follows
        else:
            self._code = self._doc_code = None
            self._prose_segment().writer.commit((b,))

    def _fits(self, line: str) -> bool:
        """A code line shown whole in the prose (doc_writer.code_fits) at this row's width
        (less the document's margins and the code block's own), once the row has one."""
        width = self.width_hint() if self.width_hint is not None else 0
        px = width - 2 * DOC_MARGIN - CODE_PAD - 2 if width > 200 else None
        return code_fits(line, self._pal(), px)

    def _new_code_segment(self, lang: str, index: int) -> None:
        self._code = CodeSegment(lang, index, self._pal())
        self._code.linkClicked.connect(self.linkClicked)
        self._add(self._code)
        self._prose = None

    def _eject_code(self) -> None:
        """The open code block has a line too wide to wrap: out of the prose it goes, into
        a view that scrolls sideways; what follows starts a new prose view."""
        assert self._doc_code is not None and self._prose is not None
        index, lines = self._doc_code
        self._doc_code = None
        prose = self._prose
        if self._tail_in is prose:
            self._tail_in = None
        prose.writer.take_code()
        self._new_code_segment(self._code_lang, index)
        assert self._code is not None
        for line in lines:
            self._code.add_line(line)
