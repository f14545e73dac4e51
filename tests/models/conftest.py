"""The Models tab as the app builds it, against the fake server (registry: a dead address
unless a test points it at a local one)."""

from __future__ import annotations

import pytest

from desktop.app import _build_models
from desktop.core.hosts import parse_ollama_host
from desktop.core.machine import hardware_fingerprint
from desktop.core.models.bandwidth_cache import save_bandwidth
from desktop.core.paths import resolve_paths
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
from desktop.ui.models import ModelsTab
from desktop.ui.models.item_models import ITEM_ROLE


@pytest.fixture
def tab(qtbot, fake_ollama, dead_url, tmp_path):
    paths = resolve_paths(tmp_path / "home").ensure()
    settings = SettingsStore(paths.settings_file)
    settings.set("registry_url", dead_url)  # never the internet from tests
    # a known memory bandwidth (as if measured before): forecasts do not depend on how busy
    # the test machine is, and no memory test competes with the tests for the CPU
    save_bandwidth(paths.data_dir, 20e9, hardware_fingerprint())
    runner = TaskRunner()
    ollama = OllamaService(runner, parse_ollama_host(fake_ollama.url))
    w = _build_models(ollama, settings, paths)  # the app's own construction
    w.model_library.pulls.retry_base_s = 0.05
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitUntil(lambda: w.installed_presenter.model.rowCount() == 1, timeout=10000)
    yield w
    w.model_library.shutdown()
    runner.shutdown()
    ollama.api.close()


def visible_names(w: ModelsTab) -> list[str]:
    p = w.library_presenter.proxy
    return [p.data(p.index(r, 0), ITEM_ROLE).full_name for r in range(p.rowCount())]
