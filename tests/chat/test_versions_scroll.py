"""Switching versions in the middle of a long chat keeps the message the user clicked where
it was on screen (the transcript is windowed: rows are built only near the view)."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.chat.conversation import MessageStatus
from desktop.services.chat.exchange import store_regenerate
from desktop.services.chat.store import ChatStore
from desktop.ui.chat import ChatTab
from desktop.ui.chat.transcript import Transcript
from tests.chat.test_transcript import open_chat, seed, tab  # noqa: F401 - the fixture

FORK = 201  # an answer far from the end of a 600-message chat


def settled(t: Transcript) -> bool:
    """No page on its way and no layout pass waiting: the rows are where they stay."""
    return not t._pending and not t._timer.isActive() and not t._dirty


def test_a_switch_far_up_keeps_the_clicked_message_in_place(
    qtbot: QtBot,
    tab: ChatTab,  # noqa: F811 - the fixture imported above
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    conv_id = seed(tab.history.path, 600)
    store = ChatStore(tab.history.path)
    ex = store_regenerate(store, conv_id, FORK, "m")  # the old answer and the 398 after it
    store.finish_message(ex.messages[-1].id, "a short new answer", "", MessageStatus.COMPLETE)
    store.close()
    open_chat(qtbot, tab, conv_id)
    t = tab.view.transcript
    assert t.row_count() == FORK + 1
    bar = t.verticalScrollBar()

    def fork_in_view() -> bool:
        bar.setValue(max(0, bar.maximum() - 150))
        return FORK in t.live_rows()

    qtbot.waitUntil(fork_in_view, timeout=10000)
    answer = t.widget_at(FORK)
    assert answer is not None and answer.version_text == "2/2"
    # where the row is on screen the moment the other version arrives (rows above it may
    # still be laid out in steps until then)
    was: list[int] = []
    show = t.show_conversation

    def noting(*args: Any) -> None:
        row = t._live.get(FORK)
        was.append(row.y() if row is not None else -1)
        show(*args)

    monkeypatch.setattr(t, "show_conversation", noting)
    back = answer._versions[0]  # type: ignore[index]
    with qtbot.waitSignal(tab.messages.conversationShown, timeout=5000):
        back.click()
    y = was[0]
    assert y > 0
    assert t.row_count() == 600  # the old version, with everything after it
    qtbot.waitUntil(lambda: FORK in t.live_rows() and settled(t), timeout=5000)
    again = t.widget_at(FORK)
    assert again is not None and again.version_text == "1/2"
    assert again.text().startswith(f"message {FORK}:")
    assert abs(again.y() - y) <= 2  # where it was: the user's place is kept
    assert not t.following
