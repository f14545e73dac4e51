"""The NDJSON stream reader and the API client's parsing on anything a server may send
(issue 10.13 and the fuzz suite): whatever the bytes, the only exception is OllamaError, and a
complete answer whose final line has wrongly typed metrics stays complete.

At a59cd25, 27 of ~650 generated streams raised TypeError (e.g. "eval_count": {}) and deeply
nested lines raised RecursionError."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.api_types import (
    ChatChunk,
    GenerationStats,
    LocalModel,
    ModelDetails,
    ModelShow,
    ProgressEvent,
    RunningModel,
)
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.ndjson import decode_line
from tests.fuzz.strategies import JSON, ollama_objects

CASE_SECONDS = 2.0  # one generated stream, read over real HTTP, must end well within this


def parse_everything(obj: dict[str, Any]) -> None:
    """Every typed view the app builds from one decoded object."""
    chunk = ChatChunk.from_json(obj)
    assert isinstance(chunk.content, str) and isinstance(chunk.thinking, str)
    stats = GenerationStats.from_json(obj)
    for rate in (stats.tokens_per_second, stats.prompt_tokens_per_second):
        assert rate is None or rate > 0
    assert GenerationStats.from_json(stats.to_json()) == stats  # the history's round trip
    event = ProgressEvent.from_json(obj)
    assert event.total >= 0 and event.completed >= 0
    LocalModel.from_json(obj)
    RunningModel.from_json(obj)
    ModelDetails.from_json(obj.get("details"))
    show = ModelShow.from_json("m", obj)
    show.arch_value("block_count")


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300))
def test_any_line_decodes_or_raises_ollama_error(line: bytes | str) -> None:
    try:
        obj = decode_line(line)
    except OllamaError as e:
        assert e.kind in (ErrorKind.MALFORMED, ErrorKind.STREAM_ERROR)
        return
    if obj is not None:
        parse_everything(obj)


@settings(max_examples=1000, deadline=None)
@given(ollama_objects() | st.dictionaries(st.text(max_size=10), JSON, max_size=6))
def test_any_object_parses_without_exception(obj: dict[str, Any]) -> None:
    parse_everything(obj)


def test_deep_nesting_and_huge_numbers_are_malformed_lines() -> None:
    for line in (b"[" * 100_000, b'{"a":' * 50_000, b'{"eval_count": ' + b"9" * 5000 + b"}"):
        with pytest.raises(OllamaError) as e:
            decode_line(line)
        assert e.value.kind is ErrorKind.MALFORMED


def test_wrongly_typed_final_metric_keeps_the_answer() -> None:
    """Issue 10.13: "eval_count": {} on the done line no longer fails the whole answer."""
    final = {
        "done": True,
        "done_reason": "stop",
        "eval_count": {},
        "eval_duration": "fast",
        "prompt_eval_count": 12,
        "total_duration": float("nan"),
    }
    chunk = ChatChunk.from_json({"message": {"role": "assistant", "content": "!"}, **final})
    assert chunk.done and chunk.content == "!" and chunk.stats is not None
    assert chunk.stats.unavailable == ("total_duration", "eval_count", "eval_duration")
    assert chunk.stats.prompt_eval_count == 12 and chunk.stats.tokens_per_second is None
