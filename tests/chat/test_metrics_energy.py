"""Speed, time to first token, energy and export maths (no Qt)."""

from __future__ import annotations

import json

import pytest

from desktop.core.api_types import GenerationStats
from desktop.core.chat import export
from desktop.core.chat.conversation import (
    ChatParams,
    Conversation,
    Energy,
    Message,
    MessageStatus,
    api_messages,
    title_from,
)
from desktop.core.chat.energy import (
    RaplZone,
    co2_grams,
    cpu_seconds_delta,
    estimate_joules,
    joules_per_token,
    rapl_delta_joules,
    watt_hours,
)
from desktop.core.chat.metrics import FinalStats, LiveMeter, Series, swap_grew
from desktop.core.chat.processes import is_runner, is_server
from tests.fake_ollama.models import load_fixture


def test_live_rate_counts_from_the_first_token() -> None:
    m = LiveMeter(started=10.0)
    assert m.snapshot(10.5).tokens_per_second is None
    m.add(1, 11.0)  # first token after 1 s (model load)
    for i in range(1, 21):
        m.add(1, 11.0 + i * 0.05)  # 20 tok/s afterwards
    live = m.snapshot(12.0)
    assert live.ttft_s == pytest.approx(1.0)
    assert live.tokens == 21
    assert live.tokens_per_second == pytest.approx(20.0)


def test_final_stats_from_recorded_nanoseconds() -> None:
    final = load_fixture("chat_stream.ndjson")[-1]
    stats = FinalStats.from_stats(GenerationStats.from_json(final))
    assert stats.tokens == 200
    assert stats.tokens_per_second == pytest.approx(200 / 3.386743, rel=1e-6)  # 59.05
    assert stats.prompt_tokens_per_second == pytest.approx(18 / 0.08835, rel=1e-6)
    assert stats.load_s == pytest.approx(0.00123172)
    assert stats.done_reason == "length"


def test_absent_fields_are_unknown_not_zero() -> None:
    stats = FinalStats.from_stats(GenerationStats.from_json(load_fixture("preload.json")))
    assert stats.tokens_per_second is None and stats.load_s is None


def test_rapl_delta_handles_wrap_and_estimate() -> None:
    before = {"intel-rapl:0": RaplZone(900_000_000, 1_000_000_000)}
    after = {"intel-rapl:0": RaplZone(100_000_000, 1_000_000_000)}
    assert rapl_delta_joules(before, after) == pytest.approx(200.0)
    assert cpu_seconds_delta({1: 5.0, 2: 1.0}, {1: 7.5, 3: 0.5}) == pytest.approx(3.0)
    j = estimate_joules(3.0, 5.0)
    assert j == 15.0
    assert watt_hours(3600.0) == 1.0
    assert joules_per_token(15.0, 30) == 0.5 and joules_per_token(1.0, 0) is None
    assert co2_grams(3_600_000.0, 400.0) == pytest.approx(400.0)


def test_swap_warning_threshold() -> None:
    assert not swap_grew(100, 100 + 1024)
    assert swap_grew(0, 512 * 1024 * 1024)


def test_series_ring() -> None:
    s = Series(3)
    for v in (1.0, None, 5.0, 2.0):
        s.push(v)
    assert list(s) == [None, 5.0, 2.0] and s.peak() == 5.0 and s.latest() == 2.0


def test_process_recognition_across_versions() -> None:
    assert is_server("ollama", ["/usr/local/bin/ollama", "serve"])
    assert is_server("ollama.exe", ["C:\\Ollama\\ollama.exe", "serve"])
    assert not is_server("ollama", ["ollama", "run", "x"])
    assert is_runner("llama-server", ["/usr/local/lib/ollama/llama-server", "--model", "b"])
    assert is_runner("ollama", ["/usr/bin/ollama", "runner", "--model", "b"])
    assert is_runner("ollama_llama_se", ["/tmp/ollama123/runners/ollama_llama_server"])
    assert not is_runner("ollama", ["/usr/bin/ollama", "serve"])


def test_params_to_options_leave_defaults_out() -> None:
    assert ChatParams().to_options() == {"temperature": 0.8}
    p = ChatParams(temperature=0.2, num_ctx=8192, num_thread=4, seed=7, num_predict=64)
    assert p.to_options() == {
        "temperature": 0.2,
        "num_ctx": 8192,
        "num_thread": 4,
        "seed": 7,
        "num_predict": 64,
    }
    assert ChatParams.from_json({"num_ctx": "bad", "seed": 3}) == ChatParams(seed=3)


def _msg(pos: int, role: str, content: str, **kw: object) -> Message:
    return Message(id=pos + 1, conversation_id=1, position=pos, role=role, content=content, **kw)  # type: ignore[arg-type]


def test_api_messages_skip_failed_turns_and_thoughts() -> None:
    history = [
        _msg(0, "user", "hi"),
        _msg(1, "assistant", "", status=MessageStatus.ERROR),
        _msg(2, "user", "again"),
        _msg(3, "assistant", "hello", thinking="hmm"),
    ]
    assert api_messages("Be brief.", history) == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "hi"},
        {"role": "user", "content": "again"},
        {"role": "assistant", "content": "hello"},
    ]
    assert title_from("\n  What is a GGUF file and why does it matter so much to me?") == (
        "What is a GGUF file and why does it matter so m…"
    )


def test_export_markdown_and_json() -> None:
    conv = Conversation(1, "日本語のチャット", model="qwen3:0.6b", system_prompt="Be brief.")
    msgs = [
        _msg(0, "user", "こんにちは"),
        _msg(
            1,
            "assistant",
            "やあ",
            thinking="考え中",
            model="qwen3:0.6b",
            stats=GenerationStats(eval_count=2, eval_duration=10**9),
            energy=Energy(1.5, "estimate"),
            status=MessageStatus.STOPPED,
        ),
    ]
    md = export.to_markdown(conv, msgs)
    assert md.startswith("# 日本語のチャット") and "## You" in md and "やあ" in md
    assert "*(stopped)*" in md and "考え中" in md
    doc = json.loads(export.to_json(conv, msgs))
    assert doc["messages"][1]["stats"]["eval_count"] == 2
    assert doc["messages"][1]["energy"] == {"joules": 1.5, "source": "estimate"}
    assert doc["messages"][1]["status"] == "stopped"
