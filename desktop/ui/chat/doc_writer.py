"""Write markdown blocks into a QTextDocument with text formats, appending only.

Committed blocks are written once, at the end. The unfinished last line (the tail) is shown
as plain text and only its new characters are appended on each paint tick; when its newline
arrives the tail is replaced once by the formatted line. So a tick costs what its new text
costs, whatever the length of the answer or of the line.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)
from PySide6.QtWidgets import QApplication

from desktop.core.chat.markdown import Block, BlockKind, Span


class Palette:
    """Colours and fonts shared by every segment of a message (read once per message)."""

    def __init__(self, base_size: float) -> None:
        pal = QApplication.palette()
        self.link = pal.color(QPalette.ColorRole.Link)
        base = pal.color(QPalette.ColorRole.Base)
        self.code_bg = base.darker(106) if base.lightness() > 128 else base.lighter(140)
        self.muted = pal.color(QPalette.ColorRole.PlaceholderText)
        self.mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.base_size = base_size if base_size > 0 else 10.0


class BlockWriter:
    """Prose blocks (paragraphs, headings, lists, quotes, tables, rules) into one document."""

    def __init__(self, doc: QTextDocument, palette: Palette) -> None:
        self.doc = doc
        self.p = palette
        self._committed_end = 0
        self._tail_shown = False
        self._table: QTextTable | None = None
        self._after_table = False  # the empty block Qt keeps after a table is ours to fill
        self._committed_bf = QTextBlockFormat()
        self._committed_cf = QTextCharFormat()

    @property
    def empty(self) -> bool:
        return self.doc.isEmpty() and self._table is None

    # -- public ------------------------------------------------------------------------
    def commit(self, blocks: Iterable[Block]) -> None:
        cursor = self._drop_tail()
        for b in blocks:
            self._write(cursor, b)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self._committed_end = cursor.position()
        self._committed_bf = cursor.blockFormat()
        self._committed_cf = cursor.blockCharFormat()

    def show_tail(self, text: str) -> None:
        """Start showing a new unfinished line (plain text)."""
        cursor = self._drop_tail()
        if text:
            self._begin(cursor, QTextBlockFormat(), QTextCharFormat(), tail=True)
            cursor.insertText(text)
            self._tail_shown = True

    def extend_tail(self, text: str) -> None:
        """Append new characters of the unfinished line: nothing earlier is touched."""
        if not self._tail_shown:
            self.show_tail(text)
            return
        cursor = QTextCursor(self.doc)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)

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
        self, cursor: QTextCursor, bf: QTextBlockFormat, cf: QTextCharFormat, tail: bool = False
    ) -> None:
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
                cf.setToolTip(s.href)
            cursor.insertText(s.text, cf)

    def _row(self, cursor: QTextCursor, b: Block) -> None:
        cells = max(1, len(b.cells))
        if self._table is None:
            fmt = QTextTableFormat()
            fmt.setCellPadding(4)
            fmt.setCellSpacing(0)
            fmt.setBorder(1)
            fmt.setBorderBrush(self.p.muted)
            fmt.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_Solid)
            fmt.setWidth(QTextLength(QTextLength.Type.VariableLength, 0))
            if not self.empty:
                cursor.insertBlock()
            self._table = cursor.insertTable(1, cells, fmt)
        else:
            self._table.appendRows(1)
        table = self._table
        if table.columns() < cells:
            table.appendColumns(cells - table.columns())
        row = table.rows() - 1
        for i, spans in enumerate(b.cells):
            self._spans(table.cellAt(row, i).firstCursorPosition(), spans, QTextCharFormat())
        self._after_table = True

    def _header(self, b: Block) -> None:
        """The rule under a table's first row: that row is its header, aligned as marked."""
        table = self._table
        if table is None or table.rows() != 1:
            return
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        marks = [c.strip() for c in b.text.strip("|").split("|")]
        for col in range(table.columns()):
            cell = table.cellAt(0, col)
            cur = cell.firstCursorPosition()
            cur.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
            cur.mergeCharFormat(bold)
            m = marks[col] if col < len(marks) else ""
            if m.endswith(":"):
                align = (
                    Qt.AlignmentFlag.AlignHCenter
                    if m.startswith(":")
                    else Qt.AlignmentFlag.AlignRight
                )
                bf = QTextBlockFormat()
                bf.setAlignment(align)
                cur.mergeBlockFormat(bf)

    def _write(self, cursor: QTextCursor, b: Block) -> None:
        k = b.kind
        if k is BlockKind.TABLE:
            self._row(cursor, b)
            return
        if k is BlockKind.TABLE_RULE:
            self._header(b)
            return
        bf = QTextBlockFormat()
        cf = QTextCharFormat()
        if k is BlockKind.HEADING:
            scale = {1: 1.45, 2: 1.3, 3: 1.15}.get(b.level, 1.05)
            cf.setFontPointSize(self.p.base_size * scale)
            cf.setFontWeight(QFont.Weight.Bold)
            bf.setTopMargin(4)
            self._begin(cursor, bf, cf)
            self._spans(cursor, b.spans, cf)
        elif k in (BlockKind.BULLET, BlockKind.NUMBERED):
            marker = "•" if k is BlockKind.BULLET else b.marker
            bf.setLeftMargin(18 * (b.level + 1))
            bf.setTextIndent(-14)
            self._begin(cursor, bf, cf)
            cursor.insertText(f"{marker} ", cf)
            self._spans(cursor, b.spans, cf)
        elif k is BlockKind.QUOTE:
            bf.setLeftMargin(14)
            cf.setForeground(self.p.muted)
            cf.setFontItalic(True)
            self._begin(cursor, bf, cf)
            self._spans(cursor, b.spans, cf)
        elif k is BlockKind.RULE:
            cf.setForeground(self.p.muted)
            self._begin(cursor, bf, cf)
            cursor.insertText("─" * 24, cf)
        elif k is BlockKind.BLANK:
            self._begin(cursor, bf, cf)
        else:  # paragraphs (code and long lines live in segments of their own)
            self._begin(cursor, bf, cf)
            self._spans(cursor, b.spans, cf)
