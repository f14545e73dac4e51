"""Benchmark tab fixtures: the service and tab on the fake server, real sqlite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.hosts import parse_ollama_host
from desktop.services.bench.service import BenchService
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
from desktop.ui.bench.bench_tab import BenchTab
from tests.bench.probes import quiet
from tests.fake_ollama import FakeOllama


@pytest.fixture(autouse=True)
def _quiet_machine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Benchmarks in these tests see a quiet machine, unless a test asks for ``real_cpu``
    (the shared test machine is never quiet; load is tested with a real burner)."""
    if "real_cpu" not in request.fixturenames:
        monkeypatch.setattr("desktop.core.bench.load.probe_for", lambda _port: quiet)


@pytest.fixture
def real_cpu() -> None:
    """The real CPU-load probe (see _quiet_machine)."""


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def settings(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "settings.json")


@pytest.fixture
def bench(
    fake_ollama: FakeOllama, runner: TaskRunner, settings: SettingsStore, tmp_path: Path
) -> Iterator[BenchService]:
    ollama = OllamaService(runner, parse_ollama_host(fake_ollama.url))
    svc = BenchService(runner, ollama, settings, tmp_path / "data")
    svc.docker_cli = str(tmp_path / "no-docker")  # no real docker in these tests
    yield svc
    svc.cancel()
    ollama.api.close()


@pytest.fixture
def tab(qtbot, bench: BenchService) -> BenchTab:
    t = BenchTab(bench, bench.ollama)
    qtbot.addWidget(t)
    return t
