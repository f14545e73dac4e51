"""Forecast against measurement on the recordings of a real Ollama server
(tests/fixtures/real-speed/sizes, README there): what the server itself measured for each
model, beside the load during every answer, and what `/api/show` said about every model
(its tensor table).

``accuracy(calibrated_on)`` calibrates from that one model's recording exactly as the app
reads its own benchmark (tensor load from /api/show and KV cache at mid-answer -> token work
-> SpeedSample with the runs' median and spread -> fit with the read-test figure taken
beside it) and forecasts every recorded model as `ollama-desk forecast` would (an installed
model: its tensor table, 4,096 tokens of context). Shared by
tests/bench/test_calibration_real.py (the criteria) and benchmarks/test_forecast_accuracy.py
(the table)."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.api_types import LocalModel, ModelShow
from desktop.core.bench.protocol import MAX_SPREAD
from desktop.core.models.calibration import SpeedSample, fit
from desktop.core.models.estimate import forecast_installed, show_load
from desktop.core.models.forecast import GIB, Architecture, MachineMemory, kv_cache_bytes
from desktop.core.models.token_work import token_work

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "real-speed"
SIZES = FIXTURES / "sizes"
SHOWS = FIXTURES / "show"
CONTEXT = 4096  # `ollama-desk forecast`'s default
# the recorded machine: 2 cores, 23.5 GiB (memory does not limit these models)
MACHINE = MachineMemory(total=24 * GIB, available=16 * GIB, cores=2, simd="x86")


@dataclass(frozen=True)
class Row:
    model: str
    quantization: str
    low: float
    high: float
    estimate: float
    measured: float  # median of the server's own figures
    calibration: bool  # the model the forecast was calibrated on

    @property
    def midpoint(self) -> float:
        return (self.low + self.high) / 2

    @property
    def error(self) -> float:
        """(midpoint - measured) / measured."""
        return self.midpoint / self.measured - 1

    @property
    def inside(self) -> bool:
        return self.low <= self.measured <= self.high


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def recordings() -> dict[str, dict[str, Any]]:
    """model -> the server's own measurement of it (the recorder's file)."""
    out = {}
    for p in sorted(SIZES.glob("*.json")):
        d = _json(p)
        if "runs" in d and "model" in d:
            out[d["model"]] = d
    return out


def quiet_runs(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The runs no other program disturbed (the recorder marks a run it kept after its
    retries ran out, or its wait for a quiet moment did, as ``disturbed``)."""
    return [r for r in rec["runs"] if not r.get("disturbed") and r["tokens_per_s"]]


def measured(rec: dict[str, Any]) -> float:
    return float(statistics.median(r["tokens_per_s"] for r in quiet_runs(rec)))


def show_of(model: str) -> ModelShow:
    name = model.replace(":", "_").replace("/", "_") + ".json"
    return ModelShow.from_json(model, _json(SHOWS / name))


def local_of(model: str, rec: dict[str, Any]) -> LocalModel:
    return LocalModel.from_json(
        {
            "name": model,
            "size": rec["model_bytes"],
            "details": {"quantization_level": rec["quantization"]},
        }
    )


def recorded_sample(model: str) -> tuple[SpeedSample, float]:
    """The server's recording of ``model`` as the app's calibration reads a benchmark of it
    (services/bench/procedure + store.calibration_samples): the tensor load from its
    /api/show, the KV cache at mid-answer, the median and spread of its runs; and the copy
    test taken beside it (the median of the figures before and after)."""
    rec = recordings()[model]
    show = show_of(model)
    load = show_load(show, rec["model_bytes"], rec["quantization"])
    arch = Architecture.from_model_info(show.model_info)
    last = quiet_runs(rec)[-1]
    mid = last["prompt_eval_count"] + last["eval_count"] // 2
    kv = kv_cache_bytes(arch, mid) if arch is not None else 0
    work = token_work(load, kv, MACHINE.simd)
    speeds = [r["tokens_per_s"] for r in quiet_runs(rec)]
    tps = statistics.median(speeds)
    sample = SpeedSample(model, work, tps, len(speeds), (max(speeds) - min(speeds)) / tps)
    copy = statistics.median(b["median_gbs"] for b in rec["bandwidth"]) * 1e9
    return sample, copy


def calibrated_models() -> list[str]:
    """Models recorded steadily enough for the app to calibrate on (runs within MAX_SPREAD
    of each other: a wider spread would not calibrate in the app either)."""
    out = []
    for model, rec in recordings().items():
        speeds = [r["tokens_per_s"] for r in quiet_runs(rec)]
        if len(speeds) >= 3 and (max(speeds) - min(speeds)) / statistics.median(speeds) <= (
            MAX_SPREAD
        ):
            out.append(model)
    return out


def accuracy(calibrated_on: str) -> list[Row]:
    """Calibrate on ``calibrated_on`` (its app benchmark), forecast every recorded model."""
    sample, copy = recorded_sample(calibrated_on)
    cal = fit([sample], copy, MACHINE.cores)
    assert cal is not None
    rows = []
    for model, rec in recordings().items():
        fc = forecast_installed(
            local_of(model, rec), show_of(model), MACHINE, copy, CONTEXT, calibration=cal
        )
        sp = fc.speed
        assert sp is not None and sp.calibrated
        rows.append(
            Row(
                model,
                rec["quantization"],
                sp.low,
                sp.high,
                sp.estimate,
                measured(rec),
                model == calibrated_on,
            )
        )
    return rows


def table(rows: list[Row], calibrated_on: str) -> str:
    lines = [
        f"calibrated on {calibrated_on} (its recording, as the app reads a benchmark), "
        f"context {CONTEXT}",
        f"{'model':24s} {'quant':7s} {'forecast':>13s} {'about':>6s} {'measured':>9s}"
        f" {'midpoint err':>12s} {'inside':>6s}",
    ]
    for r in rows:
        mark = " (calibration)" if r.calibration else ""
        lines.append(
            f"{r.model:24s} {r.quantization:7s} {r.low:6.1f}-{r.high:<6.1f} {r.estimate:6.1f}"
            f" {r.measured:9.1f} {r.error * 100:+11.1f}% {'yes' if r.inside else 'NO':>6s}{mark}"
        )
    return "\n".join(lines)
