"""Write markdown blocks into a QTextDocument with text formats, appending only.

Committed blocks are written once, at the end. The unfinished last line (the tail) is shown
as what it would be if it ended now, or as plain text, and mostly only its new characters
are appended; when its newline arrives the tail is replaced once by the formatted line.
So a step costs what its new text (or at most its line) costs, whatever the length of the
answer.

A code block whose lines fit (code_fits) is written into the same document as shaded
blocks: no text view of its own to create, lay out and paint. One with a wider line is
taken back out (take_code) and gets a view that scrolls sideways (transcript_body.py).
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterable

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from desktop.core.chat.markdown import Block, BlockKind, Span
from desktop.ui.chat.doc_tables import TableWriter

COPY_SCHEME = "copy:"  # a code block's Copy link: copy:<index>
CODE_COLS = 80  # the widest code line written into the prose when no width is known
CODE_GAP = 6  # px between a code block and the text around it
CODE_PAD = 10  # px from a code block's shaded edge to its text (each code line is a block)
TAB_COLS = 10  # Qt's tab stop is 80 px, about ten monospace characters
LINE_HEIGHT = 125  # % of the font's line spacing: prose reads easier with air between lines


def prose_format() -> QTextBlockFormat:
    """A line of prose (not code, which keeps its lines close)."""
    bf = QTextBlockFormat()
    bf.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    return bf


def code_fits(line: str, palette: Palette, width_px: float | None) -> bool:
    """Whether a code line fits the prose without wrapping: measured in the code font
    against ``width_px`` (the text width of the view), or at most CODE_COLS columns (wide
    characters count two) while no width is known."""
    text = line.replace("\t", " " * TAB_COLS) if "\t" in line else line
    if width_px is not None:
        return palette.code_metrics.horizontalAdvance(text) <= width_px
    if len(text) > CODE_COLS:
        return False
    return text.isascii() or sum(2 if ord(c) >= 0x1100 else 1 for c in text) <= CODE_COLS


class TailPacer:
    """When to show the unfinished line formatted afresh (markdown.tail_block) instead of
    only appending: when a batch brings one of MARKS (it may close a format), at most every
    INTERVAL_S (a formatting costs about 0.6 ms; at every batch of a 50 tok/s answer full of
    marks that was 0.3 % of a core), and always for a line's first characters (they decide
    a heading or a list item)."""

    MARKS = frozenset("*_`~)]")
    INTERVAL_S = 1.0

    def __init__(self) -> None:
        self.clock = time.monotonic
        self._at = -self.INTERVAL_S  # when the tail was last formatted
        self._waiting = False  # a mark came since then

    def due(self, new: str, tail_len: int) -> bool:
        self._waiting = self._waiting or not self.MARKS.isdisjoint(new)
        now = self.clock()
        if tail_len - len(new) < 4 or (self._waiting and now - self._at >= self.INTERVAL_S):
            self._at, self._waiting = now, False
            return True
        return False


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    """``a`` with ``share`` of ``b`` in it."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )


class Palette:
    """Colours and fonts shared by every segment of a message (read once per message)."""

    def __init__(self, base_size: float) -> None:
        pal = QApplication.palette()
        self.link = pal.color(QPalette.ColorRole.Link)
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        # a shade of the text on the background: as calm in dark as in light
        self.code_bg = _mix(base, text, 0.055 if base.lightness() > 128 else 0.085)
        self.muted = pal.color(QPalette.ColorRole.PlaceholderText)
        self.mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.base_size = base_size if base_size > 0 else 10.0
        self.code_cf = QTextCharFormat()  # a code line: the text's size, monospace
        self.code_cf.setFontFamilies(self.mono.families())
        self.code_label_cf = QTextCharFormat()  # a code block's language label
        self.code_label_cf.setForeground(self.muted)
        self.code_label_cf.setFontPointSize(self.base_size * 0.85)
        code_font = QFont(self.mono)
        code_font.setPointSizeF(self.base_size)
        self.code_metrics = QFontMetricsF(code_font)
        text_font = QFont(QApplication.font())
        text_font.setPointSizeF(self.base_size)
        self.char_px = QFontMetricsF(text_font).averageCharWidth()  # a table column's unit


def insert_code_header(cursor: QTextCursor, lang: str, index: int, p: Palette) -> None:
    """The line above a code block, in its own view or in the prose: its language and a
    Copy link (COPY_SCHEME + index)."""
    cursor.insertText(f"{lang or 'code'}    ", p.code_label_cf)
    link = QTextCharFormat(p.code_label_cf)
    link.setAnchor(True)
    link.setAnchorHref(f"{COPY_SCHEME}{index}")
    link.setForeground(p.link)
    link.setFontUnderline(True)
    cursor.insertText(QApplication.translate("MessageWidget", "Copy"), link)


class BlockWriter:
    """Prose blocks (paragraphs, headings, lists, quotes, tables, rules) into one document."""

    def __init__(self, doc: QTextDocument, palette: Palette) -> None:
        self.doc = doc
        self.p = palette
        self._committed_end = 0
        self._tail_shown = False
        self._table: TableWriter | None = None  # the table being written
        self._after_table = False  # the empty block Qt keeps after a table is ours to fill
        self._committed_bf = QTextBlockFormat()
        self._committed_cf = QTextCharFormat()
        self._in_code = False  # the last finished block is a code line (or its header)
        # the open code block, for take_code: where it begins, and the format of the line
        # before it (block, char, and whether that line is the empty one after a table)
        self._code_undo: tuple[int, QTextBlockFormat, QTextCharFormat, bool] | None = None
        self._code_bf = QTextBlockFormat()
        self._code_bf.setBackground(palette.code_bg)
        self._code_bf.setTextIndent(CODE_PAD)  # code lines never wrap: the indent pads
        self._code_cf = palette.code_cf

    @property
    def empty(self) -> bool:
        return self.doc.isEmpty() and self._table is None

    # -- public ------------------------------------------------------------------------
    def commit(self, blocks: Iterable[Block]) -> None:
        cursor = self._drop_tail()
        for b in blocks:
            self._write(cursor, b)
        self._mark_committed(cursor)

    def _mark_committed(self, cursor: QTextCursor) -> None:
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self._committed_end = cursor.position()
        self._committed_bf = cursor.blockFormat()
        self._committed_cf = cursor.blockCharFormat()

    def take_code(self) -> None:
        """Remove the open code block (a line too wide came: it moves to a view of its own)."""
        cursor = self._drop_tail()
        if self._code_undo is None:
            return
        start, bf, cf, after_table = self._code_undo
        cursor.setPosition(start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.setBlockFormat(bf)
        cursor.setBlockCharFormat(cf)
        self._after_table = after_table
        self._close_code()
        self._mark_committed(cursor)

    def _close_code(self) -> None:
        """What follows the code block is not code: it can no longer be taken back out."""
        self._in_code, self._code_undo = False, None

    def show_tail(self, text: str, code: bool = False, block: Block | None = None) -> None:
        """Start showing a new unfinished line: plain text (monospace inside code), or
        ``block``, what the line would be if it ended now (markdown.tail_block)."""
        cursor = self._drop_tail()
        if text:
            if block is not None:
                self._write(cursor, block, tail=True)
            elif code:
                self._begin(cursor, self._code_bf, self._code_cf, tail=True, code=True)
                cursor.insertText(text, self._code_cf)
            else:
                self._begin(cursor, prose_format(), QTextCharFormat(), tail=True)
                cursor.insertText(text)
            self._tail_shown = True

    def extend_tail(self, text: str, code: bool = False) -> None:
        """Append new characters of the unfinished line: nothing earlier is touched. They
        take the line's own format (a heading's size), never that of a span before them."""
        if not self._tail_shown:
            self.show_tail(text, code)
            return
        cursor = QTextCursor(self.doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text, cursor.blockCharFormat())

    def drop_tail(self) -> None:
        self._drop_tail()

    # -- plumbing ----------------------------------------------------------------------
    def _drop_tail(self) -> QTextCursor:
        cursor = QTextCursor(self.doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if self._tail_shown:
            cursor.setPosition(self._committed_end)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            # the merge keeps the removed tail block's format: give the last line its own back
            if self._committed_end:
                cursor.setBlockFormat(self._committed_bf)
                cursor.setBlockCharFormat(self._committed_cf)
            self._tail_shown = False
        return cursor

    def _begin(
        self,
        cursor: QTextCursor,
        bf: QTextBlockFormat,
        cf: QTextCharFormat,
        tail: bool = False,
        code: bool = False,
    ) -> None:
        if self._in_code and not code:  # the first line after a code block: a gap above
            bf = QTextBlockFormat(bf)
            bf.setTopMargin(max(bf.topMargin(), CODE_GAP))
            if not tail:
                self._close_code()
        if self._after_table or (cursor.position() == 0 and cursor.block().length() <= 1):
            cursor.setBlockFormat(bf)
            cursor.setBlockCharFormat(cf)
            cursor.setCharFormat(cf)
        else:
            cursor.insertBlock(bf, cf)
        if not tail:  # a finished line after a table ends the table
            self._after_table = False
            self._table = None

    def _spans(self, cursor: QTextCursor, spans: Iterable[Span], base: QTextCharFormat) -> None:
        for s in spans:
            cf = QTextCharFormat(base)
            if s.bold:
                cf.setFontWeight(QFont.Weight.Bold)
            if s.italic:
                cf.setFontItalic(True)
            if s.strike:
                cf.setFontStrikeOut(True)
            if s.code:
                cf.setFontFamilies(self.p.mono.families())
                cf.setBackground(self.p.code_bg)
            if s.href:
                cf.setAnchor(True)
                cf.setAnchorHref(s.href)
                cf.setForeground(self.p.link)
                cf.setFontUnderline(True)
                cf.setToolTip(f"<p>{html.escape(s.href)}</p>")  # the address, never markup
            cursor.insertText(s.text, cf)

    def _row(self, cursor: QTextCursor, b: Block) -> None:
        table = self._table
        if table is None:
            margin = 0
            if self._in_code:
                margin = CODE_GAP
                self._close_code()
            if not self.empty:
                cursor.insertBlock()
            table = self._table = TableWriter(self.p.muted, self.p.char_px, self._spans)
            table.start(cursor, max(1, len(b.cells)), margin)
        table.row(b)
        self._after_table = True

    def _header(self, b: Block) -> None:
        if self._table is not None:
            self._table.header(b)

    def _code_header(self, cursor: QTextCursor, b: Block) -> None:
        """The line above a code block: its language and a Copy link (copy:<index>)."""
        reuse = self._after_table or (cursor.position() == 0 and cursor.block().length() <= 1)
        undo = (
            cursor.position(),
            QTextBlockFormat() if reuse else cursor.blockFormat(),
            QTextCharFormat() if reuse else cursor.blockCharFormat(),
            self._after_table and reuse,
        )
        self._in_code = False  # a new block right after another: its own gap above
        bf = QTextBlockFormat(self._code_bf)
        bf.setTopMargin(CODE_GAP)
        self._begin(cursor, bf, self.p.code_label_cf, code=True)
        insert_code_header(cursor, b.lang, b.code_index, self.p)
        self._in_code = True
        self._code_undo = undo

    def _write(self, cursor: QTextCursor, b: Block, tail: bool = False) -> None:
        k = b.kind
        if k is BlockKind.CODE_START:
            self._code_header(cursor, b)
            return
        if k is BlockKind.CODE:
            self._begin(cursor, self._code_bf, self._code_cf, code=True)
            cursor.insertText(b.text, self._code_cf)
            return
        if k is BlockKind.BLANK and self._in_code:
            return  # the shaded block already sets it apart
        if k is BlockKind.TABLE:
            self._row(cursor, b)
            return
        if k is BlockKind.TABLE_RULE:
            self._header(b)
            return
        bf = prose_format()
        cf = QTextCharFormat()
        if k is BlockKind.HEADING:
            scale = {1: 1.45, 2: 1.3, 3: 1.15}.get(b.level, 1.05)
            cf.setFontPointSize(self.p.base_size * scale)
            cf.setFontWeight(QFont.Weight.Bold)
            bf.setTopMargin(4)
            self._begin(cursor, bf, cf, tail=tail)
            self._spans(cursor, b.spans, cf)
        elif k in (BlockKind.BULLET, BlockKind.NUMBERED):
            marker = "•" if k is BlockKind.BULLET else b.marker
            bf.setLeftMargin(18 * (b.level + 1))
            bf.setTextIndent(-14)
            self._begin(cursor, bf, cf, tail=tail)
            cursor.insertText(f"{marker} ", cf)
            self._spans(cursor, b.spans, cf)
        elif k is BlockKind.QUOTE:
            bf.setLeftMargin(14)
            cf.setForeground(self.p.muted)
            cf.setFontItalic(True)
            self._begin(cursor, bf, cf, tail=tail)
            self._spans(cursor, b.spans, cf)
        elif k is BlockKind.RULE:
            cf.setForeground(self.p.muted)
            self._begin(cursor, bf, cf, tail=tail)
            cursor.insertText("─" * 24, cf)
        elif k is BlockKind.BLANK:
            self._begin(cursor, bf, cf, tail=tail)
        else:  # paragraphs (code and long lines live in segments of their own)
            self._begin(cursor, bf, cf, tail=tail)
            self._spans(cursor, b.spans, cf)
