"""NDJSON decoding, API type parsing from the recorded responses, pull aggregation."""

from __future__ import annotations

import pytest

from desktop.core.api_types import (
    ChatChunk,
    GenerationStats,
    LocalModel,
    ModelShow,
    ProgressEvent,
    RunningModel,
    parse_time,
)
from desktop.core.errors import ErrorKind, OllamaError, kind_for_status
from desktop.core.ndjson import decode_line, iter_objects
from desktop.core.pull import PullAggregator
from tests.fake_ollama import load_fixture


def test_decode_line_rules() -> None:
    assert decode_line(b"") is None
    assert decode_line(b'{"status":"success"}\n') == {"status": "success"}
    with pytest.raises(OllamaError) as e:
        decode_line(b'{"error":"pull model manifest: file does not exist"}')
    assert e.value.kind is ErrorKind.STREAM_ERROR
    assert e.value.detail == "pull model manifest: file does not exist"
    for bad in (b'{"status": "pulling', b"[1,2]", b"not json"):
        with pytest.raises(OllamaError) as e:
            decode_line(bad)
        assert e.value.kind is ErrorKind.MALFORMED


def test_status_mapping() -> None:
    assert kind_for_status(400, "invalid model name") is ErrorKind.INVALID_NAME
    assert kind_for_status(400, '"m" does not support thinking') is ErrorKind.BAD_REQUEST
    assert kind_for_status(403, "") is ErrorKind.FORBIDDEN
    assert kind_for_status(404, "model 'x' not found") is ErrorKind.NOT_FOUND
    assert kind_for_status(500, "option") is ErrorKind.SERVER_ERROR
    assert kind_for_status(502, "") is ErrorKind.SERVER_ERROR
    assert kind_for_status(503, "busy") is ErrorKind.BUSY


def test_recorded_tags_ps_show_parse() -> None:
    m = LocalModel.from_json(load_fixture("tags.json")["models"][0])
    assert m.name == "gemma3-270m:latest"
    assert m.size == 253_113_615
    assert m.details.parameter_size == "268.10M"
    assert m.details.quantization_level == "Q4_K_M"
    assert m.details.context_length == 32768
    assert m.capabilities == ("completion",)
    assert m.modified_at is not None and m.modified_at.microsecond == 319267
    r = RunningModel.from_json(load_fixture("ps_loaded.json")["models"][0])
    assert r.size_vram == 0 and r.context_length == 4096 and r.expires_at is not None
    s = ModelShow.from_json("gemma3-270m", load_fixture("show.json"))
    assert s.architecture == "gemma3"
    assert s.arch_value("block_count") == 18
    assert s.arch_value("attention.head_count_kv") == 1


def test_recorded_chat_stream_assembles_and_counts() -> None:
    chunks = [ChatChunk.from_json(o) for o in load_fixture("chat_stream.ndjson")]
    content = "".join(c.content for c in chunks)
    assert content.startswith("Explain the process")
    final = chunks[-1]
    assert final.done and final.stats is not None
    assert final.stats.done_reason == "length"
    assert final.stats.eval_count == 200 == sum(1 for c in chunks if not c.done)
    assert final.stats.tokens_per_second == pytest.approx(200 / 3.386743, rel=1e-6)
    assert final.stats.prompt_tokens_per_second == pytest.approx(18 / 0.08835, rel=1e-6)


def test_generate_chunks_use_response_field() -> None:
    chunks = [ChatChunk.from_json(o) for o in load_fixture("generate_stream.ndjson")]
    assert chunks[0].content == "A"
    assert chunks[-1].done and chunks[-1].stats is not None


def test_omitted_metrics_mean_zero() -> None:
    stats = GenerationStats.from_json(load_fixture("preload.json"))
    assert stats.done_reason == "load"
    assert stats.eval_count == 0 and stats.tokens_per_second is None


def test_pull_aggregation_ends_on_success_short_of_100_percent() -> None:
    agg = PullAggregator()
    last = None
    for obj in load_fixture("pull_stream.ndjson"):
        last = agg.feed(ProgressEvent.from_json(obj))
        if obj["status"] != "success":
            assert not last.done
    assert last is not None and last.done and last.fraction == 1.0
    assert last.completed == 220_184_124 and last.total == 253_113_024


def test_pull_aggregation_sums_layers() -> None:
    agg = PullAggregator()
    for obj in load_fixture("pull_already_present.ndjson"):
        p = agg.feed(ProgressEvent.from_json(obj))
    assert p.layers == 4
    assert p.total == 253_113_615 == p.completed


def test_progress_never_goes_backwards() -> None:
    agg = PullAggregator()
    d = "sha256:" + "a" * 64
    agg.feed(ProgressEvent("pulling a", d, 100, 60))
    p = agg.feed(ProgressEvent("pulling a", d, 100, 40))
    assert p.completed == 60


def test_parse_time_variants() -> None:
    assert parse_time("2026-11-22T03:55:20.889907028Z") is not None
    assert parse_time("2026-11-22T03:55:20Z") is not None
    assert parse_time("") is None and parse_time(None) is None and parse_time("junk") is None


def test_iter_objects_skips_blank_lines() -> None:
    assert list(iter_objects([b"", b'{"a":1}', b"  "])) == [{"a": 1}]
