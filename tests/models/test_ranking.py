"""The library's default order for a given machine (no Qt): what a person on that machine
should try first, the same model the Start-here card recommends."""

from __future__ import annotations

from desktop.core.models.catalog import load_catalog
from desktop.core.models.forecast import GIB, Fit, MachineMemory
from desktop.core.models.ranking import expected_speed, is_recommended, recommendation_ranks
from desktop.core.models.recommend import READABLE_TPS, machine_forecaster, recommend

CATALOG = load_catalog()
LAPTOP = MachineMemory(total=8 * GIB, available=6 * GIB)


def ranked(bandwidth: float | None) -> list:
    forecast = machine_forecaster(LAPTOP, bandwidth, 4096)
    entries = [(t, m, forecast(t)) for m in CATALOG.models for t in m.tags]
    ranks = recommendation_ranks(entries)
    assert sorted(ranks.values()) == list(range(1, len(entries) + 1))  # each rank once
    return sorted(entries, key=lambda e: ranks[e[0].full_name.lower()])


def test_first_is_the_start_here_pick_then_readable_chat_models():
    order = ranked(20e9)
    pick = recommend(CATALOG, machine_forecaster(LAPTOP, 20e9, 4096)).recommended
    tag, model, fc = order[0]
    assert pick is not None and tag.full_name == pick.name  # one rule, one answer
    assert is_recommended(tag, model, fc) and expected_speed(fc) >= READABLE_TPS
    stars = [i for i, (t, m, f) in enumerate(order) if is_recommended(t, m, f)]
    assert stars == list(range(len(stars)))  # starred rows come first, together
    assert not any("embedding" in m.capabilities for _t, m, _f in order[: len(stars)])
    fits = [f.memory.fit for _t, _m, f in order]
    last_runs_well = max(i for i, f in enumerate(fits) if f is Fit.RUNS_WELL)
    first_wont_fit = min(i for i, f in enumerate(fits) if f is Fit.WONT_FIT)
    assert last_runs_well < first_wont_fit  # nothing that won't fit before one that runs


def test_without_a_speed_figure_the_smallest_model_that_runs_well_leads():
    order = ranked(None)
    tag, model, fc = order[0]
    assert fc.speed is None and fc.memory.fit is Fit.RUNS_WELL
    chat_sizes = [
        t.size
        for t, m, f in order
        if "completion" in m.capabilities
        and "embedding" not in m.capabilities
        and f.memory.fit is Fit.RUNS_WELL
    ]
    assert tag.size == min(chat_sizes)
    assert not any(is_recommended(t, m, f) for t, m, f in order)  # no star without a speed
