"""The context meter reads the window of the app's own `ollama serve` (its Server setting,
passed as OLLAMA_CONTEXT_LENGTH) while that server is the one in use: the whole app, with
the stand-in `ollama` as a real child process (app.py wires the meter to the server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import build_app
from desktop.core.chat.context_window import WindowSource
from desktop.core.paths import resolve_paths
from desktop.services.server.status import ServerStatus
from desktop.services.settings_store import SettingsStore
from tests.release_server import write_standin
from tests.server.conftest import free_port


def test_the_window_is_the_own_servers_setting(
    qtbot: QtBot, tmp_path: Path, dead_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OLLAMA_DESK_NO_WIZARD", "1")
    monkeypatch.setenv("OLLAMA_DESK_NO_AUTOSTART", "1")
    monkeypatch.setenv("OLLAMA_HOST", dead_url)
    home = tmp_path / "home"
    settings = SettingsStore(resolve_paths(home).ensure().settings_file)
    settings.set("server_binary", str(write_standin(tmp_path / "bin" / "ollama", "0.33.0")))
    settings.set("server_port", free_port())
    settings.set("server_context_length", 8192)
    desk = build_app(host=None, config_dir=str(home), lang="en")
    qtbot.addWidget(desk.window)
    try:
        meter = desk.window.chat_tab.services.context  # type: ignore[attr-defined]
        assert meter.window.source is WindowSource.DEFAULT  # nothing runs yet
        assert desk.server.start()
        qtbot.waitUntil(
            lambda: desk.server.managed.state.status is ServerStatus.CONNECTED, timeout=20000
        )
        qtbot.waitUntil(lambda: meter.window.source is WindowSource.SERVER, timeout=5000)
        assert meter.window.tokens == 8192
        assert "8,192 tokens" in desk.window.chat_tab.view.context_bar.figure.text()  # type: ignore[attr-defined]
        desk.server.stop()
        qtbot.waitUntil(lambda: meter.window.source is WindowSource.DEFAULT, timeout=20000)
        assert meter.window.tokens == 4096  # Ollama 0.33's default: no longer our server
    finally:
        desk.shutdown()
