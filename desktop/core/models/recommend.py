"""Which model should a newcomer start with on this machine? Arithmetic only, no I/O.

The rule (issue 11): a general chat model that runs well in the available memory, at a
speed a person reads comfortably by the forecast (its best single figure >= 8 tokens/s: the
calibrated estimate once this machine was measured, else the middle of the wide uncalibrated
range, whose low end stands for the slowest machine the figures were recorded on),
preferring the default 4-bit quantization; of those, the most capable (most parameters; ties
go to the starter list's order). Two alternatives frame it:

- "faster": the most capable starter forecast at least 1.5x as fast (for quick questions);
- "smarter": the smallest 4-bit starter with at least 1.5x the parameters that still fits in
  memory without pushing other programs out and reaches half reading speed.

"General chat model" is a short list of catalog families below, newest first: the catalog
also holds embedding-only models, code-completion models, vision specialists, reasoning-only
models that think at length before every answer, and older generations, all of which stay
one click away in the Models tab but make a poor first model.

When nothing reaches reading speed (a slow machine), the recommendation is the fastest model
that runs well, marked ``readable=False`` so the card can say so. The forecast itself is a
parameter (``Forecaster``), so a calibrated forecast (issue 12) changes the choice without
touching this module.

Stability: a forecast moves a little with every measurement (the memory test reads 20-25 GB/s
on one machine from one run to the next), so a model near the 8 tokens/s line would be
picked on one launch and not the next. Given the ``previous`` pick, the rule keeps it while
it stays within HYSTERESIS of the line (or, on a slow machine, of the fastest model), and a
more capable challenger replaces it only when it is clearly readable: above the line by
HYSTERESIS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from desktop.core.models.catalog import Catalog, CatalogModel, CatalogTag
from desktop.core.models.estimate import TagForecast, forecast_tag
from desktop.core.models.forecast import Fit, MachineMemory

READABLE_TPS = 8.0  # tokens/s: a little faster than people read (about 4-5 words a second)
FASTER_FACTOR = 1.5  # the "faster" alternative is at least this much faster
SMARTER_FACTOR = 1.5  # the "smarter" one has at least this many times the parameters
SMARTER_MIN_TPS = READABLE_TPS / 2  # slower than this is no longer a conversation
HYSTERESIS = 0.25  # a kept pick may fall this far below the line; a challenger must clear it
SAME_SPEED = 0.1  # two speeds this close are "about the same" to a reader
EXCLUDED_CAPABILITIES = ("embedding", "insert")  # embedding-only and code-completion models
STARTER_FAMILIES = (  # catalog model names; the order breaks ties in capability
    "qwen3",
    "gemma3",
    "llama3.2",
    "qwen2.5",
    "phi4-mini",
    "granite4",
    "llama3.1",
    "mistral",
    "granite3.3",
    "mistral-nemo",
    "phi4",
    "mistral-small",
    "gemma2",
    "smollm2",
)

Forecaster = Callable[[CatalogTag], TagForecast | None]  # None: no forecast yet (skipped)


@dataclass(frozen=True)
class Choice:
    """One offered model with the figures the card shows."""

    model: CatalogModel
    tag: CatalogTag
    forecast: TagForecast
    speedup: float = 1.0  # expected speed against the recommendation (1.0 for itself)

    @property
    def name(self) -> str:
        return self.tag.full_name

    @property
    def download_size(self) -> int:
        return self.forecast.size

    @property
    def memory_needed(self) -> int:
        return self.forecast.memory.needed

    @property
    def speed(self) -> float:
        """The forecast's best single figure, tokens/s (0 without a speed forecast)."""
        return _expected(self.forecast)

    @property
    def calibrated(self) -> bool:
        """The speed comes from this machine's own benchmark runs."""
        return self.forecast.speed is not None and self.forecast.speed.calibrated

    @property
    def speed_low(self) -> float:
        """Low end of the forecast tokens/s (0 when there is no speed figure)."""
        return self.forecast.speed.low if self.forecast.speed is not None else 0.0

    @property
    def speed_high(self) -> float:
        return self.forecast.speed.high if self.forecast.speed is not None else 0.0

    @property
    def readable(self) -> bool:
        """Forecast to generate at about reading speed or faster (a pick kept for
        stability may sit a little under the line)."""
        return self.speed >= READABLE_TPS * (1 - HYSTERESIS)

    @property
    def about_as_fast(self) -> bool:
        """An alternative about as fast as the recommendation: within SAME_SPEED, or the
        same figure once both are rounded as the card shows them ("about 8 tok/s")."""
        if self.speedup <= 0:
            return False
        same_shown = round(self.speed) == round(self.speed / self.speedup)
        return same_shown or abs(self.speedup - 1.0) <= SAME_SPEED

    @property
    def runs_well(self) -> bool:
        return self.forecast.memory.fit is Fit.RUNS_WELL


@dataclass(frozen=True)
class Recommendation:
    recommended: Choice | None  # None: no chat model fits this machine at all
    faster: Choice | None = None
    smarter: Choice | None = None

    @property
    def choices(self) -> list[Choice]:
        return [c for c in (self.recommended, self.faster, self.smarter) if c is not None]


def is_chat_model(model: CatalogModel) -> bool:
    caps = model.capabilities
    return "completion" in caps and not any(c in caps for c in EXCLUDED_CAPABILITIES)


def is_starter(model: CatalogModel) -> bool:
    return model.name in STARTER_FAMILIES and is_chat_model(model)


def is_four_bit(tag: CatalogTag) -> bool:
    q = tag.quantization.upper()
    return q.startswith(("Q4_", "IQ4_", "MXFP4"))


@dataclass(frozen=True)
class _Candidate:
    order: int  # position in STARTER_FAMILIES: earlier wins a tie
    model: CatalogModel
    tag: CatalogTag
    forecast: TagForecast

    @property
    def capability(self) -> tuple[int, int]:
        return (self.tag.parameter_count, -self.order)

    def choice(self, reference: TagForecast | None = None) -> Choice:
        speedup = 1.0
        if reference is not None and _expected(reference) > 0:
            speedup = _expected(self.forecast) / _expected(reference)
        return Choice(self.model, self.tag, self.forecast, speedup)


def _expected(forecast: TagForecast) -> float:
    s = forecast.speed
    if s is None:
        return 0.0
    return s.estimate or (s.low * s.high) ** 0.5


def _speed(c: _Candidate) -> float:
    return _expected(c.forecast)


def _fits_safely(c: _Candidate) -> bool:
    """In memory without swapping: runs well, or tight but within what is available."""
    m = c.forecast.memory
    return m.fit is Fit.RUNS_WELL or (m.fit is Fit.TIGHT and not m.swap_risk)


def candidates(catalog: Catalog, forecaster: Forecaster) -> list[_Candidate]:
    out: list[_Candidate] = []
    for model in catalog.models:
        if is_starter(model):
            rank = STARTER_FAMILIES.index(model.name)
            for tag in model.tags:
                forecast = forecaster(tag)
                if forecast is not None:
                    out.append(_Candidate(rank, model, tag, forecast))
    return out


def recommend(
    catalog: Catalog, forecaster: Forecaster, previous: str | None = None
) -> Recommendation:
    """The recommendation and its two alternatives for the machine ``forecaster`` knows;
    ``previous`` is the model recommended last time on this machine (kept unless a
    challenger is clearly better, or it clearly no longer qualifies)."""
    return recommend_from(candidates(catalog, forecaster), previous)


def _pick(four_bit: list[_Candidate], previous: str | None) -> _Candidate:
    good = [c for c in four_bit if _speed(c) >= READABLE_TPS]
    if good:
        fresh = max(good, key=lambda c: c.capability)
    else:  # a slow machine: the fastest that runs well, honestly marked as below reading speed
        fresh = max(four_bit, key=lambda c: (_speed(c), c.capability))
    wanted = (previous or "").lower()
    kept = next((c for c in four_bit if wanted and c.tag.full_name.lower() == wanted), None)
    if kept is None or kept is fresh:
        return fresh
    clearly = READABLE_TPS * (1 + HYSTERESIS)
    challengers = [c for c in four_bit if c.capability > kept.capability and _speed(c) >= clearly]
    if challengers:
        return max(challengers, key=lambda c: c.capability)
    if _speed(kept) >= READABLE_TPS * (1 - HYSTERESIS):
        return kept  # still about reading speed: no reason to change the advice
    if not good and _speed(kept) >= _speed(fresh) * (1 - HYSTERESIS):
        return kept  # a slow machine: still about as fast as the fastest
    return fresh


def recommend_from(pool: Iterable[_Candidate], previous: str | None = None) -> Recommendation:
    every = list(pool)
    running = [c for c in every if c.forecast.memory.fit is Fit.RUNS_WELL]
    if not running:
        return Recommendation(None)
    four_bit = [c for c in running if is_four_bit(c.tag)] or running
    best = _pick(four_bit, previous)
    ref = best.forecast
    quicker = [c for c in four_bit if _speed(c) >= _speed(best) * FASTER_FACTOR]
    faster = max(quicker, key=lambda c: c.capability) if quicker else None
    bigger = [
        c
        for c in every
        if is_four_bit(c.tag)
        and _fits_safely(c)
        and _speed(c) >= SMARTER_MIN_TPS
        and c.tag.parameter_count >= best.tag.parameter_count * SMARTER_FACTOR
    ]
    smarter = min(bigger, key=lambda c: (c.tag.parameter_count, c.order)) if bigger else None
    return Recommendation(
        best.choice(),
        faster.choice(ref) if faster is not None else None,
        smarter.choice(ref) if smarter is not None else None,
    )


def machine_forecaster(
    machine: MachineMemory, bandwidth: float | None, context: int
) -> Callable[[CatalogTag], TagForecast]:
    """The uncalibrated forecast of core/models/estimate for one machine."""

    def forecast(tag: CatalogTag) -> TagForecast:
        return forecast_tag(tag, machine, bandwidth, context)

    return forecast
