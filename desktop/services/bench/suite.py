"""A benchmark over several models, servers or thread settings, blocking (worker thread or
the command line). No Qt. One model failing does not stop the others; a cancel does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.core.bench.protocol import BenchResult
from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.bench.procedure import (
    BenchProgress,
    BenchSetup,
    ModelRun,
    begin_model,
    finish_model,
    measure_once,
    run_model,
)
from desktop.services.cancel import CancelToken


@dataclass
class SuiteOutcome:
    results: list[BenchResult] = field(default_factory=list)
    failures: list[tuple[str, str, OllamaError]] = field(default_factory=list)  # model, server
    purpose: str = "bench"  # "bench" or "threads"


def installed_chat_models(setup: BenchSetup) -> list[str]:
    """Installed models that generate text, smallest first (embedding models cannot)."""
    models = sorted(setup.api.list_models(), key=lambda m: m.size)
    return [m.name for m in models if "embedding" not in m.capabilities]


def run_suite(
    setups: list[BenchSetup],
    models: list[str],
    cancel: CancelToken,
    report: Callable[[BenchProgress], None],
    on_result: Callable[[BenchResult], object],
    *,
    threads: list[int | None] | None = None,
    purpose: str = "bench",
) -> SuiteOutcome:
    """Each model on each server (and each thread setting); ``on_result`` gets each result
    as it is measured (the caller stores it). Two servers (native and Docker) take turns
    answer by answer, so a machine that gets busier or cooler weighs on both alike."""
    out = SuiteOutcome(purpose=purpose)
    if len(setups) > 1 and not threads:
        for i, model in enumerate(models):
            _alternate(setups, model, cancel, report, on_result, out, purpose, (i, len(models)))
        return out
    steps = [(s, m, t) for m in models for s in setups for t in (threads or [None])]
    for i, (setup, model, n) in enumerate(steps):
        cancel.check()
        try:
            r = run_model(
                setup,
                model,
                cancel,
                report,
                num_thread=n,
                purpose=purpose,
                position=(i, len(steps)),
            )
        except OllamaError as e:
            if e.kind is ErrorKind.CANCELLED:
                raise
            out.failures.append((model, setup.server, e))
            continue
        on_result(r)
        out.results.append(r)
    return out


def _alternate(
    setups: list[BenchSetup],
    model: str,
    cancel: CancelToken,
    report: Callable[[BenchProgress], None],
    on_result: Callable[[BenchResult], object],
    out: SuiteOutcome,
    purpose: str,
    position: tuple[int, int],
) -> None:
    """Warm ``model`` up on every server, then one answer on each in turn (ABBA order:
    native, Docker, Docker, native, ...), each server's figures its own result."""
    runs: list[ModelRun] = []
    for setup in setups:
        cancel.check()
        try:
            runs.append(
                begin_model(setup, model, cancel, report, purpose=purpose, position=position)
            )
        except OllamaError as e:
            if e.kind is ErrorKind.CANCELLED:
                raise
            out.failures.append((model, setup.server, e))
    repeats = max((r.setup.repeats for r in runs), default=0)
    for n in range(repeats):
        for run in list(runs if n % 2 == 0 else reversed(runs)):
            if len(run.result.runs) >= run.setup.repeats:
                continue
            try:
                measure_once(run, cancel)
            except OllamaError as e:
                if e.kind is ErrorKind.CANCELLED:
                    raise
                out.failures.append((model, run.setup.server, e))
                runs.remove(run)
    for run in runs:
        result = finish_model(run)
        on_result(result)
        out.results.append(result)
