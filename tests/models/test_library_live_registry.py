"""The Models tab against a live registry (Debian's docker-registry on loopback): selecting
tags whose exact size the registry gives, again and after a restart, shows the exact size and
never recurses (issue 10.15: a cached answer re-entered selection -> lookup -> ... ->
RecursionError; the tests never saw it because their registry was a dead address)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.app import _build_models
from desktop.core.hosts import parse_ollama_host
from desktop.core.machine import hardware_fingerprint
from desktop.core.models.bandwidth_cache import save_bandwidth
from desktop.core.paths import resolve_paths
from desktop.core.units import human_bytes
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
from desktop.ui.models import ModelsTab
from desktop.ui.models.item_models import ITEM_ROLE
from tests.fake_ollama.models import FIXTURES
from tests.models.registry_server import REGISTRY_BIN, distribution_registry, push_model

pytestmark = pytest.mark.skipif(REGISTRY_BIN is None, reason="docker-registry not installed")
CONFIG = (FIXTURES / "registry_config_blob.json").read_bytes().strip()
WEIGHTS = b"GGUF" + bytes(3_000_000)
LAYERS = [("model", WEIGHTS), ("template", b"{{ .Prompt }}"), ("params", b'{"top_k":64}')]
EXACT = len(WEIGHTS) + len(b"{{ .Prompt }}") + len(b'{"top_k":64}') + len(CONFIG)


@pytest.fixture
def registry(tmp_path):
    (tmp_path / "registry").mkdir()
    with distribution_registry(tmp_path / "registry") as url:
        push_model(url, "library/gemma3", "270m", LAYERS, CONFIG)
        push_model(url, "library/qwen3", "0.6b", LAYERS, CONFIG)
        yield url


def open_tab(qtbot, fake_ollama, home, registry: str) -> tuple[ModelsTab, TaskRunner]:
    paths = resolve_paths(home).ensure()
    settings = SettingsStore(paths.settings_file)
    settings.set("registry_url", registry)
    # a known, quiet memory bandwidth as tests/models/conftest.py keeps: no memory test runs
    # (a busy machine's figure is measured again at every launch) while the tab is closed
    save_bandwidth(paths.data_dir, 20e9, hardware_fingerprint())
    runner = TaskRunner()
    w = _build_models(OllamaService(runner, parse_ollama_host(fake_ollama.url)), settings, paths)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    return w, runner


def select(w: ModelsTab, name: str) -> int:
    p = w.library_presenter.proxy
    for r in range(p.rowCount()):
        if p.data(p.index(r, 0), ITEM_ROLE).full_name == name:
            w.library.table.selectRow(r)
            return r
    raise AssertionError(f"{name} not listed")


def download_cell(w: ModelsTab, name: str) -> str:
    p = w.library_presenter.proxy
    for r in range(p.rowCount()):
        if p.data(p.index(r, 0), ITEM_ROLE).full_name == name:
            return str(p.index(r, 2).data(Qt.ItemDataRole.DisplayRole))
    raise AssertionError(name)


def close(w: ModelsTab, runner: TaskRunner) -> None:
    w.model_library.shutdown()
    runner.shutdown()
    w.model_library.ollama.api.close()


def test_selecting_tags_with_a_live_registry_shows_exact_sizes(
    qtbot, fake_ollama, registry, tmp_path
):
    w, runner = open_tab(qtbot, fake_ollama, tmp_path / "home", registry)
    try:
        select(w, "gemma3:270m")
        qtbot.waitUntil(
            lambda: download_cell(w, "gemma3:270m") == human_bytes(EXACT), timeout=10000
        )
        assert "exact, from the registry" in w.library.details.text()
        # another tag, then back to the first: its answer is known now (the old recursion)
        select(w, "qwen3:0.6b")
        qtbot.waitUntil(lambda: download_cell(w, "qwen3:0.6b") == human_bytes(EXACT), timeout=10000)
        select(w, "gemma3:270m")
        assert "gemma3:270m" in w.library.details.text()
        assert "exact, from the registry" in w.library.details.text()
        assert w.library.table.currentIndex().data(ITEM_ROLE).full_name == "gemma3:270m"
    finally:
        close(w, runner)


def test_a_cached_registry_answer_after_a_restart_does_not_recurse(
    qtbot, fake_ollama, registry, tmp_path
):
    home = tmp_path / "home"
    w, runner = open_tab(qtbot, fake_ollama, home, registry)
    select(w, "gemma3:270m")
    qtbot.waitUntil(lambda: download_cell(w, "gemma3:270m") == human_bytes(EXACT), timeout=10000)
    close(w, runner)
    w.close()

    w2, runner2 = open_tab(qtbot, fake_ollama, home, registry)  # the app starts again
    try:
        assert download_cell(w2, "gemma3:270m").endswith("*")  # catalog figure until asked
        select(w2, "gemma3:270m")  # answered from the cache, synchronously
        assert download_cell(w2, "gemma3:270m") == human_bytes(EXACT)
        assert "exact, from the registry" in w2.library.details.text()
    finally:
        close(w2, runner2)
