"""The pieces a message body is made of: prose, code blocks, and over-long lines.

Each code block is a view of its own so that a long code line scrolls only that block
sideways, never the whole answer. A line too long to format (markdown.LONG_LINE) goes into
a plain-text view of bounded height with its own scroll bar, cut into blocks of CHUNK
characters: Qt lays out only what is shown, so a 5 MB line costs about what copying it does.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QPlainTextEdit,
    QWidget,
)

from desktop.ui.chat.doc_writer import (
    CODE_PAD,
    COPY_SCHEME,
    BlockWriter,
    Palette,
    insert_code_header,
)
from desktop.ui.chat.safe_browser import SafeTextBrowser

__all__ = [
    "COPY_SCHEME",
    "CodeSegment",
    "LongSegment",
    "PlainRest",
    "ProseSegment",
    "TableRestSegment",
]

CHUNK = 2000  # characters per block of a long line (a wrap-sized unit Qt lays out alone)
LONG_VIEW_LINES = 12
PLAIN_VIEW_LINES = 24


def _tint(view: QAbstractScrollArea, palette: Palette) -> None:
    """The code background (a palette, not a style sheet: those cost ms per widget)."""
    pal = view.viewport().palette()
    pal.setColor(QPalette.ColorRole.Base, palette.code_bg)
    view.viewport().setPalette(pal)


class ProseSegment(SafeTextBrowser):
    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writer = BlockWriter(self.document(), palette)
        # text on the row's own background: the transcript's, or the user's tinted card
        self.viewport().setAutoFillBackground(False)


class CodeSegment(SafeTextBrowser):
    """A fenced code block: a header line (language and a Copy link), then lines that never
    wrap; a long one scrolls this view sideways, nothing else. One widget, not a frame of
    several: a code block costs what one text view costs when it scrolls into view."""

    def __init__(
        self, lang: str, index: int, palette: Palette, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, wrap=False)
        self.setObjectName("codeBlock")
        self.index = index
        _tint(self, palette)
        self.document().setDocumentMargin(CODE_PAD)  # as a code block in the prose
        insert_code_header(QTextCursor(self.document()), lang, index, palette)
        self._cf = palette.code_cf
        self._lines = 0
        self._tail_at = -1  # where the shown tail starts, if one is shown

    def add_line(self, text: str) -> None:
        self.drop_tail()
        keep = self.horizontalScrollBar().value()  # a new line must not scroll the view
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock()
        cursor.insertText(text, self._cf)
        self._lines += 1
        self.horizontalScrollBar().setValue(keep)

    def show_tail(self, text: str) -> None:
        self.drop_tail()
        if not text:
            return
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self._tail_at = cursor.position()
        cursor.insertBlock()
        cursor.insertText(text, self._cf)

    def extend_tail(self, text: str) -> None:
        if self._tail_at < 0:
            self.show_tail(text)
            return
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text, self._cf)

    def drop_tail(self) -> None:
        if self._tail_at < 0:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._tail_at)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._tail_at = -1

    def code(self) -> str:
        """The code as shown (without the header line)."""
        return self.toPlainText().partition("\n")[2]


class LongSegment(QPlainTextEdit):
    """One over-long line as plain text in a scrolling block of its own."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("longLine")
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.setUndoRedoEnabled(False)
        _tint(self, palette)
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(line * LONG_VIEW_LINES + 8)
        self._in_block = 0  # characters in the last block
        self._chars = 0

    def append_text(self, text: str) -> None:
        """Append characters, starting a new block every CHUNK of them (no newline shown
        differently: the view wraps anywhere, so a block boundary looks like a wrap)."""
        out: list[str] = []
        pos, in_block = 0, self._in_block
        while pos < len(text):
            room = CHUNK - in_block
            if room <= 0:
                out.append("\n")  # insertText makes each newline a block boundary
                in_block, room = 0, CHUNK
            piece = text[pos : pos + room]
            out.append(piece)
            nl = piece.rfind("\n")
            in_block = len(piece) - nl - 1 if nl >= 0 else in_block + len(piece)
            pos += len(piece)
        self._in_block = in_block
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText("".join(out))  # one edit: one layout update
        self._chars += len(text)

    @property
    def chars(self) -> int:
        return self._chars

    def text(self) -> str:
        return self.toPlainText().replace("\n", "").replace("\u2029", "")


class TableRestSegment(QPlainTextEdit):
    """The rows of a table past markdown.TABLE_ROWS, as the plain lines they came as, in a
    scrolling block of its own: Qt lays out only the lines in view, so 20,000 rows cost
    what their text does."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tableRest")
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setUndoRedoEnabled(False)
        self.setFont(palette.mono)
        _tint(self, palette)
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(line * LONG_VIEW_LINES + 8)
        self._rows = 0

    def add_rows(self, rows: list[str]) -> None:
        """Append rows (one edit: one layout update)."""
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        text = "\n".join(rows)
        cursor.insertText(text if not self._rows else "\n" + text)
        self._rows += len(rows)

    @property
    def rows(self) -> int:
        return self._rows

    def text(self) -> str:
        return self.toPlainText()


class PlainRest(QPlainTextEdit):
    """The rest of a very long answer (transcript_plain.py) as plain text in a scrolling
    block. Its line ends are line separators inside blocks of about CHUNK characters: a
    block costs the document ~150 bytes of its own, a line per block made that the
    larger part of a 30 MB answer's memory."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plainRest")
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setUndoRedoEnabled(False)
        _tint(self, palette)
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(line * PLAIN_VIEW_LINES + 8)
        self._in_block = 0  # characters in the last block

    def append_text(self, text: str) -> None:
        """Append characters; a new block every CHUNK of them, at a line end if one is near."""
        out: list[str] = []
        pos, in_block = 0, self._in_block
        while pos < len(text):
            room = CHUNK - in_block
            if room <= 0:
                out.append("\n")  # a block boundary (not a line end of the text)
                in_block, room = 0, CHUNK
            piece = text[pos : pos + room]
            out.append(piece.replace("\n", "\u2028"))
            in_block += len(piece)
            pos += len(piece)
        self._in_block = in_block
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText("".join(out))  # one edit: one layout update

    def text(self) -> str:
        """The text as it came (block boundaries are not in it; line separators are line
        ends)."""
        raw = self.document().toRawText()
        return raw.replace("\u2029", "").replace("\u2028", "\n")
