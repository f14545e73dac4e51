"""The documents' budget: the window less the conversation and room for the answer, and
the plan the context meter and the planner both follow (whole, or passages within it)."""

from __future__ import annotations

from desktop.core.retrieval.budget import (
    MIN_PASSAGES,
    answer_room,
    documents_budget,
    plan_documents,
)


def test_room_for_the_answer() -> None:
    assert answer_room(4096) == 512  # an eighth, at least 512
    assert answer_room(32768) == 2048  # at most 2048
    assert answer_room(4096, num_predict=1000) == 1000  # the chat's cap
    assert answer_room(1024) == 512 and answer_room(512) == 256  # never more than half


def test_budget() -> None:
    assert documents_budget(4096, 30) == 4096 - 30 - 512
    assert documents_budget(4096, 5000) == 0  # the conversation alone fills it
    assert documents_budget(2048, 100, num_predict=1500) == 2048 - 100 - 1024


def test_the_plan_whole_or_passages_or_no_room() -> None:
    small = plan_documents(4096, 300, 2000)
    assert small.whole and small.room and small.sent == 2000
    long = plan_documents(4096, 300, 30_000)
    assert not long.whole and long.room and long.sent == 4096 - 300 - 512 == long.budget
    crowded = plan_documents(1024, 1024 - 512 - (MIN_PASSAGES - 1), 5000)
    assert not crowded.whole and not crowded.room  # not one passage would fit
    assert plan_documents(1024, 1024 - 512 - MIN_PASSAGES, 5000).room
