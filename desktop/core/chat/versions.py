"""Versions of a conversation: where an edit or a Regenerate made the chat part ways.

An edit of an earlier question or a Regenerate never throws the old turns away: the chat
keeps each version, and the message where they part shows "‹ 2/3 ›" to switch between
them (as LM Studio and Open WebUI do). Pure bookkeeping here, no storage: the numbers
of the versions at one fork are 0..n-1; the hidden versions keep theirs and the one on
screen is the number missing among them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Fork:
    """The message at ``position`` of the chat on screen has ``total`` versions, and the
    one shown is number ``index`` (0-based; shown to people as index + 1)."""

    position: int
    index: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.index > 0

    @property
    def has_next(self) -> bool:
        return self.index < self.total - 1


def shown_index(hidden: Iterable[int]) -> int:
    """The number of the version on screen: the one missing among the hidden versions'
    numbers (they are 0..n-1 with one gap; the smallest gap if a file disagrees)."""
    taken = set(hidden)
    n = 0
    while n in taken:
        n += 1
    return n


def fork_of(position: int, hidden: Iterable[int]) -> Fork:
    """The fork at ``position`` whose hidden versions carry the numbers ``hidden``."""
    numbers = list(hidden)
    shown = shown_index(numbers)
    # the versions in the order of their numbers (a file with gaps still counts 1..n)
    return Fork(position, sum(1 for n in numbers if n < shown), len(numbers) + 1)


def neighbour(shown: int, hidden: Iterable[int], step: int) -> int | None:
    """The number of the version after (``step`` > 0) or before the one shown, or None."""
    numbers = [n for n in hidden if (n > shown if step > 0 else n < shown)]
    if not numbers:
        return None
    return min(numbers) if step > 0 else max(numbers)
