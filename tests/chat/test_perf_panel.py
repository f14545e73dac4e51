"""The figures panel: names from the OS are plain text, and a line too long for its fixed
width is cut with "…" and shown whole in the tooltip (Japanese is longer)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.chat.processes import MachineSample, ProcStat
from desktop.ui.chat.perf_panel import PerfPanel


def sample(server_name: str) -> MachineSample:
    server = ProcStat(pid=4242, name=server_name, cpu_percent=1.0, rss=1 << 20, cpu_seconds=1)
    return MachineSample(1.0, 10.0, 1 << 30, 8 << 30, 0, 0, server, ())


def test_a_long_value_is_cut_and_shown_whole_in_its_tooltip(qtbot: QtBot) -> None:
    panel = PerfPanel()
    qtbot.addWidget(panel)
    panel.push_sample(sample("ollama"))
    assert panel.server.text() == "ollama (4242)" and panel.server.toolTip() == ""
    name = "<b>ollama</b>-" + "x" * 80  # markup from a process name stays text
    panel.push_sample(sample(name))
    shown = panel.server.text()
    assert shown.endswith("…") and len(shown) < len(name)
    assert panel.server.fontMetrics().horizontalAdvance(shown) <= panel.server.width()
    assert panel.server.toolTip() == "<p>&lt;b&gt;ollama&lt;/b&gt;-" + "x" * 80 + " (4242)</p>"
    assert panel.server.textFormat() == panel.server.textFormat().PlainText
    panel.push_sample(sample("ollama"))  # fits again: no stale tooltip
    assert panel.server.toolTip() == ""
