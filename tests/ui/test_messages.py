"""Every failure kind has a clear sentence, in English and in Japanese."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.resources import resource_path
from desktop.ui.common.messages import error_message


@pytest.mark.parametrize("kind", list(ErrorKind))
def test_every_kind_has_a_message(qtbot: QtBot, kind: ErrorKind) -> None:
    msg = error_message(OllamaError(kind, "the detail"), "127.0.0.1:11434")
    assert msg and "{" not in msg
    if kind in (
        ErrorKind.INVALID_NAME,
        ErrorKind.NOT_FOUND,
        ErrorKind.STREAM_ERROR,
        ErrorKind.SERVER_ERROR,
        ErrorKind.BAD_REQUEST,
        ErrorKind.MALFORMED,
    ):
        assert "the detail" in msg  # the server's own reason is never hidden


def test_messages_in_japanese(qtbot: QtBot) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    t = QTranslator()
    assert t.load(str(Path(resource_path("i18n", "shell_ja.qm"))))
    app.installTranslator(t)
    try:
        msg = error_message(OllamaError(ErrorKind.CONNECTION_REFUSED), "127.0.0.1:11434")
        assert "起動していません" in msg and "127.0.0.1:11434" in msg
    finally:
        app.removeTranslator(t)
