"""The standard benchmark against one server, blocking (a worker thread or the command line).
No Qt: `ollama-desk bench` runs exactly this.

Per model: unload it (so the warm-up measures a real load), one warm-up answer, then
``repeats`` measured answers to the same prompt with a fixed seed and temperature and a
fixed answer length. Rates come from the server's own nanosecond durations (impossible ones
refuse the run: core/api_types reads them as unavailable); time to first token is wall time
from sending the request to the first content. While each answer runs, the CPU time of
every other program is measured (core/bench/load): a result taken on a busy machine is kept
but does not calibrate. What one token of the model does (its tensor types, from /api/show)
is stored with the result, so the calibration can use it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from desktop.core.api_types import ChatChunk
from desktop.core.bench.load import Probe, others_cores
from desktop.core.bench.protocol import (
    ANSWER_TOKENS,
    PROMPT,
    REPEATS,
    BenchResult,
    ImpossibleFiguresError,
    RunFigures,
    request_options,
)
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.models.estimate import NON_WEIGHT_BYTES, show_load
from desktop.core.models.forecast import Architecture, kv_cache_bytes
from desktop.services.api_client import OllamaApi
from desktop.services.bench.server_procs import ollama_cpu_seconds, runner_rss
from desktop.services.cancel import CancelToken
from desktop.services.chat.energy_meter import EnergyMeter

NS = 1e9


@dataclass(frozen=True)
class BenchProgress:
    """Where a benchmark is: ``step`` of ``steps`` answers of one model (0: the warm-up)."""

    model: str
    server: str
    step: int
    steps: int
    done_models: int
    total_models: int
    num_thread: int | None = None


@dataclass
class BenchSetup:
    """Where and how: the server, the machine, the energy meter (None: remote server)."""

    api: OllamaApi
    server: str = "native"
    fingerprint: str = ""
    energy: EnergyMeter | None = None
    watts_per_core: float = 5.0
    repeats: int = REPEATS
    answer_tokens: int = ANSWER_TOKENS
    load_probe: Probe | None = None  # CPU time of the machine (None: a remote server)
    # the server's own memory in bytes (None: not known); unset: the local runner's RSS
    memory: Callable[[], int | None] | None = None


def _peak_memory(api: OllamaApi, model: str, local: bool) -> int:
    size = 0
    try:
        for m in api.running_models():
            if m.name.lower() == model.lower():
                size = m.size
    except OllamaError:
        pass
    return max(size, runner_rss(urlsplit(api.base_url).port) if local else 0)


def _memory(setup: BenchSetup, model: str) -> int:
    if setup.memory is None:
        return _peak_memory(setup.api, model, setup.energy is not None)
    return setup.memory() or 0  # 0: not known, shown as such


@dataclass
class ModelRun:
    """A model's benchmark under way on one server: warmed up, answers being measured."""

    setup: BenchSetup
    result: BenchResult
    messages: list[dict[str, str]]
    progress: Callable[[int], None]
    show_info: dict[str, Any]


def run_model(
    setup: BenchSetup,
    model: str,
    cancel: CancelToken,
    report: Callable[[BenchProgress], None],
    *,
    num_thread: int | None = None,
    purpose: str = "bench",
    position: tuple[int, int] = (0, 1),
) -> BenchResult:
    """Benchmark one installed model; raises OllamaError (CANCELLED when stopped)."""
    run = begin_model(
        setup, model, cancel, report, num_thread=num_thread, purpose=purpose, position=position
    )
    for _ in range(setup.repeats):
        measure_once(run, cancel)
    return finish_model(run)


def begin_model(
    setup: BenchSetup,
    model: str,
    cancel: CancelToken,
    report: Callable[[BenchProgress], None],
    *,
    num_thread: int | None = None,
    purpose: str = "bench",
    position: tuple[int, int] = (0, 1),
) -> ModelRun:
    """Check the model, unload it (a bench) and answer once to warm it up."""
    api = setup.api
    version = api.version()
    local = next((m for m in api.list_models() if m.name.lower() == model.lower()), None)
    if local is None:
        raise OllamaError(ErrorKind.NOT_FOUND, f"model '{model}' not found")
    show = api.show(local.name)
    options = request_options(num_thread, setup.answer_tokens)
    result = BenchResult(
        model=local.name,
        server=setup.server,
        host=api.base_url,
        ollama_version=version,
        fingerprint=setup.fingerprint,
        options=options,
        num_thread=num_thread,
        purpose=purpose,
        model_bytes=local.size,
    )
    steps = setup.repeats + 1
    messages = [{"role": "user", "content": PROMPT}]

    def progress(step: int) -> None:
        report(
            BenchProgress(
                local.name, setup.server, step, steps, position[0], position[1], num_thread
            )
        )

    progress(0)
    cancel.check()
    if purpose == "bench":
        api.unload(local.name)  # the warm-up then measures a real load
    warm = api.chat(local.name, messages, cancel=cancel, options=options)
    result.load_s = (warm.stats.load_duration / NS) if warm.stats else 0.0
    result.peak_memory = _memory(setup, local.name)
    quant = local.details.quantization_level or show.details.quantization_level
    result.token_load = show_load(show, local.size, quant)
    return ModelRun(setup, result, messages, progress, dict(show.model_info))


def measure_once(run: ModelRun, cancel: CancelToken) -> None:
    """One measured answer (and a look at the memory after it)."""
    cancel.check()
    result, setup = run.result, run.setup
    run.progress(len(result.runs) + 1)
    result.runs.append(_one_answer(setup, result.model, run.messages, result.options, cancel))
    result.peak_memory = max(result.peak_memory, _memory(setup, result.model))


def finish_model(run: ModelRun) -> BenchResult:
    result, local_size, model_info = run.result, run.result.model_bytes, run.show_info
    arch = Architecture.from_model_info(model_info)
    last = result.runs[-1] if result.runs else None
    mid = (last.prompt_eval_count + last.eval_count // 2) if last else 0
    result.kv_bytes = kv_cache_bytes(arch, mid) if arch is not None else 0
    load = result.token_load
    weights = load.weight_bytes if load is not None else max(1, local_size - NON_WEIGHT_BYTES)
    result.bytes_per_token = weights + result.kv_bytes
    result.created_at = time.time()
    return result


def _one_answer(
    setup: BenchSetup,
    model: str,
    messages: list[dict[str, str]],
    options: dict[str, object],
    cancel: CancelToken,
) -> RunFigures:
    first: list[float] = []
    meter = setup.energy
    snap = meter.begin() if meter is not None else None
    probe = setup.load_probe
    before = probe() if probe is not None else None
    t0 = time.perf_counter()

    def on_chunk(chunk: ChatChunk) -> None:
        if not first and (chunk.content or chunk.thinking):
            first.append(time.perf_counter() - t0)

    res = setup.api.chat(model, messages, on_chunk, cancel, options=options)
    busy = others_cores(before, probe()) if probe is not None and before is not None else None
    energy = meter.end(snap, setup.watts_per_core) if meter is not None and snap else None
    st = res.stats
    if st is not None and st.unavailable:
        raise ImpossibleFiguresError(st.unavailable)
    tps = st.tokens_per_second if st is not None else None
    if st is None or not tps:
        raise OllamaError(ErrorKind.INCOMPLETE_STREAM, "no generation figures in the answer")
    return RunFigures(
        tokens_per_s=tps,
        prompt_tokens_per_s=st.prompt_tokens_per_second or 0.0,
        first_token_s=first[0] if first else 0.0,
        eval_count=st.eval_count,
        prompt_eval_count=st.prompt_eval_count,
        energy_j=energy.joules if energy is not None else None,
        energy_source=energy.source if energy is not None else "",
        busy_cores=busy,
    )


__all__ = ["BenchSetup", "ollama_cpu_seconds", "run_model"]  # ollama_cpu_seconds: callers
