"""Long tables (issue 24.2): written in chunks of TABLE_CHUNK rows that read as one table,
the rows past TABLE_ROWS as a plain scrolling block, streamed exactly as stored, every
character kept."""

from __future__ import annotations

from PySide6.QtGui import QTextLength, QTextTable
from pytestqt.qtbot import QtBot

from desktop.core.chat.markdown import TABLE_ROWS, BlockKind, MarkdownStream, parse
from desktop.ui.chat.doc_tables import TABLE_CHUNK
from desktop.ui.chat.message_view import MessageWidget
from desktop.ui.chat.transcript_segments import ProseSegment, TableRestSegment
from tests.chat.test_doc_writer import shape


def table(rows: int, cols: int = 3) -> str:
    head = "| " + " | ".join(f"h{c}" for c in range(cols)) + " |\n"
    rule = "|" + "---|" * cols + "\n"
    body = "".join(
        "| " + " | ".join(f"r{r} c{c} **b**" for c in range(cols)) + " |\n" for r in range(rows)
    )
    return "Before.\n\n" + head + rule + body + "\nAfter the table.\n"


def tables_of(w: MessageWidget) -> list[QTextTable]:
    out = []
    for seg in w.body.segments:
        if isinstance(seg, ProseSegment):
            frames = seg.document().rootFrame().childFrames()
            out += [f for f in frames if isinstance(f, QTextTable)]
    return out


def test_rows_past_the_limit_are_plain_and_cost_no_parsing() -> None:
    text = table(TABLE_ROWS + 300)
    blocks, _ = parse(text)
    kinds = [b.kind for b in blocks]
    assert kinds.count(BlockKind.TABLE) + kinds.count(BlockKind.TABLE_RULE) == TABLE_ROWS
    rest = [b for b in blocks if b.kind is BlockKind.TABLE_REST]
    assert len(rest) == 302 and rest[0].text.startswith("| r")  # 300 + header and rule - 2
    assert all(not b.cells for b in rest)
    assert blocks[-1].kind is BlockKind.PARAGRAPH  # the text after it is text again
    # a new table after a blank line starts counting again
    blocks, _ = parse(table(TABLE_ROWS) + "\n" + table(3))
    assert [b.kind for b in blocks].count(BlockKind.TABLE_REST) == 2
    # streamed in any pieces: the same blocks
    stream, got = MarkdownStream(), []
    for i in range(0, len(text), 7):
        got += stream.feed(text[i : i + 7])
    assert got + stream.finish() == parse(text)[0]


def test_a_long_table_streams_as_it_is_stored(qtbot: QtBot) -> None:
    text = table(TABLE_ROWS + 200)
    whole = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(whole)
    whole.set_text(text)
    streamed = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(streamed)
    for i in range(0, len(text), 333):
        streamed.append(text[i : i + 333])
    streamed.finish()
    assert shape(streamed) == shape(whole)
    assert streamed.text() == text

    chunks = tables_of(whole)
    assert len(chunks) == -(-TABLE_ROWS // TABLE_CHUNK)
    assert sum(t.rows() for t in chunks) == TABLE_ROWS - 1  # the rule is no row
    # one table to the eye: every chunk has the same column widths
    widths = {tuple(c.rawValue() for c in t.format().columnWidthConstraints()) for t in chunks}
    assert len(widths) == 1 and len(next(iter(widths))) == 3
    kinds = {c.type() for c in chunks[0].format().columnWidthConstraints()}
    assert kinds <= {QTextLength.Type.FixedLength, QTextLength.Type.PercentageLength}
    rest = [s for s in whole.body.segments if isinstance(s, TableRestSegment)]
    assert len(rest) == 1 and rest[0].rows == 202  # lines past TABLE_ROWS (header and rule count)
    last = TABLE_ROWS + 199
    assert rest[0].text().splitlines()[-1] == " | ".join(
        ["|" + f" r{last} c0 **b**", f"r{last} c1 **b**", f"r{last} c2 **b** |"]
    )
    assert whole.body.toPlainText().rstrip().endswith("After the table.")


def test_a_short_table_is_one_table_sized_by_its_text(qtbot: QtBot) -> None:
    w = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(w)
    w.set_text(table(TABLE_CHUNK - 1))
    w.body.flush()
    chunks = tables_of(w)
    assert len(chunks) == 1 and chunks[0].rows() == TABLE_CHUNK
    assert chunks[0].format().columnWidthConstraints() == []  # as wide as its text
    assert not [s for s in w.body.segments if isinstance(s, TableRestSegment)]
