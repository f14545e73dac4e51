"""The fake server fills and overflows the context window exactly as the real one did in
the recording (tests/fixtures/context-truncation/gemma3-270m.json): the same conversation
gives the same prompt_eval_count turn by turn, the oldest messages go first, the system
message stays, a message longer than the window alone is cut to about half of it, and
nothing in the answer says so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fake_ollama import FakeOllama
from tests.fake_ollama.context import count_tokens

RECORDING = json.loads(
    (
        Path(__file__).resolve().parent.parent
        / "fixtures"
        / "context-truncation"
        / "gemma3-270m.json"
    ).read_text()
)
MODEL = "gemma3-270m"
WORDS = ("the", "cat", "sat", "on", "a", "warm", "mat", "and", "read", "maps", "of", "old", "towns")
# the sizes the recorded counts imply with Gemma 3's template (see fake_ollama/context.py)
SYSTEM_TOKENS, QUESTION_TOKENS = 17, 304


def text_of(tokens: int, seed: int = 0) -> str:
    """Plain words of at most five letters: one fake token each."""
    words = [WORDS[(i + seed) % len(WORDS)] for i in range(tokens)]
    return " ".join(words)


@pytest.fixture
def fake() -> Any:
    with FakeOllama() as f:
        f.state.installed[MODEL + ":latest"].answer = "Yes. I read it all and here is what I think."
        yield f


def ask(client: httpx.Client, messages: list[dict[str, str]], options: dict[str, Any]) -> Any:
    r = client.post(
        "/api/chat",
        json={"model": MODEL, "messages": messages, "options": options, "stream": False},
    )
    assert r.status_code == 200
    return r.json()


@pytest.mark.parametrize(
    "run", RECORDING["runs"], ids=lambda r: f"num_ctx={r['options']['num_ctx']}"
)
def test_a_growing_conversation_counts_as_recorded(fake: FakeOllama, run: dict[str, Any]) -> None:
    assert count_tokens(text_of(QUESTION_TOKENS)) == QUESTION_TOKENS
    messages = [{"role": "system", "content": text_of(SYSTEM_TOKENS, 5)}]
    with httpx.Client(base_url=fake.url, timeout=10) as client:
        for turn in run["turns"]:
            messages.append({"role": "user", "content": text_of(QUESTION_TOKENS, turn["turn"])})
            assert len(messages) == turn["messages_sent"]
            reply = ask(client, messages, run["options"])
            assert reply["prompt_eval_count"] == turn["prompt_eval_count"], turn
            assert reply["eval_count"] == turn["eval_count"]
            assert reply["done_reason"] == turn["done_reason"]  # nothing says what was lost
            assert set(reply) == {
                "model",
                "created_at",
                "message",
                "done",
                "done_reason",
                "total_duration",
                "load_duration",
                "prompt_eval_count",
                "prompt_eval_duration",
                "eval_count",
                "eval_duration",
            }
            messages.append(reply["message"])


def test_the_plateau_is_the_system_message_plus_the_newest_turns(fake: FakeOllama) -> None:
    """After the window fills, the count stays at what the newest messages and the system
    message need: the oldest ones were dropped, the system one was not."""
    options = {"num_ctx": 1024, "num_predict": 8}
    with httpx.Client(base_url=fake.url, timeout=10) as client:
        long_system = [{"role": "system", "content": text_of(400)}]
        reply = ask(client, [*long_system, {"role": "user", "content": text_of(100)}], options)
        assert reply["prompt_eval_count"] == 4 + 405 + 105
        many = [{"role": "user", "content": text_of(100, i)} for i in range(10)]
        reply = ask(client, [*long_system, *many], options)
        # the system message (405) and as many of the newest 105-token turns as fit
        assert reply["prompt_eval_count"] == 4 + 405 + 5 * 105


def test_one_message_longer_than_the_window_is_cut_to_about_half(fake: FakeOllama) -> None:
    over = RECORDING["single_message_over_context"]
    whole = RECORDING["single_message_default_context"]
    with httpx.Client(base_url=fake.url, timeout=10) as client:
        message = [{"role": "user", "content": text_of(2400)}]
        reply = ask(client, message, {**over["options"], "num_predict": 8})
        assert reply["prompt_eval_count"] == over["prompt_eval_count"] == 515
        assert reply["done_reason"] == over["done_reason"]
        # without num_ctx the server's default window (4096 on a CPU) holds it whole
        reply = ask(client, message, {"num_predict": 8})
        assert reply["prompt_eval_count"] == whole["prompt_eval_count"] == 2409
        ps = client.get("/api/ps").json()["models"][0]
        assert ps["context_length"] == 4096


def test_the_window_never_exceeds_the_trained_length(fake: FakeOllama) -> None:
    trained = RECORDING["show_context_length"]
    with httpx.Client(base_url=fake.url, timeout=10) as client:
        show = client.post("/api/show", json={"model": MODEL}).json()
        assert show["model_info"]["gemma3.context_length"] == trained
        ask(client, [{"role": "user", "content": "hi"}], {"num_ctx": 4 * trained})
        assert client.get("/api/ps").json()["models"][0]["context_length"] == trained
