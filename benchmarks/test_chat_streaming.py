"""Chat GUI cost budgets: run with `pytest benchmarks/test_chat_streaming.py -s`.

The chat shares two laptop cores with the model; every millisecond the GUI spends is taken
from generation. These measure and assert budgets; figures are printed with -s.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import psutil  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

import tests.chat.conftest  # noqa: E402,F401 - PySide6 6.12.0 refcount guard
from desktop.core.hosts import parse_ollama_host  # noqa: E402
from desktop.services.chat.history import ChatHistory  # noqa: E402
from desktop.services.chat.monitor import SystemMonitor  # noqa: E402
from desktop.services.ollama_service import OllamaService  # noqa: E402
from desktop.services.settings_store import SettingsStore  # noqa: E402
from desktop.services.tasks import TaskRunner  # noqa: E402
from desktop.ui.chat.chat_view import ChatView  # noqa: E402
from desktop.ui.chat.message_view import MessageWidget  # noqa: E402
from tests.chat.conftest import make_tab  # noqa: E402
from tests.fake_ollama import FakeOllama  # noqa: E402
from tests.fake_ollama.models import default_registry  # noqa: E402

# Appending the last tokens of a 6,000-token answer may cost at most this many times what
# the first tokens cost: "no growth with answer length", with room for timer noise.
APPEND_GROWTH_BUDGET = 2.0
# Same for a chat already holding 150 long messages vs an empty chat.
CHAT_LENGTH_BUDGET = 2.0
# One paint tick (append ~2 tokens, lay out, repaint) must stay far below a 40 ms frame.
TICK_BUDGET_MS = 4.0
# Main-thread CPU while streaming at 30 tok/s: a laptop core spent on the GUI is a core not
# generating. 10 % of one core leaves the model >= 95 % of a 2-core machine.
GUI_CPU_BUDGET = 0.10
# Resident memory for a 20,000-token answer on screen (about 100 KB of text): the document
# and its layout, not copies of the whole text per token.
MEMORY_BUDGET_MB = 60.0

PARAGRAPH = (
    "Local models run on **your own computer**, and on a CPU the *memory bandwidth* "
    "sets the speed of every token, so `smaller` models answer faster. "
)
CODE = "```python\ndef f(x):\n    return x * 2  # double it\n```\n"


def answer_tokens(n: int) -> list[str]:
    """A realistic mix: paragraphs with inline markup, lists, code blocks, long lines."""
    text = ""
    i = 0
    while len(text.split(" ")) < n:
        i += 1
        text += PARAGRAPH * (1 + i % 3) + "\n\n"
        if i % 4 == 0:
            text += "- point one with `code`\n- point two\n\n" + CODE + "\n"
    words = text.split(" ")
    return [w + " " for w in words[:n]]


def stream_into(
    qtbot: QtBot, w: MessageWidget, tokens: list[str], per_tick: int = 2
) -> list[float]:
    """Append like the session does (a few tokens per 40 ms tick); time each tick
    including layout and paint."""
    app = QApplication.instance()
    assert app is not None
    costs = []
    for i in range(0, len(tokens), per_tick):
        piece = "".join(tokens[i : i + per_tick])
        t0 = time.perf_counter()
        w.append(piece)
        app.processEvents()
        w.body.repaint()
        costs.append(time.perf_counter() - t0)
    return costs


def median(values: list[float]) -> float:
    s = sorted(values)
    return s[len(s) // 2]


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ChatView]:
    v = ChatView()
    qtbot.addWidget(v)
    v.resize(1100, 800)
    v.show()
    yield v


def test_append_cost_does_not_grow_with_answer(qtbot: QtBot, view: ChatView) -> None:
    w = MessageWidget("assistant", "bench", 1)
    view.add_message(w)
    costs = stream_into(qtbot, w, answer_tokens(6000))
    # "early" starts once the answer fills the window (before that, less is painted)
    early, late = median(costs[300:550]), median(costs[-250:])
    print(
        f"\nappend tick: early {early * 1000:.3f} ms, late {late * 1000:.3f} ms "
        f"(x{late / early:.2f}), doc {w.body.document().characterCount()} chars"
    )
    assert late / early < APPEND_GROWTH_BUDGET
    assert late * 1000 < TICK_BUDGET_MS


def test_append_cost_does_not_grow_with_chat_length(qtbot: QtBot, view: ChatView) -> None:
    tokens = answer_tokens(600)
    w0 = MessageWidget("assistant", "bench", 1)
    view.add_message(w0)
    empty = median(stream_into(qtbot, w0, tokens)[20:])
    view.clear_messages()
    long_text = "".join(answer_tokens(400))
    for i in range(150):
        old = MessageWidget("assistant" if i % 2 else "user", "old", i)
        old.set_text(long_text)
        view.add_message(old)
    QApplication.processEvents()
    w1 = MessageWidget("assistant", "bench", 200)
    view.add_message(w1)
    full = median(stream_into(qtbot, w1, tokens)[20:])
    print(
        f"\nappend tick: empty chat {empty * 1000:.3f} ms, "
        f"150-message chat {full * 1000:.3f} ms (x{full / empty:.2f})"
    )
    assert full / empty < CHAT_LENGTH_BUDGET


def test_memory_of_a_long_answer(qtbot: QtBot, view: ChatView) -> None:
    proc = psutil.Process()
    w = MessageWidget("assistant", "bench", 1)
    view.add_message(w)
    tokens = answer_tokens(20000)
    QApplication.processEvents()
    before = proc.memory_info().rss
    stream_into(qtbot, w, tokens, per_tick=8)
    grown = (proc.memory_info().rss - before) / 1e6
    chars = len("".join(tokens))
    print(f"\nRSS growth for 20,000 tokens ({chars / 1000:.0f} KB of text): {grown:.1f} MB")
    assert grown < MEMORY_BUDGET_MB


def test_gui_thread_cpu_while_streaming_30_tokens_per_second(qtbot: QtBot, tmp_path: Path) -> None:
    n = 150
    model = default_registry()["qwen2.5:0.5b"]
    model.answer = "".join(answer_tokens(n))
    with FakeOllama(token_delay=1 / 30) as fake:
        fake.install(model)
        runner = TaskRunner()
        service = OllamaService(runner, parse_ollama_host(fake.url))
        history = ChatHistory(runner, tmp_path / "c.db")
        monitor = SystemMonitor()
        tab = make_tab(qtbot, service, SettingsStore(tmp_path / "s.json"), history, monitor)
        tab.resize(1280, 800)
        tab.show()
        qtbot.waitUntil(lambda: "qwen2.5:0.5b" in tab.picker.models, timeout=5000)
        tab.picker.select_model("qwen2.5:0.5b")
        tab.view.composer.setPlainText("go")
        wall0, cpu0 = time.perf_counter(), time.thread_time()
        with qtbot.waitSignal(tab.session.finished, timeout=60000):
            tab.composer.send()
        wall, cpu = time.perf_counter() - wall0, time.thread_time() - cpu0
        monitor.stop()
        history.close()
        runner.shutdown()
    share = cpu / wall
    print(
        f"\nGUI thread CPU while streaming {n} tokens at 30 tok/s: {cpu * 1000:.0f} ms "
        f"over {wall:.1f} s = {share * 100:.1f} % of one core "
        f"({cpu / n * 1000:.2f} ms per token)"
    )
    assert share < GUI_CPU_BUDGET
