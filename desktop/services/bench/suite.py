"""A benchmark over several models, servers or thread settings, blocking (worker thread or
the command line). No Qt. One model failing does not stop the others; a cancel does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.core.bench.protocol import BenchResult
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.setup.docker import DockerContainer
from desktop.services.bench.procedure import BenchProgress, BenchSetup, run_model
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
    as it is measured (the caller stores it)."""
    out = SuiteOutcome(purpose=purpose)
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


def docker_url(containers: list[DockerContainer], native_url: str) -> str | None:
    """The first running Ollama container's published address, unless it is the server
    already called native (then there is no second server to compare with)."""
    for c in containers:
        url = c.url
        if c.running and url and url.rstrip("/") != native_url.rstrip("/"):
            return url
    return None
