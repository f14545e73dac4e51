"""Errors as kinds: the server's words name the failure (a full disk, a model that cannot
read images, a registry Ollama cannot pull from), JSON inside an error is unwrapped, and a
failed answer's error is stored with its kind."""

from __future__ import annotations

import json

import pytest

from desktop.core.errors import (
    ErrorKind,
    OllamaError,
    error_from_record,
    error_record,
    kind_for_status,
    refine_kind,
    server_message,
)
from desktop.core.ndjson import decode_line

INNER = "Multimodal data provided, but model does not support multimodal requests."
REAL_VISION_ERROR = json.dumps(
    {"error": {"code": 400, "message": INNER, "type": "invalid_request_error"}}
)


def test_json_inside_an_error_is_unwrapped_at_any_depth() -> None:
    assert server_message(REAL_VISION_ERROR) == INNER
    twice = json.dumps({"error": json.dumps({"error": REAL_VISION_ERROR})})
    assert server_message(twice) == INNER
    assert server_message({"message": "plain words"}) == "plain words"
    assert server_message({"error": {"detail": "deep"}}) == "deep"
    assert server_message("not json {at all") == "not json {at all"
    assert server_message("{broken json") == "{broken json"
    assert server_message('{"no_message": 1}') == '{"no_message": 1}'
    assert server_message("[" * 100_000 + "]" * 100_000) != ""  # no RecursionError
    nested = "x"
    for _ in range(15):  # deeper than anyone sends (each level doubles the escapes): stops
        nested = json.dumps({"error": nested})
    assert isinstance(server_message(nested), str)


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("http: no Location header in response", ErrorKind.REGISTRY_INCOMPATIBLE),
        (INNER, ErrorKind.NO_VISION),
        ("this model does not support images", ErrorKind.NO_VISION),
        (
            "write /usr/share/ollama/.ollama/models/blobs/sha256-4c27e0f5b5ad-partial: "
            "no space left on device",
            ErrorKind.DISK_FULL,
        ),
        ("There is not enough space on the disk.", ErrorKind.DISK_FULL),
        ("write C:\\x: disk quota exceeded", ErrorKind.DISK_FULL),
        (
            "model requires more system memory (5.6 GiB) than is available (3.1 GiB)",
            ErrorKind.OUT_OF_MEMORY,
        ),
        ("llama runner process has terminated: exit status 2", ErrorKind.RUNNER_STOPPED),
        ("model runner has unexpectedly stopped", ErrorKind.RUNNER_STOPPED),
        (
            'pull model manifest: Get "https://registry.ollama.ai/v2/library/x/manifests/1b": '
            "dial tcp: lookup registry.ollama.ai: no such host",
            ErrorKind.REGISTRY_UNREACHABLE,
        ),
        (
            'pull model manifest: Get "https://127.0.0.1:5555/v2/": http: server gave HTTP '
            "response to HTTPS client",
            ErrorKind.REGISTRY_PLAIN_HTTP,
        ),
        # Ollama's own runner is reached with "dial tcp" too: that is no registry problem
        (
            'Post "http://127.0.0.1:39123/completion": dial tcp 127.0.0.1:39123: connect: '
            "connection refused",
            ErrorKind.STREAM_ERROR,
        ),
        ("something nobody has seen", ErrorKind.STREAM_ERROR),
    ],
)
def test_the_servers_words_name_the_failure(words: str, kind: ErrorKind) -> None:
    assert refine_kind(ErrorKind.STREAM_ERROR, words) is kind
    with pytest.raises(OllamaError) as e:  # as an error line after HTTP 200
        decode_line(json.dumps({"error": words}))
    assert e.value.kind is kind and e.value.detail == words


def test_a_refused_request_keeps_its_status_kind_unless_the_words_say_more() -> None:
    assert kind_for_status(400, INNER) is ErrorKind.NO_VISION
    assert kind_for_status(500, "no space left on device") is ErrorKind.DISK_FULL
    assert kind_for_status(503, "no space left on device") is ErrorKind.BUSY
    assert refine_kind(ErrorKind.CANCELLED, "no space left on device") is ErrorKind.CANCELLED


def test_an_error_line_holding_json_is_unwrapped_and_kept_raw() -> None:
    line = json.dumps({"error": REAL_VISION_ERROR})
    with pytest.raises(OllamaError) as e:
        decode_line(line)
    assert e.value.kind is ErrorKind.NO_VISION
    assert e.value.detail == INNER and e.value.raw == line


def test_classifying_a_huge_message_reads_only_its_head() -> None:
    words = "no space left on device " + "x" * 5_000_000
    assert refine_kind(ErrorKind.SERVER_ERROR, words) is ErrorKind.DISK_FULL
    late = "x" * 5_000_000 + " no space left on device"
    assert refine_kind(ErrorKind.SERVER_ERROR, late) is ErrorKind.SERVER_ERROR


def test_a_stored_error_comes_back_with_its_kind() -> None:
    error = OllamaError(ErrorKind.NO_VISION, INNER, 400, raw=REAL_VISION_ERROR)
    back = error_from_record(error_record(error))
    assert back.kind is ErrorKind.NO_VISION and back.detail == INNER
    assert back.raw == REAL_VISION_ERROR
    huge = OllamaError(ErrorKind.STREAM_ERROR, "x" * 2_000_000)
    assert len(error_record(huge)) < 70_000  # a 2 MB error is not stored whole
    # rows written before kinds were stored: the words alone, or a kind's name alone
    assert error_from_record("cancelled").kind is ErrorKind.CANCELLED
    old = error_from_record("model runner has unexpectedly stopped")
    assert old.kind is ErrorKind.RUNNER_STOPPED
    assert error_from_record("who knows").kind is ErrorKind.STREAM_ERROR
