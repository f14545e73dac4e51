"""Forecast against measurement on the recordings of a real Ollama server
(tests/fixtures/real-speed/sizes, README there): what the server itself measured for each
model, what the app's own benchmark (`ollama-desk bench MODEL --json`) stored for the model
it was calibrated on, and what `/api/show` said about every model (its tensor table).

``accuracy(calibrated_on)`` calibrates from that one model exactly as the app does (its
stored benchmark result -> SpeedSample -> fit with the copy-test figure taken beside it) and
forecasts every recorded model as `ollama-desk forecast` would (an installed model: its
tensor table, 4,096 tokens of context). Shared by tests/bench/test_calibration_real.py
(the criteria) and benchmarks/test_forecast_accuracy.py (the table)."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.api_types import LocalModel, ModelShow
from desktop.core.models.calibration import SpeedSample, fit
from desktop.core.models.estimate import forecast_installed
from desktop.core.models.forecast import GIB, MachineMemory
from desktop.core.models.tensor_mix import TokenLoad
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


def measured(rec: dict[str, Any]) -> float:
    return float(statistics.median(r["tokens_per_s"] for r in rec["runs"]))


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


def app_bench(model: str) -> tuple[SpeedSample, float]:
    """The app's own benchmark of ``model`` (ollama-desk bench --json) as the calibration
    reads it, and the copy-test figure `ollama-desk forecast` used beside it."""
    stem = model.replace(":", "-").replace("/", "_")
    bench = _json(SIZES / "app-bench" / f"{stem}.bench.json")
    forecast = _json(SIZES / "app-bench" / f"{stem}.forecast.json")
    r = bench["results"][0]
    load = TokenLoad.from_json(r["token_load"])
    assert load is not None, "the stored benchmark lacks its token load"
    work = token_work(load, r["kv_bytes"], MACHINE.simd)
    sample = SpeedSample(r["model"], work, r["tokens_per_s"], len(r["runs"]), r["spread"])
    return sample, float(forecast["bandwidth"]["bytes_per_s"])


def calibrated_models() -> list[str]:
    """Models with an app benchmark recorded (the ones a forecast can be calibrated on)."""
    return sorted(
        p.name.removesuffix(".bench.json") for p in (SIZES / "app-bench").glob("*.bench.json")
    )


def accuracy(calibrated_on: str) -> list[Row]:
    """Calibrate on ``calibrated_on`` (its app benchmark), forecast every recorded model."""
    sample, copy = app_bench(calibrated_on)
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
                model.replace(":", "-") == calibrated_on,
            )
        )
    return rows


def table(rows: list[Row], calibrated_on: str) -> str:
    lines = [
        f"calibrated on {calibrated_on} (the app's own benchmark), context {CONTEXT}",
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
