"""GGUF import against the fake server; bandwidth cache; measured speeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.errors import ErrorKind
from desktop.core.models.bandwidth_cache import load_bandwidth, save_bandwidth
from desktop.core.models.gguf import GGUFProblem
from desktop.services.api_client import OllamaApi
from desktop.services.models.gguf_import import GGUFImporter, GGUFImportError
from desktop.services.models.measurements import BandwidthService, SpeedStore
from desktop.services.tasks import TaskRunner
from tests.fake_ollama import tiny_llama_gguf


@pytest.fixture
def runner(qtbot):
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def importer(runner, fake_ollama):
    api = OllamaApi(fake_ollama.url)
    yield GGUFImporter(runner, lambda: api)
    api.close()


def blob_posts(fake) -> int:
    return sum(1 for m, p, _ in fake.requests if m == "POST" and p.startswith("/api/blobs/"))


def creates(fake) -> int:
    return sum(1 for p in fake.paths_requested() if p == "/api/create")


def test_import_valid_gguf_creates_the_model(qtbot, importer, fake_ollama, tmp_path):
    path = tmp_path / "TinyLlama-1.1B.Q4_K_M.gguf"
    path.write_bytes(tiny_llama_gguf())
    task = importer.start(path, "tiny:latest")
    qtbot.waitUntil(lambda: task.done, timeout=10000)
    assert task.error is None
    assert task.result.architecture == "llama" and task.result.quantization == "Q4_K_M"
    order = [p for p in fake_ollama.paths_requested() if p.startswith(("/api/blobs", "/api/cr"))]
    assert order[-1] == "/api/create" and len(order) == 3  # HEAD, POST blob, create
    assert "tiny:latest" in fake_ollama.installed_names()
    assert blob_posts(fake_ollama) == 1


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"<html>Not found</html>", GGUFProblem.NOT_GGUF),
        (tiny_llama_gguf()[:50], GGUFProblem.TRUNCATED),
        (b"GGUF\x09\x00\x00\x00" + bytes(32), GGUFProblem.VERSION),
    ],
)
def test_corrupt_or_truncated_gguf_creates_nothing(
    qtbot, importer, fake_ollama, tmp_path, content, problem
):
    path = tmp_path / "bad.gguf"
    path.write_bytes(content)
    before = set(fake_ollama.installed_names())
    task = importer.start(path, "bad:latest")
    qtbot.waitUntil(lambda: task.done, timeout=10000)
    assert isinstance(task.error, GGUFImportError)
    assert task.error.gguf.problem is problem
    assert set(fake_ollama.installed_names()) == before
    assert blob_posts(fake_ollama) == 0 and creates(fake_ollama) == 0


def test_import_refuses_invalid_name_before_reading(qtbot, importer, fake_ollama, tmp_path):
    path = tmp_path / "m.gguf"
    path.write_bytes(tiny_llama_gguf())
    task = importer.start(path, "bad name!")
    qtbot.waitUntil(lambda: task.done, timeout=10000)
    assert task.error is not None and task.error.kind is ErrorKind.INVALID_NAME
    assert blob_posts(fake_ollama) == 0


def test_bandwidth_is_measured_off_thread_and_cached(qtbot, runner, tmp_path: Path):
    svc = BandwidthService(runner, tmp_path)
    assert svc.bandwidth is None
    with qtbot.waitSignal(svc.measured, timeout=20000) as blocker:
        svc.ensure()
    assert blocker.args[0] > 0
    again = BandwidthService(runner, tmp_path)
    assert again.bandwidth == blocker.args[0]  # cached with the same fingerprint
    assert load_bandwidth(tmp_path, "other-hardware") is None
    save_bandwidth(tmp_path, 5e9, "other-hardware")
    assert BandwidthService(runner, tmp_path).bandwidth is None  # stale: re-measure


def test_speed_store_records_and_survives_restart(qtbot, tmp_path: Path):
    store = SpeedStore(tmp_path / "speeds.json")
    with qtbot.waitSignal(store.changed):
        store.record_speed("Gemma3:270m", 60.0)
    store.record_speed("gemma3:270m", 58.0)
    store.record_speed("gemma3:270m", 62.0)
    store.record_speed("gemma3:270m", -1.0)  # ignored
    assert store.measured("gemma3:270m") == 60.0
    assert SpeedStore(tmp_path / "speeds.json").measured("GEMMA3:270M") == 60.0
    assert store.measured("never-used:1b") is None
