"""The Server tab for a server the app did not start (issue 20, everyday): it says that the
settings shown are the app's own server's, why Start and Stop are off, and why the log is
empty; when no server answers, the foreign-server notes go. Real HTTP to the fake server;
PATH holds nothing (no docker, no ollama), so only this test's server is seen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.hosts import parse_ollama_host
from desktop.core.paths import resolve_paths
from desktop.services.connection import ConnectionMonitor
from desktop.services.ollama_service import OllamaService
from desktop.services.server.host_choice import HostChoice
from desktop.services.server.managed import ManagedServer
from desktop.services.server.setup import ServerSetup
from desktop.services.server.setup_service import SetupService
from desktop.services.server.status import ServerStatus
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
from desktop.ui.server import ServerTab
from tests.fake_ollama import FakeOllama
from tests.server.conftest import free_port


@pytest.fixture
def tab(
    qtbot: QtBot, fake_ollama: FakeOllama, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ServerTab]:
    monkeypatch.setenv("OLLAMA_DESK_NO_WIZARD", "1")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no docker, no ollama: only the fake answers
    paths = resolve_paths().ensure()
    settings = SettingsStore(paths.settings_file)
    settings.set("server_port", free_port())
    runner = TaskRunner()
    ollama = OllamaService(runner, parse_ollama_host(fake_ollama.url))
    monitor = ConnectionMonitor(ollama, 0.3, install_known=lambda: False)
    setup = ServerSetup(
        settings,
        SetupService(runner, settings, paths),
        ManagedServer(runner, data_dir=paths.data_dir),
        ollama,
        monitor,
        HostChoice(settings, ollama),
    )
    tab = ServerTab(setup, settings, paths.config_dir / "docker" / "compose.yaml")
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    tab.show()
    monitor.start()
    yield tab
    setup.shutdown()
    monitor.stop()
    runner.shutdown()
    ollama.api.close()


def test_a_server_the_app_did_not_start_is_explained(
    qtbot: QtBot, tab: ServerTab, fake_ollama: FakeOllama
) -> None:
    v = tab.view
    qtbot.waitUntil(lambda: tab.setup.state.status is ServerStatus.CONNECTED, timeout=5000)
    host = parse_ollama_host(fake_ollama.url).display
    assert v.status_label.text() == f"Using Ollama 0.33.0-rc2 at {host}."
    # Start and Stop are off, and the tab says why, in words on the page
    assert not v.start_button.isEnabled() and not v.stop_button.isEnabled()
    assert v.foreign_note.isVisible()
    note = v.foreign_note.text()
    assert "did not start this server" in note and "Start and Stop" in note
    assert "where it was started" in note
    # the Settings page is the app's own server's
    v.pages.setCurrentIndex(1)
    assert v.settings_note.isVisible()
    assert v.settings_note.text().startswith("These settings are for the app's own server")
    assert host in v.settings_note.text()
    # the Log page is empty, and says why and where the log is
    v.pages.setCurrentIndex(2)
    assert v.log_view.text.toPlainText() == ""
    assert v.log_note.isVisible()
    assert "was not started by the app" in v.log_note.text()
    assert "journalctl -u ollama" in v.log_note.text()

    fake_ollama.stop()  # nothing answers now: the notes about that server go
    qtbot.waitUntil(lambda: not tab.setup.state.status.answering, timeout=5000)
    assert not v.foreign_note.isVisible() and not v.settings_note.isVisibleTo(tab)
    assert v.log_note.text() == (
        "This page shows what the app's own server writes while it runs. It is not running now."
    )
