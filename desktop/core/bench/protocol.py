"""One standard benchmark: the same request every time, so runs compare across models,
machines, servers and days. Figures from the final chunk's nanosecond durations."""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.models.tensor_mix import TokenLoad

PROMPT = "Write a long story about a lighthouse keeper."
ANSWER_TOKENS = 128
SEED = 42
# Sampling as a chat samples (Ollama's models default to 0.7-1.0 with top-k): at
# temperature 0 the sampler is a bare arg-max, cheaper than in a chat, and a model can end
# its answer early (seen on a real server: done false and no counts).
TEMPERATURE = 0.8
REPEATS = 3
MAX_SPREAD = 0.2  # (fastest - slowest) / median above this: the runs disagree too much


class Doubt(Enum):
    """Why a stored result does not calibrate the forecasts (it is kept and shown)."""

    BUSY = "busy"  # other programs used the CPU while it ran
    UNSTEADY = "unsteady"  # its runs disagree by more than MAX_SPREAD
    NO_LOAD = "no_load"  # stored without what its tokens do (an older version of the app)


class ImpossibleFiguresError(OllamaError):
    """The server's figures for an answer cannot be true (e.g. 128 tokens in 1 ns): the run
    is refused, nothing is stored. ``figures`` names them."""

    def __init__(self, figures: tuple[str, ...]) -> None:
        names = ", ".join(figures) or "eval_count, eval_duration"
        super().__init__(ErrorKind.MALFORMED, f"impossible figures from the server: {names}")
        self.figures = figures


def request_options(
    num_thread: int | None = None, answer_tokens: int = ANSWER_TOKENS
) -> dict[str, Any]:
    """Fixed seed and temperature, fixed answer length; num_thread only when chosen."""
    opts: dict[str, Any] = {"seed": SEED, "temperature": TEMPERATURE, "num_predict": answer_tokens}
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
    busy_cores: float | None = None  # CPU cores other programs used meanwhile (None: unknown)


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
    token_load: TokenLoad | None = None  # what one token of this model does
    kv_bytes: int = 0  # KV cache one token read, mid-answer

    @property
    def busy_cores(self) -> float | None:
        """The most CPU other programs used during any run (None: not measured)."""
        vals = [r.busy_cores for r in self.runs if r.busy_cores is not None]
        return max(vals) if vals else None

    def doubt(self, busy_limit: float) -> Doubt | None:
        """Why this result must not calibrate the forecasts (None: it may)."""
        busy = self.busy_cores
        if busy is not None and busy >= busy_limit:
            return Doubt.BUSY
        if self.spread > MAX_SPREAD:
            return Doubt.UNSTEADY
        if self.token_load is None:
            return Doubt.NO_LOAD
        return None

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
        out["token_load"] = self.token_load.to_json() if self.token_load is not None else None
        out.update(
            tokens_per_s=self.tokens_per_s,
            spread=self.spread,
            prompt_tokens_per_s=self.prompt_tokens_per_s,
            first_token_s=self.first_token_s,
            energy_j=self.energy_j,
            energy_source=self.energy_source,
            busy_cores=self.busy_cores,
        )
        return out


CSV_COLUMNS = (
    "model",
    "server",
    "num_thread",
    "tokens_per_s",
    "spread",
    "busy_cores",
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
