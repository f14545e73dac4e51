"""One standard benchmark: the same request every time, so runs compare across models,
machines, servers and days. Figures from the final chunk's nanosecond durations."""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import asdict, dataclass, field
from typing import Any

PROMPT = "Write a long story about a lighthouse keeper."
ANSWER_TOKENS = 128
SEED = 42
REPEATS = 3


def request_options(
    num_thread: int | None = None, answer_tokens: int = ANSWER_TOKENS
) -> dict[str, Any]:
    """Fixed seed, temperature 0, fixed answer length; num_thread only when chosen."""
    opts: dict[str, Any] = {"seed": SEED, "temperature": 0, "num_predict": answer_tokens}
    if num_thread:
        opts["num_thread"] = num_thread
    return opts


@dataclass(frozen=True)
class RunFigures:
    """One measured answer."""

    tokens_per_s: float
    prompt_tokens_per_s: float
    first_token_s: float  # request sent -> first content
    eval_count: int
    prompt_eval_count: int
    energy_j: float | None = None
    energy_source: str = ""


@dataclass
class BenchResult:
    """A model's benchmark: the warm-up's load time, then ``runs`` measured answers."""

    model: str
    server: str = "native"  # "native" or "docker"
    host: str = ""
    ollama_version: str = ""
    fingerprint: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    num_thread: int | None = None  # None: Ollama's default
    purpose: str = "bench"  # "bench" or "threads" (a tuner sweep step)
    load_s: float = 0.0
    runs: list[RunFigures] = field(default_factory=list)
    peak_memory: int = 0  # bytes: /api/ps size, or the runner's RSS
    model_bytes: int = 0
    bytes_per_token: int = 0  # weights read + mean KV cache read during the answers
    created_at: float = 0.0
    id: int | None = None

    @property
    def speeds(self) -> list[float]:
        return [r.tokens_per_s for r in self.runs if r.tokens_per_s > 0]

    @property
    def tokens_per_s(self) -> float:
        """Median generation rate (0 without a run)."""
        return statistics.median(self.speeds) if self.speeds else 0.0

    @property
    def spread(self) -> float:
        """(fastest - slowest) / median of the generation rate."""
        s = self.speeds
        return (max(s) - min(s)) / statistics.median(s) if len(s) > 1 else 0.0

    @property
    def prompt_tokens_per_s(self) -> float:
        vals = [r.prompt_tokens_per_s for r in self.runs if r.prompt_tokens_per_s > 0]
        return statistics.median(vals) if vals else 0.0

    @property
    def first_token_s(self) -> float:
        vals = [r.first_token_s for r in self.runs if r.first_token_s > 0]
        return statistics.median(vals) if vals else 0.0

    @property
    def energy_j(self) -> float | None:
        """Median energy of one answer (None when it could not be read)."""
        vals = [r.energy_j for r in self.runs if r.energy_j is not None]
        return statistics.median(vals) if vals else None

    @property
    def energy_source(self) -> str:
        return next((r.energy_source for r in self.runs if r.energy_source), "")

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(
            tokens_per_s=self.tokens_per_s,
            spread=self.spread,
            prompt_tokens_per_s=self.prompt_tokens_per_s,
            first_token_s=self.first_token_s,
            energy_j=self.energy_j,
            energy_source=self.energy_source,
        )
        return out


CSV_COLUMNS = (
    "model",
    "server",
    "num_thread",
    "tokens_per_s",
    "spread",
    "prompt_tokens_per_s",
    "first_token_s",
    "load_s",
    "peak_memory",
    "energy_j",
    "energy_source",
    "ollama_version",
    "fingerprint",
    "created_at",
)


def to_csv(results: list[BenchResult]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in results:
        d = r.to_json()
        w.writerow(["" if d[c] is None else d[c] for c in CSV_COLUMNS])
    return buf.getvalue()


def difference_percent(native: float, other: float) -> float | None:
    """How much faster native is than ``other``, in percent of ``other``."""
    if native <= 0 or other <= 0:
        return None
    return (native / other - 1.0) * 100.0
