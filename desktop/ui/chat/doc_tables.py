"""A markdown table in a message's document, in time linear in its rows.

Qt lays a QTextTable out whole whenever it changes: a table that grows by a few rows per
streamed step was laid out again at every step (2,000 rows took 13.7 s, 4,000 rows 106 s
with 5 s freezes: issue 24.2). So a table is written as QTextTables of at most TABLE_CHUNK
rows, one after the other; a step lays out the last chunk only. A table of one chunk is laid
out as before (columns as wide as their text); once a second chunk begins, every chunk (the
first one too) takes the same column widths, measured from the first chunk's text, so they
read as one table. Past markdown.TABLE_ROWS rows the rest is a plain block of its own
(transcript_code.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

from desktop.core.chat.markdown import Block, Span

TABLE_CHUNK = 25  # rows per QTextTable
MAX_TABLE_PX = 560  # wider, and a chunked table's columns share the text's whole width
CELL_CHARS = (2, 40)  # a column's width in characters, at least and at most
PADDING = 4

SpanWriter = Callable[[QTextCursor, Iterable[Span], QTextCharFormat], None]


def _chars(spans: Iterable[Span]) -> int:
    """A cell's width in characters (a wide character counts two)."""
    text = "".join(s.text for s in spans)
    if text.isascii():
        return len(text)
    return sum(2 if ord(c) >= 0x1100 else 1 for c in text)


class TableWriter:
    """One markdown table: its rows written into chunks, its header marked."""

    def __init__(self, muted: object, char_px: float, spans: SpanWriter) -> None:
        self._muted = muted
        self._char_px = char_px
        self._spans = spans
        self.first: QTextTable | None = None
        self.current: QTextTable | None = None
        self.rows = 0
        self._widest: list[int] = []  # characters per column, over the first chunk
        self._shared: QTextTableFormat | None = None  # every chunk's, once there are two

    def base_format(self) -> QTextTableFormat:
        fmt = QTextTableFormat()
        fmt.setCellPadding(PADDING)
        fmt.setCellSpacing(0)
        fmt.setBorder(1)
        fmt.setBorderBrush(self._muted)  # type: ignore[arg-type]
        fmt.setBorderStyle(QTextTableFormat.BorderStyle.BorderStyle_Solid)
        fmt.setWidth(QTextLength(QTextLength.Type.VariableLength, 0))
        return fmt

    def start(self, cursor: QTextCursor, cells: int, top_margin: float) -> None:
        """The first row's table, at ``cursor``."""
        fmt = self.base_format()
        if top_margin:
            fmt.setTopMargin(top_margin)
        self.first = self.current = cursor.insertTable(1, cells, fmt)
        self.rows = 0

    def row(self, b: Block) -> None:
        """A row at the end of the table (start() made the first one's room)."""
        cells = max(1, len(b.cells))
        table = self.current
        assert table is not None
        if self.rows:
            if table.rows() >= TABLE_CHUNK:
                table = self._next_chunk(table, cells)
            else:
                table.appendRows(1)
        if table.columns() < cells:
            table.appendColumns(cells - table.columns())
        row = table.rows() - 1
        for i, spans in enumerate(b.cells):
            self._spans(table.cellAt(row, i).firstCursorPosition(), spans, QTextCharFormat())
            if self._shared is None:
                if i >= len(self._widest):
                    self._widest.append(0)
                self._widest[i] = max(self._widest[i], _chars(spans))
        self.rows += 1

    def header(self, b: Block) -> None:
        """The rule under a table's first row: that row is its header, aligned as marked."""
        table = self.first
        if table is None or self.rows != 1:
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

    # -- chunks ------------------------------------------------------------------------
    def _next_chunk(self, table: QTextTable, cells: int) -> QTextTable:
        """A new QTextTable right after ``table``, with the shared column widths."""
        if self._shared is None:
            self._shared = self._shared_format(max(cells, table.columns()))
            assert self.first is not None
            first = QTextTableFormat(self._shared)
            first.setTopMargin(self.first.format().topMargin())
            self.first.setFormat(first)  # the first chunk once more, to match the others
        cursor = QTextCursor(table.lastCursorPosition())
        cursor.movePosition(QTextCursor.MoveOperation.NextBlock)  # the block after it
        self.current = cursor.insertTable(1, max(cells, table.columns()), self._shared)
        return self.current

    def _shared_format(self, columns: int) -> QTextTableFormat:
        """Column widths from the first chunk's text: in pixels when the table is narrow,
        else as shares of the text's width (never wider than the view)."""
        fmt = self.base_format()
        fmt.setBottomMargin(0)  # chunks meet: one table to the eye
        fmt.setTopMargin(0)
        low, high = CELL_CHARS
        # room to spare: later rows run longer (r9 → r499), a bold header is wider
        chars = [min(max(c * 5 // 4 + 2, low), high) for c in self._widest]
        chars += [low] * (columns - len(chars))
        px = [c * self._char_px * 1.1 + 2 * PADDING + 1 for c in chars]
        total = sum(px)
        if total <= MAX_TABLE_PX:
            lengths = [QTextLength(QTextLength.Type.FixedLength, w) for w in px]
        else:
            lengths = [QTextLength(QTextLength.Type.PercentageLength, 100 * w / total) for w in px]
            fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setColumnWidthConstraints(lengths)
        return fmt
