"""Every failure kind has a clear sentence, in English and in Japanese; the server's raw
words never are the message (a short quote at most, the rest in Details)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.resources import resource_path
from desktop.services.api_errors import error_from_body
from desktop.ui.common.messages import error_details, error_message, quotable

VISION_400 = (
    '{"error":"{\\"error\\":{\\"code\\":400,\\"message\\":\\"Multimodal data provided, but '
    'model does not support multimodal requests.\\",\\"type\\":\\"invalid_request_error\\"}}"}'
)
# kinds whose sentence may quote the server's words (it cannot say more itself)
QUOTING = (
    ErrorKind.NOT_FOUND,
    ErrorKind.STREAM_ERROR,
    ErrorKind.SERVER_ERROR,
    ErrorKind.BAD_REQUEST,
    ErrorKind.LOCAL_IO,
)


@pytest.fixture
def japanese(qtbot: QtBot) -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    t = QTranslator()
    assert t.load(str(Path(resource_path("i18n", "shell_ja.qm"))))
    app.installTranslator(t)
    yield
    app.removeTranslator(t)


@pytest.mark.parametrize("kind", list(ErrorKind))
def test_every_kind_has_a_message(qtbot: QtBot, kind: ErrorKind) -> None:
    msg = error_message(OllamaError(kind, "the detail"), "127.0.0.1:11434")
    assert msg and "{" not in msg
    if kind in QUOTING:
        assert "\u201cthe detail\u201d" in msg  # a short quote after the sentence
    elif kind is not ErrorKind.INVALID_NAME:  # (its detail is the app's own words)
        assert "the detail" not in msg


@pytest.mark.parametrize("kind", list(ErrorKind))
def test_every_kind_has_a_japanese_message(japanese: None, kind: ErrorKind) -> None:
    english = QCoreApplication.translate("Errors", "Stopped.")
    assert english == "停止しました。"
    msg = error_message(OllamaError(kind, "x"), "127.0.0.1:11434")
    assert any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in msg), msg


def test_messages_in_japanese(japanese: None) -> None:
    msg = error_message(OllamaError(ErrorKind.CONNECTION_REFUSED), "127.0.0.1:11434")
    assert "起動していません" in msg and "127.0.0.1:11434" in msg


def test_json_inside_an_error_is_a_sentence_and_its_own_kind(qtbot: QtBot) -> None:
    """The real 400 of a model without vision (shared/fixtures/images/README.md)."""
    error = error_from_body(400, VISION_400)
    assert error.kind is ErrorKind.NO_VISION
    assert error.detail == (
        "Multimodal data provided, but model does not support multimodal requests."
    )
    msg = error_message(error, model="gemma3:270m")
    assert "gemma3:270m" in msg and "images" in msg
    assert not any(c in msg for c in '{}"\\')
    assert VISION_400 in error_details(error)  # the raw body, as it came, for Details


def test_quotes_are_short_one_line_and_never_json() -> None:
    assert quotable('{"error":{"code":1}}') == ""
    assert quotable("[1, 2]") == ""
    assert quotable("a\x1b[31mred") == ""  # control characters: Details only
    assert quotable("two\nlines") == "two lines"
    long = quotable("word " * 500)
    assert len(long) <= 161 and long.endswith("\u2026")
    assert quotable("x" * 1_000_000) == ""  # a run of a million: no words, Details only
    assert quotable("sha256:" + "ab" * 40 + " is missing") == ""
