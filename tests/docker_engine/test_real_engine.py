"""The Docker page against a real Docker engine (skipped, with the reason, where none
answers): detect -> write -> start -> chat -> stop -> remove, and the defects of issue 23
as the real CLI, Compose and engine produce them. The image is `ollama/ollama:<tag>` made
by tests/docker_engine/image.py with the test suite's fake Ollama server inside.

CI (.ci/run) installs Debian's docker.io and docker-compose and starts dockerd itself
(scripts/dockerd.sh); a developer runs `sudo scripts/dockerd.sh` once."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.paths import resolve_paths
from desktop.core.setup.docker_text import ComposeKind, DockerProblem
from desktop.services.api_client import OllamaApi
from desktop.services.server.docker_cli import DockerCli
from desktop.services.server.docker_meter import ContainerMeter
from desktop.services.server.docker_model import start_container
from desktop.services.server.setup_service import SetupService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
from desktop.ui.server.docker_panel import DockerPanel
from tests.docker_engine.image import FAKE_TAG, build_fake

MODEL = "gemma3-270m:latest"
TAG = FAKE_TAG.split(":")[1]


def _engine() -> tuple[DockerCli | None, str]:
    cli = DockerCli(timeout=20)
    if not cli.executable:
        return None, "no docker CLI on PATH"
    st = cli.state()
    if not st.engine_running:
        problem = st.problem.value if st.problem else "?"
        return None, f"no Docker engine answers ({problem}): {st.engine_error[:300]}"
    if st.compose is None:
        return None, "no docker compose / docker-compose"
    return cli, ""


@pytest.fixture(scope="module")
def engine() -> Iterator[DockerCli]:
    cli, why = _engine()
    if cli is None:
        pytest.skip(f"real Docker engine: {why}")
    exe = cli.executable
    assert exe

    def image_id() -> str:
        out = subprocess.run(
            [exe, "image", "inspect", FAKE_TAG, "--format", "{{.Id}}"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        return out.stdout.strip() if out.returncode == 0 else ""

    old = image_id()
    build_fake(exe)  # always this checkout's fake server (3 s); the old image goes
    if old and old != image_id():
        subprocess.run([exe, "rmi", old], capture_output=True, check=False)
    yield cli


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def panel(
    qtbot: QtBot, runner: TaskRunner, engine: DockerCli, tmp_path: Path
) -> Iterator[DockerPanel]:
    paths = resolve_paths().ensure()
    settings = SettingsStore(paths.settings_file)
    jobs = SetupService(runner, settings, paths, docker=DockerCli(engine.executable))
    name = f"ollama-desk-test-{uuid.uuid4().hex[:8]}"
    compose = tmp_path / name / "compose.yaml"  # the project (and volume) name: unique
    p = DockerPanel(jobs, settings, compose)
    p.model.container_name = name
    qtbot.addWidget(p)
    p.resize(1000, 720)
    p.show()
    yield p
    assert engine.executable
    subprocess.run([engine.executable, "rm", "-f", name], capture_output=True, check=False)
    subprocess.run(
        [engine.executable, "volume", "rm", f"{name}_ollama"], capture_output=True, check=False
    )
    # compose's network: left behind by a test that failed before `down`, each run's takes
    # one of the engine's 31 default address pools until none is left
    subprocess.run(
        [engine.executable, "network", "rm", f"{name}_default"], capture_output=True, check=False
    )


def _act(qtbot: QtBot, p: DockerPanel, button: object) -> None:
    with qtbot.waitSignal(p.model.done, timeout=180000):
        button.click()  # type: ignore[attr-defined]


def _listening() -> socket.socket:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    return s


def test_detect_write_start_chat_stop_remove(
    qtbot: QtBot, panel: DockerPanel, engine: DockerCli
) -> None:
    p = panel
    _act(qtbot, p, p.view.refresh_button)
    st = p.state
    assert st is not None and st.engine_running and st.compose is not None
    assert TAG in st.image_tags  # defect 4: the engine's tags are offered
    offered = [p.view.version.itemText(i) for i in range(p.view.version.count())]
    assert TAG in offered and offered[-1] == "latest"
    assert p.view.version.currentText() == offered[0]  # the newest the engine has
    p.view.version.setCurrentText(TAG)
    p.view.cpus.setValue(1.0)
    p.view.memory.setValue(1.5)
    assert p.write_compose()

    # defect 2: something (the native server) holds the container's port
    with _listening() as native:
        taken = native.getsockname()[1]
        p.view.port.setValue(taken)
        _act(qtbot, p, p.up_button)
        own = p.model.own()
        assert own is not None and own.running, p.message.text()
        port = own.host_ports[0]
        assert port != taken
        said = p.message.text()
        assert f"Port {taken} was in use, so the container uses port {port}" in said
        assert f"Ollama answers at http://127.0.0.1:{port}" in said
    assert own.managed and own.url == f"http://127.0.0.1:{port}"
    assert not p.up_button.isEnabled() and p.stop_button.isEnabled()
    assert p.down_button.isEnabled() and p.use_button.isEnabled()
    inspect = subprocess.run(
        [engine.executable or "docker", "inspect", own.name, "--format",
         "{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}} {{json .Config.Env}}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert inspect.startswith("1000000000 1610612736 ")  # the limits the user set
    assert "OLLAMA_NO_CLOUD=1" in inspect

    with qtbot.waitSignal(p.useServer, timeout=5000) as used:
        p.use_button.click()
    url = str(used.args[0])
    api = OllamaApi(url, timeout=30)
    try:
        qtbot.waitUntil(lambda: _answers(api), timeout=30000)
        answer = api.chat(MODEL, [{"role": "user", "content": "Hello?"}])
        assert answer.content and answer.stats is not None and answer.stats.eval_count > 0
        meter = ContainerMeter(DockerCli(engine.executable), own)
        mem = meter.memory()
        assert mem is not None and 0 < mem < 1610612736  # the container's, not the machine's
    finally:
        api.close()

    _act(qtbot, p, p.stop_button)
    assert "stopped" in p.message.text()
    own = p.model.own()
    assert own is not None and not own.running
    assert p.up_button.isEnabled() and not p.stop_button.isEnabled()
    assert p.down_button.isEnabled() and not p.use_button.isEnabled()
    _act(qtbot, p, p.down_button)
    assert "removed" in p.message.text()
    assert p.model.own() is None and not p.down_button.isEnabled()


def _answers(api: OllamaApi) -> bool:
    try:
        api.version()
    except Exception:  # noqa: BLE001 - still starting
        return False
    return True


def test_a_failed_up_leaves_nothing_behind(engine: DockerCli, tmp_path: Path) -> None:
    """The port is taken between the check and `up` (the check is told it is free)."""
    from desktop.core.setup.docker import ComposeOptions

    name = f"ollama-desk-test-{uuid.uuid4().hex[:8]}"
    compose = tmp_path / name / "compose.yaml"
    with _listening() as other:
        port = other.getsockname()[1]
        out = start_container(
            engine,
            ComposeOptions(version=TAG, port=port, container_name=name, cpus=1, memory_gb=1),
            compose,
            set(),
            is_free=lambda _p: True,
        )
    try:
        assert out.error is not None and out.error.problem is DockerProblem.PORT_IN_USE
        assert "address already in use" in out.error.detail or "allocated" in out.error.detail
        assert all(c.name != name for c in out.state.containers)  # cleaned up by `down`
    finally:
        exe = engine.executable or "docker"
        subprocess.run([exe, "rm", "-f", name], capture_output=True, check=False)
        subprocess.run([exe, "volume", "rm", f"{name}_ollama"], capture_output=True, check=False)
        subprocess.run([exe, "network", "rm", f"{name}_default"], capture_output=True, check=False)


def test_no_compose_is_found_up_front(
    qtbot: QtBot, runner: TaskRunner, engine: DockerCli, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """The real docker CLI, without the Compose plugin and without docker-compose."""
    assert engine.executable
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "docker").symlink_to(Path(engine.executable).resolve())
    monkeypatch.setenv("PATH", str(bare))
    cli = DockerCli(str(bare / "docker"))
    if cli.compose_tool() is not None and cli.compose_tool().kind is ComposeKind.V2:  # type: ignore[union-attr]
        pytest.skip("this docker CLI has the Compose plugin built in")
    paths = resolve_paths().ensure()
    settings = SettingsStore(paths.settings_file)
    p = DockerPanel(
        SetupService(runner, settings, paths, docker=cli), settings, tmp_path / "c.yaml"
    )
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.model.done, timeout=60000):
        p.refresh()
    assert p.state is not None and p.state.engine_running and p.state.compose is None
    assert "Docker Compose is missing" in p.view.problem.text()
    assert not p.up_button.isEnabled()


def test_no_permission_on_the_socket(
    qtbot: QtBot, runner: TaskRunner, engine: DockerCli, tmp_path: Path
) -> None:
    """The real CLI as a user outside the docker group (root here never is refused)."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to run docker as another user")
    assert engine.executable
    wrapper = tmp_path / "docker"
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o777)
    wrapper.write_text(
        "#!/bin/sh\n"
        f"exec {setpriv} --reuid=65534 --regid=65534 --clear-groups "
        f'env HOME={home} {engine.executable} "$@"\n'
    )
    wrapper.chmod(0o755)
    if "unix://" not in os.environ.get("DOCKER_HOST", "unix://"):
        pytest.skip("the engine is not on a unix socket")
    paths = resolve_paths().ensure()
    settings = SettingsStore(paths.settings_file)
    cli = DockerCli(str(wrapper))
    p = DockerPanel(
        SetupService(runner, settings, paths, docker=cli), settings, tmp_path / "c.yaml"
    )
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.model.done, timeout=60000):
        p.refresh()
    assert p.state is not None and p.state.problem is DockerProblem.PERMISSION
    text = p.view.problem.text()
    assert "permission denied" in text and "docker group" in text and "log out" in text
    assert "not running" not in text


def test_a_container_whose_tag_moved_is_still_found(
    qtbot: QtBot, panel: DockerPanel, engine: DockerCli, tmp_path: Path
) -> None:
    """After the tag moves to another image (as `docker pull` does), `docker ps` shows an
    image ID; the app still finds its container (label) and the other (repository)."""
    p, exe = panel, engine.executable or "docker"
    _act(qtbot, p, p.view.refresh_button)
    p.view.version.setCurrentText(TAG)
    _act(qtbot, p, p.up_button)
    own = p.model.own()
    assert own is not None and own.running, p.message.text()
    old_id = subprocess.run(
        [exe, "image", "inspect", FAKE_TAG, "--format", "{{.Id}}"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    tiny = tmp_path / "tiny.tar"
    with tarfile.open(tiny, "w") as tar:
        info = tarfile.TarInfo("hello")
        tar.addfile(info)
    subprocess.run([exe, "import", str(tiny), FAKE_TAG], check=True, capture_output=True)
    try:
        ps = subprocess.run(
            [exe, "ps", "-a", "--filter", f"name={own.name}", "--format", "{{.Image}}"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        assert ps and "ollama/ollama" not in ps  # the tag column no longer says Ollama
        _act(qtbot, p, p.view.refresh_button)
        found = p.model.own()
        assert found is not None and found.running and found.managed
        assert p.stop_button.isEnabled() and p.use_button.isEnabled()
    finally:
        new_id = subprocess.run(
            [exe, "image", "inspect", FAKE_TAG, "--format", "{{.Id}}"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        subprocess.run([exe, "tag", old_id, FAKE_TAG], check=True, capture_output=True)
        subprocess.run([exe, "rmi", new_id], capture_output=True, check=False)
