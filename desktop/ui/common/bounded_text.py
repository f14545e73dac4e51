"""Text from outside (a server, a model, a file) in a label, bounded: it can never make a
label, and so the window, wider or taller than a few lines of text.

A word-wrapped QLabel is as wide as its longest word, a plain one as wide as its whole
text, and a top-level window grows to its widest child: an error holding a 20,000-character
word made the window 152,038 px wide (+416 MB of backing store), a 1 MiB one ~22 GB. So:

- ``shorten`` cuts what a label shows to a few lines of a few hundred characters, and
  elides any run of characters without a place to break (a word, a path, a digest) at
  MAX_RUN; it is linear in what it shows, whatever the length of the text.
- ``BoundedText`` is the label for such text: plain text only, the shortened text shown,
  and a "Details…" button whenever something is not shown (the whole text, and the raw
  details of an error) that opens a read-only view of everything (details_dialog.py).
- ``never_grow`` makes a window ignore its children's minimum sizes, so that even a label
  nobody bounded is clipped instead of growing the window.
- ``bounded_tip`` is the same for tool tips (a tool tip is a window of its own).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QToolButton,
    QWidget,
)

MAX_CHARS = 400  # characters a label shows
MAX_LINES = 6  # lines a label shows
MAX_RUN = 40  # characters without a place to break; a longer run is elided
TIP_CHARS = 300
TIP_LINE = 100  # a tool tip does not wrap plain text: lines are cut at this width
MIN_LABEL_PX = 120  # the least width a bounded label asks of its layout
ELLIPSIS = "\u2026"
# bidi embedding and override controls: they can make a sentence read backwards
_BIDI = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def _breakable(c: str) -> bool:
    """A line may break after c: white space, or a CJK character (Japanese has no spaces)."""
    o = ord(c)
    return (
        c.isspace()
        or 0x2E80 <= o <= 0x9FFF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or o >= 0x20000
    )


def shorten(
    text: str,
    max_chars: int = MAX_CHARS,
    max_lines: int = MAX_LINES,
    max_run: int = MAX_RUN,
) -> tuple[str, bool]:
    """(what a label shows of ``text``, whether anything was left out). At most
    ``max_lines`` lines and ``max_chars`` characters; a run of more than ``max_run``
    characters without a break is elided with "…"; control characters become spaces and
    bidi controls go. Reads at most max_chars + max_run + 1 characters of ``text``."""
    head = text[: max_chars + max_run + 1]
    cut = len(head) < len(text)
    out: list[str] = []
    shown = lines = run = 0
    i, n = 0, len(head)
    while i < n:
        if shown >= max_chars:
            cut = True
            break
        c = head[i]
        i += 1
        if c == "\r":
            if i < n and head[i] == "\n":
                continue  # \r\n: one line break
            c = "\n"
        if c == "\n":
            lines += 1
            if lines >= max_lines:
                cut = True
                break
            run = 0
            out.append(c)
            shown += 1
            continue
        if c in _BIDI:
            continue
        o = ord(c)
        if o < 32 or 0x7F <= o < 0xA0:
            c = " "
        if _breakable(c):
            run = 0
        else:
            run += 1
            if run > max_run:  # elide the rest of this run
                out.append(ELLIPSIS)
                shown += 1
                cut = True
                while i < n and not _breakable(head[i]):
                    i += 1
                run = 0
                continue
        out.append(c)
        shown += 1
    shown_text = "".join(out).rstrip()
    if cut and not shown_text.endswith(ELLIPSIS):
        shown_text += ELLIPSIS
    return shown_text, cut


def one_line(text: str, max_chars: int = 200, max_run: int = MAX_RUN) -> str:
    """``text`` shortened to a single line (for a status bar, a table cell, a title)."""
    shown, _ = shorten(text, max_chars=max_chars, max_lines=1_000_000, max_run=max_run)
    return " ".join(shown.split())


def name_text(name: str) -> str:
    """A name from outside (a model's, a file's) for a list or a title: whole when it is of
    a sane length (hf.co/... names run to 80 characters without a space), else cut."""
    return one_line(name, max_chars=160, max_run=160)


def bounded_tip(text: str) -> str:
    """A tool tip for outside text: a few short lines (a plain-text tool tip never wraps)."""
    shown, _ = shorten(text, max_chars=TIP_CHARS, max_lines=8, max_run=TIP_LINE)
    lines: list[str] = []
    for line in shown.split("\n"):
        while len(line) > TIP_LINE:
            cut = line.rfind(" ", 0, TIP_LINE)
            cut = cut if cut > 0 else TIP_LINE
            lines.append(line[:cut])
            line = line[cut:].lstrip()
        lines.append(line)
    return "\n".join(lines)


def never_grow(window: QWidget, minimum: QSize | None = None) -> None:
    """The window no longer takes its children's minimum size as its own: a child that asks
    for more width than the window has is clipped, never a reason to widen the window."""
    layout = window.layout()
    if layout is not None:
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    window.setMinimumSize(minimum or QSize(480, 320))


class BoundedLabel(QLabel):
    """A plain-text QLabel for outside text that needs no Details (a model's name in a
    title): it shows ``shorten``'s text, asks its layout for little width, and with
    ``elide`` keeps to one line cut to the width it is given. ``text()`` is the whole
    text; ``shown_text()`` what is shown."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, elide: bool = False):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # never markup (issue 10.8)
        self._full = ""
        self._line = ""
        self.elide = elide
        if text:
            self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's, bounded
        self._full = text
        if self.elide:
            self.show_line(one_line(text, MAX_CHARS))
        else:
            super().setText(shorten(text)[0])

    def text(self) -> str:
        return self._full

    def clear(self) -> None:
        self.setText("")

    def shown_text(self) -> str:
        return super().text()

    def show_line(self, line: str) -> None:
        """Show ``line`` (already bounded) on one line, elided to the width."""
        self._line = line
        self._elide()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), MIN_LABEL_PX), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        if self.elide:  # as wide as the whole line would be, within reason
            width = min(self.fontMetrics().horizontalAdvance(self._line) + 4, 600)
            return QSize(width, hint.height())
        return hint

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        elided = metrics.elidedText(self._line, Qt.TextElideMode.ElideRight, self.width())
        QLabel.setText(self, elided)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.elide:
            self._elide()


class BoundedText(QWidget):
    """A label for text from outside. ``setText(text, details)``: the label shows ``text``
    shortened (see ``shorten``); a "Details…" button appears when something is not shown
    (the rest of ``text``, or ``details``: e.g. an error's raw text) and opens it all.

    ``wrap=False`` keeps it to one line, elided to the width it gets (a status bar)."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        wrap: bool = True,
        selectable: bool = True,
        details_title: str = "",
    ) -> None:
        super().__init__(parent)
        self._wrap = wrap
        self._text = ""
        self._details = ""
        self._shown = ""
        self.details_title = details_title
        self.label = BoundedLabel(elide=not wrap)
        self.label.setWordWrap(wrap)
        if selectable:
            self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._button: QToolButton | None = None  # built when first needed (rows are many)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(4)
        self._row.addWidget(self.label, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        if text:
            self.setText(text)

    # -- QLabel's interface, as the views use it ---------------------------------------
    def setText(self, text: str, details: str = "") -> None:  # noqa: N802 - like QLabel
        """Show ``text`` (bounded); ``details`` (raw server text...) only in Details."""
        self._text, self._details = text, details
        if self._wrap:
            shown, cut = shorten(text)
        else:
            shown = one_line(text, MAX_CHARS)
            cut = shown != text
        self._shown = shown
        self._show()
        needed = cut or bool(details.strip())
        if needed or self._button is not None:
            self.details_button.setVisible(needed)

    def text(self) -> str:
        """The whole text given (the label shows it shortened)."""
        return self._text

    def shown_text(self) -> str:
        """What the label shows."""
        return self._shown

    def details(self) -> str:
        return self._details

    def clear(self) -> None:
        self.setText("")

    def setWordWrap(self, on: bool) -> None:  # noqa: N802 - like QLabel
        self._wrap = on
        self.label.setWordWrap(on)
        self.label.elide = not on
        self.setText(self._text, self._details)

    def setAlignment(self, alignment: Qt.AlignmentFlag) -> None:  # noqa: N802 - like QLabel
        self.label.setAlignment(alignment)

    def textFormat(self) -> Qt.TextFormat:  # noqa: N802 - like QLabel
        return self.label.textFormat()

    def setToolTip(self, tip: str) -> None:  # noqa: N802 - bounded like the text
        super().setToolTip(bounded_tip(tip))

    # -- details -----------------------------------------------------------------------
    @property
    def details_button(self) -> QToolButton:
        if self._button is None:
            b = self._button = QToolButton()
            b.setText(self.tr("Details…"))
            b.setAutoRaise(True)
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.clicked.connect(self.open_details)
            b.hide()
            self._row.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
        return self._button

    @property
    def has_details(self) -> bool:
        """Whether a "Details…" button is offered (something is not shown)."""
        return self._button is not None and not self._button.isHidden()

    def open_details(self) -> QWidget:
        """A window with everything: the whole text and the details, read-only, with Copy."""
        from desktop.ui.common.details_dialog import DetailsDialog

        title = self.details_title or self.tr("Details")
        dialog = DetailsDialog(title, self._text, self._details, self.window())
        dialog.open()
        return dialog

    # -- plumbing ----------------------------------------------------------------------
    def _show(self) -> None:
        if self._wrap:
            QLabel.setText(self.label, self._shown)
        else:
            self.label.show_line(self._shown)
