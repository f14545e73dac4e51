"""Reading an answer in batches (services/batching.py), against the fake server over HTTP:
every token arrives, a fast stream wakes the reader once per batch, a slow one is handed
over token by token, and Stop is prompt even while the reader sleeps."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from desktop.core.api_types import ChatChunk
from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.api_client import OllamaApi
from desktop.services.batching import Batching
from desktop.services.cancel import CancelToken
from tests.fake_ollama import FakeOllama
from tests.fake_ollama.models import DEFAULT_ANSWER

MODEL = "gemma3-270m:latest"
MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.fixture
def fake() -> Iterator[FakeOllama]:
    with FakeOllama() as f:
        yield f


class Recorder:
    """When each chunk came, and when each batch was handed over."""

    def __init__(self) -> None:
        self.chunks: list[tuple[float, str]] = []
        self.batches: list[tuple[float, int]] = []

    def chunk(self, c: ChatChunk) -> None:
        if c.content:
            self.chunks.append((time.monotonic(), c.content))

    def batch(self) -> None:
        self.batches.append((time.monotonic(), len(self.chunks)))


def test_a_fast_stream_wakes_the_reader_once_per_batch(fake: FakeOllama) -> None:
    fake.token_delay = 0.01  # 100 tok/s
    rec = Recorder()
    result = OllamaApi(fake.url).chat(
        MODEL, MESSAGES, rec.chunk, batching=Batching(0.15, rec.batch)
    )
    assert result.content == DEFAULT_ANSWER
    assert "".join(text for _, text in rec.chunks) == DEFAULT_ANSWER
    assert len(rec.chunks) >= 20
    # about 15 tokens per batch; a reader woken per token would hand over one each
    assert len(rec.batches) <= len(rec.chunks) / 4


def test_a_slow_stream_hands_over_every_token_soon(fake: FakeOllama) -> None:
    fake.token_delay = 0.08  # slower than the batch interval: nothing to gather
    rec = Recorder()
    OllamaApi(fake.url).chat(MODEL, MESSAGES, rec.chunk, batching=Batching(0.05, rec.batch))
    assert rec.batches
    for arrived, _ in rec.chunks[:-1]:  # the last one ends the answer (no batch needed)
        handed = next(t for t, count in rec.batches if t >= arrived)
        assert handed - arrived < 0.5


def test_full_speed_reads_everything(fake: FakeOllama) -> None:
    rec = Recorder()
    result = OllamaApi(fake.url).chat(
        MODEL, MESSAGES, rec.chunk, batching=Batching(0.15, rec.batch)
    )
    assert result.content == DEFAULT_ANSWER
    assert "".join(text for _, text in rec.chunks) == DEFAULT_ANSWER


def test_stop_is_prompt_while_the_reader_sleeps(fake: FakeOllama) -> None:
    fake.token_delay = 0.05
    token = CancelToken()
    rec = Recorder()
    errors: list[OllamaError] = []

    def run() -> None:
        try:
            OllamaApi(fake.url).chat(
                MODEL, MESSAGES, rec.chunk, token, batching=Batching(30.0, rec.batch)
            )
        except OllamaError as e:
            errors.append(e)

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + 10
    while not rec.batches:  # the first token came: the reader now sleeps for 30 s
        assert time.monotonic() < deadline
        time.sleep(0.01)
    stopped = time.monotonic()
    token.cancel()
    worker.join(5)
    assert not worker.is_alive()
    assert time.monotonic() - stopped < 1.0
    assert [e.kind for e in errors] == [ErrorKind.CANCELLED]
