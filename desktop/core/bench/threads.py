"""The thread tuner's arithmetic and the per-model thread default (a JSON object in the
`model_num_thread` setting: {"gemma3:270m": 2}; the chat uses it unless a chat sets its own)."""

from __future__ import annotations

import json
from dataclasses import dataclass

DEFAULT = 0  # the sweep step that leaves num_thread to Ollama


def sweep_settings(cores: int) -> list[int]:
    """1..cores, then Ollama's own choice (0)."""
    return [*range(1, max(1, cores) + 1), DEFAULT]


@dataclass(frozen=True)
class SweepOutcome:
    best: int  # num_thread (0: Ollama's default is best)
    best_tps: float
    default_tps: float

    @property
    def gain_percent(self) -> float:
        """How much faster the best setting is than Ollama's default."""
        if self.default_tps <= 0:
            return 0.0
        return (self.best_tps / self.default_tps - 1.0) * 100.0


def best_setting(speeds: dict[int, float]) -> SweepOutcome | None:
    """Pick the fastest setting; ties go to Ollama's default, then to fewer threads."""
    good = {n: v for n, v in speeds.items() if v > 0}
    if not good:
        return None
    best = max(good, key=lambda n: (good[n], n == DEFAULT, -n))
    return SweepOutcome(best, good[best], good.get(DEFAULT, 0.0))


def parse_thread_defaults(text: str) -> dict[str, int]:
    try:
        raw = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    return {
        str(k).lower(): int(v)
        for k, v in raw.items()
        if isinstance(v, int) and not isinstance(v, bool) and v > 0
    }


def thread_default_for(text: str, model: str) -> int | None:
    return parse_thread_defaults(text).get(model.lower())


def with_thread_default(text: str, model: str, threads: int) -> str:
    """The setting's new text; ``threads`` 0 removes the model (Ollama decides again)."""
    d = parse_thread_defaults(text)
    if threads > 0:
        d[model.lower()] = threads
    else:
        d.pop(model.lower(), None)
    return json.dumps(d, sort_keys=True)
