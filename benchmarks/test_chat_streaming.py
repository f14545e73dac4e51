"""What streaming an answer costs the whole app process: `pytest benchmarks -s`.

The chat shares two laptop cores with the model; every cycle the app burns is taken from
generation. The server runs in a process of its own (benchmarks/pacer.py) and streams on an
exact schedule; the app's CPU is the whole process (all threads: HTTP worker, session,
GUI, monitor); the yardstick is a bare httpx client reading the same stream in the same run.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

import tests.chat.conftest  # noqa: E402,F401 - PySide6 refcount guard
from benchmarks.pacer import MODEL, bare_client_cpu, paced_server  # noqa: E402
from desktop.core.hosts import parse_ollama_host  # noqa: E402
from desktop.services.chat.history import ChatHistory  # noqa: E402
from desktop.services.chat.monitor import SystemMonitor  # noqa: E402
from desktop.services.ollama_service import OllamaService  # noqa: E402
from desktop.services.settings_store import SettingsStore  # noqa: E402
from desktop.services.tasks import TaskRunner  # noqa: E402
from desktop.ui.chat import ChatTab  # noqa: E402
from desktop.ui.common.caret import CaretRest  # noqa: E402
from tests.chat.conftest import make_tab as make_chat_tab  # noqa: E402

# Budgets are guards at what this build measures on the 2-core CI machine, with room for its
# noise; issue 13's goals are in the comments. The app runs with its own look (Fusion, its
# palette and style sheet: benchmarks/conftest.py) and its cursor rests once a question is
# sent, as in the app. The worker reads the stream in batches (services/batching.py) and
# the window shows each batch once, so at 50 tok/s the app wakes five times a second, not 50.
# Whole-process CPU while an answer streams at 50 tok/s, as a share of one core: the median
# of three answers. Measured 1.71-1.92 % on the shared machine (h11 for the head, the
# stream's chunks by chunked.py); the main branch's hand-written reader 1.84-1.91 % in the
# same interleaved runs; h11 for every chunk too: 1.84-2.05 %, median 1.96 % over 8 runs,
# which is why chunked.py exists. Earlier: 5.2-6.1 % before batching, 2.4-3.3 % before code
# blocks were written into the prose. Goal 2 %: met. Of ~135 ms over the 7.3 s: the GUI
# thread ~100 (laying out and painting the text, the answer's start and end), the network
# thread ~16 (h11 per chunk ~23, httpx ~27), history and monitor ~8.
CPU_SHARE_50_BUDGET = 0.035
ANSWERS_50 = 3
# CPU per token of the whole app vs a bare httpx client reading the same stream (which
# wakes for every token). Goal 3x. At 50 tok/s measured 1.26-1.45x: met.
CPU_PER_TOKEN_RATIO_50_BUDGET = 3.0
# At full speed (~5,000-19,000 tok/s, 3,600 tokens with 60 code blocks), counting the
# rendering that follows the last token, measured 1.0-1.9x (2.3-5.9x while every code block
# was a text view of its own). Goal 3x: met.
CPU_PER_TOKEN_RATIO_FULL_BUDGET = 4.0
# Longest GUI-thread stall (a frame is 16 ms at 60 Hz). At 50 tok/s measured 7-20 ms
# (goal 16: met on a quiet machine, not under load); at full speed 18-20 ms (goal 33: met).
# The guards catch a freeze, not the goal.
STALL_50_BUDGET_MS = 60.0
STALL_FULL_BUDGET_MS = 100.0


class Heartbeat:
    """A 4 ms timer on the GUI thread: the longest gap between its ticks is the longest
    time the GUI could not react (a stall), less the interval."""

    def __init__(self) -> None:
        self.worst_ms = 0.0
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(4)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return self.worst_ms

    def _tick(self) -> None:
        gap = self._clock.nsecsElapsed() / 1e6
        self._clock.restart()
        self.worst_ms = max(self.worst_ms, gap - 4)


@dataclass
class Run:
    cpu_s: float
    wall_s: float
    tokens: int
    stall_ms: float


@pytest.fixture
def make_tab(qtbot: QtBot, tmp_path: Path) -> Iterator[object]:
    made: list[tuple[ChatTab, TaskRunner, OllamaService]] = []

    def make(url: str) -> ChatTab:
        runner = TaskRunner()
        service = OllamaService(runner, parse_ollama_host(url))
        history = ChatHistory(runner, tmp_path / f"c{len(made)}.db")
        monitor = SystemMonitor(runner=runner)
        settings = SettingsStore(tmp_path / "s.json")
        settings.set("chat_num_predict", -1)  # no cap: the paced answer runs to its end
        tab = make_chat_tab(qtbot, service, settings, history, monitor)
        tab.attach_caret(CaretRest(tab))  # as the app does
        tab.resize(1280, 800)
        tab.show()
        qtbot.waitUntil(lambda: MODEL in tab.picker.models, timeout=10000)
        tab.picker.select_model(MODEL)
        made.append((tab, runner, service))
        return tab

    yield make
    for tab, runner, service in made:
        tab.services.shutdown()
        runner.shutdown()
        service.api.close()


def stream_once(qtbot: QtBot, tab: ChatTab, heartbeat: bool) -> Run:
    beat = Heartbeat()
    qtbot.wait(300)  # start-up work (model list, first samples) settles
    tab.view.composer.setPlainText("go")
    c0 = time.process_time()  # every thread of this process, in ns (psutil: 10 ms ticks)
    t0 = time.perf_counter()
    if heartbeat:
        beat.start()
    with qtbot.waitSignal(tab.session.finished, timeout=300000) as sig:
        tab.composer.send()
    # a burst is shown over a few turns of the event loop: count that work too
    t = tab.view.transcript
    answer = t.widget_at(t.row_count() - 1)
    assert answer is not None
    qtbot.waitUntil(lambda: not answer.body.pending, timeout=60000)
    stall = beat.stop() if heartbeat else 0.0
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return Run(cpu, wall, sig.args[0].tokens_received, stall)


def test_cpu_and_stall_at_50_tokens_per_second(qtbot: QtBot, make_tab: object) -> None:
    n = 300
    with paced_server(50, n) as url:
        tab = make_tab(url)  # type: ignore[operator]
        # one answer is a noisy sample (+-10 % on the CI machine): the median of three
        # answers in one tab, the first of them in a fresh tab, each start to end
        runs = sorted(
            (stream_once(qtbot, tab, heartbeat=False) for _ in range(ANSWERS_50)),
            key=lambda r: r.cpu_s / r.wall_s,
        )
        stalled = stream_once(qtbot, tab, heartbeat=True)
        bare = bare_client_cpu(url)
    app = runs[len(runs) // 2]
    share = app.cpu_s / app.wall_s
    ratio = (app.cpu_s / app.tokens) / (bare["cpu"] / bare["lines"])
    shares = ", ".join(f"{r.cpu_s / r.wall_s * 100:.2f}" for r in runs)
    print(
        f"\n50 tok/s, {app.tokens} tokens over {app.wall_s:.1f} s: whole process "
        f"{app.cpu_s * 1000:.0f} ms CPU = {share * 100:.2f} % of a core (median of "
        f"{shares} %); "
        f"{app.cpu_s / app.tokens * 1000:.3f} ms/token vs bare httpx "
        f"{bare['cpu'] / bare['lines'] * 1000:.3f} ms/token = x{ratio:.2f}; "
        f"worst GUI stall {stalled.stall_ms:.1f} ms"
    )
    assert share <= CPU_SHARE_50_BUDGET
    assert ratio <= CPU_PER_TOKEN_RATIO_50_BUDGET
    assert stalled.stall_ms <= STALL_50_BUDGET_MS


def test_cpu_per_token_and_stall_at_full_speed(qtbot: QtBot, make_tab: object) -> None:
    n = 3000
    with paced_server(0, n) as url:
        tab = make_tab(url)  # type: ignore[operator]
        app = stream_once(qtbot, tab, heartbeat=True)
        bare = bare_client_cpu(url)
    ratio = (app.cpu_s / app.tokens) / (bare["cpu"] / bare["lines"])
    print(
        f"\nfull speed, {app.tokens} tokens in {app.wall_s:.2f} s "
        f"({app.tokens / app.wall_s:.0f} tok/s; bare client {bare['lines'] / bare['wall']:.0f}"
        f" lines/s): {app.cpu_s / app.tokens * 1000:.3f} ms/token vs bare "
        f"{bare['cpu'] / bare['lines'] * 1000:.3f} = x{ratio:.2f}; "
        f"worst GUI stall {app.stall_ms:.1f} ms"
    )
    assert app.stall_ms <= STALL_FULL_BUDGET_MS
    assert ratio <= CPU_PER_TOKEN_RATIO_FULL_BUDGET
