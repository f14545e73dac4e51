"""One message of the transcript: header, collapsible reasoning, body, footer.

The transcript creates these only for the rows in view (transcript.py), so one costs a
few milliseconds to build and nothing once it scrolls away.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.attachments.refs import AttachmentRef
from desktop.core.chat.versions import Fork
from desktop.core.retrieval.choice import Retrieval
from desktop.ui.chat.attach_chips import chips_for
from desktop.ui.chat.safe_browser import SafeTextBrowser
from desktop.ui.chat.sources_view import SourcesBox
from desktop.ui.chat.transcript_body import MessageBody
from desktop.ui.chat.transcript_segments import COPY_SCHEME
from desktop.ui.common import icons
from desktop.ui.common.bounded_text import BoundedLabel, BoundedText

THINKING_MAX_PX = 260  # long reasoning scrolls inside its own box
CARD_MARGINS = (14, 8, 10, 12)  # the user's card: room inside its rounded edge
OPEN_MARGINS = (14, 2, 10, 4)  # the model's text lines up with the card's
TEXT_SCALE = 1.1  # messages read larger than the app's labels and buttons


def _small_font(font: QFont) -> QFont:
    """The size of the app's other text: the transcript reads a little larger (transcript.py)."""
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() / TEXT_SCALE)
    return small


class MessageWidget(QFrame):
    """linkClicked(str) a web link in the text; editRequested(int) / regenerateRequested(int)
    carry the message's position in the conversation; versionRequested(int, int) its
    position and -1 / +1 for the previous / next version (the "‹ 2/3 ›" switcher)."""

    linkClicked = Signal(str)
    editRequested = Signal(int)
    regenerateRequested = Signal(int)
    versionRequested = Signal(int, int)
    heightChanged = Signal()  # folded reasoning, a footer, text built in steps
    thinkingShown = Signal(bool)  # the user folded or unfolded the reasoning
    attachmentOpened = Signal(AttachmentRef)  # an image chip was clicked

    def __init__(self, role: str, title: str, position: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.position = position
        self.setObjectName("userMessage" if role == "user" else "assistantMessage")
        # the user's message is a tinted card (the app's style sheet paints it), the
        # model's is open text: no frame, no per-row style, nothing painted in Python
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*(CARD_MARGINS if role == "user" else OPEN_MARGINS))
        layout.setSpacing(4)

        header = QHBoxLayout()
        header.setSpacing(2)
        self.title = BoundedLabel(title, elide=True)  # a model's name: the server's text
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setObjectName("messageTitle")
        self.title.setFont(_small_font(self.font()))
        header.addWidget(self.title)
        self._header = header
        self._status: QLabel | None = None  # built with the first status text
        header.addStretch(1)
        self._versions: tuple[QToolButton, QLabel, QToolButton] | None = None  # at a fork
        self.copy_button = self._tool(self.tr("Copy"), "copy", self._copy_all)
        header.addWidget(self.copy_button)
        # only the buttons a role can use: every widget costs when a row scrolls into view
        if role == "user":
            self.edit_button = self._tool(
                self.tr("Edit"), "pencil", lambda: self.editRequested.emit(self.position)
            )
            header.addWidget(self.edit_button)
        else:
            self.regen_button = self._tool(
                self.tr("Regenerate"),
                "refresh-cw",
                lambda: self.regenerateRequested.emit(self.position),
            )
            self.regen_button.setVisible(False)
            header.addWidget(self.regen_button)
        layout.addLayout(header)

        # built when reasoning first arrives (most rows have none; every widget costs when
        # a row scrolls into view): the fold button, the reasoning, the footer, the status
        self._toggle: QToolButton | None = None
        self.thinking: SafeTextBrowser | None = None

        self.body = MessageBody(plain=role == "user")
        self.body.width_hint = self._body_width  # which code lines fit unwrapped
        self.body.linkClicked.connect(self._on_link)
        self.body.changed.connect(self.heightChanged)
        layout.addWidget(self.body)
        self._footer: BoundedText | None = None
        # a row a little taller than its text (its height is set before the text is laid
        # out) keeps the room below: spread between the blocks, it would move every one
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._text_parts: list[str] = []
        self._thinking_parts: list[str] = []
        self._user_toggled = False
        self._fork: Fork | None = None
        self._actions_enabled = True

    def _body_width(self) -> int:
        """The body's width as this row's geometry gives it (before any layout pass)."""
        lay = self.layout()
        assert lay is not None
        m = lay.contentsMargins()
        return self.width() - m.left() - m.right() - 2 * self.frameWidth()

    @property
    def status(self) -> QLabel:
        if self._status is None:
            self._status = self._label("")
            self._status.setObjectName("messageStatus")
            self._header.insertWidget(1, self._status)
        return self._status

    @property
    def footer(self) -> BoundedText:
        """Figures, or why the answer failed (bounded: a server's error can be 1 MiB; its
        words are in the footer's Details)."""
        if self._footer is None:
            self._footer = BoundedText()
            self._footer.setObjectName("messageFooter")
            self._footer.setFont(_small_font(self.font()))
            self._footer.hide()
            lay = self.layout()
            assert isinstance(lay, QVBoxLayout)
            lay.addWidget(self._footer)
        return self._footer

    @property
    def think_toggle(self) -> QToolButton:
        if self._toggle is None:
            t = self._toggle = QToolButton()
            t.setObjectName("reasoningToggle")
            t.setText(self.tr("Reasoning"))
            t.setCheckable(True)
            t.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            t.setArrowType(Qt.ArrowType.RightArrow)
            t.setAutoRaise(True)
            t.toggled.connect(self._toggle_thinking)
            t.clicked.connect(self._mark_user_toggled)
            t.hide()
            lay = self.layout()
            assert isinstance(lay, QVBoxLayout)
            lay.insertWidget(1, t)  # below the header
        return self._toggle

    def _label(self, text: str) -> QLabel:
        # names, status lines and server errors are text, never markup (issue 10.8)
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _tool(self, text: str, icon_name: str, slot: Callable[[], None]) -> QToolButton:
        """An icon button; its name is its tooltip and what a screen reader says."""
        b = QToolButton()
        b.setText(text)
        b.setToolTip(text)
        b.setAccessibleName(text)
        b.setAutoRaise(True)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        icons.set_icon(b, icon_name, "muted")
        b.clicked.connect(slot)
        return b

    def retint(self) -> None:
        """Icons in the new palette's colours (light <-> dark)."""
        for b in self.findChildren(QToolButton):
            icons.retint(b)

    # -- content -----------------------------------------------------------------------
    def set_text(self, content: str, thinking: str = "") -> None:
        """A whole stored message (history)."""
        if thinking:
            self.append_thinking(thinking)
        self._text_parts = [content] if content else []
        self.body.set_text(content)

    def append(self, content: str, thinking: str = "") -> None:
        """Streamed pieces: only the new text is parsed and written. Reasoning is shown
        while the model reasons, and folded away when the answer starts."""
        if thinking:
            first = not self._thinking_parts
            self.append_thinking(thinking)
            if first and not self._text_parts and not self._user_toggled:
                self.think_toggle.setChecked(True)
        if content:
            toggle = self._toggle
            if not self._text_parts and toggle and toggle.isChecked() and not self._user_toggled:
                toggle.setChecked(False)  # the answer begins: fold the reasoning
            self._text_parts.append(content)
            self.body.append(content)

    def append_thinking(self, text: str) -> None:
        if self.thinking is None:
            self.thinking = SafeTextBrowser(max_height=THINKING_MAX_PX)
            self.thinking.setObjectName("thinking")
            self.thinking.heightChanged.connect(self.heightChanged)
            self.thinking.hide()
            lay = self.layout()
            assert isinstance(lay, QVBoxLayout)
            lay.insertWidget(lay.indexOf(self.think_toggle) + 1, self.thinking)
            self.think_toggle.show()
        cursor = QTextCursor(self.thinking.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text)
        self._thinking_parts.append(text)

    def finish(self, content: str | None = None) -> None:
        """The answer ended: the last line is parsed like the others. ``content``: the whole
        answer as the transcript keeps it (the same string: no second copy of a long one)."""
        if content is not None:
            self._text_parts = [content] if content else []
        self.body.finish()

    def text(self) -> str:
        if len(self._text_parts) > 1:
            self._text_parts = ["".join(self._text_parts)]
        return self._text_parts[0] if self._text_parts else ""

    def thinking_text(self) -> str:
        return "".join(self._thinking_parts)

    def set_attachments(self, refs: tuple[AttachmentRef, ...]) -> None:
        """Chips under the question for its files and images (built only when it has some)."""
        if not refs:
            return
        row = chips_for(refs)
        for chip in row.chips():
            chip.opened.connect(lambda c=chip: self.attachmentOpened.emit(c.ref))
        lay = self.layout()
        assert isinstance(lay, QVBoxLayout)
        lay.insertWidget(lay.indexOf(self.body) + 1, row)

    def set_retrieval(self, retrieval: Retrieval | None) -> None:
        """Under an answer, the passages of long documents it was given (built once)."""
        if retrieval is None or self.findChild(SourcesBox) is not None:
            return
        lay = self.layout()
        assert isinstance(lay, QVBoxLayout)
        lay.insertWidget(lay.indexOf(self.body) + 1, SourcesBox(retrieval, self))
        self.heightChanged.emit()

    def set_status(self, text: str) -> None:
        if text or self._status is not None:
            self.status.setText(text)

    def set_footer(self, text: str, details: str = "") -> None:
        if not text and self._footer is None:
            return
        self.footer.setText(text, details)
        if self.footer.isHidden() == bool(text):
            self.footer.setVisible(bool(text))
            self.heightChanged.emit()

    def set_can_regenerate(self, yes: bool) -> None:
        if self.role != "user":
            self.regen_button.setVisible(yes)

    def set_actions_enabled(self, yes: bool) -> None:
        (self.edit_button if self.role == "user" else self.regen_button).setEnabled(yes)
        self._actions_enabled = yes
        if self._versions is not None:
            self._enable_versions()

    def focus_stops(self) -> list[QWidget]:
        """This message's buttons in the order they sit (Tab order, focus_order.py)."""
        out: list[QWidget] = []
        for i in range(self._header.count()):
            item = self._header.itemAt(i)
            w = item.widget() if item is not None else None
            if isinstance(w, QToolButton):
                out.append(w)
        sources = self.findChild(SourcesBox)
        out += [self._toggle] if self._toggle is not None else []
        return out + ([sources.toggle] if sources is not None else [])

    # -- versions ----------------------------------------------------------------------
    def set_fork(self, fork: Fork | None) -> None:
        """Show "‹ 2/3 ›" when this message has other versions (built only then)."""
        self._fork = fork
        if fork is None:
            if self._versions is not None:
                for part in self._versions:
                    part.hide()
            return
        if self._versions is None:
            user = self.role == "user"
            back = self._tool(
                self.tr("Previous version of this message") if user else self.tr("Previous answer"),
                "chevron-left",
                lambda: self._step(-1),
            )
            label = QLabel()
            label.setObjectName("versionLabel")
            forward = self._tool(
                self.tr("Next version of this message") if user else self.tr("Next answer"),
                "chevron-right",
                lambda: self._step(+1),
            )
            at = self._header.indexOf(self.copy_button)
            for i, piece in enumerate((back, label, forward)):
                self._header.insertWidget(at + i, piece)
            self._versions = (back, label, forward)
        back, label, forward = self._versions
        label.setText(f"{fork.index + 1}/{fork.total}")
        label.setToolTip(self.tr("Version {0} of {1}").format(fork.index + 1, fork.total))
        label.setAccessibleName(label.toolTip())
        for part in self._versions:
            part.show()
        self._enable_versions()

    @property
    def version_text(self) -> str:
        """What the switcher shows ("2/3"), or "" without one (tests, accessibility)."""
        if self._versions is None or self._versions[1].isHidden():
            return ""
        return self._versions[1].text()

    def _enable_versions(self) -> None:
        fork, versions = self._fork, self._versions
        if fork is None or versions is None:
            return
        on = self._actions_enabled
        versions[0].setEnabled(on and fork.has_previous)
        versions[2].setEnabled(on and fork.has_next)

    def _step(self, step: int) -> None:
        self.versionRequested.emit(self.position, step)

    def set_thinking_shown(self, shown: bool) -> None:
        self._user_toggled = True
        self.think_toggle.setChecked(shown)

    # -- slots -------------------------------------------------------------------------
    def _toggle_thinking(self, shown: bool) -> None:
        if self.thinking is not None:
            self.thinking.setVisible(shown)
        self.think_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.heightChanged.emit()

    def _mark_user_toggled(self, shown: bool) -> None:
        self._user_toggled = True
        self.thinkingShown.emit(shown)

    def _copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def _on_link(self, href: str) -> None:
        if href.startswith(COPY_SCHEME):
            try:
                index = int(href[len(COPY_SCHEME) :])
            except ValueError:
                return
            QGuiApplication.clipboard().setText(self.body.code_text(index))
            return
        self.linkClicked.emit(href)
