"""The Server tab and the first-run wizard, end to end: real release server over HTTP,
the real stand-in `ollama serve` as a child process."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from desktop.core.hosts import parse_ollama_host
from desktop.core.paths import AppPaths, resolve_paths
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
from desktop.ui.server.wizard import FirstRunWizard
from tests.answer_box import answer_next_box
from tests.fake_ollama import FakeOllama
from tests.release_server import ReleaseServer
from tests.server.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Desk:
    paths: AppPaths
    settings: SettingsStore
    runner: TaskRunner
    ollama: OllamaService
    monitor: ConnectionMonitor
    tab: ServerTab
    setup: ServerSetup


@pytest.fixture
def desk(
    qtbot: QtBot,
    release_server: ReleaseServer,
    dead_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[Desk]:
    monkeypatch.setenv("OLLAMA_DESK_NO_WIZARD", "1")
    # no docker (CI installs Debian's into /usr/bin and runs an engine), no system ollama
    (tmp_path / "nobin").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "nobin"))
    paths = resolve_paths().ensure()
    settings = SettingsStore(paths.settings_file)
    settings.set("server_release_api_url", release_server.api_base)
    settings.set("server_download_base_url", release_server.download_base)
    settings.set("server_port", free_port())
    runner = TaskRunner()
    ollama = OllamaService(runner, parse_ollama_host(dead_url))
    monitor = ConnectionMonitor(ollama, 0.5)
    setup = ServerSetup(
        settings,
        SetupService(runner, settings, paths),
        ManagedServer(runner),
        ollama,
        monitor,
        HostChoice(settings, ollama),
    )
    tab = ServerTab(setup, settings, paths.config_dir / "docker" / "compose.yaml")
    qtbot.addWidget(tab)
    tab.resize(1000, 700)
    yield Desk(paths, settings, runner, ollama, monitor, tab, setup)
    setup.shutdown()
    monitor.stop()
    runner.shutdown()
    ollama.api.close()


def _doctor(home: Path) -> tuple[int, dict[str, object]]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY")
    }
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "doctor", "--json", "--config-dir", str(home)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    return out.returncode, json.loads(out.stdout)


def test_wizard_takes_a_fresh_user_to_a_running_server(qtbot: QtBot, desk: Desk) -> None:
    rc, before = _doctor(desk.paths.config_dir.parent)
    assert rc == 1 and before["usable_server"] is None
    wizard = FirstRunWizard(desk.setup, desk.settings, desk.tab)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.step == "offer_install", timeout=20000)
    assert wizard.title.text() == "Ollama is not installed"
    sizes: list[str] = []
    desk.setup.installProgress.connect(lambda _p: sizes.append(wizard.progress_label.text()))
    wizard.primary.click()
    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(
            lambda: wizard.step in ("done", "failed_install", "failed_start"), timeout=20000
        )
    assert wizard.step == "done", (
        wizard.step,
        wizard.body.text(),
        wizard.progress_label.text(),
        desk.setup.managed.state,
        desk.setup.managed.log_text(),
    )
    assert wizard.title.text() == "Ollama 0.33.0 is running"
    state = desk.setup.managed.state
    assert state.status is ServerStatus.CONNECTED
    assert desk.ollama.host.base_url == state.url  # the whole app now talks to it
    assert desk.settings.get("server_wizard_done") is True
    assert any(" of 1.2 MiB" in t for t in sizes)  # the download size, as it starts
    rc, after = _doctor(desk.paths.config_dir.parent)
    assert rc == 0 and after["usable_server"] == state.url
    installs = after["installs"]
    assert isinstance(installs, list)
    assert {"version": "0.33.0", "app_made": True, "cpu_only": True}.items() <= installs[0].items()
    wizard.primary.click()
    assert not wizard.isVisible()


def test_wizard_uses_a_server_that_already_runs(qtbot: QtBot, desk: Desk) -> None:
    with FakeOllama(version="0.31.0") as fake:
        desk.ollama.set_host(parse_ollama_host(fake.url))
        wizard = FirstRunWizard(desk.setup, desk.settings, desk.tab)
        qtbot.addWidget(wizard)
        qtbot.waitUntil(lambda: wizard.step == "found_server", timeout=20000)
        assert "0.31.0" in wizard.title.text()
        wizard.primary.click()
        assert wizard.step == "done"
        assert desk.settings.get("server_mode") == "external"
        assert not desk.setup.managed.is_owned  # nothing was started


def test_wizard_shows_a_checksum_failure_and_installs_nothing(
    qtbot: QtBot, desk: Desk, release_server: ReleaseServer
) -> None:
    release_server.tamper("ollama-linux-amd64.tar.zst")
    wizard = FirstRunWizard(desk.setup, desk.settings, desk.tab)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: wizard.step == "offer_install", timeout=20000)
    wizard.primary.click()
    qtbot.waitUntil(lambda: wizard.step == "failed_install", timeout=30000)
    assert "checksum mismatch" in wizard.body.text()
    assert wizard.primary.text() == "Try again"
    assert desk.setup.installed() == []


def test_tab_install_progress_cancel_then_install(
    qtbot: QtBot, desk: Desk, release_server: ReleaseServer
) -> None:
    tab, v = desk.tab, desk.tab.view
    tab.show()
    release_server.slow = 0.02
    v.install_button.click()
    qtbot.waitUntil(lambda: "Downloading" in v.progress_label.text(), timeout=20000)
    assert v.cancel_button.isVisible()
    v.cancel_button.click()
    qtbot.waitUntil(lambda: "Cancelled" in v.install_message.text(), timeout=10000)
    assert tab.setup.installed() == []
    release_server.slow = 0.0
    v.install_button.click()
    qtbot.waitUntil(lambda: tab.setup.managed.state.status is ServerStatus.CONNECTED, timeout=20000)
    assert "saved 878.9 KiB" in v.install_message.text()  # the CPU-only saving
    assert "is running" in v.status_label.text()
    qtbot.waitUntil(lambda: "Listening on" in v.log_view.text.toPlainText(), timeout=5000)
    # the log is searchable
    v.log_view.search.setText("Listening on")
    assert v.log_view.matches.text() == "1 matches"
    assert "Listening on" in v.log_view.text.textCursor().selectedText()
    # uninstalling asks first, and Esc (or Enter) keeps it
    tab.setup.detect()
    tree = v.found_list
    qtbot.waitUntil(
        lambda: any(_is_install(tree.topLevelItem(i)) for i in range(tree.topLevelItemCount())),
        timeout=20000,
    )
    row = next(i for i in range(tree.topLevelItemCount()) if _is_install(tree.topLevelItem(i)))
    tree.setCurrentItem(tree.topLevelItem(row))
    qtbot.waitUntil(v.uninstall_button.isEnabled, timeout=5000)
    asked = answer_next_box(key=Qt.Key.Key_Escape)
    v.uninstall_button.click()
    assert "0.33.0" in asked.text and asked.default == "Cancel"
    assert [r.version for r in tab.setup.installed()] == ["0.33.0"]


def _is_install(item: QTreeWidgetItem) -> bool:
    """The row of the install the app made (the server it runs is listed too, same version)."""
    return item.text(1) == "0.33.0" and item.text(0).startswith("Installed")


def test_settings_change_restarts_and_crash_reason_is_shown(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, v = desk.setup, desk.tab.view
    c.install()
    qtbot.waitUntil(lambda: c.managed.state.status is ServerStatus.CONNECTED, timeout=20000)
    pid = c.managed.state.pid
    desk.settings.set("server_context_length", 8192)
    qtbot.waitUntil(
        lambda: c.managed.state.status is ServerStatus.CONNECTED and c.managed.state.pid != pid,
        timeout=20000,
    )
    assert "OLLAMA_CONTEXT_LENGTH:8192" in c.managed.log_text()
    monkeypatch.setenv("OLLAMA_FAKE_CRASH", "libs")
    v.restart_button.click()
    qtbot.waitUntil(lambda: c.managed.state.status is ServerStatus.CRASHED, timeout=20000)
    assert "a system library is missing" in v.detail_label.text()
    assert "libstdc++" in v.detail_label.text()
    assert v.restart_button.isEnabled()
    monkeypatch.delenv("OLLAMA_FAKE_CRASH")
    v.restart_button.click()  # one click brings it back
    qtbot.waitUntil(lambda: c.managed.state.status is ServerStatus.CONNECTED, timeout=20000)


def test_lan_exposure_needs_explicit_confirmation(qtbot: QtBot, desk: Desk) -> None:
    panel = desk.tab.settings_panel
    desk.tab.show()
    desk.tab.view.pages.setCurrentWidget(panel)
    panel.lan_check.setChecked(True)
    assert panel.lan_warning.isVisible()
    assert desk.settings.get("server_expose_lan") is False  # not yet
    panel.lan_cancel.click()
    assert not panel.lan_check.isChecked() and desk.settings.get("server_expose_lan") is False
    panel.lan_check.setChecked(True)
    panel.lan_confirm.click()
    assert desk.settings.get("server_expose_lan") is True
    assert "0.0.0.0" in panel.lan_state.text()
    assert panel.lan_state.property("tone") == "danger" and panel.lan_state.font().bold()
    panel.lan_check.setChecked(False)
    assert desk.settings.get("server_expose_lan") is False
    assert panel.lan_state.property("tone") == "success" and not panel.lan_state.font().bold()
    # colours come from the app's one style sheet (light and dark), none from a widget's own
    assert [w.objectName() for w in panel.findChildren(QWidget) if w.styleSheet()] == []


def test_detection_lists_servers_and_installs_and_persists_choice(
    qtbot: QtBot, desk: Desk, fake_ollama: FakeOllama
) -> None:
    desk.settings.set("server_host_profiles", fake_ollama.url)
    desk.tab.show()
    tree = desk.tab.view.found_list
    qtbot.waitUntil(lambda: tree.topLevelItemCount() >= 2, timeout=20000)
    rows = [
        [tree.topLevelItem(i).text(c) for c in range(4)] for i in range(tree.topLevelItemCount())
    ]
    added = next(r for r in rows if r[0] == "Server (added)")
    assert added[1] == "0.33.0-rc2" and added[3] == "answering"
    tree.setCurrentItem(tree.topLevelItem(rows.index(added)))
    desk.tab.view.use_button.click()
    assert desk.ollama.host.base_url == fake_ollama.url
    assert SettingsStore(desk.paths.settings_file).get("host") == fake_ollama.url  # persisted


def test_wizard_starts_an_installed_ollama(qtbot: QtBot, desk: Desk, standin: Path) -> None:
    desk.settings.set("server_binary", str(standin))
    wizard = FirstRunWizard(desk.setup, desk.settings, desk.tab)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: wizard.step == "found_binary", timeout=20000)
    assert str(standin) in wizard.body.text()
    wizard.primary.click()
    qtbot.waitUntil(lambda: wizard.step == "done", timeout=20000)
    assert desk.setup.managed.state.binary == str(standin)


def test_first_run_opens_the_wizard_once(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OLLAMA_DESK_NO_WIZARD")
    desk.tab.show()
    desk.monitor.start()
    qtbot.waitUntil(
        lambda: desk.tab.wizard is not None and desk.tab.wizard.isVisible(), timeout=10000
    )
    desk.tab.wizard.close()
    desk.monitor.check_now()
    assert not desk.tab.wizard.isVisible()  # offered once per session, not nagging


def test_install_from_a_file_without_checksum_warns(
    qtbot: QtBot, desk: Desk, release_server: ReleaseServer, tmp_path: Path
) -> None:
    archive = tmp_path / "ollama-linux-amd64.tar.zst"
    archive.write_bytes(release_server.releases["v0.33.0"].files[archive.name])
    desk.tab.show()
    desk.tab.start_file_install(archive, None)
    assert "cannot be checked" in desk.tab.view.install_message.text()
    qtbot.waitUntil(lambda: "Not verified" in desk.tab.view.install_message.text(), timeout=30000)
    qtbot.waitUntil(
        lambda: desk.setup.managed.state.status is ServerStatus.CONNECTED, timeout=30000
    )
