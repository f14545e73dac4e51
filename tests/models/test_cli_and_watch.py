"""`ollama-desk forecast` without Qt, and stall detection while lines keep coming."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.api_types import ProgressEvent
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.machine import hardware_fingerprint
from desktop.core.models.bandwidth_cache import save_bandwidth
from desktop.core.pull import PullProgress
from desktop.services.models.pull_worker import _Watch

ROOT = Path(__file__).resolve().parents[2]


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys; from desktop.__main__ import main; rc = main(sys.argv[1:]); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; "
        "sys.exit(rc)"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args, "--config-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def test_forecast_cli_json_uses_cached_bandwidth_and_no_qt(tmp_path, dead_url):
    save_bandwidth(tmp_path / "data", 20e9, hardware_fingerprint())
    r = run_cli(
        tmp_path, "forecast", "llama3.1:8b", "--context", "8192", "--json", "--host", dead_url
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["memory"]["kv_cache"] == 1 << 30
    assert out["memory"]["fit"] in ("runs_well", "tight", "wont_fit")
    assert out["bandwidth_bytes_per_s"] == 20e9
    sp = out["speed"]
    assert sp["calibrated"] is False and sp["low"] < sp["estimate"] < sp["high"]
    # an 8B Q4_K_M reads about 4.9 GB per token: at most 20 GB/s x 1.6 / 4.9 GB, plus margin
    assert sp["high"] <= 20e9 * 1.6 / sp["bytes_per_token_low"] * 1.05
    assert out["load_source"] == "rule"  # tensor types from llama.cpp's rule on its shapes
    assert out["size_source"] == "catalog"


def test_forecast_cli_text_and_errors(tmp_path, dead_url):
    save_bandwidth(tmp_path / "data", 20e9, hardware_fingerprint())
    r = run_cli(tmp_path, "forecast", "gemma3:270m", "--host", dead_url)
    assert r.returncode == 0 and "runs well" in r.stdout and "tokens/s" in r.stdout
    r = run_cli(tmp_path, "forecast", "bad name!", "--host", dead_url)
    assert r.returncode == 2 and "invalid model name" in r.stderr
    r = run_cli(tmp_path, "forecast", "nosuch:1b", "--host", dead_url)
    assert r.returncode == 1 and "not in the catalog" in r.stderr


def test_forecast_cli_for_an_installed_model_not_in_the_catalog(tmp_path, fake_ollama):
    save_bandwidth(tmp_path / "data", 20e9, hardware_fingerprint())
    r = run_cli(tmp_path, "forecast", "gemma3-270m:latest", "--json", "--host", fake_ollama.url)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["size_source"] == "installed" and out["size"] == 253_113_615


def test_stall_detected_when_lines_arrive_without_progress():
    reports: list[object] = []
    watch = _Watch(reports.append, stall_s=-1.0)  # any moment without progress is a stall
    line = ProgressEvent("pulling abc", "sha256:" + "a" * 64, 100, 10)
    watch(line, PullProgress("pulling abc", 10, 100, 1, False))
    with pytest.raises(OllamaError) as e:
        watch(line, PullProgress("pulling abc", 10, 100, 1, False))
    assert e.value.kind is ErrorKind.TIMEOUT
    relaxed = _Watch(reports.append, stall_s=3600)
    relaxed(line, PullProgress("pulling abc", 10, 100, 1, False))
    relaxed(line, PullProgress("pulling abc", 10, 100, 1, False))  # patient: no error
    assert reports
