"""`ollama-desk forecast NAME:TAG [--context N] [--json]`: will it fit, how fast? No Qt.

The speed is calibrated by this machine's benchmark runs (`ollama-desk bench` or the Benchmark
tab) when there are any; otherwise it is an uncalibrated estimate from the read test, and
says so. `--json` carries `speed.calibrated` and `calibration.from` (the models it rests on)."""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from typing import Any

from desktop.core.bench.load import busy_limit
from desktop.core.bench.protocol import BenchResult
from desktop.core.errors import OllamaError
from desktop.core.hosts import HostURL
from desktop.core.machine import (
    generating_threads,
    hardware_fingerprint,
    machine_memory,
    measure_bandwidth_repeated,
    simd_family,
)
from desktop.core.models.bandwidth_cache import (
    BandwidthRecord,
    keep_or_replace,
    load_bandwidth,
    needs_measuring,
    save_bandwidth,
)
from desktop.core.models.calibration import Calibration, describe, fit
from desktop.core.models.catalog import CatalogError, load_catalog
from desktop.core.models.estimate import TagForecast, forecast_installed, forecast_tag
from desktop.core.names import InvalidNameError, parse_model_name
from desktop.core.paths import resolve_paths
from desktop.core.units import human_bytes
from desktop.services.bench.store import (
    BENCH_DB,
    BenchStore,
    calibration_samples,
    doubts,
    latest_per_model,
)

FIT_TEXT = {"runs_well": "runs well", "tight": "tight", "wont_fit": "won't fit"}


def _bandwidth(config_dir: str | None) -> BandwidthRecord:
    """The cached read figure, re-measured when missing (or from other hardware), stale or
    not taken quietly; a reading on a busy machine does not replace a quiet one."""
    paths = resolve_paths(config_dir)
    fp = hardware_fingerprint()
    old = load_bandwidth(paths.data_dir, fp)
    if old is not None and not needs_measuring(old):
        return old
    r = measure_bandwidth_repeated()
    new = BandwidthRecord(r.median, fp, time.time(), r.samples, r.busy)
    kept = keep_or_replace(old, new)
    if kept is new:
        save_bandwidth(paths.data_dir, r.median, fp, samples=r.samples, busy=r.busy)
    return kept


def _benchmarks(config_dir: str | None) -> list[BenchResult]:
    """This machine's benchmark runs (bench.db); none when never benchmarked."""
    path = resolve_paths(config_dir).data_dir / BENCH_DB
    if not path.exists():
        return []
    try:
        return BenchStore(path).results(hardware_fingerprint())
    except sqlite3.Error:
        return []


def _from_server(
    host: HostURL, name: str, context: int, bandwidth: float, cal: Calibration | None
) -> TagForecast | None:
    from desktop.services.api_client import OllamaApi  # httpx only, no Qt

    api = OllamaApi(host.base_url, timeout=3.0)
    try:
        installed = {m.name.lower(): m for m in api.list_models()}
        local = installed.get(name.lower())
        if local is None:
            return None
        show = api.show(local.name)
    except OllamaError:
        return None
    finally:
        api.close()
    return forecast_installed(local, show, machine_memory(), bandwidth, context, cal)


def run(
    name: str, context: int, as_json: bool, host: HostURL, config_dir: str | None = None
) -> int:
    try:
        parsed = parse_model_name(name)
    except InvalidNameError as e:
        print(f"invalid model name {name!r}: {e.reason}", file=sys.stderr)
        return 2
    record = _bandwidth(config_dir)
    bandwidth = record.bandwidth
    benchmarks = _benchmarks(config_dir)
    limit = busy_limit()
    samples = calibration_samples(benchmarks, limit, simd_family())
    cal = fit(samples, bandwidth, generating_threads())
    refused = doubts(benchmarks, limit)
    try:
        catalog = load_catalog()
    except CatalogError as e:
        print(f"catalog unreadable: {e}", file=sys.stderr)
        return 2
    tag = catalog.find(parsed.display)
    fc: TagForecast | None
    if tag is not None:
        model = catalog.model(tag.model)
        fc = forecast_tag(
            tag,
            machine_memory(),
            bandwidth,
            context,
            embedding=model is not None and "embedding" in model.capabilities,
            calibration=cal,
        )
    else:
        fc = _from_server(host, parsed.display, context, bandwidth, cal)
    if fc is None:
        print(
            f"{parsed.display}: not in the catalog (compiled {catalog.compiled}) and not "
            f"installed at {host.display}",
            file=sys.stderr,
        )
        return 1
    report: dict[str, Any] = fc.to_json()
    report["bandwidth_bytes_per_s"] = bandwidth
    report["bandwidth"] = {
        "bytes_per_s": bandwidth,
        "samples": list(record.samples),
        "measured_at": record.measured_at,
        "stale": record.stale(),
        "busy": record.busy,
        "quiet": record.quiet,
    }
    report["calibration"] = _calibration_json(cal, bandwidth)
    report["calibration"]["not_calibrating"] = {m: d.value for m, d in refused.items()}
    measured = latest_per_model(benchmarks, busy_limit=limit).get(fc.name.lower())
    report["measured_tokens_per_s"] = measured.tokens_per_s if measured else None
    report["catalog_compiled"] = catalog.compiled
    if as_json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    m = fc.memory
    source = f"from catalog, {catalog.compiled}" if fc.size_source == "catalog" else fc.size_source
    print(f"{fc.name}  ({fc.quantization}, download {human_bytes(fc.size)}, {source})")
    print(
        f"Memory at {m.context} tokens: {human_bytes(m.needed)} = weights "
        f"{human_bytes(m.weights)} + KV cache {human_bytes(m.kv_cache)} + overhead "
        f"{human_bytes(m.overhead)}"
    )
    swap = ", swap risk" if m.swap_risk else ""
    print(
        f"This machine: {human_bytes(m.available)} available of {human_bytes(m.total_ram)}"
        f" -> {FIT_TEXT[m.fit.value]}{swap}"
    )
    for note in m.notes:
        print(f"  note: {note}")
    if fc.speed is not None:
        sp = fc.speed
        if sp.calibrated and cal is not None:
            basis = f"calibrated on this machine's benchmarks of {', '.join(sp.basis)}"
        else:
            flags = ", stale" if record.stale() else ""
            flags += ", measured while busy" if not record.quiet else ""
            cores = machine_memory().cores
            basis = (
                f"uncalibrated estimate from {cores} cores and memory bandwidth "
                f"{bandwidth / 1e9:.1f} GB/s{flags}; run `ollama-desk bench` on any installed "
                "model to calibrate"
            )
        print(f"Speed: {sp.low:.1f}-{sp.high:.1f} tokens/s, about {sp.estimate:.0f} ({basis})")
        for name, doubt in refused.items():
            print(f"  note: the benchmark of {name} does not calibrate ({doubt.value})")
    if measured is not None:
        print(f"Measured here: {measured.tokens_per_s:.1f} tokens/s (benchmark)")
    return 0


def _calibration_json(cal: Calibration | None, bandwidth: float) -> dict[str, Any]:
    if cal is None:
        return {"calibrated": False, "from": [], "source": "core count and memory test only"}
    return {
        "calibrated": True,
        "from": list(cal.basis),
        "runs": cal.runs,
        "source": "benchmark runs on this machine",
        **describe(cal),
        "bandwidth_vs_read_test": cal.efficiency(bandwidth),
        "fitted": cal.fitted,
    }
