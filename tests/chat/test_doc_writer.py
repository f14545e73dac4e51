"""What a streamed answer looks like equals what the stored answer looks like; code blocks
scroll on their own, tables are tables, huge lines stay cheap."""

from __future__ import annotations

import time

from PySide6.QtGui import QFont, QTextTable
from pytestqt.qtbot import QtBot

from desktop.ui.chat.message_view import MessageWidget
from desktop.ui.chat.transcript_body import FEED_CHARS
from desktop.ui.chat.transcript_segments import CodeSegment, LongSegment, ProseSegment

ANSWER = (
    "# Title\nIntro with **bold** and `code`.\n\n- a\n- b\n\n```python\ndef f():\n"
    "    return 1\n```\n> quote\n" + "long line " * 40 + "\n| a | b |\n|---|--:|\n| 1 | 2 |\n"
    "end\n" + "x" * 5000 + "\nafter"
)


def shape(w: MessageWidget) -> list[tuple[str, str]]:
    w.body.flush()
    out = []
    for seg in w.body.segments:
        if isinstance(seg, ProseSegment):
            out.append(("prose", seg.document().toHtml()))
        elif isinstance(seg, CodeSegment):
            out.append(("code", seg.code()))
        elif isinstance(seg, LongSegment):
            out.append(("long", seg.text()))
    return out


def test_streamed_rendering_equals_whole_rendering(qtbot: QtBot) -> None:
    whole = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(whole)
    whole.set_text(ANSWER)
    assert [k for k, _ in shape(whole)] == ["prose", "code", "prose", "long", "prose"]
    for size in (1, 3, 17, 600, 9000):  # 9000: one burst, parsed over several turns
        streamed = MessageWidget("assistant", "m", 1)
        qtbot.addWidget(streamed)
        for i in range(0, len(ANSWER), size):
            streamed.append(ANSWER[i : i + size])
        streamed.finish()
        assert shape(streamed) == shape(whole), size
        assert streamed.text() == ANSWER


def test_thinking_and_user_text_are_plain(qtbot: QtBot) -> None:
    w = MessageWidget("user", "You", 0)
    qtbot.addWidget(w)
    w.set_text("**not bold** <b>no html</b>")
    assert w.body.toPlainText() == "**not bold** <b>no html</b>"
    a = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(a)
    a.append("", "thinking <i>aloud</i>")
    a.append("answer", " more")
    assert a.thinking_text() == "thinking <i>aloud</i> more"
    assert a.thinking is not None and a.thinking.toPlainText() == a.thinking_text()


def test_a_long_code_line_scrolls_only_its_code_block(qtbot: QtBot) -> None:
    code = "x = [" + ", ".join(str(i) for i in range(80)) + "]"
    prose = "words that wrap " * 20
    text = f"{prose}\n\n```python\n{code}\n```\n"
    for streamed in (False, True):
        w = MessageWidget("assistant", "m", 1)
        qtbot.addWidget(w)
        w.resize(420, 300)
        w.show()
        if streamed:
            for i in range(0, len(text), 5):
                w.append(text[i : i + 5])
            w.finish()
        else:
            w.set_text(text)
        w.body.flush()
        prose_view, code_block = w.body.segments
        assert isinstance(prose_view, ProseSegment) and isinstance(code_block, CodeSegment)
        qtbot.waitUntil(lambda c=code_block: c.horizontalScrollBar().maximum() > 0)
        code_line = code_block.document().lastBlock()
        assert code_line.text() == code and code_line.layout().lineCount() == 1
        first = prose_view.document().firstBlock()
        qtbot.waitUntil(lambda b=first: b.layout().lineCount() > 1)  # prose wraps
        assert prose_view.horizontalScrollBar().maximum() == 0  # ... and never scrolls
        assert w.width() <= 420
        # the code view is tall enough for its line plus its own sideways scroll bar
        bar = code_block.horizontalScrollBar().sizeHint().height()
        assert code_block.height() >= code_block.document().size().height() + bar


def test_markdown_tables_render_as_tables(qtbot: QtBot) -> None:
    w = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(w)
    w.set_text("Sizes:\n\n| Model | Size |\n|:--|--:|\n| gemma3 | 241 MiB |\n| qwen3 | 523 MiB |\n")
    w.body.flush()
    prose = w.body.segments[0]
    assert isinstance(prose, ProseSegment)
    tables = [f for f in prose.document().rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert len(tables) == 1
    table = tables[0]
    assert (table.rows(), table.columns()) == (3, 2)
    cell = table.cellAt(1, 1)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "241 MiB"
    header = table.cellAt(0, 0).firstCursorPosition()
    header.movePosition(header.MoveOperation.Right)
    assert header.charFormat().fontWeight() == QFont.Weight.Bold
    assert "|" not in prose.toPlainText()


def test_a_huge_line_streams_and_reopens_without_freezing(qtbot: QtBot) -> None:
    piece = "[a](" * 256  # 1 KB per paint tick
    w = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(w)
    w.resize(600, 400)
    w.show()
    worst = 0.0
    for i in range(1024):  # a 1 MB line
        t0 = time.perf_counter()
        w.append(piece)
        if i % 128 == 0:
            w.body.flush()  # showing what waits must never draw the long tail again
        worst = max(worst, time.perf_counter() - t0)
    w.finish()
    w.body.flush()
    assert worst < 0.1, worst
    (seg,) = w.body.segments
    assert isinstance(seg, LongSegment) and seg.chars == 1024 * len(piece)
    t0 = time.perf_counter()
    again = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(again)
    again.set_text(piece * 1024)
    assert time.perf_counter() - t0 < 0.5


def test_a_burst_is_shown_over_several_turns_and_nothing_is_lost(qtbot: QtBot) -> None:
    """A server that sends thousands of tokens at once (a fast model, a long answer in one
    batch) must not freeze the window while it is parsed: each turn of the event loop
    parses at most FEED_CHARS of it, and finishing waits for the rest."""
    burst = "".join(f"Line {i} with **bold** and `code`.\n\n" for i in range(400))
    assert len(burst) > 3 * FEED_CHARS
    w = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(w)
    w.append(burst)
    assert w.body.pending
    shown = sum(len(s.toPlainText()) for s in w.body.segments if isinstance(s, ProseSegment))
    assert shown <= FEED_CHARS  # one piece now, the rest on the next turns
    w.finish()  # finishing while the burst is still parsed waits for it
    qtbot.waitUntil(lambda: not w.body.pending, timeout=30000)
    assert w.text() == burst
    whole = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(whole)
    whole.set_text(burst)
    assert shape(w) == shape(whole)
