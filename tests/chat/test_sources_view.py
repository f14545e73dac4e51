"""The fold of passages under an answer shows a file's text: a passage that is one long run
without a break (base64, a URL) and a file name of 300 characters never widen it (a
word-wrapped label is as wide as its longest word, and the window as its widest child)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.attachments.model import Passage, PlaceKind
from desktop.core.retrieval.choice import Retrieval, UsedPassage
from desktop.ui.chat.sources_view import SourcesBox


def test_a_passage_of_one_long_word_does_not_widen_the_fold(qtbot: QtBot) -> None:
    name = "n" * 300 + ".txt"
    word = "W" * 4000
    used = UsedPassage(name, "b" * 64, Passage(PlaceKind.LINES, 1, 40, word), 1)
    box = SourcesBox(Retrieval((used,), docs=(("b" * 64, name),)))
    qtbot.addWidget(box)
    box.toggle.click()
    assert box.list is not None and box.list.isVisibleTo(box)
    assert box.minimumSizeHint().width() < 1000, box.minimumSizeHint()
    assert box.sizeHint().width() < 1500, box.sizeHint()
