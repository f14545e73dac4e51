"""Write markdown blocks into a QTextDocument with text formats, appending only.

Committed blocks are written once, at the end. The unfinished last line (the tail) is
redrawn while it is short, and beyond TAIL_REDRAW_LIMIT only its new characters are
appended as plain text, so the cost of a token never grows with the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from desktop.core.chat.markdown import Block, BlockKind, Span

TAIL_REDRAW_LIMIT = 240  # characters: a redraw this short costs well under a millisecond
COPY_SCHEME = "copy:"


class BlockWriter:
    def __init__(self, doc: QTextDocument, copy_label: str = "Copy") -> None:
        self.doc = doc
        self.copy_label = copy_label
        self._committed_end = 0
        self._tail_plain: str | None = None  # the tail shown as plain text, if so
        self._tail_shown = False
        self._committed_bf = QTextBlockFormat()
        self._committed_cf = QTextCharFormat()
        pal = QApplication.palette()
        self._link = pal.color(QPalette.ColorRole.Link)
        base = pal.color(QPalette.ColorRole.Base)
        self._code_bg = base.darker(106) if base.lightness() > 128 else base.lighter(140)
        self._muted = pal.color(QPalette.ColorRole.PlaceholderText)
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._base_size = doc.defaultFont().pointSizeF()
        if self._base_size <= 0:
            self._base_size = 10.0

    # -- public ------------------------------------------------------------------------
    def commit(self, blocks: Iterable[Block]) -> None:
        blocks = list(blocks)
        if not blocks:
            return
        cursor = self._drop_tail()
        for b in blocks:
            self._write(cursor, b)
        self._committed_end = cursor.position()
        self._committed_bf = cursor.blockFormat()
        self._committed_cf = cursor.blockCharFormat()

    def show_tail(self, tail: str, preview: Callable[[], list[Block]]) -> None:
        if not tail:
            self._drop_tail()
            return
        if len(tail) <= TAIL_REDRAW_LIMIT:
            cursor = self._drop_tail()
            for b in preview():
                self._write(cursor, b)
            self._tail_shown = True
            return
        shown = self._tail_plain
        if shown is not None and tail.startswith(shown):
            cursor = QTextCursor(self.doc)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(tail[len(shown) :])
        else:
            cursor = self._drop_tail()
            self._begin(cursor, QTextBlockFormat(), QTextCharFormat())
            cursor.insertText(tail)
            self._tail_shown = True
        self._tail_plain = tail

    def write_all(self, blocks: Iterable[Block]) -> None:
        self.commit(blocks)

    # -- plumbing ----------------------------------------------------------------------
    def _drop_tail(self) -> QTextCursor:
        cursor = QTextCursor(self.doc)
        if self._tail_shown:
            cursor.setPosition(self._committed_end)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            # the merge keeps the removed tail block's format: give the last line its own back
            if self._committed_end:
                cursor.setBlockFormat(self._committed_bf)
                cursor.setBlockCharFormat(self._committed_cf)
            self._tail_shown = False
            self._tail_plain = None
        else:
            cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def _begin(self, cursor: QTextCursor, bf: QTextBlockFormat, cf: QTextCharFormat) -> None:
        if cursor.position() == 0 and cursor.block().length() <= 1:
            cursor.setBlockFormat(bf)
            cursor.setBlockCharFormat(cf)
            cursor.setCharFormat(cf)
        else:
            cursor.insertBlock(bf, cf)

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
                cf.setFontFamilies(self._mono.families())
                cf.setBackground(self._code_bg)
            if s.href:
                cf.setAnchor(True)
                cf.setAnchorHref(s.href)
                cf.setForeground(self._link)
                cf.setFontUnderline(True)
                cf.setToolTip(s.href)
            cursor.insertText(s.text, cf)

    def _write(self, cursor: QTextCursor, b: Block) -> None:
        bf = QTextBlockFormat()
        cf = QTextCharFormat()
        k = b.kind
        if k is BlockKind.HEADING:
            scale = {1: 1.45, 2: 1.3, 3: 1.15}.get(b.level, 1.05)
            cf.setFontPointSize(self._base_size * scale)
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
            cf.setForeground(self._muted)
            cf.setFontItalic(True)
            self._begin(cursor, bf, cf)
            self._spans(cursor, b.spans, cf)
        elif k is BlockKind.CODE_START:
            bf.setBackground(self._code_bg)
            bf.setTopMargin(4)
            bf.setLeftMargin(4)
            label = QTextCharFormat()
            label.setForeground(self._muted)
            label.setFontPointSize(self._base_size * 0.85)
            self._begin(cursor, bf, label)
            cursor.insertText(f"{b.lang or 'code'}    ", label)
            link = QTextCharFormat(label)
            link.setAnchor(True)
            link.setAnchorHref(f"{COPY_SCHEME}{b.code_index}")
            link.setForeground(self._link)
            link.setFontUnderline(True)
            cursor.insertText(self.copy_label, link)
        elif k in (BlockKind.CODE, BlockKind.TABLE):
            if k is BlockKind.CODE:
                bf.setBackground(self._code_bg)
                bf.setLeftMargin(4)
            # code keeps its lines (the view scrolls sideways); a table's rows may wrap
            bf.setNonBreakableLines(k is BlockKind.CODE)
            cf.setFontFamilies(self._mono.families())
            self._begin(cursor, bf, cf)
            cursor.insertText(b.text, cf)
        elif k is BlockKind.RULE:
            cf.setForeground(self._muted)
            self._begin(cursor, bf, cf)
            cursor.insertText("─" * 24, cf)
        elif k is BlockKind.BLANK:
            self._begin(cursor, bf, cf)
        else:
            self._begin(cursor, bf, cf)
            self._spans(cursor, b.spans, cf)
