"""Contract: the context-window arithmetic the app builds on, against the fake server (always)
and a real Ollama when OLLAMA_TEST_HOST is set (OLLAMA_TEST_MODEL, default gemma3:270m;
OLLAMA_TEST_CONTEXT_LENGTH when that server was started with OLLAMA_CONTEXT_LENGTH):

- a follow-up turn's prompt_eval_count is the whole prompt, cached part included;
- too long a conversation loses its oldest messages, never the system message, and the
  count is what was kept, which the app foresees and then recognises;
- one message longer than the window is cut to num_ctx - (num_ctx - 5) // 2 tokens;
- without num_ctx the window is the server's default for its version.

Small windows and short texts: a real server on a loaded CPU reads ~100 tokens a second.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from desktop.core.api_types import ChatResult
from desktop.core.chat.context import Entry, entry_of, size_messages
from desktop.core.chat.context_rule import Expectation, Fitter, cut_limit
from desktop.core.chat.context_window import ollama_default_context
from desktop.core.hosts import parse_ollama_host
from desktop.services.api_client import OllamaApi
from tests.fake_ollama import FakeOllama

WORDS = [
    "the",
    "cat",
    "sat",
    "on",
    "a",
    "warm",
    "mat",
    "and",
    "read",
    "maps",
    "of",
    "old",
    "towns",
    "by",
    "the",
    "sea",
]
WINDOW = 512
OPTIONS = {"num_predict": 4, "temperature": 0, "seed": 1}


def words(n: int, seed: int = 0) -> str:
    return " ".join(WORDS[(i + seed) % len(WORDS)] for i in range(n))


@pytest.fixture(params=["fake", "real"])
def target(request: pytest.FixtureRequest) -> Iterator[tuple[OllamaApi, str, str]]:
    """(client, model, kind)"""
    if request.param == "fake":
        with FakeOllama() as fake:
            api = OllamaApi(fake.url, timeout=30, stream_timeout=300)
            yield api, "gemma3-270m", "fake"
            api.close()
        return
    host = os.environ.get("OLLAMA_TEST_HOST")
    if not host:
        pytest.skip("OLLAMA_TEST_HOST not set: no real Ollama server to check against")
    api = OllamaApi(parse_ollama_host(host).base_url, timeout=30, stream_timeout=900)
    yield api, os.environ.get("OLLAMA_TEST_MODEL", "gemma3:270m"), "real"
    api.close()


def ask(api: OllamaApi, model: str, messages: list[dict[str, str]], **options: Any) -> ChatResult:
    return api.chat(model, messages, options={**OPTIONS, **options})


def test_a_follow_up_counts_the_whole_prompt(target: tuple[OllamaApi, str, str]) -> None:
    api, model, _kind = target
    first = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": words(60)}]
    r1 = ask(api, model, first, num_ctx=WINDOW)
    follow = [*first, {"role": "assistant", "content": r1.content}]
    follow.append({"role": "user", "content": words(60, 3)})
    r2 = ask(api, model, follow, num_ctx=WINDOW)
    again = ask(api, model, follow, num_ctx=WINDOW)  # all of it in the prompt cache now
    p1, p2 = r1.stats.prompt_eval_count, r2.stats.prompt_eval_count
    assert p2 > p1 + r1.stats.eval_count + 50  # not only the new tokens
    assert again.stats.prompt_eval_count == p2
    # the app reads the sizes from these counts: the whole conversation, exactly
    entries = [
        entry_of(0, "user", first[1]["content"]),
        entry_of(1, "assistant", r1.content, "", model, r1.stats),
        entry_of(2, "user", follow[3]["content"]),
        entry_of(3, "assistant", r2.content, "", model, r2.stats),
    ]
    before = size_messages(entries[:3], 3.0, 1.0, model)
    assert before.anchor is not None
    whole = size_messages(entries, 3.0, 1.0, model)
    assert whole.messages[-2].tokens == p2 - before.anchor  # the question: the growth
    assert whole.messages[-2].measured
    assert whole.total == p2 + whole.messages[-1].tokens


def play(api: OllamaApi, model: str, turns: int) -> tuple[list[dict[str, str]], list[Any]]:
    """A conversation that outgrows WINDOW, sized and judged by the app as it goes."""
    messages = [{"role": "system", "content": "Answer in one word. " + words(40, 7)}]
    entries: list[Entry] = []
    notes: list[Any] = []
    for turn in range(turns):
        messages.append({"role": "user", "content": words(110, turn)})
        entries.append(entry_of(len(entries), "user", messages[-1]["content"]))
        sizing = size_messages(entries, 45.0, 1.0, model)
        expect = Expectation(sizing.messages, WINDOW)
        foreseen = Fitter(sizing.messages[:-1]).fit(WINDOW, sizing.messages[-1].tokens)
        result = ask(api, model, messages, num_ctx=WINDOW)
        note = expect.judge(result.stats)
        notes.append((foreseen, note, result.stats.prompt_eval_count))
        messages.append({"role": "assistant", "content": result.content})
        entries.append(
            entry_of(len(entries), "assistant", result.content, "", model, result.stats, note)
        )
    return messages, notes


def test_the_oldest_messages_go_the_system_message_stays(
    target: tuple[OllamaApi, str, str],
) -> None:
    api, model, _kind = target
    messages, notes = play(api, model, 5)
    counts = [seen for _f, _n, seen in notes]
    assert counts[0] < counts[1] < counts[2]  # it climbs while everything fits
    assert max(counts) <= WINDOW  # then stays within the window: something was left out
    flagged = [n.truncated for _f, n, _s in notes]
    assert flagged[:2] == [False, False] and flagged[-1] is True
    foreseen, note, seen = notes[-1]
    assert foreseen.dropped >= 1 and note.dropped >= 1
    # what the server kept is the system message and the newest messages: sent on their
    # own, they count exactly what it reported (and without the system message, less)
    sent = messages[:-1]  # the last request: without its answer
    for dropped in range(1, len(sent) - 1):
        kept = [sent[0], *sent[1 + dropped :]]
        if ask(api, model, kept, num_ctx=4 * WINDOW).stats.prompt_eval_count == seen:
            break
    else:
        pytest.fail("no run of the newest messages with the system message counts as seen")
    alone = ask(api, model, sent[1 + dropped :], num_ctx=4 * WINDOW).stats.prompt_eval_count
    assert alone < seen
    assert abs(note.dropped - dropped) <= 1  # the app's reading of it (sizes partly estimated)


def test_a_message_longer_than_the_window_is_cut_to_about_half(
    target: tuple[OllamaApi, str, str],
) -> None:
    api, model, _kind = target
    long = [{"role": "user", "content": words(3 * WINDOW)}]
    result = ask(api, model, long, num_ctx=WINDOW)
    assert result.stats.prompt_eval_count == cut_limit(WINDOW)
    sizing = size_messages([entry_of(0, "user", long[0]["content"])], 0.0, 1.0, model)
    note = Expectation(sizing.messages, WINDOW).judge(result.stats)
    assert note is not None and note.cut


def test_without_num_ctx_the_window_is_the_servers_default(
    target: tuple[OllamaApi, str, str],
) -> None:
    api, model, kind = target
    expected = ollama_default_context(api.version())
    if kind == "real" and os.environ.get("OLLAMA_TEST_CONTEXT_LENGTH"):
        expected = int(os.environ["OLLAMA_TEST_CONTEXT_LENGTH"])
    trained = api.show(model).arch_value("context_length")
    if isinstance(trained, int) and 0 < trained < expected:
        expected = trained
    ask(api, model, [{"role": "user", "content": "hi"}])
    running = {r.name.removesuffix(":latest"): r for r in api.running_models()}
    assert running[model.removesuffix(":latest")].context_length == expected
