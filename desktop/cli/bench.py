"""`ollama-desk bench [MODEL ...] [--threads] [--when-idle] [--json]`: the Benchmark tab's
standard benchmark without a window, stored in the same sqlite file. No Qt.

A result taken while other programs used the CPU, or whose runs disagree, is stored but
does not calibrate the forecasts, and the output says why; `--when-idle` waits until the
machine is idle before it starts.

Exit 0 when at least one model was measured (a model that failed is reported), 1 when
nothing was measured (no server, no such model, impossible figures, never idle), 2 for a bad
model name."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from desktop.cli.doctor import _saved_settings
from desktop.core.bench import load as cpu_load
from desktop.core.bench.compare import comparisons
from desktop.core.bench.protocol import BenchResult, Doubt, ImpossibleFiguresError
from desktop.core.bench.threads import best_setting, sweep_settings
from desktop.core.errors import OllamaError
from desktop.core.hosts import HostURL
from desktop.core.machine import (
    busy_cores,
    generating_threads,
    hardware_fingerprint,
    simd_family,
)
from desktop.core.models.bandwidth_cache import load_bandwidth
from desktop.core.models.calibration import fit
from desktop.core.names import InvalidNameError, parse_model_name
from desktop.core.paths import resolve_paths
from desktop.core.units import human_bytes
from desktop.services.api_client import OllamaApi
from desktop.services.bench.docker_run import docker_setups
from desktop.services.bench.procedure import BenchProgress, BenchSetup, ollama_cpu_seconds
from desktop.services.bench.store import BENCH_DB, BenchStore, calibration_samples
from desktop.services.bench.suite import installed_chat_models, run_suite
from desktop.services.cancel import CancelToken
from desktop.services.chat.energy_meter import EnergyMeter


def _setups(host: HostURL, fingerprint: str, watts: float, docker: bool) -> list[BenchSetup]:
    local = host.is_loopback
    energy = EnergyMeter(lambda: ollama_cpu_seconds(host.port)) if local else None
    native = BenchSetup(
        OllamaApi(host.base_url, timeout=10.0), "native", fingerprint, energy, watts
    )
    native.load_probe = cpu_load.probe_for(host.port) if local else None
    out = [native]
    if docker:
        out += docker_setups(None, host.base_url, fingerprint, watts)
    return out


DOUBT_TEXT = {
    Doubt.BUSY: (
        "other programs used {busy:.1f} CPU cores while it ran, so it is kept but does not "
        "calibrate the forecasts; run `ollama-desk bench --when-idle {model}` to measure again "
        "when the computer is idle"
    ),
    Doubt.UNSTEADY: (
        "its runs differed by {spread:.0f} %, so it is kept but does not calibrate the "
        "forecasts; run `ollama-desk bench --when-idle {model}` to measure again when the "
        "computer is idle"
    ),
    Doubt.NO_LOAD: "what its tokens do is unknown, so it does not calibrate the forecasts",
}


def doubt_text(r: BenchResult, doubt: Doubt) -> str:
    return DOUBT_TEXT[doubt].format(busy=r.busy_cores or 0.0, spread=r.spread * 100, model=r.model)


def failure_text(err: OllamaError) -> str:
    if isinstance(err, ImpossibleFiguresError):
        return (
            f"the server reported figures that cannot be true ({', '.join(err.figures)}); "
            "nothing was stored"
        )
    return str(err)


def _line(r: BenchResult) -> str:
    energy = f"{r.energy_j:.1f} J ({r.energy_source})" if r.energy_j is not None else "n/a"
    threads = f" threads {r.num_thread}" if r.num_thread else ""
    return (
        f"{r.model} [{r.server}{threads}]: {r.tokens_per_s:.1f} tok/s "
        f"(±{r.spread * 50:.0f} %), prompt {r.prompt_tokens_per_s:.0f} tok/s, first token "
        f"{r.first_token_s:.2f} s, load {r.load_s:.2f} s, memory {human_bytes(r.peak_memory)}, "
        f"energy/answer {energy}"
    )


def run(
    models: list[str],
    threads: bool,
    as_json: bool,
    host: HostURL,
    config_dir: str | None = None,
    docker: bool = True,
    when_idle: bool = False,
) -> int:
    for name in models:
        try:
            parse_model_name(name)
        except InvalidNameError as e:
            print(f"invalid model name {name!r}: {e.reason}", file=sys.stderr)
            return 2
    paths = resolve_paths(config_dir).ensure()
    saved = _saved_settings(paths.settings_file)
    fp = hardware_fingerprint()
    limit = cpu_load.busy_limit()
    local = host.is_loopback
    if when_idle and local:
        if not as_json:
            print("waiting until the computer is idle…", file=sys.stderr, flush=True)

        def heard(cores: float) -> None:
            if not as_json:
                print(f"  other programs use {cores:.1f} CPU cores", file=sys.stderr, flush=True)

        if not cpu_load.wait_until_idle(
            limit, lambda: False, heard, probe=cpu_load.probe_for(host.port)
        ):
            print("the computer did not become idle; nothing was measured", file=sys.stderr)
            return 1
    busy = busy_cores(probe=cpu_load.probe_for(host.port)) if local else 0.0
    if busy >= limit and not as_json:
        print(f"warning: other programs use {busy:.1f} CPU cores; figures may be low")
    setups = _setups(host, fp, float(saved.get("chat_watts_per_core") or 5.0), docker)
    store = BenchStore(paths.data_dir / BENCH_DB)
    cancel = CancelToken()

    def progress(p: BenchProgress) -> None:
        if not as_json:
            what = "warm-up" if p.step == 0 else f"run {p.step}/{p.steps - 1}"
            t = f" threads {p.num_thread}" if p.num_thread else ""
            print(f"  {p.model} [{p.server}{t}] {what}", file=sys.stderr, flush=True)

    try:
        names = models or installed_chat_models(setups[0])
        if not names:
            print(f"no installed model at {host.display}", file=sys.stderr)
            return 1
        sweep: list[int | None] | None = None
        if threads:
            sweep = [n or None for n in sweep_settings(_cores())]
        outcome = run_suite(
            setups if not threads else setups[:1],
            names,
            cancel,
            progress,
            store.add,
            threads=sweep,
            purpose="threads" if threads else "bench",
        )
    except OllamaError as e:
        print(f"cannot benchmark at {host.display}: {e}", file=sys.stderr)
        return 1
    finally:
        for s in setups:
            s.api.close()
    report: dict[str, Any] = {
        "results": [r.to_json() for r in outcome.results],
        "failures": [{"model": m, "server": s, "error": str(e)} for m, s, e in outcome.failures],
        "busy_cores": busy,
        "fingerprint": fp,
    }
    report["docker_vs_native"] = _docker_diff(outcome.results)
    if threads:
        report["threads"] = _thread_report(outcome.results)
    native = [r for r in outcome.results if r.server == "native" and not threads]
    doubts = {r.model: r.doubt(limit) for r in native}
    report["not_calibrating"] = {m: d.value for m, d in doubts.items() if d is not None}
    record = load_bandwidth(paths.data_dir, fp)
    samples = calibration_samples(store.results(fp), limit, simd_family())
    cal = fit(samples, record.bandwidth if record is not None else None, generating_threads())
    report["calibrated_from"] = list(cal.basis) if cal else []
    if as_json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for r in outcome.results:
            print(_line(r))
            doubt = doubts.get(r.model) if r.server == "native" else None
            if doubt is not None:
                print(f"  {r.model}: {doubt_text(r, doubt)}")
        for model, server, err in outcome.failures:
            print(f"{model} [{server}]: failed: {failure_text(err)}")
        for d in report["docker_vs_native"]:
            verdict = (
                f"native {d['percent']:+.1f} %"
                if d["clear"]
                else f"no measurable difference ({d['percent']:+.1f} % within "
                f"±{d['noise_percent']:.0f} %)"
            )
            print(
                f"{d['model']}: native {d['native']:.1f} (±{d['native_spread_percent']:.0f} %)"
                f" vs Docker {d['docker']:.1f} (±{d['docker_spread_percent']:.0f} %) tok/s, "
                f"{verdict}"
            )
        for t in report.get("threads", []):
            speeds = ", ".join(f"{k or 'default'}: {v:.1f}" for k, v in t["speeds"].items())
            print(
                f"{t['model']} threads -> {speeds}; best {t['best'] or 'default'} "
                f"({t['gain_percent']:+.1f} % over Ollama's default)"
            )
    if not as_json and not threads:
        if cal is not None:
            print(f"Forecasts are calibrated on this machine's runs of {', '.join(cal.basis)}.")
        else:
            print("Forecasts stay uncalibrated: no quiet, steady benchmark yet.")
    return 1 if not outcome.results else 0


def _cores() -> int:
    return os.cpu_count() or 1


def _docker_diff(results: list[BenchResult]) -> list[dict[str, Any]]:
    return [
        {
            "model": c.model,
            "native": c.native,
            "docker": c.docker,
            "native_spread_percent": c.native_spread,
            "docker_spread_percent": c.docker_spread,
            "percent": c.percent,
            "noise_percent": c.noise,
            "clear": c.clear,
        }
        for c in comparisons(results)
    ]


def _thread_report(results: list[BenchResult]) -> list[dict[str, Any]]:
    by_model: dict[str, dict[int, float]] = {}
    for r in results:
        by_model.setdefault(r.model, {})[r.num_thread or 0] = r.tokens_per_s
    out = []
    for model, speeds in by_model.items():
        best = best_setting(speeds)
        if best is not None:
            out.append(
                {
                    "model": model,
                    "speeds": speeds,
                    "best": best.best,
                    "gain_percent": best.gain_percent,
                }
            )
    return out
