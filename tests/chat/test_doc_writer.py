"""What a streamed answer looks like equals what the stored answer looks like."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.ui.chat.message_view import MessageWidget

ANSWER = (
    "# Title\nIntro with **bold** and `code`.\n\n- a\n- b\n\n```python\ndef f():\n"
    "    return 1\n```\n> quote\n" + "long line " * 40 + "\n| a | b |\nend"
)


def blocks(w: MessageWidget) -> list[tuple[str, str, bool]]:
    doc = w.body.document()
    out = []
    block = doc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        out.append(
            (block.text(), fmt.background().color().name(), bool(block.charFormat().fontFamilies()))
        )
        block = block.next()
    return out


def test_streamed_rendering_equals_whole_rendering(qtbot: QtBot) -> None:
    whole = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(whole)
    whole.set_text(ANSWER)
    for size in (1, 3, 17):
        streamed = MessageWidget("assistant", "m", 1)
        qtbot.addWidget(streamed)
        for i in range(0, len(ANSWER), size):
            streamed.append(ANSWER[i : i + size])
        streamed.finish()
        assert blocks(streamed) == blocks(whole), size
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


def _line_counts(w: MessageWidget) -> dict[str, int]:
    doc = w.body.document()
    out = {}
    block = doc.begin()
    while block.isValid():
        layout = block.layout()
        out[block.text()] = layout.lineCount() if layout is not None else 0
        block = block.next()
    return out


def test_long_code_lines_scroll_sideways_and_prose_wraps(qtbot: QtBot) -> None:
    code = "x = [" + ", ".join(str(i) for i in range(60)) + "]"
    prose = "words that wrap " * 20
    for streamed in (False, True):
        w = MessageWidget("assistant", "m", 1)
        qtbot.addWidget(w)
        w.resize(420, 300)
        w.show()
        text = f"{prose}\n\n```python\n{code}\n```\n"
        if streamed:
            for i in range(0, len(text), 5):
                w.append(text[i : i + 5])
            w.finish()
        else:
            w.set_text(text)
        qtbot.waitUntil(lambda w=w: w.body.horizontalScrollBar().maximum() > 0, timeout=2000)
        lines = _line_counts(w)
        assert lines[code] == 1, streamed  # the code line kept whole
        prose_lines = [n for t, n in lines.items() if t.startswith("words that wrap")]
        assert prose_lines and prose_lines[0] > 1, streamed  # prose still wraps
        assert w.body.document().size().width() > w.body.viewport().width()
        # the view is tall enough for its text plus the sideways scroll bar
        doc_h = w.body.document().size().height()
        assert w.body.height() >= doc_h + w.body.horizontalScrollBar().sizeHint().height()
