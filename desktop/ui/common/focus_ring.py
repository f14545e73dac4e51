"""A visible focus ring for keyboard users, in light and dark: a 2 px line of the palette's
highlight colour around the control the Tab key reached.

Fusion marks a focused text field clearly, but a focused push or tool button only with a
faint dotted line. One small overlay does it for every control, instead of a style sheet
per widget type (a border rule would redraw each button in the style-sheet engine). It
follows the focus through QApplication.focusChanged (rare: no per-event cost), sits beside
the focused control in the same parent (so it scrolls with it) and watches that one
control for moves. It shows for focus that came without a mouse click, as browsers'
:focus-visible does.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget

WIDTH = 2
OWN_RING = (QLineEdit, QAbstractSpinBox)  # the style already outlines these in the accent
OWN_FOCUS = "ownFocusFrame"  # dynamic property: a control whose frame shows its focus itself


class _Frame(QWidget):
    """The ring itself, drawn around its geometry's edge."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), WIDTH))
        half = WIDTH / 2
        p.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 4, 4)
        p.end()


class FocusRing(QObject):
    """Owned by the window; the frame it draws lives beside the focused control and is
    made again when that control's parent goes (a chat closed with its messages)."""

    def __init__(self, scope: QWidget) -> None:
        super().__init__(scope)
        self.scope = scope  # only controls inside this window get the ring
        self.target: QWidget | None = None
        self.frame: _Frame | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.target is not None and shiboken6.isValid(self.target):
            self.target.removeEventFilter(self)
        self.target = None
        parent = new.parentWidget() if new is not None else None
        keyboard = QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton
        if (
            new is None
            or parent is None
            or not keyboard
            or isinstance(new, OWN_RING)
            or new.property(OWN_FOCUS) is True
            or not self.scope.isAncestorOf(new)
        ):
            self._hide()
            return
        self.target = new
        new.installEventFilter(self)
        if self.frame is None or not shiboken6.isValid(self.frame):
            self.frame = _Frame(parent)
        elif self.frame.parentWidget() is not parent:
            self.frame.setParent(parent)
        self._place()

    def _hide(self) -> None:
        if self.frame is not None and shiboken6.isValid(self.frame):
            self.frame.hide()

    def _place(self) -> None:
        t, frame = self.target, self.frame
        if t is None or frame is None or not shiboken6.isValid(frame) or not t.isVisible():
            self._hide()
            return
        frame.setGeometry(t.geometry().adjusted(-WIDTH - 1, -WIDTH - 1, WIDTH + 1, WIDTH + 1))
        frame.raise_()
        frame.show()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if obj is self.target and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
        ):
            self._place()
        return False
