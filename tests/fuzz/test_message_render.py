"""Property test for the message view: an answer streamed in any pieces, with the unfinished
line formatted now and then, looks exactly like the same answer opened from history.

It drives what streaming does to a document: code blocks written into the prose and moved
out when a wide line comes, the unfinished line shown formatted or plain, tables, quotes,
long lines. Any difference, or any exception, is a bug a reader would see.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

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
