"""A very long answer (issue 24.9: 30 MB cost 1.6 GB): its first FORMAT_CHARS characters
are formatted, the rest is plain text in a scrolling block; streamed exactly as stored,
every character kept, and the streamed text is never joined again and again."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.ui.chat.message_view import MessageWidget
from desktop.ui.chat.transcript_plain import FORMAT_CHARS, Backlog, format_split
from desktop.ui.chat.transcript_segments import PlainRest, ProseSegment
from tests.chat.test_doc_writer import shape

LINE = "Some **bold** words, `code` and a [link](https://example.com) on a line.\n"


def answer(chars: int) -> str:
    text = "# Title\n\n" + LINE * (chars // len(LINE) + 1)
    return text[:chars] + "\n```python\nx = 1\n```\nthe end, with\u2028a line separator"


def test_a_huge_answer_is_formatted_then_plain_streamed_as_stored(qtbot: QtBot) -> None:
    text = answer(FORMAT_CHARS + 200_000)
    whole = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(whole)
    whole.set_text(text)
    streamed = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(streamed)
    for i in range(0, len(text), 9_000):  # bigger than a parse step: the backlog path
        streamed.append(text[i : i + 9_000])
    streamed.finish()
    assert shape(streamed) == shape(whole)
    assert streamed.text() == text and whole.text() == text
    kinds = [type(s) for s in whole.body.segments]
    assert kinds[-1] is PlainRest and ProseSegment in kinds
    split = format_split(text)
    assert FORMAT_CHARS <= split < FORMAT_CHARS + len(LINE) + 1
    plain = whole.body.segments[-1]
    assert isinstance(plain, PlainRest)
    assert plain.text() == text[split:].replace("\u2028", "\n")  # every character, as it came
    assert "**" in plain.text()  # not formatted: as it came
    formatted = sum(
        s.document().characterCount() for s in whole.body.segments if isinstance(s, ProseSegment)
    )
    assert formatted <= split + 10  # never a laid-out rich-text copy of the rest


def test_a_short_answer_is_all_formatted(qtbot: QtBot) -> None:
    w = MessageWidget("assistant", "m", 1)
    qtbot.addWidget(w)
    w.set_text(answer(FORMAT_CHARS - 1000))
    w.body.flush()
    assert not [s for s in w.body.segments if isinstance(s, PlainRest)]


def test_a_huge_question_is_shown_plain_past_the_limit(qtbot: QtBot) -> None:
    text = "a question line\n" * (FORMAT_CHARS // 8)
    w = MessageWidget("user", "You", 0)
    qtbot.addWidget(w)
    w.set_text(text)
    w.body.flush()
    plain = w.body.segments[-1]
    assert isinstance(plain, PlainRest)
    assert plain.text() == text[format_split(text) :] and w.text() == text


def test_the_backlog_hands_out_what_came_in_order() -> None:
    log = Backlog()
    pieces = [f"<{i}>" * (i % 50 + 1) for i in range(2_000)]
    for p in pieces:
        log.push(p)
    whole = "".join(pieces)
    got = []
    while log:
        got.append(log.take(4_000))
    assert "".join(got) == whole and all(len(g) <= 4_000 for g in got)
    log.push("abc")
    log.push("def")
    assert log.take(None) == "abcdef" and not log
