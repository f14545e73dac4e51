"""The context arithmetic against the real server's recorded counts
(tests/fixtures/context-truncation/gemma3-270m.json): sizes from prompt_eval_count, the
server's dropping rule, and the judgement of an answer whose prompt was cut."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from desktop.core.api_types import GenerationStats
from desktop.core.chat.context import Entry, entry_of, learned_scale, raw_tokens, size_messages
from desktop.core.chat.context_rule import (
    MESSAGE_OVERHEAD,
    PROMPT_OVERHEAD,
    ContextNote,
    Expectation,
    Fitter,
    Sized,
    cut_limit,
    fit,
)

RECORDING = json.loads(
    (
        Path(__file__).resolve().parents[1] / "fixtures" / "context-truncation" / "gemma3-270m.json"
    ).read_text()
)
# what the recorded counts imply (see tests/fake_ollama/context.py): a 17-token system
# message, 304-token questions, 8-token answers, with Gemma's template around each
SYSTEM, QUESTION, ANSWER = 17 + MESSAGE_OVERHEAD, 304 + MESSAGE_OVERHEAD, 8 + MESSAGE_OVERHEAD


def server_drops(turn: int, window: int) -> int:
    """What the server left out at ``turn``, worked out by hand from its rule."""
    sizes = [QUESTION if i % 2 == 0 else ANSWER for i in range(2 * turn - 1)]
    total = PROMPT_OVERHEAD + SYSTEM + sum(sizes)
    dropped = 0
    while total > window:
        total -= sizes[dropped]
        dropped += 1
    return dropped


def play(run: dict[str, Any], question_raw: float = 250.0) -> list[ContextNote | None]:
    """The app's side of a recorded run: before each turn it sizes the conversation and
    sends; when the answer's counts come it judges them, and stores the note."""
    window = run["options"]["num_ctx"]
    entries: list[Entry] = []
    notes: list[ContextNote | None] = []
    scale = 1.0
    for turn in run["turns"]:
        n = len(entries)
        entries.append(Entry(n, "user", question_raw, True, "m"))
        sizing = size_messages(entries, 14.0, scale, "m")
        expect = Expectation(sizing.messages, window)
        before = Fitter(sizing.messages[:-1]).fit(window, sizing.messages[-1].tokens)
        stats = GenerationStats(
            prompt_eval_count=turn["prompt_eval_count"], eval_count=turn["eval_count"]
        )
        note = expect.judge(stats)
        notes.append(note)
        assert before.dropped == (note.dropped if note else 0), turn  # foreseen, then seen
        entries.append(Entry(n + 1, "assistant", 6.0, True, "m", stats, note))
        # as the meter does: this model's counts teach its tokens per estimated token
        scale = learned_scale(size_messages(entries, 14.0, scale, "m").samples) or scale
    return notes


@pytest.mark.parametrize("run", RECORDING["runs"], ids=lambda r: str(r["options"]["num_ctx"]))
def test_recorded_runs_are_judged_turn_by_turn(run: dict[str, Any]) -> None:
    window = run["options"]["num_ctx"]
    notes = play(run)
    for turn, note in zip(run["turns"], notes, strict=True):
        assert note is not None and note.seen == turn["prompt_eval_count"]
        assert note.dropped == server_drops(turn["turn"], window), turn
        assert not note.cut


def test_a_bad_first_estimate_is_corrected_by_the_counts() -> None:
    """Estimates 40 % off still give the server's sizes once answers came back."""
    run = RECORDING["runs"][1]  # 2048: six turns read whole
    entries: list[Entry] = []
    for turn in run["turns"][:6]:
        entries.append(Entry(len(entries), "user", 180.0, True, "m"))
        stats = GenerationStats(prompt_eval_count=turn["prompt_eval_count"], eval_count=8)
        entries.append(Entry(len(entries), "assistant", 6.0, True, "m", stats))
    sizing = size_messages(entries, 14.0, 1.0, "m")
    last = run["turns"][5]["prompt_eval_count"]
    assert sizing.total == last + ANSWER  # the whole prompt plus the answer, exactly
    assert sizing.anchor == last + ANSWER
    questions = [m.tokens for m in sizing.messages if m.role == "user"][1:]
    assert questions == [QUESTION] * 5  # each new question: the growth of the count
    assert all(m.measured for m in sizing.messages)
    # the next question of the same size is foreseen to push out the first one
    after = Fitter(sizing.messages).fit(2048, QUESTION)
    assert after.used == run["turns"][6]["prompt_eval_count"] + QUESTION
    assert after.dropped == 1
    scale = learned_scale(sizing.samples)
    assert scale is not None and 1.5 < scale < 1.8  # 304 counted for 180 estimated


def test_one_message_longer_than_the_window() -> None:
    over = RECORDING["single_message_over_context"]
    window = over["options"]["num_ctx"]
    assert cut_limit(window) == over["prompt_eval_count"] == 515
    sizing = size_messages([entry_of(0, "user", "word " * 2400)], 0.0, 1.0)
    before = Fitter(sizing.messages[:0]).fit(window, sizing.messages[0].tokens)
    assert before.cut and before.dropped == 0
    expect = Expectation(sizing.messages, window)
    note = expect.judge(GenerationStats(prompt_eval_count=over["prompt_eval_count"]))
    assert note is not None and note.cut and note.seen == 515
    # without num_ctx the default window held it whole: nothing to say
    whole = RECORDING["single_message_default_context"]
    expect = Expectation(sizing.messages, 4096)
    note = expect.judge(GenerationStats(prompt_eval_count=whole["prompt_eval_count"]))
    assert note is not None and not note.truncated


def test_growth_is_never_taken_for_a_cut() -> None:
    """Short questions, answers with reasoning, a model switch: no false alarm."""
    entries = [entry_of(0, "user", "Hello there, how are you?")]
    p = 20
    for i in range(1, 30):
        sizing = size_messages(entries, 0.0, 1.0, "m")
        expect = Expectation(sizing.messages, 4096)
        stats = GenerationStats(prompt_eval_count=p, eval_count=40)
        note = expect.judge(stats)
        assert note is not None and not note.truncated, i
        entries.append(
            entry_of(2 * i - 1, "assistant", "fine " * 30, "hmm " * 10, "m", stats, note)
        )
        entries.append(entry_of(2 * i, "user", "ok"))
        p += 30 + MESSAGE_OVERHEAD + 1 + MESSAGE_OVERHEAD  # the answer without reasoning


def test_fitter_matches_the_rule_at_every_size() -> None:
    messages = [Sized(-1, "system", 50, False)] + [
        Sized(i, "user" if i % 2 == 0 else "assistant", 10 + 7 * i, True) for i in range(40)
    ]
    fitter = Fitter(messages)
    for window in range(60, 7000, 37):
        for draft in (0, 1, 300, 5000):
            got = fitter.fit(window, draft)
            sizes = [m.tokens for m in messages] + ([draft] if draft else [])
            system = [m.role == "system" for m in messages] + ([False] if draft else [])
            kept, dropped = sum(sizes) + PROMPT_OVERHEAD, 0
            for i in range(len(sizes) - 1):
                if kept <= window:
                    break
                if not system[i]:
                    kept -= sizes[i]
                    dropped += 1
            assert (got.dropped, got.cut) == (dropped, kept >= window), (window, draft)
            assert got == fit(messages, window, draft)


def test_raw_tokens_follow_gemma_within_a_fifth() -> None:
    """Measured on gemma3:270m (Ollama 0.33): prompt_eval_count less the 9 template tokens."""
    en = (
        "The quick brown fox jumps over the lazy dog while the farmer counts his sheep in "
        "the evening light. "
    )
    ja = "東京の春はとても美しく、多くの人が桜を見に公園へ出かけます。"
    ja += "夜にはライトアップされた花も楽しめます。"
    code = "def add(a: int, b: int) -> int:\n    return a + b\n\nfor i in range(10):\n"
    code += "    print(add(i, i * 2))\n"
    for text, counted in ((en * 10, 201), (ja * 10, 290), (code * 10, 430)):
        assert abs(raw_tokens(text) - counted) <= 0.2 * counted
    assert raw_tokens("") == 0.0
    assert raw_tokens("\ud800 lone surrogate") > 0  # any str, no exception


def test_notes_round_trip_and_refuse_garbage() -> None:
    note = ContextNote(992, 1301, 1024, 1, False)
    assert ContextNote.from_json(json.loads(json.dumps(note.to_json()))) == note
    for bad in (None, [], "x", {"seen": "many"}, {"seen": 10**400}):
        assert ContextNote.from_json(bad) is None or not ContextNote.from_json(bad).truncated


def test_a_big_new_message_that_pushed_out_short_old_ones_is_recognised() -> None:
    """Seen on the real server (window 512): three short exchanges (the third prompt
    counted 119, its answer 24 tokens), then a ~485-token message; the server kept only
    that message (489). The count grew, yet six messages were dropped."""
    short = "Explain in a few sentences why a longer conversation answers more slowly."
    entries: list[Entry] = []
    counts = [23, 72, 119]
    for i, count in enumerate(counts):
        entries.append(entry_of(2 * i, "user", short))
        stats = GenerationStats(prompt_eval_count=count, eval_count=24)
        entries.append(entry_of(2 * i + 1, "assistant", "word " * 24, "", "m", stats))
    entries.append(entry_of(6, "user", "Here are my notes from the meeting, please. " * 48))
    sizing = size_messages(entries, 0.0, 1.0, "m")
    note = Expectation(sizing.messages, 512).judge(GenerationStats(prompt_eval_count=489))
    assert note is not None and note.dropped == 6 and not note.cut


def test_an_estimate_too_high_near_a_big_window_is_no_false_alarm() -> None:
    sizes = [Sized(i, "user" if i % 2 == 0 else "assistant", 350, True) for i in range(10)]
    sizes.append(Sized(10, "user", 500, False))  # estimated 500; it was 300
    seen = PROMPT_OVERHEAD + 3500 + 300
    note = Expectation(tuple(sizes), 4096).judge(GenerationStats(prompt_eval_count=seen))
    assert note is not None and not note.truncated


def test_a_very_long_text_is_estimated_from_samples_close_to_counting_it_all() -> None:
    """Past SAMPLE_OVER characters the estimate reads samples (a 30 MB answer cost the GUI
    thread 0.1 s a call): for mixed prose, code and Japanese it stays within 2 % of the
    whole count, and a text that changes half-way is seen in both halves."""
    from desktop.core.chat import context

    rng = random.Random(7)
    words = ["the", "sky", "is", "blue,", "because", "日本語の", "テキスト。", "\n", "f(x);"]
    text = " ".join(rng.choice(words) for _ in range(200_000))
    assert len(text) > context.SAMPLE_OVER
    whole = context._counted(text)
    assert abs(context.raw_tokens(text) - whole) / whole < 0.02
    halves = "a " * 300_000 + "。" * 600_000
    whole = context._counted(halves)
    assert abs(context.raw_tokens(halves) - whole) / whole < 0.05
