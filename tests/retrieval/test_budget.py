"""The documents' budget: the window less the conversation and room for the answer."""

from __future__ import annotations

from desktop.core.retrieval.budget import (
    DEFAULT_WINDOW,
    Window,
    answer_room,
    conversation_tokens,
    documents_budget,
)


def test_the_window_is_the_chats_else_the_default_never_past_training() -> None:
    assert Window().tokens == DEFAULT_WINDOW == 4096
    assert Window(num_ctx=8192).tokens == 8192
    assert Window(num_ctx=8192, trained=2048).tokens == 2048
    assert Window(trained=512).tokens == 512


def test_room_for_the_answer() -> None:
    assert answer_room(4096) == 512  # an eighth, at least 512
    assert answer_room(32768) == 2048  # at most 2048
    assert answer_room(4096, num_predict=1000) == 1000  # the chat's cap
    assert answer_room(1024) == 512 and answer_room(512) == 256  # never more than half


def test_budget() -> None:
    convo = conversation_tokens(["You are helpful.", "Where is the key?"])
    assert 10 < convo < 40
    assert documents_budget(4096, convo) == 4096 - convo - 512
    assert documents_budget(4096, 5000) == 0  # the conversation alone fills it
    assert documents_budget(2048, 100, num_predict=1500) == 2048 - 100 - 1024
