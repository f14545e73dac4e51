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

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget

WIDTH = 2
OWN_RING = (QLineEdit, QAbstractSpinBox)  # Fusion already outlines these in the accent


class FocusRing(QWidget):
    def __init__(self, scope: QWidget) -> None:
        super().__init__(None)
        self.scope = scope  # only controls inside this window get the ring
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)
        scope.destroyed.connect(self._forget)
        self.hide()

    def _forget(self) -> None:
        self.target = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._on_focus)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.target is not None:
            self.target.removeEventFilter(self)
            self.target = None
        parent = new.parentWidget() if new is not None else None
        keyboard = QGuiApplication.mouseButtons() == Qt.MouseButton.NoButton
        if (
            new is None
            or parent is None
            or not keyboard
            or isinstance(new, OWN_RING)
            or not (new is self.scope or self.scope.isAncestorOf(new))
        ):
            self.hide()
            return
        self.target = new
        new.installEventFilter(self)
        if self.parentWidget() is not parent:
            self.setParent(parent)
        self._place()

    def _place(self) -> None:
        t = self.target
        if t is None or not t.isVisible():
            self.hide()
            return
        self.setGeometry(t.geometry().adjusted(-WIDTH - 1, -WIDTH - 1, WIDTH + 1, WIDTH + 1))
        self.raise_()
        self.show()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if obj is self.target and kind in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
        ):
            self._place()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), WIDTH)
        p.setPen(pen)
        half = WIDTH / 2
        rect = QRect(self.rect()).toRectF().adjusted(half, half, -half, -half)
        p.drawRoundedRect(rect, 4, 4)
        p.end()
