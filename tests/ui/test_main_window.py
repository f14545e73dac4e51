"""The window a person sees first: tabs, and a status bar that tells the truth."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.app import build_app
from desktop.core.hosts import resolve_host
from desktop.services.server.status import ServerStatus
from tests.fake_ollama import FakeOllama


def test_status_bar_shows_version_when_server_runs(qtbot: QtBot, fake_ollama: FakeOllama) -> None:
    desk = build_app(host=fake_ollama.url)
    qtbot.addWidget(desk.window)
    desk.window.show()
    with qtbot.waitSignal(desk.monitor.stateChanged, timeout=5000):
        desk.monitor.start()
    label = desk.window.connection_status.label.text()
    assert "0.33.0-rc2" in label and f"127.0.0.1:{fake_ollama.port}" in label
    assert not desk.window.connection_status.button.isVisible()
    assert [desk.window.tabs.tabText(i) for i in range(3)] == ["Chat", "Models", "Server"]
    desk.shutdown()


def test_status_bar_says_not_running_and_leads_to_server_tab(qtbot: QtBot, dead_url: str) -> None:
    desk = build_app(host=dead_url)
    qtbot.addWidget(desk.window)
    desk.window.show()
    with qtbot.waitSignal(desk.monitor.stateChanged, timeout=5000):
        desk.monitor.start()
    assert desk.monitor.state.status in (ServerStatus.NOT_RUNNING, ServerStatus.NOT_INSTALLED)
    text = desk.window.connection_status.label.text()
    assert "not running" in text or "not found" in text
    bar = desk.window.connection_status
    # not installed: "Install Ollama…"; installed but stopped: "Choose another server…"
    button = bar.button if bar.button.isVisible() else bar.choose_button
    assert button.isVisible()
    button.click()
    assert desk.window.tabs.currentWidget() is desk.window.server_tab
    desk.shutdown()


def test_japanese_ui(qtbot: QtBot, dead_url: str) -> None:
    desk = build_app(host=dead_url, lang="ja")
    qtbot.addWidget(desk.window)
    assert desk.window.tabs.tabText(0) == "チャット"
    with qtbot.waitSignal(desk.monitor.stateChanged, timeout=5000):
        desk.monitor.start()
    assert "Ollama" in desk.window.connection_status.label.text()
    assert "ません" in desk.window.connection_status.label.text()
    desk.shutdown()
    from PySide6.QtCore import QCoreApplication

    for t in desk.translators:
        QCoreApplication.removeTranslator(t)


def test_host_resolution_order(monkeypatch: object) -> None:
    import os

    os.environ["OLLAMA_HOST"] = "0.0.0.0:9999"
    try:
        assert resolve_host(None, "").base_url == "http://127.0.0.1:9999"
        assert resolve_host(None, "example.com").base_url == "http://example.com:11434"
        assert resolve_host("https://x.org", "example.com").base_url == "https://x.org:443"
    finally:
        del os.environ["OLLAMA_HOST"]


def run_app(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **__import__("os").environ,
        "QT_QPA_PLATFORM": "offscreen",
        "OLLAMA_DESK_HOME": str(home),
    }
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_entry_point_self_test(fake_ollama: FakeOllama, tmp_path: Path) -> None:
    out = run_app("--self-test", "--host", fake_ollama.url, home=tmp_path)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["window"] is True and report["status"] == "connected"
    assert report["version"] == "0.33.0-rc2"


def test_doctor_json(fake_ollama: FakeOllama, dead_url: str, tmp_path: Path) -> None:
    ok = run_app("doctor", "--json", "--host", fake_ollama.url, home=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["server"]["version"] == "0.33.0-rc2"
    down = run_app("doctor", "--json", "--host", dead_url, home=tmp_path)
    assert down.returncode != 0
    assert json.loads(down.stdout)["server"]["running"] is False
