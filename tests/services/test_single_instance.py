"""One app per settings folder (issue 10.4): a second launch brings the first window to the
front and ends before it opens any file, so the first window's live answer is untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.app import build_app
from desktop.core.paths import resolve_paths
from desktop.services.single_instance import Claim, SingleInstance

ROOT = Path(__file__).resolve().parents[2]


# The real entry point, with sqlite3.connect recorded: a second launch must open no database.
LAUNCH = """
import sqlite3, sys
opened = []
real_connect = sqlite3.connect
sqlite3.connect = lambda *a, **k: (opened.append(str(a[0])), real_connect(*a, **k))[1]
from desktop.__main__ import main
rc = main(sys.argv[1:])
print("sqlite opened:", opened)
sys.exit(rc)
"""


def _launch(home: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OLLAMA_DESK_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-c", LAUNCH, "--host", "http://127.0.0.1:9", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_second_launch_brings_the_running_window_to_front(qtbot: QtBot, tmp_path: Path) -> None:
    home = tmp_path / "home"
    paths = resolve_paths(home).ensure()
    first = SingleInstance(paths.config_dir)
    assert first.claim() is Claim.FIRST
    desk = build_app(host="http://127.0.0.1:9", config_dir=str(home))
    qtbot.addWidget(desk.window)
    first.activated.connect(desk.window.bring_to_front)
    desk.window.showMinimized()
    with qtbot.waitSignal(first.activated, timeout=20000):
        second = _launch(home)
    out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    assert "already running" in out
    assert "sqlite opened: []" in out  # it never touched the chats (or any database)
    assert not desk.window.isMinimized()  # shown again, in front
    desk.shutdown()
    first.release()


def test_other_folders_run_side_by_side_and_a_crashed_apps_lock_is_taken_over(
    tmp_path: Path,
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    one, two = SingleInstance(a), SingleInstance(b)
    assert one.claim() is Claim.FIRST and two.claim() is Claim.FIRST
    one.release()
    two.release()
    # an app killed while it held the folder: its lock names a process that is gone
    code = (
        "import os, sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from desktop.services.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "held = SingleInstance(__import__('pathlib').Path(sys.argv[1]))\n"
        "print(held.claim().value)\n"
        "sys.stdout.flush(); os._exit(0)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(a)], cwd=ROOT, capture_output=True, text=True
    )
    assert out.stdout.strip() == "first", out.stderr
    assert (a / "instance.lock").exists()
    again = SingleInstance(a)
    assert again.claim() is Claim.FIRST
    again.release()
