"""The fake server pulls from a real registry (Debian's docker-registry on loopback) the way
Ollama does: manifest, blobs checked by digest, progress, resume; the pulled model is what
was pushed (details from the config blob, model_info from the GGUF header)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.errors import OllamaError
from desktop.services.api_client import OllamaApi
from desktop.services.cancel import CancelToken
from tests.fake_ollama import FakeOllama
from tests.fake_ollama.models import default_registry
from tests.fake_ollama.registry_pull import CHUNK, ollama_layout
from tests.models.registry_server import REGISTRY_BIN, distribution_registry, push_model

pytestmark = pytest.mark.skipif(REGISTRY_BIN is None, reason="docker-registry not installed")
MODEL = "qwen2.5:0.5b"
WEIGHTS = 3_000_000


@pytest.fixture
def registry(tmp_path: Path) -> Iterator[tuple[str, dict[str, object]]]:
    (tmp_path / "registry").mkdir()
    with distribution_registry(tmp_path / "registry") as url:
        layers, config = ollama_layout(default_registry()[MODEL], WEIGHTS)
        manifest = push_model(url, "library/qwen2.5", "0.5b", layers, config)
        yield url, manifest


def _pull(fake: FakeOllama, name: str) -> list[tuple[str, int, int]]:
    seen: list[tuple[str, int, int]] = []
    api = OllamaApi(fake.url)
    try:
        api.pull(name, lambda e, p: seen.append((e.digest, p.completed, p.total)), CancelToken())
    finally:
        api.close()
    return seen


def test_a_pull_fetches_every_blob_and_installs_what_was_pushed(
    registry: tuple[str, dict[str, object]],
) -> None:
    url, manifest = registry
    with FakeOllama(installed=[], pull_step_delay=0.0) as fake:
        fake.upstream = url
        seen = _pull(fake, MODEL)
        assert fake.installed_names() == [MODEL]
        layers = [*manifest["layers"], manifest["config"]]  # type: ignore[misc]
        total = sum(int(layer["size"]) for layer in layers)
        assert total > WEIGHTS
        assert any(0 < done < tot for _d, done, tot in seen)  # progress while it came in
        tags = OllamaApi(fake.url)
        try:
            (entry,) = tags.list_models()
            show = tags.show(MODEL)
        finally:
            tags.close()
        assert entry.size == total
        assert entry.details.family == "qwen2"
        assert entry.details.quantization_level == "Q4_K_M"
        assert entry.details.parameter_size == "494.03M"
        assert show.model_info["qwen2.block_count"] == 24  # read from the pulled GGUF


def test_an_interrupted_blob_resumes_and_a_missing_model_fails(
    registry: tuple[str, dict[str, object]],
) -> None:
    url, manifest = registry
    weights = manifest["layers"][0]  # type: ignore[index]
    with FakeOllama(installed=[], pull_step_delay=0.0) as fake:
        fake.upstream = url
        fake.blob_data[weights["digest"]] = bytearray(b"GGUF")  # what a broken pull kept
        seen = _pull(fake, MODEL)
        firsts = [done for d, done, _t in seen if d == weights["digest"]]
        assert firsts and firsts[0] == 4 + CHUNK  # the kept 4 bytes were not fetched again
        assert fake.installed_names() == [MODEL]
        with pytest.raises(OllamaError) as err:
            _pull(fake, "qwen3:0.6b")  # never pushed
        assert "file does not exist" in err.value.detail
