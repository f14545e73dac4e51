"""`ollama-desk bench` against the fake server (real HTTP, real sqlite, a real subprocess
without Qt), Docker beside native through the fake docker CLI, and `forecast` calibrated by
what bench stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services.bench.store import BENCH_DB, BenchStore
from tests.bench.probes import CLI_QUIET
from tests.fake_ollama import FakeOllama, default_registry, gemma3_270m
from tests.server.fake_docker import FakeDocker

ROOT = Path(__file__).resolve().parents[2]


def run_cli(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None, quiet: bool = True
) -> subprocess.CompletedProcess[str]:
    """``ollama-desk ARGS`` in a subprocess; ``quiet`` pins its CPU-load probe to an idle
    machine (the shared test machine never is)."""
    code = (
        (CLI_QUIET if quiet else "")
        + "import sys; from desktop.__main__ import main; rc = main(sys.argv[1:]); "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; "
        "sys.exit(rc)"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args, "--config-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def two_models():
    small, big = gemma3_270m(), default_registry()["llama3.1:8b"]
    with FakeOllama(installed=[big, small]) as fake:
        fake.set_speed(small.name, 86.9)
        fake.set_speed(big.name, 5.0)
        yield fake


def test_bench_measures_each_model_stores_it_and_calibrates_forecasts(tmp_path, two_models):
    r = run_cli(tmp_path, "bench", "--json", "--no-docker", "--host", two_models.url)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    speeds = {x["model"]: x["tokens_per_s"] for x in out["results"]}
    assert speeds == {"gemma3-270m:latest": pytest.approx(86.9), "llama3.1:8b": pytest.approx(5.0)}
    first = out["results"][0]
    assert first["options"] == {"seed": 42, "temperature": 0.8, "num_predict": 128}
    assert len(first["runs"]) == 3 and first["peak_memory"] > 0 and first["ollama_version"]
    assert first["first_token_s"] > 0 and first["prompt_tokens_per_s"] > 0
    stored = BenchStore(tmp_path / "data" / BENCH_DB).results()
    assert [s.model for s in stored] == ["gemma3-270m:latest", "llama3.1:8b"]  # smallest first
    assert stored[0].fingerprint == out["fingerprint"] and stored[0].bytes_per_token > 0
    # the forecast of a catalog model now rests on these two runs
    r = run_cli(tmp_path, "forecast", "gemma3:4b", "--json", "--host", two_models.url)
    assert r.returncode == 0, r.stderr
    fc = json.loads(r.stdout)
    assert fc["speed"]["calibrated"] is True
    assert fc["calibration"]["from"] == ["gemma3-270m:latest", "llama3.1:8b"]
    assert fc["calibration"]["fitted"] is True  # two sizes: bandwidth and fixed work fitted
    assert 5.0 < fc["speed"]["low"] < fc["speed"]["estimate"] < fc["speed"]["high"] < 86.9
    text = run_cli(tmp_path, "forecast", "gemma3:4b", "--host", two_models.url).stdout
    assert "calibrated on this machine's benchmarks of gemma3-270m:latest, llama3.1:8b" in text


def test_forecast_without_benchmarks_says_it_is_uncalibrated(tmp_path, dead_url):
    r = run_cli(tmp_path, "forecast", "gemma3:270m", "--host", dead_url)
    assert r.returncode == 0, r.stderr
    assert "uncalibrated estimate" in r.stdout and "ollama-desk bench" in r.stdout
    r = run_cli(tmp_path, "forecast", "gemma3:270m", "--json", "--host", dead_url)
    out = json.loads(r.stdout)
    assert out["speed"]["calibrated"] is False and out["calibration"]["from"] == []
    assert len(out["bandwidth"]["samples"]) == 5  # repeated, median taken
    assert out["bandwidth"]["bytes_per_s"] == sorted(out["bandwidth"]["samples"])[2]


def test_thread_sweep_reports_each_setting_and_the_gain(tmp_path, fake_ollama):
    fake_ollama.set_speed("gemma3-270m:latest", 80.0, {1: 70.0, 2: 88.0})
    r = run_cli(tmp_path, "bench", "--threads", "--json", "--host", fake_ollama.url)
    assert r.returncode == 0, r.stderr
    t = json.loads(r.stdout)["threads"][0]
    cores = os.cpu_count() or 1
    assert set(t["speeds"]) == {str(n) for n in range(cores + 1)}
    if cores >= 2:
        assert t["best"] == 2 and t["gain_percent"] == pytest.approx(10.0)


def test_docker_and_native_run_the_same_benchmark(tmp_path, fake_ollama):
    fake_ollama.set_speed("gemma3-270m:latest", 88.0)
    with FakeOllama() as container:
        container.set_speed("gemma3-270m:latest", 80.0)
        docker = FakeDocker(tmp_path / "fakebin")
        docker.write_state(
            {
                "engine": True,
                "ncpu": 2,
                "mem": 2**31,
                "containers": [
                    {
                        "id": "c1",
                        "image": "ollama/ollama:0.33.0",
                        "name": "ollama",
                        "running": True,
                        "bind": f"127.0.0.1:{container.port}",
                    }
                ],
            }
        )
        env = {"PATH": f"{docker.path.parent}{os.pathsep}{os.environ['PATH']}"}
        r = run_cli(tmp_path, "bench", "--host", fake_ollama.url, env=env)
        assert r.returncode == 0, r.stderr
        assert "native 88.0 (±0 %) vs Docker 80.0 (±0 %) tok/s, native +10.0 %" in r.stdout
        assert container.paths_requested().count("/api/chat") == 5  # unload, warm-up, 3 runs
        docker_line = next(ln for ln in r.stdout.splitlines() if "[docker]" in ln)
        # the container's own memory (docker stats), and no energy figure of the machine's
        assert "memory 12.5 MiB" in docker_line and "energy/answer n/a" in docker_line


def test_bench_errors(tmp_path, dead_url, fake_ollama):
    r = run_cli(tmp_path, "bench", "bad name!", "--host", dead_url)
    assert r.returncode == 2 and "invalid model name" in r.stderr
    r = run_cli(tmp_path, "bench", "--no-docker", "--host", dead_url)
    assert r.returncode == 1 and "cannot benchmark" in r.stderr
    r = run_cli(tmp_path, "bench", "nosuch:1b", "--no-docker", "--host", fake_ollama.url)
    assert r.returncode == 1 and "nosuch:1b [native]: failed" in r.stdout  # nothing measured
