"""The docker CLI calls through a fake `docker` on PATH (tests/docker_engine runs the real
one), and the parsing of what the real CLI, Compose and cgroups print."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.core.setup.cgroup import belongs_to, memory_in_use, parse_proc_cgroup
from desktop.core.setup.docker import ComposeOptions, compose_yaml, parse_inspect
from desktop.core.setup.docker_text import (
    ComposeKind,
    DockerProblem,
    InstallWay,
    classify,
    compose_version,
    image_tags,
    install_way,
    pick_port,
    stats_memory,
    summary_line,
    version_choices,
)
from desktop.services.server.docker_cli import DockerCli, DockerError
from desktop.services.server.docker_meter import ContainerMeter
from tests.server.fake_docker import FakeDocker
from tests.server.yamlish import parse

# what the real tools printed on this machine (docker 28.2.2 / 20.10.24, compose 1.29.2)
NO_PLUGIN_20 = "unknown shorthand flag: 'f' in -f\nSee 'docker --help'.\n" + "Usage: ...\n" * 70
NO_PLUGIN_28 = "docker: unknown command: docker compose\n\nRun 'docker --help' for more information"
PERMISSION = (
    "permission denied while trying to connect to the Docker daemon socket at "
    'unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.50/info": '
    "dial unix /var/run/docker.sock: connect: permission denied"
)
DOWN = (
    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
    "Is the docker daemon running?"
)
PORT_V1 = (
    "Creating ollama-desk ... error\n\nERROR: for ollama-desk  Cannot start service ollama: "
    "driver failed programming external connectivity on endpoint ollama-desk (3f2a): Error "
    "starting userland proxy: listen tcp4 127.0.0.1:11434: bind: address already in use\n"
    "ERROR: Encountered errors while bringing up the project."
)


@pytest.fixture
def fake_docker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeDocker:
    fake = FakeDocker(tmp_path / "fakebin")
    monkeypatch.setenv("PATH", str(fake.path.parent))
    return fake


def test_found_on_path_and_compose_lifecycle(fake_docker: FakeDocker, tmp_path: Path) -> None:
    cli = DockerCli()
    assert cli.executable == str(fake_docker.path)
    st = cli.state()
    assert st.engine_running and st.info is not None and st.info.ncpu == 2
    assert st.containers == [] and st.compose is not None
    assert st.compose.kind is ComposeKind.V2 and st.compose.version == "2.29.1"
    compose = tmp_path / "compose.yaml"
    compose.write_text(compose_yaml(ComposeOptions(version="0.33.0")))
    cli.up(compose)
    up = ["compose", "-p", "ollama-desk", "-f", str(compose), "up", "-d"]
    assert up in fake_docker.calls()
    sent = parse(str(fake_docker.state()["last_compose"]))
    assert sent["services"]["ollama"]["ports"] == ["127.0.0.1:11434:11434"]
    (c,) = cli.state().containers
    assert c.running and c.tag == "0.33.0" and not c.exposed_on_all_interfaces and c.managed
    assert c.url == "http://127.0.0.1:11434"
    cli.stop(compose)
    (c,) = cli.state().containers
    assert not c.running and c.url == "http://127.0.0.1:11434"  # still known when stopped
    cli.down(compose)
    assert cli.state().containers == []


def test_container_published_on_all_interfaces_is_flagged(fake_docker: FakeDocker) -> None:
    fake_docker.update(
        containers=[
            {
                "id": "abc",
                "image": "ollama/ollama:latest",
                "name": "ollama",
                "running": True,
                "bind": "0.0.0.0:11434",
            },
            {"id": "def", "image": "nginx:1", "name": "web", "running": True, "bind": "0.0.0.0:80"},
        ]  # fmt: skip
    )
    (c,) = DockerCli().state().containers  # only the Ollama image
    assert c.name == "ollama" and c.tag == "latest" and c.exposed_on_all_interfaces


def test_engine_down_and_no_permission_are_states_with_their_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeDocker(tmp_path / "fb", engine=False)
    st = DockerCli(str(fake.path)).state()
    assert not st.engine_running and "Cannot connect" in st.engine_error
    assert st.problem is DockerProblem.ENGINE_DOWN
    fake.update(engine=True, permission=False)
    st = DockerCli(str(fake.path)).state()
    assert not st.engine_running and st.problem is DockerProblem.PERMISSION
    assert DockerCli(str(tmp_path / "nope")).state().engine_running is False
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    st = DockerCli().state()
    assert st.cli is None and st.problem is DockerProblem.NOT_INSTALLED


def test_compose_v1_beside_docker_and_none_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    v1 = FakeDocker(tmp_path / "v1", compose="v1")
    tool = DockerCli(str(v1.path)).compose_tool()
    assert tool is not None and tool.kind is ComposeKind.V1 and tool.version == "1.29.2"
    assert tool.argv == (str(tmp_path / "v1" / "docker-compose"),)
    none = FakeDocker(tmp_path / "none", compose="")
    cli = DockerCli(str(none.path))
    assert cli.compose_tool() is None
    with pytest.raises(DockerError) as err:
        cli.up(tmp_path / "compose.yaml")
    assert err.value.problem is DockerProblem.NO_COMPOSE
    assert not any("-f" in c for c in none.calls())  # never asked a CLI without compose


def test_what_the_real_tools_print_is_read() -> None:
    assert compose_version("Docker Compose version v2.29.1") == "2.29.1"
    assert compose_version("docker-compose version 1.29.2, build unknown") == "1.29.2"
    assert compose_version("Docker Compose version 2.26.1-4") == "2.26.1-4"
    assert compose_version("docker: 'compose' is not a docker command.") == ""
    assert classify(NO_PLUGIN_20) is DockerProblem.NO_COMPOSE
    assert classify(NO_PLUGIN_28) is DockerProblem.NO_COMPOSE
    assert classify(PERMISSION) is DockerProblem.PERMISSION
    assert classify(DOWN) is DockerProblem.ENGINE_DOWN
    assert classify(PORT_V1) is DockerProblem.PORT_IN_USE
    assert classify("Bind for 127.0.0.1:11434 failed: port is already allocated") is (
        DockerProblem.PORT_IN_USE
    )
    assert classify("pull access denied for ollama/ollama, repository does not exist") is (
        DockerProblem.IMAGE_MISSING
    )
    assert classify("something else") is DockerProblem.OTHER
    assert summary_line(PORT_V1).startswith("ERROR: for ollama-desk  Cannot start service")
    assert summary_line(NO_PLUGIN_20) == "unknown shorthand flag: 'f' in -f"
    assert len(summary_line("x" * 5000)) == 300
    lines = "\n".join(
        json.dumps({"Repository": r, "Tag": t})
        for r, t in [("ollama/ollama", "0.12.3"), ("ollama/ollama", "latest"),
                     ("ollama/ollama", "<none>"), ("docker.io/ollama/ollama", "0.33.0-rc2"),
                     ("nginx", "9.9.9"), ("ollama/ollama", "0.4.0")]
    )  # fmt: skip
    assert image_tags(lines + "\nnot json") == ["0.33.0-rc2", "0.12.3", "0.4.0", "latest"]
    assert version_choices([], []) == ["latest"]
    assert version_choices(["0.12.3", "latest"], ["0.33.0", "0.12.3"]) == [
        "0.12.3",
        "latest",
        "0.33.0",
    ]
    assert stats_memory("267.4MiB / 23.54GiB") == int(267.4 * 2**20)
    assert stats_memory("1.5GB / 2GB") == 1_500_000_000
    assert stats_memory("-- / --") is None and stats_memory("") is None
    assert pick_port(11435, lambda p: p > 11437) == 11438
    assert pick_port(65535, lambda p: False) is None


def test_install_way_per_os() -> None:
    assert install_way("Darwin", {}) is InstallWay.DESKTOP
    assert install_way("Windows", {}) is InstallWay.DESKTOP
    assert install_way("Linux", {"ID": "debian"}) is InstallWay.DEBIAN
    assert install_way("Linux", {"ID": "linuxmint", "ID_LIKE": "ubuntu debian"}) is (
        InstallWay.UBUNTU
    )
    assert install_way("Linux", {"ID": "rocky", "ID_LIKE": "rhel centos fedora"}) is (
        InstallWay.FEDORA
    )
    assert install_way("Linux", {}) is InstallWay.OTHER


def test_a_moved_tag_and_labels_in_inspect() -> None:
    record = {
        "Id": "f" * 64,
        "Name": "/ollama-desk",
        "Image": "sha256:" + "1" * 64,
        "State": {"Running": False, "Status": "created", "Pid": 0},
        "Config": {
            "Image": "sha256:" + "1" * 64,
            "Labels": {"io.github.ollama-desk.server": "ollama"},
        },
        "HostConfig": {
            "PortBindings": {"11434/tcp": [{"HostIp": "127.0.0.1", "HostPort": "11436"}]}
        },
        "NetworkSettings": {"Ports": {}},
    }
    (c,) = parse_inspect(json.dumps([record, "junk", {"Config": None}])[:-1] + "]")[:1]
    assert c.is_ollama and c.managed and c.status == "created"
    assert c.url == "http://127.0.0.1:11436"  # from the bindings while not running


def test_container_meter_reads_the_containers_cgroup_only(tmp_path: Path) -> None:
    cid = "d2d710b571da" + "a" * 52
    proc = tmp_path / "proc"
    (proc / "4242").mkdir(parents=True)
    (proc / "4242" / "cgroup").write_text(
        f"4:memory:/docker/{cid}\n2:cpuacct:/docker/{cid}\n1:cpu:/docker/{cid}\n0::/docker/{cid}\n"
    )
    cg = tmp_path / "cg"
    (cg / "memory" / "docker" / cid).mkdir(parents=True)
    (cg / "cpuacct" / "docker" / cid).mkdir(parents=True)
    (cg / "memory" / "docker" / cid / "memory.usage_in_bytes").write_text("300000000\n")
    (cg / "memory" / "docker" / cid / "memory.stat").write_text("total_inactive_file 20000000\n")
    (cg / "cpuacct" / "docker" / cid / "cpuacct.usage").write_text("2500000000\n")
    from desktop.core.setup.docker import DockerContainer

    c = DockerContainer("x", "ollama/ollama:1", True, "running", id=cid, pid=4242)
    meter = ContainerMeter(DockerCli("/nonexistent"), c, cg, proc)
    assert meter.memory() == 280000000
    assert meter.cpu_seconds() == {4242: 2.5}
    # a PID from an engine in a VM names another process here: its cgroup is not taken
    other = DockerContainer("x", "ollama/ollama:1", True, "running", id="b" * 64, pid=4242)
    assert ContainerMeter(DockerCli("/nonexistent"), other, cg, proc).cpu_seconds() == {}
    assert ContainerMeter(DockerCli("/nonexistent"), other, cg, proc).memory() is None
    v2 = parse_proc_cgroup(f"0::/system.slice/docker-{cid}.scope\n")
    assert belongs_to(v2, cid) and v2.unified and not v2.memory
    assert memory_in_use(100, "inactive_file 30\n", v2=True) == 70


@pytest.mark.skipif(shutil.which("docker") is None, reason="no docker CLI")
def test_the_real_docker_cli_answers_with_a_state() -> None:
    st = DockerCli(timeout=15).state()
    assert st.cli is not None  # engine or not, a state with its reason, never an exception
    assert st.engine_running or st.problem is not None
