"""Native against Docker for one model: the difference with the spread of the runs behind
it, and whether the difference is larger than that spread (else it is not a finding)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.bench.protocol import BenchResult, difference_percent


@dataclass(frozen=True)
class Comparison:
    model: str
    native: float  # median tok/s
    docker: float
    native_spread: float  # +- percent, as the table shows it: (fastest - slowest) / median / 2
    docker_spread: float
    percent: float  # how much faster native is, in percent of Docker (negative: slower)
    runs: int  # the fewer measured answers of the two

    @property
    def noise(self) -> float:
        """The spread the difference must exceed (+- percent): the two spreads added."""
        return self.native_spread + self.docker_spread

    @property
    def clear(self) -> bool:
        """A difference larger than the runs' spread, from at least two runs on each side."""
        return self.runs >= 2 and abs(self.percent) > self.noise


def compare(native: BenchResult, docker: BenchResult) -> Comparison | None:
    pct = difference_percent(native.tokens_per_s, docker.tokens_per_s)
    if pct is None:
        return None
    return Comparison(
        model=docker.model,
        native=native.tokens_per_s,
        docker=docker.tokens_per_s,
        native_spread=native.spread * 50,
        docker_spread=docker.spread * 50,
        percent=pct,
        runs=min(len(native.speeds), len(docker.speeds)),
    )


def comparisons(results: list[BenchResult]) -> list[Comparison]:
    """Each model measured on both servers (the newest result of each side)."""
    native: dict[str, BenchResult] = {}
    docker: dict[str, BenchResult] = {}
    for r in results:
        if r.purpose == "bench" and not r.num_thread and r.speeds:
            (docker if r.server == "docker" else native)[r.model.lower()] = r
    out = []
    for key, d in docker.items():
        n = native.get(key)
        c = compare(n, d) if n is not None else None
        if c is not None:
            out.append(c)
    return out
