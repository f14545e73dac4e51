"""Under an answer: which passages of a long document it was given. Folded, one line
("Passages used: 4 from report.pdf — the whole file does not fit this model's window");
open, each passage's place ("report.pdf, page 3") and its text, as plain text. Built when
first opened: a row that scrolls into view costs one button."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.core.attachments.model import Passage, PlaceKind
from desktop.core.retrieval.choice import Retrieval, UsedPassage
from desktop.ui.common.bounded_text import one_line, shorten

MAX_SHOWN_CHARS = 4000  # of one passage (a passage is ~1,000; a hostile row is cut)
SHOWN_LINES = 120


def place_text(p: Passage) -> str:
    """A passage's place in the user's language."""
    if p.kind is PlaceKind.PAGE:
        return QCoreApplication.translate("Sources", "page {0}").format(p.start)
    if p.kind is PlaceKind.SECTION:
        return (
            QCoreApplication.translate("Sources", "section “{0}”").format(p.label)
            if p.label
            else QCoreApplication.translate("Sources", "section {0}").format(p.start + 1)
        )
    if p.kind is PlaceKind.LINES:
        return QCoreApplication.translate("Sources", "lines {0}–{1}").format(p.start, p.end)
    return p.label


def passage_title(p: UsedPassage) -> str:
    where = place_text(p.place)
    return (
        QCoreApplication.translate("Sources", "{0}, {1}").format(p.doc, where) if where else p.doc
    )


def _names(r: Retrieval) -> str:
    names = ", ".join(sorted({p.doc for p in r.passages} | {name for _b, name in r.docs}))
    return names if len(names) <= 60 else names[:59] + "…"


def toggle_text(r: Retrieval) -> str:
    """The one line a folded list shows (short: a tool button does not wrap)."""
    return QCoreApplication.translate("Sources", "Passages used: {0} ({1})").format(
        len(r.passages), _names(r)
    )


def explanation(r: Retrieval) -> str:
    how = (
        QCoreApplication.translate(
            "Sources", "They were found by their words and by their meaning ({0})."
        ).format(r.model)
        if r.method == "hybrid"
        else QCoreApplication.translate("Sources", "They were found by their words.")
    )
    return (
        QCoreApplication.translate(
            "Sources",
            "The whole text does not fit this model's context window, so the model was "
            "given only the passages that match the question.",
        )
        + " "
        + how
    )


class SourcesBox(QWidget):
    """The fold under an answer with its chosen passages."""

    def __init__(self, retrieval: Retrieval, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retrieval = retrieval
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 2, 0, 2)
        lay.setSpacing(2)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("sourcesToggle")
        self.toggle.setText(toggle_text(retrieval))
        self.toggle.setToolTip(explanation(retrieval))
        self.toggle.setCheckable(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._on_toggled)
        lay.addWidget(self.toggle)
        self.list: QFrame | None = None

    def _on_toggled(self, on: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        if on and self.list is None:
            self.list = self._build_list()
            lay = self.layout()
            assert isinstance(lay, QVBoxLayout)
            lay.addWidget(self.list)
        if self.list is not None:
            self.list.setVisible(on)

    def _build_list(self) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName("sourcesList")
        lay = QVBoxLayout(frame)
        lay.setContentsMargins(18, 0, 0, 0)
        why = QLabel(explanation(self.retrieval), frame)
        why.setTextFormat(Qt.TextFormat.PlainText)
        why.setWordWrap(True)
        lay.addWidget(why)
        ordered = sorted(self.retrieval.passages, key=lambda p: p.rank)
        for p in ordered:
            title = QLabel(one_line(passage_title(p), 200), frame)
            title.setTextFormat(Qt.TextFormat.PlainText)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            # a file's text: a run without a break (base64, a URL) is elided, never a
            # reason for the label, and so the window, to grow (bounded_text.py)
            text, _cut = shorten(p.place.text, MAX_SHOWN_CHARS, SHOWN_LINES)
            body = QLabel(text, frame)
            body.setTextFormat(Qt.TextFormat.PlainText)  # a file's text is never markup
            body.setWordWrap(True)
            body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lay.addWidget(title)
            lay.addWidget(body)
        if not ordered:
            none = QLabel(
                QCoreApplication.translate(
                    "Sources", "No passage fitted the room the conversation leaves."
                ),
                frame,
            )
            none.setTextFormat(Qt.TextFormat.PlainText)
            lay.addWidget(none)
        return frame
