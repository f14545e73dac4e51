"""How a message body shows its unfinished last line (the tail) while it streams: in the
prose (formatted now and then, markdown.tail_block), in a code view, or, once it is longer
than markdown.LONG_LINE, in a plain long-line view where it only grows.

A mixin of MessageBody (transcript_body.py), which owns the state it reads and writes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.core.chat.markdown import LONG_LINE, TAIL_FORMAT_CHARS, MarkdownStream, tail_block
from desktop.ui.chat.doc_writer import Palette, TailPacer
from desktop.ui.chat.transcript_segments import CodeSegment, LongSegment, ProseSegment


class TailRouting:
    """The tail's segment (MessageBody._show_tail and its helpers)."""

    _stream: MarkdownStream
    _queue: Any
    _long: LongSegment | None
    _code: CodeSegment | None
    _doc_code: tuple[int, list[str]] | None
    _prose: ProseSegment | None
    _tail_in: QWidget | None
    tail_pacer: TailPacer

    # MessageBody's and CodeRouting's (annotations, not stubs: a stub here would come
    # before CodeRouting's own in the method order)
    _prose_segment: Callable[[], ProseSegment]
    _add: Callable[[QWidget], None]
    _pal: Callable[[], Palette]
    _fits: Callable[[str], bool]
    _eject_code: Callable[[], None]

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
