"""Property test for the message view: an answer streamed in any pieces, with the unfinished
line formatted now and then, looks exactly like the same answer opened from history.

It drives what streaming does to a document: code blocks written into the prose and moved
out when a wide line comes, the unfinished line shown formatted or plain, tables, quotes,
long lines. Any difference, or any exception, is a bug a reader would see.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.chat.conversation import Message, MessageStatus
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.message_view import MessageWidget
from tests.chat.test_doc_writer import shape

LINES = st.sampled_from(
    [
        "",
        "Some **bold** and *it* and `code` words",
        "a [link](https://example.com) and **open",
        "# Heading",
        "## Sub **head**",
        "- item `x`",
        "  - nested",
        "1. first",
        "* star `item",
        "**",
        "> quote *it*",
        "---",
        "| a | b |",
        "|---|--:|",
        "| 1 | **2** |",
        "```",
        "```python",
        "~~~",
        "like this: ```py",
        "x = 1",
        "\tindented = True",
        "w = " + "1 + " * 25 + "1",  # a code line too wide for the prose
        "日本語の行 " * 12,
        "y" * 4100,  # a line too long to format
        "\n".join(["| 1 | **2** | x |"] * 30),  # more rows than a table chunk (doc_tables)
    ]
)
ANSWERS = st.lists(LINES, min_size=1, max_size=14).map("\n".join)
SIZES = st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=8)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ANSWERS, SIZES, st.integers(min_value=0, max_value=3))
def test_a_streamed_answer_looks_like_the_stored_one(
    qtbot: QtBot, text: str, sizes: list[int], pace: int
) -> None:
    whole = MessageWidget("assistant", "m", 1)
    whole.set_text(text)
    streamed = MessageWidget("assistant", "m", 1)
    ticks = [0.0]

    def clock() -> float:  # formatting the unfinished line is due now and then
        ticks[0] += pace * 0.4
        return ticks[0]

    streamed.body.tail_pacer.clock = clock
    at, i = 0, 0
    while at < len(text):
        size = sizes[i % len(sizes)]
        streamed.append(text[at : at + size])
        at, i = at + size, i + 1
    streamed.finish()
    lines = [f"<{len(x)} chars>" if len(x) > 100 else x for x in text.split("\n")]
    try:
        assert shape(streamed) == shape(whole), lines
        assert streamed.text() == text
    finally:
        for w in (whole, streamed):
            w.deleteLater()


# -- tables: never super-linear in their rows (issue 24.2: 2,000 rows took 13.7 s) ----------


def _table(rows: int) -> str:
    return "| a | b | c |\n|---|:-:|--:|\n" + "| x **y** | [z](https://a.b) | 3 |\n" * rows


def _render(qtbot: QtBot, text: str) -> None:
    """Stream an answer into a shown transcript in pieces of about ten rows, each shown
    (laid out and painted) before the next, as the chat does."""
    view = ChatView()
    view.resize(1100, 700)
    view.show()
    t = view.transcript
    t.add_message(_message(0, "user"))
    t.begin_answer(_message(1, "assistant"))
    for i in range(0, len(text), 400):
        t.append(text[i : i + 400])
        QApplication.processEvents()
    t.finish_answer("", "")
    t.flush()
    QApplication.processEvents()
    view.deleteLater()


def _message(position: int, role: str) -> Message:
    return Message(
        id=position + 1,
        conversation_id=1,
        position=position,
        role=role,
        content="go" if role == "user" else "",
        thinking="",
        status=MessageStatus.COMPLETE,
        model="m",
        stats=None,
        ttft_ms=None,
        energy=None,
        error="",
        created_at=0.0,
    )


def _best(fn: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.thread_time()
        fn()
        best = min(best, time.thread_time() - t0)
    return best


@pytest.mark.parametrize("rows", [200, 1500])  # all formatted; and mostly past TABLE_ROWS
def test_table_rows_doubling_at_most_doubles_the_render_time(qtbot: QtBot, rows: int) -> None:
    small, big = _table(rows), _table(2 * rows)
    _render(qtbot, small)  # warm: fonts, caches
    for _attempt in range(3):  # a shared CI machine: retry noise, never a real slope
        t1 = _best(lambda: _render(qtbot, small))
        t2 = _best(lambda: _render(qtbot, big))
        if t2 <= 3.0 * t1 + 0.005:  # quadratic would be 4x
            return
    pytest.fail(f"doubling the rows took {t2 / t1:.1f}x the time ({t1 * 1e3:.0f} ms)")
