"""Property tests for what a label shows of outside text (ui/common/bounded_text.py): any
text, however long and whatever it holds, is shown in a few lines of a few hundred
characters, with no run a line cannot break, and what is left out is said ("…")."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from desktop.ui.common.bounded_text import (
    _BIDI,
    ELLIPSIS,
    MAX_CHARS,
    MAX_LINES,
    MAX_RUN,
    BoundedLabel,
    BoundedText,
    _breakable,
    bounded_tip,
    one_line,
    shorten,
)

PIECES = st.sampled_from(
    ["a", "W", " ", "\n", "\r\n", "\r", "\t", "日本語", "\u202e", "\u2066", "\x00", "\x1b[31m"]
    + ["{", "}", '"', "/", "-", "\u200b", "\ufeff", "😀", "x" * 50, " word"]
)
TEXTS = st.lists(PIECES, max_size=300).map("".join)


def _normalised(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c not in _BIDI)
    return "".join(" " if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 else c for c in text)


def _longest_run(text: str) -> int:
    best = run = 0
    for c in text:
        run = 0 if _breakable(c) else run + 1
        best = max(best, run)
    return best


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.integers(min_value=0, max_value=3))
def test_any_text_is_shown_bounded(text: str, repeat: int) -> None:
    text = text * (1 + 200 * repeat)  # up to ~1 MB
    shown, cut = shorten(text)
    assert len(shown) <= MAX_CHARS + 1
    assert shown.count("\n") < MAX_LINES
    assert _longest_run(shown) <= MAX_RUN + 1  # the run and its ellipsis
    assert not any(c in _BIDI for c in shown)
    assert all(ord(c) >= 32 or c == "\n" for c in shown)
    if cut:  # what is left out is said
        assert ELLIPSIS in shown
    else:  # nothing left out: the text as it is (controls as spaces, bidi controls gone)
        assert shown == _normalised(text).rstrip()
    line = one_line(text)
    assert "\n" not in line and len(line) <= 201
    tip = bounded_tip(text)
    assert all(len(t) <= 100 for t in tip.split("\n")) and tip.count("\n") < 8 + 4


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_short_plain_text_is_shown_as_it_is(text: str) -> None:
    plain = "".join(c for c in text if c.isprintable() and c not in _BIDI and c != "\x85")
    words = " ".join(w[:MAX_RUN] for w in plain.split(" "))
    shown, cut = shorten(words)
    if _longest_run(words) <= MAX_RUN and len(words) < MAX_CHARS:
        assert shown == words.rstrip() and not cut


def test_japanese_sentences_are_not_elided() -> None:
    sentence = (
        "このモデルは画像を読み取れません。画像を外すか、画像を扱えるモデルを選んでください。"
    )
    assert shorten(sentence) == (sentence, False)


def test_the_cost_does_not_depend_on_the_length() -> None:
    """Reading a 64 MB text costs what reading its head does (only the head is read)."""
    for text in ("W" * 64_000_000, "a " * 32_000_000, "\n" * 64_000_000):
        best = float("inf")
        for _ in range(3):
            t0 = time.thread_time()
            shorten(text)
            best = min(best, time.thread_time() - t0)
        small = float("inf")
        for _ in range(3):
            t0 = time.thread_time()
            shorten(text[:1000])
            small = min(small, time.thread_time() - t0)
        assert best <= 5 * small + 0.002


def test_labels_never_ask_for_the_width_of_their_text(qtbot: QtBot) -> None:
    for text in ("W" * 1_000_000, "word " * 200_000, "日本" * 500_000):
        wrapped = BoundedText()
        qtbot.addWidget(wrapped)
        wrapped.setText(text, "raw")
        line = BoundedText(wrap=False)
        qtbot.addWidget(line)
        line.setText(text)
        label = BoundedLabel(text, elide=True)
        qtbot.addWidget(label)
        for w in (wrapped, line, label):
            assert w.minimumSizeHint().width() <= 300, w
            assert w.sizeHint().width() <= 1200, w
        assert wrapped.text() == text and label.text() == text
        assert wrapped.has_details and line.has_details
