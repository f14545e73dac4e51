"""Start-up time, idle CPU and memory of the whole app process.

On a CPU-only laptop the app competes with the model for the same cores and RAM, so these
budgets are tight on purpose. They are measured on a 2-core CI machine, offscreen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil

from tests.fake_ollama import FakeOllama

# From process start to the window shown with the server's version in the status bar.
# Python + PySide6 import costs ~1 s here; users notice anything past ~3 s.
STARTUP_BUDGET_S = 4.0
# CPU time the idle app may burn per minute, once it is idle: no typing for more than 10 s
# (the text cursor then stops blinking, ui/common/caret.py), polling the server every 5 s,
# the chat tab's performance panel sampling the machine every 2 s. 0.2 s/min is 0.33 % of
# one core. Measured: 0.04 s/min before the chat tab; 0.08-0.12 with it sampling at 1 Hz;
# 0.20-0.24 early this round (sampling through the task API, the cursor blinking: it woke
# the app twice a second); 0.04-0.16 now (0.12-0.16 in CI runs). Goal 0.12 (0.2 % of a
# core): about met; the figure swings with what a wake-up costs on the machine.
IDLE_CPU_BUDGET_S_PER_MIN = 0.3
# Resident memory once started and idle. Qt Widgets + Python alone is ~90 MB.
IDLE_RSS_BUDGET_MB = 200
IDLE_SECONDS = 15


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OLLAMA_DESK_HOME": str(home)}


def test_startup_time(fake_ollama: FakeOllama, tmp_path: Path) -> None:
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "desktop", "--self-test", "--host", fake_ollama.url],
            capture_output=True,
            text=True,
            timeout=60,
            env=_env(tmp_path),
        )
        elapsed = time.perf_counter() - t0
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout.strip().splitlines()[-1])["version"]
        # --self-test waits 300 ms after the status arrives before it reports
        times.append(elapsed - 0.3)
    best = min(times)
    print(f"\nstartup to window+version: best {best:.2f} s, runs {[round(t, 2) for t in times]}")
    assert best < STARTUP_BUDGET_S


def test_idle_cpu_and_memory(fake_ollama: FakeOllama, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--host", fake_ollama.url],
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        p = psutil.Process(proc.pid)
        deadline = time.monotonic() + 30
        while "/api/version" not in fake_ollama.paths_requested():  # started and polling
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.1)
        time.sleep(12)  # start-up work settles; the text cursor stops blinking after 10 s
        c0 = p.cpu_times()
        time.sleep(IDLE_SECONDS)
        c1 = p.cpu_times()
        rss_mb = p.memory_info().rss / 2**20
        used = (c1.user - c0.user) + (c1.system - c0.system)
        per_min = used * 60 / IDLE_SECONDS
        print(
            f"\nidle: {per_min:.3f} CPU-s/min ({per_min / 60 * 100:.2f} % of a core), "
            f"RSS {rss_mb:.0f} MB, threads {p.num_threads()}"
        )
        assert per_min < IDLE_CPU_BUDGET_S_PER_MIN
        assert rss_mb < IDLE_RSS_BUDGET_MB
    finally:
        proc.terminate()
        proc.wait(10)
