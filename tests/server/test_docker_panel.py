"""The Docker page through a fake `docker` (the paths a real engine here cannot show:
Compose v2, no Compose at all on a machine that has it, Docker Desktop's small VM, a
permission error as the root CI user never gets one). tests/docker_engine drives the same
page against a real engine."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.paths import resolve_paths
from desktop.services.server.docker_cli import DockerCli
from desktop.services.server.setup_service import SetupService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
from desktop.ui.server.docker_panel import DockerPanel
from tests.server.fake_docker import FakeDocker
from tests.server.yamlish import parse


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def _panel(
    qtbot: QtBot,
    runner: TaskRunner,
    tmp_path: Path,
    fake: FakeDocker,
    monkeypatch: pytest.MonkeyPatch,
) -> DockerPanel:
    monkeypatch.setenv("PATH", str(fake.path.parent))  # no real docker-compose either
    paths = resolve_paths().ensure()
    settings = SettingsStore(paths.settings_file)
    jobs = SetupService(runner, settings, paths, docker=DockerCli(str(fake.path)))
    panel = DockerPanel(jobs, settings, tmp_path / "compose" / "compose.yaml")
    qtbot.addWidget(panel)
    panel.model.answer_wait = 0  # nothing answers behind a fake container
    panel.resize(1000, 700)
    panel.show()
    return panel


def _checked(qtbot: QtBot, panel: DockerPanel) -> None:
    with qtbot.waitSignal(panel.model.done, timeout=20000):
        panel.refresh()


def _click(qtbot: QtBot, panel: DockerPanel, button: object) -> None:
    with qtbot.waitSignal(panel.model.done, timeout=20000):
        button.click()  # type: ignore[attr-defined]


def test_no_compose_is_said_up_front_and_start_stays_disabled(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDocker(tmp_path / "fakebin", compose="")
    panel = _panel(qtbot, runner, tmp_path, fake, monkeypatch)
    _checked(qtbot, panel)
    problem = panel.view.problem.text()
    assert "Docker Compose is missing" in problem and "install it with" in problem
    assert not panel.view.problem.isHidden()
    assert not panel.up_button.isEnabled() and "Compose" in panel.up_button.toolTip()
    assert not any("-f" in call for call in fake.calls())  # never ran `compose -f`
    assert "unknown shorthand" not in panel.message.text()


def test_compose_v1_is_used_when_there_is_no_v2(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDocker(tmp_path / "fakebin", compose="v1")
    panel = _panel(qtbot, runner, tmp_path, fake, monkeypatch)
    _checked(qtbot, panel)
    assert "Compose 1.29.2 (docker-compose)" in panel.status.text()
    assert panel.up_button.isEnabled()
    _click(qtbot, panel, panel.up_button)
    up = ["docker-compose", "-p", "ollama-desk", "-f", str(panel.compose_file), "up", "-d"]
    assert up in fake.calls()
    assert panel.model.own() is not None and panel.model.own().running  # type: ignore[union-attr]


def test_no_permission_on_the_socket_is_not_an_engine_that_is_down(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDocker(tmp_path / "fakebin")
    fake.update(permission=False)
    panel = _panel(qtbot, runner, tmp_path, fake, monkeypatch)
    _checked(qtbot, panel)
    problem = panel.view.problem.text()
    assert "permission denied" in problem and "docker group" in problem
    assert "log out" in problem and "not running" not in problem
    assert "docker.sock" in panel.view.details.toPlainText()  # Docker's words: in Details
    assert not panel.up_button.isEnabled()


def test_a_taken_port_is_avoided_and_said(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDocker(tmp_path / "fakebin")
    panel = _panel(qtbot, runner, tmp_path, fake, monkeypatch)
    _checked(qtbot, panel)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        panel.view.port.setValue(port)
        assert panel.settings.integer("server_docker_port") == port
        _click(qtbot, panel, panel.up_button)
    doc = parse(panel.compose_file.read_text())
    published = doc["services"]["ollama"]["ports"][0]
    assert published != f"127.0.0.1:{port}:11434"
    new_port = int(published.split(":")[1])
    text = panel.message.text()
    assert f"Port {port} was in use, so the container uses port {new_port}" in text
    assert panel.stop_button.isEnabled() and not panel.up_button.isEnabled()
    assert panel.use_button.isEnabled()


def test_a_failed_up_is_cleaned_up_and_the_buttons_follow_the_engine(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDocker(tmp_path / "fakebin")
    panel = _panel(qtbot, runner, tmp_path, fake, monkeypatch)
    _checked(qtbot, panel)
    wanted = panel.model.options().port
    fake.update(busy_ports=list(range(wanted, wanted + 60)))  # taken between check and up
    _click(qtbot, panel, panel.up_button)
    assert any(c[-1:] == ["down"] for c in fake.calls())  # the created container removed
    assert fake.state()["containers"] == []
    assert "already in use" in panel.message.text()
    assert "usage line" not in panel.message.text()  # the log is under Details only
    assert "address already in use" in panel.view.details.toPlainText()
    assert "DockerError" not in panel.message.text()
    assert not panel.stop_button.isEnabled() and not panel.down_button.isEnabled()
    assert panel.up_button.isEnabled()


def test_lifecycle_messages_stay_and_buttons_are_true(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDocker(tmp_path / "fakebin", ncpu=1, mem=2**30)
    panel = _panel(qtbot, runner, tmp_path, fake, monkeypatch)
    _checked(qtbot, panel)
    assert "1 CPUs" in panel.status.text() and not panel.warning.isHidden()
    _click(qtbot, panel, panel.up_button)
    assert "The container is running" in panel.message.text()
    qtbot.wait(300)  # nothing clears the sentence behind the user's back
    assert "The container is running" in panel.message.text()
    _click(qtbot, panel, panel.stop_button)
    assert "stopped" in panel.message.text()
    assert panel.up_button.isEnabled() and not panel.stop_button.isEnabled()
    assert panel.down_button.isEnabled() and not panel.use_button.isEnabled()
    _click(qtbot, panel, panel.down_button)
    assert "removed" in panel.message.text()
    assert not panel.down_button.isEnabled() and panel.up_button.isEnabled()


def test_versions_offered_without_any_ollama_and_limits_written(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDocker(tmp_path / "fakebin")
    fake.update(images=["0.12.3", "latest", "0.33.0"])
    panel = _panel(qtbot, runner, tmp_path, fake, monkeypatch)
    v = panel.view
    assert [v.version.itemText(i) for i in range(v.version.count())] == ["latest"]
    assert panel.write_button.isEnabled()  # no Ollama found: "latest" still pins something
    _checked(qtbot, panel)
    offered = [v.version.itemText(i) for i in range(v.version.count())]
    assert offered == ["0.33.0", "0.12.3", "latest"]
    v.version.setCurrentText("0.12.3")
    assert panel.settings.number("server_docker_cpus") == 0  # untouched: still automatic
    v.cpus.setValue(1.5)
    v.memory.setValue(2.5)
    assert panel.write_compose()
    svc = parse(panel.compose_file.read_text())["services"]["ollama"]
    assert svc["image"] == "ollama/ollama:0.12.3"
    assert svc["cpus"] == 1.5 and svc["mem_limit"] == "2.5g"
    assert panel.settings.text("server_docker_version") == "0.12.3"


def test_a_container_whose_tag_moved_is_still_found(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDocker(tmp_path / "fakebin")
    label = {"io.github.ollama-desk.server": "ollama"}
    fake.update(
        containers=[
            # created from an image ID (or a tag that moved): only the label says Ollama
            {
                "id": "a" * 64,
                "image": "sha256:" + "b" * 64,
                "name": "ollama-desk",
                "running": True,
                "bind": "127.0.0.1:11499",
                "labels": label,
            },
            {
                "id": "c" * 64,
                "image": "ollama/ollama@sha256:" + "d" * 64,
                "name": "other",
                "running": False,
                "bind": "127.0.0.1:11498",
            },
            {
                "id": "e" * 64,
                "image": "nginx:1",
                "name": "web",
                "running": True,
                "bind": "127.0.0.1:8080",
            },
        ]  # fmt: skip
    )
    panel = _panel(qtbot, runner, tmp_path, fake, monkeypatch)
    _checked(qtbot, panel)
    names = [c.name for c in panel.state.containers]  # type: ignore[union-attr]
    assert names == ["ollama-desk", "other"]
    assert panel.use_button.isEnabled() and panel.stop_button.isEnabled()
