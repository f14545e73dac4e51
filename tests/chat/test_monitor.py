"""Finding Ollama's processes with psutil, and the energy meter's two sources."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.chat.processes import MachineSample
from desktop.services.chat.energy_meter import EnergyMeter, read_rapl
from desktop.services.chat.monitor import ProcessSampler, SystemMonitor

SERVER_CODE = """
import socket, subprocess, sys
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
runner = subprocess.Popen([sys.argv[1], "-c", "import sys; sys.stdin.read()", "--model",
                           "/models/blobs/sha256-abc"], stdin=subprocess.PIPE)
print(runner.pid, listener.getsockname()[1], flush=True)
sys.stdin.read()
runner.stdin.close()
runner.wait()
"""


@pytest.fixture
def fake_ollama_processes(tmp_path: Path) -> Iterator[tuple[int, int, int]]:
    """`ollama serve` with a `llama-server` child: the real interpreter under those names."""
    real = os.path.realpath(sys.executable)
    server_exe, runner_exe = tmp_path / "ollama", tmp_path / "llama-server"
    server_exe.symlink_to(real)
    runner_exe.symlink_to(real)
    proc = subprocess.Popen(
        [str(server_exe), "-c", SERVER_CODE, str(runner_exe), "serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdin is not None
    runner_pid, port = (int(x) for x in proc.stdout.readline().split())
    try:
        yield proc.pid, runner_pid, port
    finally:
        proc.stdin.close()
        proc.wait(timeout=10)


def test_server_and_runner_are_found(fake_ollama_processes: tuple[int, int, int]) -> None:
    server_pid, runner_pid, port = fake_ollama_processes
    sampler = ProcessSampler()
    sampler.set_port(port)  # other `ollama serve` may run on this machine
    server, runners = sampler.ollama_processes()
    assert server is not None and server.pid == server_pid and server.name == "ollama"
    assert [r.pid for r in runners] == [runner_pid] and runners[0].name == "llama-server"
    assert server.rss > 0 and runners[0].rss > 0
    sample = sampler.sample()
    assert sample.ram_total > 0 and 0.0 <= sample.cpu_percent <= 100.0
    assert sample.ollama_rss == sample.server.rss + sample.runners[0].rss  # type: ignore
    seconds = sampler.cpu_seconds()
    assert set(seconds) == {server_pid, runner_pid}


def test_monitor_emits_samples_with_ollama(
    qtbot: QtBot, fake_ollama_processes: tuple[int, int, int]
) -> None:
    monitor = SystemMonitor(interval=0.05)
    monitor.sampler.set_port(fake_ollama_processes[2])
    try:
        monitor.set_active(True)
        with qtbot.waitSignal(monitor.sampled, timeout=5000) as sig:
            pass
        sample: MachineSample = sig.args[0]
        assert sample.server is not None and sample.server.pid == fake_ollama_processes[0]
        monitor.set_active(False)
        assert not monitor.active
    finally:
        monitor.stop()


def test_energy_measured_from_rapl_when_readable(tmp_path: Path) -> None:
    zone = tmp_path / "intel-rapl:0"
    sub = tmp_path / "intel-rapl:0:0"  # a sub-zone (cores) is inside the package: ignored
    for d in (zone, sub):
        d.mkdir()
        (d / "max_energy_range_uj").write_text("262143328850\n")
    (zone / "energy_uj").write_text("1000000\n")
    (sub / "energy_uj").write_text("5\n")
    meter = EnergyMeter(lambda: {}, powercap=tmp_path)
    start = meter.begin()
    (zone / "energy_uj").write_text("13500000\n")
    energy = meter.end(start, watts_per_core=5.0)
    assert energy is not None and energy.source == "measured"
    assert energy.joules == pytest.approx(12.5)


def test_energy_estimated_from_cpu_time_otherwise(tmp_path: Path) -> None:
    readings = iter([{10: 100.0, 11: 3.0}, {10: 100.5, 11: 5.5, 12: 1.0}])
    meter = EnergyMeter(lambda: next(readings), powercap=tmp_path / "absent")
    energy = meter.end(meter.begin(), watts_per_core=4.0)
    assert energy is not None and energy.source == "estimate"
    assert energy.joules == pytest.approx((0.5 + 2.5 + 1.0) * 4.0)
    assert (
        EnergyMeter(lambda: {}, tmp_path / "absent").end(
            EnergyMeter(lambda: {}, tmp_path).begin(), 4.0
        )
        is None
    )  # no Ollama here: no figure


def test_unreadable_rapl_is_not_measured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    zone = tmp_path / "intel-rapl:0"
    zone.mkdir()
    (zone / "max_energy_range_uj").write_text("100\n")
    (zone / "energy_uj").write_text("1\n")
    assert read_rapl(tmp_path) is not None
    real_read = Path.read_text

    def root_only(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "energy_uj":  # Linux >= 5.10 makes it readable by root only
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", root_only)
    assert read_rapl(tmp_path) is None
    meter = EnergyMeter(lambda: {1: 0.0}, powercap=tmp_path)
    energy = meter.end(meter.begin(), 5.0)
    assert energy is not None and energy.source == "estimate"


def test_a_server_in_another_pid_namespace_is_not_this_computers(tmp_path: Path) -> None:
    """A Docker container's `ollama serve` is seen from the host, and may even listen on the
    port the app talks to: it is the container's (its cgroup is measured on the Docker page),
    not this computer's server (issue 23)."""
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or unshare is None or not os.path.exists("/proc/self/ns/pid"):
        pytest.skip("a PID namespace of its own needs root, unshare and Linux")
    real = os.path.realpath(sys.executable)
    server_exe, runner_exe = tmp_path / "ollama", tmp_path / "llama-server"
    server_exe.symlink_to(real)
    runner_exe.symlink_to(real)
    proc = subprocess.Popen(
        [unshare, "--pid", "--fork", str(server_exe), "-c", SERVER_CODE, str(runner_exe), "serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdin is not None
    _runner, port = (int(x) for x in proc.stdout.readline().split())
    try:
        sampler = ProcessSampler()
        sampler.set_port(port)  # it listens there, as a published container port could
        server, runners = sampler.ollama_processes()
        assert server is None and not runners
    finally:
        proc.stdin.close()
        proc.wait(timeout=10)
