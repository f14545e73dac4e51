"""Forecasts for installed models from /api/show (no catalog entry needed)."""

from __future__ import annotations

import pytest

from desktop.core.api_types import LocalModel, ModelShow
from desktop.core.models.estimate import active_weights_fraction, forecast_installed
from desktop.core.models.forecast import GIB, Fit, MachineMemory
from tests.fake_ollama import load_fixture

BIG = MachineMemory(total=64 * GIB, available=48 * GIB)
SMALL = MachineMemory(total=4 * GIB, available=2 * GIB)


def recorded() -> tuple[LocalModel, ModelShow]:
    local = LocalModel.from_json(load_fixture("tags.json")["models"][0])
    return local, ModelShow.from_json(local.name, load_fixture("show.json"))


def test_recorded_gemma3_forecast_uses_size_on_disk_and_architecture():
    local, show = recorded()
    fc = forecast_installed(local, show, BIG, 15e9, 4096)
    assert fc.size == local.size and fc.size_source == "installed"
    assert fc.quantization == "Q4_K_M"
    assert local.size - 8192 < fc.memory.weights < local.size
    assert fc.memory.kv_estimated  # from model_info, not the rough guess
    assert fc.memory.fit is Fit.RUNS_WELL
    assert fc.speed is not None and fc.speed.low < fc.speed.high


def test_an_8b_llama_does_not_run_well_on_a_small_machine():
    local, show = recorded()
    info = {
        "general.architecture": "llama",
        "llama.block_count": 32,
        "llama.attention.head_count": 32,
        "llama.attention.head_count_kv": 8,
        "llama.embedding_length": 4096,
        "llama.context_length": 131072,
    }
    big = LocalModel("imported:latest", 4_920_734_016, "x", None, local.details)
    fc = forecast_installed(
        big, ModelShow("imported:latest", show.details, info, ()), SMALL, 10e9, 8192
    )
    assert fc.memory.kv_cache == GIB
    assert fc.memory.fit is Fit.WONT_FIT


def test_embedding_models_get_no_speed_and_unknown_architecture_is_a_guess():
    local, show = recorded()
    emb = ModelShow(local.name, show.details, {}, ("embedding",))
    fc = forecast_installed(local, emb, BIG, 15e9, 2048)
    assert fc.speed is None and not fc.memory.kv_estimated


def test_mixture_of_experts_reads_only_the_active_share():
    # qwen3 30B-A3B: 48 layers, 128 experts, 8 used, 2048 wide, 768 expert FFN
    info = {
        "general.architecture": "qwen3moe",
        "general.parameter_count": 30_532_122_624,
        "qwen3moe.block_count": 48,
        "qwen3moe.expert_count": 128,
        "qwen3moe.expert_used_count": 8,
        "qwen3moe.embedding_length": 2048,
        "qwen3moe.expert_feed_forward_length": 768,
    }
    assert active_weights_fraction(info) == pytest.approx(3.3e9 / 30.53e9, rel=0.03)
    dense = {k: v for k, v in info.items() if "expert_feed" not in k}
    assert active_weights_fraction(dense) == 1.0  # not enough figures: no flattering guess
