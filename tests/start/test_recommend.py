"""The Start-here recommendation on synthetic machines (no Qt): 4, 8 and 16 GiB of RAM,
slow and fast memory, with the shipped catalog and the uncalibrated forecast."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.models.catalog import Catalog, load_catalog, load_catalog_data
from desktop.core.models.forecast import Fit, MachineMemory
from desktop.core.models.recommend import (
    FASTER_FACTOR,
    READABLE_TPS,
    SMARTER_FACTOR,
    Recommendation,
    candidates,
    is_chat_model,
    is_four_bit,
    machine_forecaster,
    recommend,
)

GIB = 1 << 30
SLOW, FAST = 6e9, 40e9  # bytes/s: an old laptop's copy speed, a recent desktop's
CONTEXT = 4096


def machine(ram_gib: float, free_share: float = 0.6) -> MachineMemory:
    """A machine with ``ram_gib`` of RAM of which ``free_share`` is available."""
    return MachineMemory(total=int(ram_gib * GIB), available=int(ram_gib * GIB * free_share))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def advise(catalog: Catalog, ram_gib: float, bandwidth: float) -> Recommendation:
    return recommend(catalog, machine_forecaster(machine(ram_gib), bandwidth, CONTEXT))


MACHINES = [(ram, bw) for ram in (4, 8, 16) for bw in (SLOW, FAST)]


@pytest.mark.parametrize(("ram", "bw"), MACHINES)
def test_the_recommendation_is_a_readable_4bit_chat_model_that_runs_well(
    catalog: Catalog, ram: int, bw: float
) -> None:
    rec = advise(catalog, ram, bw)
    best = rec.recommended
    assert best is not None
    assert is_chat_model(best.model)
    assert "embedding" not in best.model.capabilities
    assert is_four_bit(best.tag), best.tag.quantization
    assert best.forecast.memory.fit is Fit.RUNS_WELL
    assert best.memory_needed <= machine(ram).available * 0.8
    assert best.speed >= READABLE_TPS and best.readable
    assert best.speed_low <= best.speed <= best.speed_high
    # nothing more capable would also have met both conditions
    pool = candidates(catalog, machine_forecaster(machine(ram), bw, CONTEXT))
    rivals = [
        c
        for c in pool
        if is_four_bit(c.tag)
        and c.forecast.memory.fit is Fit.RUNS_WELL
        and c.forecast.speed is not None
        and c.forecast.speed.estimate >= READABLE_TPS
    ]
    assert max(c.tag.parameter_count for c in rivals) == best.tag.parameter_count


@pytest.mark.parametrize(("ram", "bw"), MACHINES)
def test_the_alternatives_are_really_faster_and_smarter(
    catalog: Catalog, ram: int, bw: float
) -> None:
    rec = advise(catalog, ram, bw)
    best = rec.recommended
    assert best is not None
    assert rec.faster is not None  # there is always a smaller model on these machines
    assert rec.faster.speed >= best.speed * FASTER_FACTOR
    assert rec.faster.speedup >= FASTER_FACTOR
    assert rec.faster.download_size < best.download_size
    if rec.smarter is not None:
        assert rec.smarter.tag.parameter_count >= best.tag.parameter_count * SMARTER_FACTOR
        assert rec.smarter.memory_needed <= machine(ram).available  # no swapping
        # else it would be chosen (``readable`` allows a kept pick to sit a little under)
        assert not (rec.smarter.speed >= READABLE_TPS and rec.smarter.runs_well)
    names = [c.name for c in rec.choices]
    assert len(set(names)) == len(names)


def test_fast_memory_buys_a_bigger_model_and_small_ram_caps_it(catalog: Catalog) -> None:
    slow8, fast8 = advise(catalog, 8, SLOW), advise(catalog, 8, FAST)
    assert slow8.recommended is not None and fast8.recommended is not None
    assert fast8.recommended.tag.parameter_count > 2 * slow8.recommended.tag.parameter_count
    # a 4 GiB laptop with 40 % free cannot hold what the 16 GiB one gets
    small = recommend(catalog, machine_forecaster(machine(4, 0.4), FAST, CONTEXT))
    big = advise(catalog, 16, FAST)
    assert small.recommended is not None and big.recommended is not None
    assert small.recommended.memory_needed <= 4 * GIB * 0.4 * 0.8
    assert small.recommended.tag.parameter_count < big.recommended.tag.parameter_count
    assert big.smarter is not None
    if small.smarter is not None:  # tight on memory, but without pushing programs out
        assert small.smarter.memory_needed <= 4 * GIB * 0.4


def test_the_shipped_catalog_gives_familiar_names(catalog: Catalog) -> None:
    """What a user of each machine is offered today (changes when the catalog does)."""
    offers = {(ram, bw): [c.name for c in advise(catalog, ram, bw).choices] for ram, bw in MACHINES}
    assert offers[(8, FAST)][0] == "gemma3:4b"
    assert offers[(4, SLOW)][0] == "qwen3:0.6b"


def test_a_machine_too_slow_for_reading_speed_gets_the_fastest_model_said_so(
    catalog: Catalog,
) -> None:
    rec = advise(catalog, 8, 1e9)
    best = rec.recommended
    assert best is not None and not best.readable
    pool = candidates(catalog, machine_forecaster(machine(8), 1e9, CONTEXT))
    fastest = max(
        (c for c in pool if is_four_bit(c.tag) and c.forecast.memory.fit is Fit.RUNS_WELL),
        key=lambda c: c.forecast.speed.estimate if c.forecast.speed else 0,
    )
    assert best.name == fastest.tag.full_name
    assert rec.faster is None  # nothing is 1.5x faster than the fastest


def test_no_memory_no_recommendation(catalog: Catalog) -> None:
    rec = recommend(catalog, machine_forecaster(machine(0.25, 0.5), FAST, CONTEXT))
    assert rec.recommended is None and rec.choices == []


def _tag(tag: str, size: int, params: int, quant: str = "Q4_K_M") -> dict[str, object]:
    return {
        "tag": tag,
        "size": size,
        "parameter_size": f"{params / 1e9:.1f}B",
        "parameter_count": params,
        "quantization": quant,
        "context_length": 8192,
        "arch": {"block_count": 24, "head_count_kv": 2, "key_length": 64, "value_length": 64},
    }


def _model(name: str, caps: list[str], tags: list[dict[str, object]]) -> dict[str, object]:
    return {"name": name, "family": name, "description": "d", "capabilities": caps, "tags": tags}


def test_embedding_code_and_8bit_tags_are_passed_over_for_4bit_chat_models() -> None:
    cat = load_catalog_data(
        {
            "format": 1,
            "compiled": "2026-11-30",
            "models": [
                _model("qwen3", ["completion"], [_tag("1b", 700_000_000, 1_000_000_000)]),
                # more parameters and readable, but 16-bit: not the default 4-bit
                _model("smollm2", ["completion"], [_tag("2b", 800_000_000, 2_000_000_000, "F16")]),
                _model("bge-m3", ["embedding"], [_tag("5b", 300_000_000, 5_000_000_000)]),
                _model("qwen2.5-coder", ["completion", "insert"], [_tag("7b", 1, 7_000_000_000)]),
            ],
        }
    )
    rec = recommend(cat, machine_forecaster(machine(16), FAST, CONTEXT))
    assert rec.recommended is not None
    assert rec.recommended.name == "qwen3:1b"
    assert all(c.name not in ("bge-m3:5b", "qwen2.5-coder:7b") for c in rec.choices)


@settings(max_examples=200, deadline=None)
@given(
    ram=st.floats(min_value=0.5, max_value=256),
    free=st.floats(min_value=0.05, max_value=0.95),
    bw=st.floats(min_value=1e8, max_value=4e11),
)
def test_any_machine_gets_a_consistent_answer(ram: float, free: float, bw: float) -> None:
    cat = load_catalog()
    rec = recommend(cat, machine_forecaster(machine(ram, free), bw, CONTEXT))
    if rec.recommended is None:
        assert rec.faster is None and rec.smarter is None
        return
    best = rec.recommended
    assert best.runs_well and is_chat_model(best.model)
    if rec.faster is not None:
        assert rec.faster.speed >= best.speed * FASTER_FACTOR
    if rec.smarter is not None:
        assert rec.smarter.tag.parameter_count > best.tag.parameter_count
