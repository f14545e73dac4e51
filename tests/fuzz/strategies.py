"""Hypothesis strategies shared by the fuzz tests: arbitrary JSON, and Ollama-shaped JSON
whose known keys carry values of any type."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.sampled_from((10**400, -(10**400), 2**63, -(2**63) - 1))  # beyond int64 and double
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
)
JSON: st.SearchStrategy[Any] = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=5,  # nesting costs generation time, not coverage: the parsers look one deep
)

CHAT_KEYS = (
    "model",
    "created_at",
    "message",
    "response",
    "thinking",
    "done",
    "done_reason",
    "total_duration",
    "load_duration",
    "prompt_eval_count",
    "prompt_eval_duration",
    "eval_count",
    "eval_duration",
    "error",
    "status",
    "digest",
    "total",
    "completed",
    "name",
    "size",
    "size_vram",
    "details",
    "capabilities",
    "model_info",
    "modified_at",
    "expires_at",
    "context_length",
    "families",
    "unavailable",
)
MESSAGE = st.dictionaries(
    st.sampled_from(("role", "content", "thinking", "tool_calls", "images")), JSON, max_size=4
)


def ollama_objects() -> st.SearchStrategy[dict[str, Any]]:
    """An object with Ollama's keys and values of any JSON type (a message is often real)."""
    return st.dictionaries(st.sampled_from(CHAT_KEYS), SCALARS | JSON | MESSAGE, max_size=6)


def dumps(value: Any) -> str:
    """JSON as a sloppy server might write it (NaN and Infinity included)."""
    return json.dumps(value, allow_nan=True)


@st.composite
def ndjson_bodies(draw: st.DrawFn) -> bytes:
    """A stream body: lines of Ollama-shaped JSON, arbitrary JSON or garbage, often ending in
    a `done` line whose metrics may have the wrong types."""
    lines: list[bytes] = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        kind = draw(st.integers(min_value=0, max_value=9))
        if kind <= 5:
            lines.append(dumps(draw(ollama_objects())).encode())
        elif kind <= 7:
            lines.append(dumps(draw(JSON)).encode())
        else:
            lines.append(draw(st.binary(max_size=60)).replace(b"\n", b" "))
    if draw(st.booleans()):
        final = draw(ollama_objects())
        final["done"] = True
        lines.append(dumps(final).encode())
    sep = draw(st.sampled_from((b"\n", b"\r\n")))
    return sep.join(lines) + draw(st.sampled_from((b"", b"\n")))
