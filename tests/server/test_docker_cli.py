"""The docker CLI calls, through a fake `docker` on PATH (real Docker is NOT exercised)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.setup.docker import ComposeOptions, compose_yaml
from desktop.services.server.docker_cli import DockerCli
from tests.server.fake_docker import FakeDocker
from tests.server.yamlish import parse


@pytest.fixture
def fake_docker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeDocker:
    fake = FakeDocker(tmp_path / "fakebin")
    monkeypatch.setenv("PATH", f"{fake.path.parent}:{__import__('os').environ['PATH']}")
    return fake


def test_found_on_path_and_compose_lifecycle(fake_docker: FakeDocker, tmp_path: Path) -> None:
    cli = DockerCli()
    assert cli.executable == str(fake_docker.path)
    st = cli.state()
    assert st.engine_running and st.info is not None and st.info.ncpu == 2
    assert st.containers == []
    compose = tmp_path / "compose.yaml"
    compose.write_text(compose_yaml(ComposeOptions(version="0.33.0")))
    cli.up(compose)
    assert ["compose", "-f", str(compose), "up", "-d"] in fake_docker.calls()
    sent = parse(str(fake_docker.state()["last_compose"]))
    assert sent["services"]["ollama"]["ports"] == ["127.0.0.1:11434:11434"]
    (c,) = cli.state().containers
    assert c.running and c.tag == "0.33.0" and not c.exposed_on_all_interfaces
    assert c.url == "http://127.0.0.1:11434"
    cli.stop(compose)
    assert not cli.state().containers[0].running
    cli.down(compose)
    assert cli.state().containers == []


def test_container_published_on_all_interfaces_is_flagged(fake_docker: FakeDocker) -> None:
    st = fake_docker.state()
    st["containers"] = [
        {
            "id": "abc",
            "image": "ollama/ollama:latest",
            "name": "ollama",
            "running": True,
            "bind": "0.0.0.0:11434",
        },
        {"id": "def", "image": "nginx:1", "name": "web", "running": True, "bind": "0.0.0.0:80"},
    ]
    fake_docker.write_state(st)
    (c,) = DockerCli().state().containers  # only the Ollama image
    assert c.name == "ollama" and c.tag == "latest" and c.exposed_on_all_interfaces


def test_engine_not_running_is_a_state_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDocker(tmp_path / "fb", engine=False)
    st = DockerCli(str(fake.path)).state()
    assert not st.engine_running and "Cannot connect" in st.engine_error
    assert DockerCli(str(tmp_path / "nope")).state().engine_running is False
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert DockerCli().state().cli is None


@pytest.mark.skipif(shutil.which("docker") is None, reason="no docker CLI")
def test_the_real_docker_cli_without_an_engine_does_not_raise() -> None:
    st = DockerCli(timeout=15).state()
    assert st.cli is not None  # this machine: CLI present; engine state whatever it is
