"""The library's default order: what suits *this* machine first, by the same rule as the
Start-here card (core/models/recommend.py), so the Models tab's first row and the card's
pick are the same model.

First the recommendation itself; then the other starter chat models that run well at a
readable speed, in 4-bit (most capable first); then other chat models that run well at a
readable speed; then models that run well but slowly (fastest first), or whose speed is not
known yet (smallest first); then tight ones; then models that are not for chatting
(embedding-only, code completion); then those that will not fit (smallest first).
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.models.catalog import Catalog, CatalogModel, CatalogTag
from desktop.core.models.estimate import TagForecast
from desktop.core.models.forecast import Fit
from desktop.core.models.recommend import (
    READABLE_TPS,
    is_chat_model,
    is_four_bit,
    is_starter,
    recommend,
)

Entry = tuple[CatalogTag, CatalogModel, TagForecast | None]


def expected_speed(fc: TagForecast | None) -> float:
    """The forecast's best single figure in tokens/s (as the Start-here pick reads it)."""
    if fc is None or fc.speed is None:
        return 0.0
    return fc.speed.estimate or (fc.speed.low * fc.speed.high) ** 0.5


def _readable(fc: TagForecast | None) -> bool:
    return fc is not None and fc.speed is not None and expected_speed(fc) >= READABLE_TPS


def _group(tag: CatalogTag, model: CatalogModel, fc: TagForecast | None) -> int:
    if not is_chat_model(model):
        return 5
    if fc is None:
        return 3
    if fc.memory.fit is Fit.WONT_FIT:
        return 6
    if fc.memory.fit is Fit.TIGHT or fc.memory.swap_risk:
        return 4
    if not _readable(fc):
        return 3  # slow, or no speed figure yet
    return 1 if is_starter(model) and is_four_bit(tag) else 2


def recommendation_ranks(entries: Iterable[Entry], previous: str | None = None) -> dict[str, int]:
    """lower-case `model:tag` -> rank (1 = best choice here), every tag ranked once.
    ``previous``: the model recommended last time (core/models/recommend keeps it unless a
    challenger is clearly better), so the first row is the Start-here card's pick."""
    every = list(entries)
    forecasts = {t.full_name: fc for t, _m, fc in every}
    models = tuple({m.name: m for _t, m, _f in every}.values())
    catalog = Catalog("", "", models)
    pick = recommend(catalog, lambda t: forecasts.get(t.full_name), previous).recommended
    # without any speed figure yet (first start, before the bandwidth test) the pick would be
    # the most capable model that fits: the smallest that runs well leads until then
    best = pick.name if pick is not None and pick.speed > 0 else ""

    def key(e: Entry) -> tuple[object, ...]:
        tag, model, fc = e
        if tag.full_name == best:
            return (0,)
        group = _group(tag, model, fc)
        if group in (1, 2):  # readable: the most capable first
            return (group, -tag.parameter_count, tag.size, tag.full_name)
        if group == 3 and fc is not None and fc.speed is not None:  # slow: fastest first
            return (group, 0, -expected_speed(fc), tag.full_name)
        return (group, 1, tag.size, tag.full_name)  # unknown speed, tight, other: smallest

    ordered = sorted(every, key=key)
    return {tag.full_name.lower(): i + 1 for i, (tag, _m, _f) in enumerate(ordered)}


def is_recommended(tag: CatalogTag, model: CatalogModel, fc: TagForecast | None) -> bool:
    """A starter chat model in 4-bit that runs well here at a readable speed (starred)."""
    return _group(tag, model, fc) == 1
