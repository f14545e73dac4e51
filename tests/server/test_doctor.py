"""`ollama-desk doctor`: no display, no Qt, exit code says whether a server is usable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.fake_ollama import FakeOllama

ROOT = Path(__file__).resolve().parents[2]
CHECK = (
    "import sys, desktop.__main__ as m\n"
    "rc = m.main(sys.argv[1:])\n"
    "assert not any(k.startswith('PySide6') for k in sys.modules), 'Qt imported'\n"
    "sys.exit(rc)\n"
)


def _run(*args: str, home: Path, path: str = "/usr/bin:/bin") -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "OLLAMA_HOST")
    }
    env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-c", CHECK, "doctor", *args, "--config-dir", str(home)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )


def test_doctor_reports_a_server_and_hardware_without_qt(
    tmp_path: Path, fake_ollama: FakeOllama
) -> None:
    nobin = tmp_path / "nobin"  # no docker, whatever this machine has in /usr/bin
    nobin.mkdir()
    out = _run("--json", "--host", fake_ollama.url, home=tmp_path, path=str(nobin))
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["usable_server"] == fake_ollama.url
    assert report["servers"][0]["version"] == "0.33.0-rc2"
    hw = report["hardware"]
    assert hw["logical_cores"] >= hw["physical_cores"] >= 1 and hw["ram_total"] > 0
    assert set(hw["simd"]) == {"AVX2", "AVX-512", "NEON"}
    assert report["models_dir"]["free_bytes"] > 0
    assert report["docker"]["cli"] is None  # not on this PATH


def test_doctor_exit_code_is_non_zero_without_a_server(tmp_path: Path, dead_url: str) -> None:
    out = _run("--host", dead_url, home=tmp_path)
    assert out.returncode == 1
    assert "no answer (connection_refused)" in out.stdout
    assert "Install:  none found" in out.stdout and "CPU:" in out.stdout
