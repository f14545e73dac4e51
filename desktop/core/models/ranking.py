"""The library's default order: what suits *this* machine first.

A chat model (not embedding-only) that runs well in the memory available, at a speed a person
can read comfortably, comes first, the most capable (most parameters) first, the default
4-bit quantizations ahead of the others of the same size. Then models that run well but
slowly (fastest first), then tight ones, then embedding-only models, then those that will
not fit (smallest first). Without a speed forecast (no bandwidth figure or calibration yet)
the smallest model that runs well comes first.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.models.catalog import CatalogModel, CatalogTag
from desktop.core.models.estimate import TagForecast
from desktop.core.models.forecast import Fit

READABLE_TPS = 8.0  # tokens/s a person reads along with (the forecast's best single figure)
DEFAULT_QUANTS = ("Q4_K_M", "Q4_0")


def _group(model: CatalogModel, fc: TagForecast | None) -> int:
    if "embedding" in model.capabilities and "completion" not in model.capabilities:
        return 3
    if fc is None:
        return 2
    if fc.memory.fit is Fit.WONT_FIT:
        return 4
    if fc.memory.fit is Fit.TIGHT or fc.memory.swap_risk:
        return 2
    if fc.speed is None or fc.speed.estimate < READABLE_TPS:
        return 1  # slow, or no speed figure yet
    return 0


def recommendation_ranks(
    entries: Iterable[tuple[CatalogTag, CatalogModel, TagForecast | None]],
) -> dict[str, int]:
    """lower-case `model:tag` -> rank (1 = best choice here), every tag ranked once."""

    def key(e: tuple[CatalogTag, CatalogModel, TagForecast | None]) -> tuple[object, ...]:
        tag, model, fc = e
        group = _group(model, fc)
        quant_rank = 0 if tag.quantization in DEFAULT_QUANTS else 1
        if group == 0:  # readable speed: the most capable first
            return (group, quant_rank, -tag.parameter_count, tag.size, tag.full_name)
        if group == 1 and fc is not None and fc.speed is not None:  # slow: fastest first
            return (group, -fc.speed.estimate, quant_rank, tag.full_name)
        if group == 1:  # no speed figure yet: the smallest that runs well first
            return (group, tag.size, quant_rank, tag.full_name)
        return (group, tag.size, quant_rank, tag.full_name)

    ordered = sorted(entries, key=key)
    return {tag.full_name.lower(): i + 1 for i, (tag, _m, _f) in enumerate(ordered)}


def is_recommended(model: CatalogModel, fc: TagForecast | None) -> bool:
    """Runs well here at a readable speed, and is a chat model."""
    return _group(model, fc) == 0 and fc is not None and fc.speed is not None
