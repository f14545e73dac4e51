"""The library's default order for a given machine (no Qt): what a person on that machine
should try first."""

from __future__ import annotations

from desktop.core.models.catalog import load_catalog
from desktop.core.models.estimate import forecast_tag
from desktop.core.models.forecast import GIB, Fit, MachineMemory
from desktop.core.models.ranking import READABLE_TPS, is_recommended, recommendation_ranks

CATALOG = load_catalog()
LAPTOP = MachineMemory(total=8 * GIB, available=6 * GIB)


def ranked(bandwidth: float | None) -> list[tuple[str, object, object]]:
    entries = []
    for m in CATALOG.models:
        for t in m.tags:
            emb = "embedding" in m.capabilities
            entries.append((t, m, forecast_tag(t, LAPTOP, bandwidth, 4096, embedding=emb)))
    ranks = recommendation_ranks(entries)
    assert sorted(ranks.values()) == list(range(1, len(entries) + 1))  # each rank once
    order = sorted(entries, key=lambda e: ranks[e[0].full_name.lower()])
    return [(t.full_name, m, fc) for t, m, fc in order]


def test_with_a_bandwidth_figure_readable_chat_models_come_first():
    order = ranked(20e9)
    name, model, fc = order[0]
    assert is_recommended(model, fc) and fc.speed.estimate >= READABLE_TPS
    assert "embedding" not in model.capabilities
    recommended = [n for n, m, f in order if is_recommended(m, f)]
    assert [n for n, _m, _f in order[: len(recommended)]] == recommended
    fits = [f.memory.fit for _n, _m, f in order]
    last_runs_well = max(i for i, f in enumerate(fits) if f is Fit.RUNS_WELL)
    first_wont_fit = min(i for i, f in enumerate(fits) if f is Fit.WONT_FIT)
    assert last_runs_well < first_wont_fit  # nothing that won't fit before one that runs


def test_without_a_speed_figure_the_smallest_model_that_runs_well_leads():
    order = ranked(None)
    name, model, fc = order[0]
    assert fc.speed is None and fc.memory.fit is Fit.RUNS_WELL
    chat_sizes = [
        CATALOG.find(n).size
        for n, m, f in order
        if "completion" in m.capabilities and f.memory.fit is Fit.RUNS_WELL
    ]
    assert CATALOG.find(name).size == min(chat_sizes)
    assert not any(is_recommended(m, f) for _n, m, f in order)  # no star without a speed
