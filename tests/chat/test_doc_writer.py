"""What a streamed answer looks like equals what the stored answer looks like; code blocks
scroll on their own, tables are tables, huge lines stay cheap."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFont, QGuiApplication, QTextBlock, QTextCharFormat, QTextTable
from pytestqt.qtbot import QtBot

from desktop.ui.chat.doc_writer import CODE_COLS, Palette, code_fits
from desktop.ui.chat.message_view import MessageWidget
from desktop.ui.chat.transcript_body import FEED_CHARS
from desktop.ui.chat.transcript_segments import (
    CodeSegment,
    LongSegment,
    PlainRest,
    ProseSegment,
    TableRestSegment,
)

ANSWER = (
    "# Title\nIntro with **bold** and `code`.\n\n- a\n- b\n\n```python\ndef f():\n"
    "    return 1\n```\n> quote\n```\nshort\n"
    + "w = 1  # wide " * 9
    + "\nafter\n```\n"
    + "long line " * 40
    + "\n| a | b |\n|---|--:|\n| 1 | 2 |\n"
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
        elif isinstance(seg, TableRestSegment):
            out.append(("table rest", seg.text()))
        elif isinstance(seg, PlainRest):
            out.append(("plain rest", seg.text()))
    return out


def stored(qtbot: QtBot, text: str) -> MessageWidget:
    """An answer opened from history, all of it written."""
    w = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(w)
    w.set_text(text)
    w.body.flush()
    return w


def anchors(block: QTextBlock) -> list[QTextCharFormat]:
    """The formats of a line's links."""
    formats = (it.fragment().charFormat() for it in block.begin())
    return [f for f in formats if f.isAnchor()]


def test_streamed_rendering_equals_whole_rendering(qtbot: QtBot) -> None:
    whole = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(whole)
    whole.set_text(ANSWER)
    # the narrow code block is written into the prose; the one with a wide line is not
    assert [k for k, _ in shape(whole)] == ["prose", "code", "prose", "long", "prose"]
    assert "return 1" in whole.body.segments[0].toPlainText()
    assert whole.body.segments[1].code().startswith("short\nw = 1")
    for size in (1, 3, 17, 600, 9000):  # 9000: one burst, parsed over several turns
        streamed = MessageWidget("assistant", "m", 1)
        qtbot.addWidget(streamed)
        for i in range(0, len(ANSWER), size):
            streamed.append(ANSWER[i : i + size])
        streamed.finish()
        assert shape(streamed) == shape(whole), size
        assert streamed.text() == ANSWER


def test_a_narrow_code_block_lives_in_the_prose_and_copies(qtbot: QtBot) -> None:
    """No text view per code block: its lines are shaded blocks of the prose document, its
    header a Copy link; what follows goes on in the same view, a gap below the block."""
    w = stored(qtbot, "> a quote\n```python\nx = 1\n\ty = 2\n```\n\nAfter.")
    (prose,) = w.body.segments
    assert isinstance(prose, ProseSegment)
    doc = prose.document()
    texts = [doc.findBlockByNumber(i).text() for i in range(doc.blockCount())]
    assert texts == ["a quote", "python    Copy", "x = 1", "\ty = 2", "After."]
    code = doc.findBlockByNumber(2)
    assert code.blockFormat().background().color() == prose.writer.p.code_bg
    assert code.charFormat().fontFamilies() == prose.writer.p.mono.families()
    assert doc.findBlockByNumber(4).blockFormat().topMargin() > 0  # set apart from the code
    assert [f.anchorHref() for f in anchors(doc.findBlockByNumber(1))] == ["copy:0"]
    prose.anchorClicked.emit(QUrl("copy:0"))
    assert QGuiApplication.clipboard().text() == "x = 1\n\ty = 2"


def test_a_wide_code_line_moves_its_block_out_of_the_prose(qtbot: QtBot) -> None:
    """The block was written into the prose until a line too wide to wrap came: it moves to
    a view of its own, and the text before it keeps its own format."""
    wide = "y = " + "1 + " * 30 + "1"
    pal = Palette(10.0)
    assert not code_fits(wide, pal, None) and code_fits("x" * CODE_COLS, pal, None)
    w = stored(qtbot, f"> a quote\n```\nx = 1\n{wide}\n```\nAfter.")
    prose, code, after = w.body.segments
    assert isinstance(prose, ProseSegment) and isinstance(code, CodeSegment)
    assert isinstance(after, ProseSegment) and after.toPlainText() == "After."
    assert code.code() == f"x = 1\n{wide}"
    last = prose.document().lastBlock()
    assert last.text() == "a quote" and last.blockFormat().leftMargin() == 14  # a quote still
    assert last.blockFormat().background().style() == Qt.BrushStyle.NoBrush
    assert prose.document().blockCount() == 1
    # a block that begins a view (nothing before it) leaves no empty view behind
    w2 = stored(qtbot, f"```\n{wide}\n```\n")
    assert [type(s) for s in w2.body.segments] == [CodeSegment]


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
    w = stored(
        qtbot, "Sizes:\n\n| Model | Size |\n|:--|--:|\n| gemma3 | 241 MiB |\n| qwen3 | 523 MiB |\n"
    )
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


def test_the_unfinished_line_is_formatted_while_it_streams(qtbot: QtBot) -> None:
    """No `**` or backticks on screen while a paragraph is being written: a closed mark is
    formatted as soon as it closes; an unclosed one stays text until then."""
    w = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(w)
    prose = None

    def last_block() -> tuple[str, list[QTextCharFormat]]:
        nonlocal prose
        prose = w.body.segments[-1]
        assert isinstance(prose, ProseSegment)
        block = prose.document().lastBlock()
        return block.text(), [it.fragment().charFormat() for it in block.begin()]

    w.append("Intro.\n\nLocal models run on **your")
    assert last_block()[0] == "Local models run on **your"  # not closed yet: text
    w.append(" own** computer")
    text, formats = last_block()
    assert text == "Local models run on your own computer"
    assert [f.fontWeight() == QFont.Weight.Bold for f in formats] == [False, True, False]
    w.append(" and more")  # no mark: appended in the line's own format, not bold
    text, formats = last_block()
    assert text.endswith("computer and more") and formats[-1].fontWeight() != QFont.Weight.Bold
    w.append("\n# A head")  # a heading while it is being written
    text, formats = last_block()
    assert text == "A head" and formats[0].fontPointSize() > w.body._pal().base_size
    w.append("ing\n- a `code` item")
    assert last_block()[0] == "• a code item"
    w.finish()
    whole = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(whole)
    whole.set_text(w.text())
    assert shape(w) == shape(whole)


def test_the_unfinished_line_is_formatted_at_most_once_a_second(qtbot: QtBot) -> None:
    """Formatting the line again costs more than appending to it: a mark that closes within
    a second of the last formatting is formatted by the first batch after that second."""
    w = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(w)
    now = [100.0]
    w.body.tail_pacer.clock = lambda: now[0]

    def shown() -> str:
        seg = w.body.segments[-1]
        assert isinstance(seg, ProseSegment)
        return seg.document().lastBlock().text()

    w.append("Some words then **a")
    w.append(" b** c")  # a mark: formatted now
    assert shown() == "Some words then a b c"
    now[0] += 0.3
    w.append(" and `x")
    w.append("` d")  # closed, but formatted 0.3 s ago: appended for now
    assert shown() == "Some words then a b c and `x` d"
    now[0] += 0.8
    w.append(" e")  # no mark in it, but one waits: formatted
    assert shown() == "Some words then a b c and x d e"


def test_whether_code_fits_is_measured_at_the_rows_width(qtbot: QtBot) -> None:
    """A code line that would wrap at this row's width gets a view that scrolls sideways;
    at a wide row the same line stays in the prose."""
    line = "result = compute(alpha, beta, gamma)  # fifty-some characters"
    text = f"Intro.\n```\n{line}\n```\nAfter."
    kinds = {}
    for width in (320, 1200):
        w = MessageWidget("assistant", "m", 1)
        qtbot.addWidget(w)
        w.resize(width, 200)
        w.set_text(text)
        w.body.flush()
        kinds[width] = [type(seg).__name__ for seg in w.body.segments]
    assert kinds[1200] == ["ProseSegment"]
    assert kinds[320] == ["ProseSegment", "CodeSegment", "ProseSegment"]


def test_the_line_after_a_closing_fence_never_shows_inside_the_code_view(
    qtbot: QtBot,
) -> None:
    """The piece that ends a closing fence makes no block: what follows it is a new line
    of prose, not more code; code after a long line keeps its language."""
    wide = "w = " + "1 + " * 40 + "1"
    w = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(w)
    w.append(f"```python\n{wide}\n``")
    w.append("`\nAfter the code, some text")
    code = next(s for s in w.body.segments if isinstance(s, CodeSegment))
    assert "After" not in code.toPlainText() and "```" not in code.toPlainText()
    assert "After the code, some text" in w.body.segments[-1].toPlainText()
    w2 = stored(qtbot, "```python\nx = 1\n" + "z" * 4100 + "\nmore = 2\n```")
    assert [type(s).__name__ for s in w2.body.segments] == [
        "CodeSegment",
        "LongSegment",
        "CodeSegment",
    ]
    assert all(s.toPlainText().startswith("python") for s in w2.body.segments[::2])


def test_a_links_tooltip_is_its_address_as_text(qtbot: QtBot) -> None:
    prose = stored(qtbot, "see [this](https://e.com/<b>x</b>) now").body.segments[0]
    assert isinstance(prose, ProseSegment)
    tips = [f.toolTip() for f in anchors(prose.document().firstBlock())]
    assert tips == ["<p>https://e.com/&lt;b&gt;x&lt;/b&gt;</p>"]
