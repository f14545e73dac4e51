"""Exact sizes from a registry: a real OCI registry (docker-registry) when installed, and
the recorded responses served statically (with the CDN redirect)."""

from __future__ import annotations

import json

import pytest

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.models.registry_lookup import RegistryLookup, fetch_registry_info
from desktop.services.tasks import TaskRunner
from tests.fake_ollama.models import FIXTURES
from tests.models.registry_server import (
    REGISTRY_BIN,
    distribution_registry,
    push_model,
    static_registry,
)

CONFIG = (FIXTURES / "registry_config_blob.json").read_bytes().strip()


@pytest.fixture
def runner(qtbot):
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.mark.skipif(REGISTRY_BIN is None, reason="docker-registry not installed")
def test_real_distribution_registry_gives_exact_size_and_quant(tmp_path):
    model = b"GGUF" + bytes(1_000_000)
    template, params = b"{{ .Prompt }}", b'{"temperature":1}'
    with distribution_registry(tmp_path) as url:
        manifest = push_model(
            url,
            "library/gemma3",
            "270m",
            [("model", model), ("template", template), ("params", params)],
            CONFIG,
        )
        info = fetch_registry_info(url, "gemma3:270m")
        with pytest.raises(OllamaError) as e:
            fetch_registry_info(url, "gemma3:no-such-tag")
    assert info.download_size == len(model) + len(template) + len(params) + len(CONFIG)
    assert info.download_size == (
        sum(x["size"] for x in manifest["layers"]) + manifest["config"]["size"]
    )
    assert info.weights_size == len(model)
    assert (info.quantization, info.parameter_size) == ("Q4_K_M", "268.10M")
    assert e.value.kind is ErrorKind.NOT_FOUND


def test_recorded_responses_with_cdn_redirect():
    with static_registry() as (url, seen):
        info = fetch_registry_info(url, "gemma3:270m")
    assert info.download_size == 253_113_615
    assert info.weights_size == 253_113_024
    assert info.quantization == "Q4_K_M"
    assert "/cdn/config" in seen


def test_unreachable_registry_is_a_quiet_failure(qtbot, runner, tmp_path, dead_url):
    lookup = RegistryLookup(runner, dead_url, tmp_path / "cache.json")
    with qtbot.waitSignal(lookup.failed, timeout=10000) as blocker:
        lookup.lookup("gemma3:270m")
    name, err = blocker.args
    assert name == "gemma3:270m" and err.kind is ErrorKind.CONNECTION_REFUSED
    assert lookup.cached("gemma3:270m") is None


def test_lookup_is_cached_across_restarts(qtbot, runner, tmp_path):
    with static_registry() as (url, seen):
        lookup = RegistryLookup(runner, url, tmp_path / "cache.json")
        with qtbot.waitSignal(lookup.found, timeout=10000) as blocker:
            lookup.lookup("gemma3:270m")
        assert blocker.args[0].download_size == 253_113_615
        asked = len(seen)
        again = RegistryLookup(runner, url, tmp_path / "cache.json")
        with qtbot.waitSignal(again.found, timeout=1000):
            assert again.lookup("gemma3:270m") is None  # answered from the cache
        assert len(seen) == asked
    cached = json.loads((tmp_path / "cache.json").read_text())
    assert cached["gemma3:270m"]["quantization"] == "Q4_K_M"
