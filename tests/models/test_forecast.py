"""Forecast arithmetic on known architectures, and the traffic light's thresholds."""

from __future__ import annotations

import pytest

from desktop.core.api_types import ModelShow
from desktop.core.models.calibration import SpeedSample, fit, uncalibrated
from desktop.core.models.catalog import load_catalog
from desktop.core.models.estimate import forecast_tag, show_load, work_at
from desktop.core.models.forecast import (
    GIB,
    MIB,
    Architecture,
    Fit,
    MachineMemory,
    classify,
    forecast_memory,
    forecast_speed,
    kv_cache_bytes,
    parse_parameter_size,
)
from desktop.core.models.quant import file_type_name, quant_from_tag, quant_level
from desktop.core.models.token_work import Work
from tests.fake_ollama import load_fixture

LLAMA_8B = Architecture(
    block_count=32, head_count_kv=8, key_length=128, value_length=128, context_length=131072
)
BIG = MachineMemory(total=64 * GIB, available=48 * GIB)


def test_llama_8b_at_8k_needs_exactly_one_gib_of_f16_kv_cache():
    assert kv_cache_bytes(LLAMA_8B, 8192) == GIB
    assert kv_cache_bytes(LLAMA_8B, 4096) == GIB // 2
    assert kv_cache_bytes(LLAMA_8B, 8192, cache_type="q8_0") == GIB // 2
    assert kv_cache_bytes(LLAMA_8B, 4096, parallel=2) == GIB


def test_per_layer_kv_head_arrays_are_summed():
    mixed = Architecture(
        block_count=4, head_count_kv=(8, 0, 8, 4), key_length=128, value_length=128
    )
    per_token = (8 + 0 + 8 + 4) * 256 * 2
    assert kv_cache_bytes(mixed, 1000) == per_token * 1000
    with pytest.raises(ValueError):
        Architecture(3, (1, 2), 64, 64).kv_heads_per_layer()


def test_sliding_window_layers_are_capped_at_the_window():
    gemma = Architecture(
        block_count=6,
        head_count_kv=1,
        key_length=256,
        value_length=256,
        sliding_window=512,
        sliding_window_layers=5,
    )
    per_layer_token = 1 * 512 * 2
    assert kv_cache_bytes(gemma, 8192) == per_layer_token * (8192 + 5 * 512)
    assert kv_cache_bytes(gemma, 8192, sliding_window=False) == per_layer_token * 6 * 8192


def test_architecture_from_recorded_show_model_info():
    arch = Architecture.from_model_info(load_fixture("show.json")["model_info"])
    assert arch is not None
    assert (arch.block_count, arch.head_count_kv, arch.key_length) == (18, 1, 256)
    assert arch.sliding_window == 512 and arch.context_length == 32768
    info = {
        "general.architecture": "llama",
        "llama.block_count": 32,
        "llama.attention.head_count": 32,
        "llama.attention.head_count_kv": 8,
        "llama.embedding_length": 4096,
    }
    derived = Architecture.from_model_info(info)
    assert derived is not None and kv_cache_bytes(derived, 8192) == GIB  # 4096/32 = 128


def test_memory_forecast_adds_weights_kv_and_stated_overhead():
    fc = forecast_memory(4_900_000_000, LLAMA_8B, 8192, BIG)
    assert fc.kv_cache == GIB
    assert fc.overhead == int((4_900_000_000 + GIB) * 0.10)
    assert fc.needed == 4_900_000_000 + GIB + fc.overhead
    assert fc.fit is Fit.RUNS_WELL
    tiny = forecast_memory(100 * MIB, LLAMA_8B, 512, BIG)
    assert tiny.overhead == 300 * MIB  # the floor
    capped = forecast_memory(GIB, LLAMA_8B, 1_000_000, BIG)
    assert capped.context == 131072 and capped.notes


def test_traffic_light_thresholds_and_swap_risk():
    m = MachineMemory(total=16 * GIB, available=10 * GIB, swap_total=2 * GIB)
    assert classify(8 * GIB, m) == (Fit.RUNS_WELL, False)
    assert classify(9 * GIB, m) == (Fit.TIGHT, False)
    assert classify(14 * GIB, m) == (Fit.TIGHT, True)  # only if other programs swap out
    assert classify(15 * GIB, m) == (Fit.WONT_FIT, True)
    assert classify(15 * GIB, MachineMemory(16 * GIB, 10 * GIB)) == (Fit.WONT_FIT, False)


def gemma_270m_work(position: int = 0) -> Work:
    """A token of the recorded Gemma 3 270M (its own tensor table from /api/show)."""
    show = ModelShow.from_json("gemma3:270m", load_fixture("show.json"))
    load = show_load(show, 253_113_024, "Q4_K_M")
    return work_at(load, Architecture.from_model_info(show.model_info), position)


def test_uncalibrated_speed_is_a_wide_range_from_cores_and_the_copy_figure():
    prior = uncalibrated(20e9, cores=2)
    empty, full = gemma_270m_work(0), gemma_270m_work(4096)
    sp = forecast_speed(empty, full, gemma_270m_work(512), prior, 20e9)
    assert not sp.calibrated and sp.basis == ()
    assert sp.low < sp.estimate < sp.high
    assert sp.high / sp.low > 3  # says nothing exact before a benchmark
    # more cores: faster; more memory bandwidth: not slower
    four = forecast_speed(empty, full, empty, uncalibrated(20e9, cores=4), 20e9)
    assert four.estimate > sp.estimate
    fast = forecast_speed(empty, full, empty, uncalibrated(80e9, cores=2), 80e9)
    assert fast.estimate >= sp.estimate


def test_calibrated_speed_comes_from_benchmarks():
    cal = fit([SpeedSample("gemma3:270m", gemma_270m_work(146), 86.9, runs=3)], 20e9)
    assert cal is not None
    sp = forecast_speed(gemma_270m_work(0), gemma_270m_work(4096), gemma_270m_work(146), cal)
    assert sp.calibrated and sp.basis == ("gemma3:270m",)
    assert sp.estimate == pytest.approx(86.9, rel=1e-3)  # the benchmarked model is itself
    assert sp.low < 86.9 < sp.high
    tag = load_catalog().find("gemma3:1b")
    assert tag is not None
    fc = forecast_tag(tag, BIG, None, 4096, calibration=cal)
    assert fc.speed is not None and fc.speed.calibrated
    assert fc.speed.high < 86.9  # four times the weights: clearly slower
    assert fc.to_json()["speed"]["calibrated"] is True


def test_catalog_forecast_for_moe_reads_only_active_experts():
    cat = load_catalog()
    dense, moe = cat.find("qwen3:14b"), cat.find("qwen3:30b")
    assert dense is not None and moe is not None
    a = forecast_tag(dense, BIG, 20e9, 4096)
    b = forecast_tag(moe, BIG, 20e9, 4096)
    assert b.memory.weights > a.memory.weights  # the MoE needs more memory...
    assert a.speed is not None and b.speed is not None
    assert b.speed.high > a.speed.high * 2  # ...but reads far less per token


def test_embedding_models_get_no_speed_forecast():
    cat = load_catalog()
    tag = cat.find("nomic-embed-text:v1.5")
    assert tag is not None
    assert forecast_tag(tag, BIG, 20e9, 2048, embedding=True).speed is None


def test_quantization_names_and_table():
    assert file_type_name(15) == "Q4_K_M" and file_type_name(1) == "F16"
    assert file_type_name("q4_K_M") == "Q4_K_M" and file_type_name(999) == "unknown"
    assert quant_from_tag("8b-instruct-q4_K_M") == "Q4_K_M"
    assert quant_from_tag("3b-fp16") == "F16" and quant_from_tag("latest") == ""
    q4, q8 = quant_level("Q4_K_M"), quant_level("q8_0")
    assert q4 is not None and q8 is not None and q4.size_vs_f16 < q8.size_vs_f16 < 1
    assert parse_parameter_size("8.0B") == 8e9
    assert parse_parameter_size("494.03M") == pytest.approx(4.9403e8)
    assert parse_parameter_size("big") is None
