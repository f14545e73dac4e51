"""Connection states that tell the truth (issue 11.3) and bad server addresses (issue 10.12):
the real app (build_app) against the fake Ollama over HTTP, and the real command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import DeskApp, build_app
from desktop.core.hosts import parse_ollama_host
from desktop.core.setup.errors import SetupError, SetupErrorKind
from desktop.services.cancel import CancelToken
from desktop.services.server.status import ServerStatus
from desktop.ui.server.messages import setup_error_message
from tests.fake_ollama import FakeOllama
from tests.server.conftest import LINUX, free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OLLAMA_DESK_NO_WIZARD", raising=False)  # the wizard may show
    monkeypatch.setenv("OLLAMA_DESK_NO_AUTOSTART", "1")
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # no system ollama: nothing is installed


def _open(qtbot: QtBot, host: str | None) -> DeskApp:
    desk = build_app(host=host, lang="en")
    qtbot.addWidget(desk.window)
    desk.window.show()
    desk.monitor.set_interval(0.2)
    desk.monitor.start()
    return desk


def test_a_server_that_goes_away_gets_a_banner_not_an_install_prompt(qtbot: QtBot) -> None:
    fake = FakeOllama().start(free_port())
    port = fake.port
    desk = _open(qtbot, fake.url)
    bar = desk.window.connection_status
    try:
        qtbot.waitUntil(lambda: desk.monitor.state.status is ServerStatus.CONNECTED, timeout=5000)
        fake.stop()  # the server is stopped mid-session
        qtbot.waitUntil(lambda: "stopped answering" in bar.label.text(), timeout=5000)
        assert desk.monitor.state.status is ServerStatus.NOT_RUNNING  # never "not installed"
        assert bar.retry_button.isVisible() and bar.choose_button.isVisible()
        assert not bar.start_button.isVisible()  # no Ollama here to start: not offered
        qtbot.wait(600)  # several polls later: still no install prompt
        tab = desk.window.server_tab
        assert getattr(tab, "wizard", None) is None
        assert "stopped answering" in tab.view.status_label.text()  # the Server tab agrees
        fake = FakeOllama().start(port)  # it comes back
        bar.retry_button.click()
        qtbot.waitUntil(lambda: bar.label.text().startswith("Connected"), timeout=5000)
        assert not bar.retry_button.isVisible() and not bar.choose_button.isVisible()
    finally:
        fake.stop()
        desk.shutdown()


def test_choose_another_server_leads_to_the_server_list(qtbot: QtBot, dead_url: str) -> None:
    desk = _open(qtbot, dead_url)
    desk.settings.set("server_wizard_done", True)
    bar = desk.window.connection_status
    try:
        qtbot.waitUntil(lambda: desk.monitor.state.status is not ServerStatus.CHECKING)
        if desk.monitor.state.status is ServerStatus.NOT_RUNNING:
            bar.choose_button.click()
        else:
            bar.button.click()
        assert desk.window.tabs.currentWidget() is desk.window.server_tab
    finally:
        desk.shutdown()


def test_an_install_offer_closes_when_a_server_answers(qtbot: QtBot) -> None:
    port = free_port()
    desk = _open(qtbot, f"http://127.0.0.1:{port}")
    tab = desk.window.server_tab
    fake = None
    try:
        # the Start-here card makes the first offer (tests/e2e/test_start_here.py); this user
        # declines it and opens the Server tab's assistant
        qtbot.waitUntil(lambda: desk.server.state.status is ServerStatus.NOT_INSTALLED)
        assert getattr(tab, "wizard", None) is None and desk.start is not None
        desk.start.dismiss()
        tab.open_wizard()
        qtbot.waitUntil(lambda: getattr(tab, "wizard", None) is not None, timeout=5000)
        wizard = tab.wizard
        assert wizard is not None and wizard.isVisible() and not wizard.isModal()
        fake = FakeOllama().start(port)  # e.g. the user started Ollama in a terminal
        qtbot.waitUntil(lambda: desk.server.state.status is ServerStatus.CONNECTED, timeout=15000)
        qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=5000)
        assert desk.window.connection_status.label.text().startswith("Connected")
    finally:
        if fake is not None:
            fake.stop()
        desk.shutdown()


@pytest.mark.parametrize(
    "value",
    ["http://user:pw@127.0.0.1:11434", "ftp://x", "http://a b:1", "http://[::1", "x\u202ey"],
)
def test_a_bad_host_is_a_sentence_in_the_gui_not_a_crash(qtbot: QtBot, value: str) -> None:
    desk = build_app(host=value, lang="en")
    qtbot.addWidget(desk.window)
    try:
        problem = desk.window.connection_status.problem
        if value == "http://[::1":  # Ollama's own rules read this one as [::1]:80
            assert desk.ollama.host.base_url == "http://[::1]:80"
            return
        assert "cannot be used" in problem.text() and not problem.isHidden()
        assert desk.ollama.host.base_url == "http://127.0.0.1:11434"  # the default meanwhile
        assert "cannot be used" in desk.window.server_tab.view.host_problem.text()
    finally:
        desk.shutdown()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("http://user:pw@127.0.0.1:11434", "no user name or password"),
        ("ftp://x", "only http:// and https://"),
        ("http://bad host", "spaces or characters"),
        ("http://h/?q=1", "such as ? or #"),
    ],
)
def test_a_bad_host_ends_doctor_with_one_sentence(value: str, words: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["OLLAMA_HOST"] = value
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "doctor", "--config-dir", str(tmp_path / "h")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and words in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and out.stdout == ""


def test_the_host_given_with_host_is_not_replaced_by_the_apps_own_server(
    qtbot: QtBot, fake_ollama: FakeOllama
) -> None:
    desk = build_app(host=fake_ollama.url, lang="en")
    qtbot.addWidget(desk.window)
    try:
        hosts = desk.server.hosts
        assert not hosts.use("http://127.0.0.1:1", by_user=False)  # e.g. autostart came up
        assert desk.ollama.host.base_url == fake_ollama.url
        assert hosts.use("http://127.0.0.1:2", by_user=True)  # the user's own choice wins
        assert desk.ollama.host.base_url == "http://127.0.0.1:2"
        assert desk.settings.get("host") == "http://127.0.0.1:2"
    finally:
        desk.shutdown()


def test_an_offline_install_says_what_happened(dead_url: str, tmp_path: Path) -> None:
    from desktop.services.server.installer import Installer, InstallerConfig

    def plan(api: str) -> SetupError:
        inst = Installer(InstallerConfig(api, api, tmp_path / "d", tmp_path / "c", LINUX))
        with pytest.raises(SetupError) as err:
            inst.install(None, cpu_only=True, cancel=CancelToken(), report=lambda _p: None)
        return err.value

    offline = plan("http://releases.example.invalid")  # no such name: as without network
    assert offline.setup_kind is SetupErrorKind.OFFLINE
    assert setup_error_message(offline).startswith("No network")
    assert "interrupted" not in setup_error_message(offline)
    refused = plan(dead_url)
    assert refused.setup_kind is SetupErrorKind.REFUSED
    assert "refused the connection" in setup_error_message(refused)
    assert parse_ollama_host(dead_url).display in setup_error_message(refused)


def test_server_and_docker_text_is_shown_as_plain_text(qtbot: QtBot, dead_url: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from desktop.core.errors import ErrorKind, OllamaError

    desk = build_app(host=dead_url, lang="en")
    qtbot.addWidget(desk.window)
    try:
        tab = desk.window.server_tab
        hostile = "<h1>Session expired</h1><img src='file:///etc/x.png'>"
        tab.docker_panel._failed(OllamaError(ErrorKind.UNEXPECTED, hostile))
        tab.installs.show_failure(OllamaError(ErrorKind.UNEXPECTED, hostile))
        assert hostile in tab.docker_panel.view.details.toPlainText()  # under Details
        assert "Docker could not do that" in tab.docker_panel.message.text()
        assert hostile in tab.view.install_message.details()  # a sentence; the words in Details
        assert hostile not in tab.view.install_message.text()
        labels = tab.findChildren(QLabel) + [desk.window.connection_status.label]
        assert all(label.textFormat() is Qt.TextFormat.PlainText for label in labels)
        tab.open_wizard()
        assert tab.wizard is not None
        assert tab.wizard.body.textFormat() is Qt.TextFormat.PlainText
    finally:
        desk.shutdown()
