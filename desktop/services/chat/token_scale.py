"""Each model's tokens per estimated token, learned from its own counts and kept in the
settings (the context meter scales its estimates of text by it; core/chat/context.py)."""

from __future__ import annotations

import json

from desktop.core.chat.context import Sizing, learned_scale
from desktop.services.settings_store import SettingsStore

SCALE_KEY = "model_token_scale"


class TokenScales:
    """Counted tokens per estimated token, by model (1.0 until its counts say)."""

    def __init__(self, settings: SettingsStore) -> None:
        self.settings = settings
        self._cache: tuple[str, dict[str, float]] | None = None

    def _all(self) -> dict[str, float]:
        text = self.settings.text(SCALE_KEY) or "{}"
        if self._cache is not None and self._cache[0] == text:
            return self._cache[1]
        self._cache = (text, self._parse(text))
        return self._cache[1]

    @staticmethod
    def _parse(text: str) -> dict[str, float]:
        try:
            d = json.loads(text)
        except ValueError:
            return {}
        if not isinstance(d, dict):
            return {}
        return {
            str(k): float(v)
            for k, v in d.items()
            if isinstance(v, int | float) and not isinstance(v, bool) and v > 0
        }

    def of(self, model: str) -> float:
        """Counted tokens per estimated token for ``model`` (1.0 until its counts say)."""
        return self._all().get(model.lower(), 1.0) if model else 1.0

    def learn(self, model: str, sizing: Sizing) -> None:
        """Move ``model``'s scale halfway to what this conversation's counts say."""
        learned = learned_scale(sizing.samples)
        if learned is None:
            return
        scales = self._all()
        old = scales.get(model.lower())
        new = learned if old is None else (old + learned) / 2
        if old is None or abs(new - old) > 0.02 * old:
            scales = {**scales, model.lower(): round(new, 4)}
            self.settings.set(SCALE_KEY, json.dumps(scales, sort_keys=True))
