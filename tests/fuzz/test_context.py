"""The context arithmetic on anything (fuzz suite): any text has an estimate, any stored
note is a note or nothing, any conversation and count is judged without an exception, and
the Fitter's lookup agrees with the server's rule applied one message at a time."""

from __future__ import annotations

import json
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.api_types import GenerationStats
from desktop.core.chat.context import entry_of, raw_tokens, size_messages
from desktop.core.chat.context_rule import PROMPT_OVERHEAD, ContextNote, Expectation, Fitter, Sized

CASE_SECONDS = 0.05
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=20,
)
NOTE_KEYS = st.dictionaries(
    st.sampled_from(("seen", "sent", "window", "dropped", "cut")),
    st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.floats(),
)
SIZED = st.lists(
    st.builds(
        Sized,
        st.integers(-1, 10_000),
        st.sampled_from(("system", "user", "assistant")),
        st.integers(1, 5000),
        st.booleans(),
    ),
    max_size=40,
)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_has_a_linear_estimate(text: str) -> None:
    start = time.perf_counter()
    raw = raw_tokens(text)
    assert time.perf_counter() - start < CASE_SECONDS
    assert 0.0 <= raw <= 2 * len(text) + 1


@settings(max_examples=1000, deadline=None)
@given(JSON | NOTE_KEYS)
def test_any_stored_note_is_a_note_or_nothing(value: object) -> None:
    note = ContextNote.from_json(value)
    assert note is None or isinstance(note, ContextNote)
    if note is not None:
        assert ContextNote.from_json(json.loads(json.dumps(note.to_json()))) == note


@settings(max_examples=1000, deadline=None)
@given(SIZED, st.integers(-10, 70_000), st.integers(0, 70_000), st.integers(0, 9000))
def test_any_count_is_judged_and_fits_follow_the_rule(
    messages: list[Sized], window: int, seen: int, draft: int
) -> None:
    note = Expectation(tuple(messages), window).judge(GenerationStats(prompt_eval_count=seen))
    assert note is None or (note.seen == seen and note.dropped <= len(messages))
    got = Fitter(messages).fit(window, draft)
    sizes = [m.tokens for m in messages] + ([draft] if draft else [])
    system = [m.role == "system" for m in messages] + ([False] if draft else [])
    kept, dropped = sum(sizes) + (PROMPT_OVERHEAD if sizes else 0), 0
    if window > 0:
        for i in range(len(sizes) - 1):
            if kept <= window:
                break
            if not system[i]:
                kept -= sizes[i]
                dropped += 1
    assert got.dropped == dropped
    assert got.cut == (window > 0 and kept >= window)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(("user", "assistant")),
            st.text(max_size=200),
            st.integers(0, 9000),
            st.integers(0, 900),
            st.booleans(),
        ),
        max_size=30,
    ),
    st.floats(0.25, 4.0),
)
def test_any_history_is_sized(rows: list[tuple[str, str, int, int, bool]], scale: float) -> None:
    entries = [
        entry_of(
            i,
            role,
            text,
            "",
            "m",
            GenerationStats(prompt_eval_count=p, eval_count=e) if role == "assistant" else None,
            ContextNote(p, p, 4096, 1 if cut else 0) if role == "assistant" else None,
        )
        for i, (role, text, p, e, cut) in enumerate(rows)
    ]
    sizing = size_messages(entries, 3.0, scale, "m")
    assert all(m.tokens >= 1 for m in sizing.messages)
    assert sizing.total >= len(sizing.messages)
