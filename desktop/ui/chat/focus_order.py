"""Tab order of the Chat tab, explicit: the chats on the left (new chat, search, list), the
bar above the chat (model, refresh, think, settings, export), the chat itself and the
actions of the messages in view (top to bottom), the context choice's, the banner's, the
attachments' and the edit bar's buttons, File…/Image…, the message box, Send/Stop. Message
widgets come and go as the chat scrolls (the transcript is windowed), so Qt's own focus
chain, which appends new widgets at the end of the window, cannot give this order;
ChatView asks here instead."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget


def can_take(w: QWidget) -> bool:
    """A control a Tab press can land on now."""
    return w.isVisible() and w.isEnabled() and bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus)


def step(stops: Sequence[QWidget], current: QWidget | None, forward: bool) -> QWidget | None:
    """The stop after (or before) ``current``; None past either end (the focus then leaves
    the tab by Qt's own chain). A focus inside a stop (a combo box's editor) counts as it."""
    live = [w for w in stops if can_take(w)]
    if not live:
        return None
    at = next((i for i, w in enumerate(live) if w is current), None)
    if at is None and current is not None:  # inside a stop: the innermost one holding it
        inside = [i for i, w in enumerate(live) if w.isAncestorOf(current)]
        at = inside[-1] if inside else None
    if at is None:
        return live[0] if forward else live[-1]
    n = at + (1 if forward else -1)
    return live[n] if 0 <= n < len(live) else None


def _outside(owner: QWidget, start: QWidget, forward: bool) -> QWidget | None:
    """The first control outside ``owner`` along Qt's chain (the tab bar, the status
    bar's buttons): message widgets sit at the chain's end, but they are inside."""
    w: QWidget | None = start
    for _ in range(5000):  # the chain is a ring; a window has far fewer widgets
        assert w is not None
        w = w.nextInFocusChain() if forward else w.previousInFocusChain()
        if w is None or w is start:
            return None
        if w is not owner and not owner.isAncestorOf(w) and can_take(w):
            return w
    return None


def move_focus(stops: Callable[[], Sequence[QWidget]], owner: QWidget, forward: bool) -> bool:
    """Move the focus to the next stop of ``owner``'s order, or past either end to the
    next control outside it. False when the focus is not in ``owner`` (Qt's chain then)."""
    current = QApplication.focusWidget()
    if current is not None and current is not owner and not owner.isAncestorOf(current):
        return False
    target = step(stops(), current, forward) or _outside(owner, current or owner, forward)
    if target is None:
        return False
    reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
    target.setFocus(reason)
    return True
