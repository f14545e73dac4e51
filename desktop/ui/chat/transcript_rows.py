"""What the transcript knows about its rows without widgets: a small record per message,
row heights in a Fenwick tree (offset of row n and row at pixel y in O(log n)), and the text
of the rows loaded so far (pages read from sqlite as the user scrolls)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from PySide6.QtCore import QCoreApplication

from desktop.core.attachments.refs import AttachmentRef
from desktop.core.chat.conversation import Message, MessageStatus
from desktop.core.chat.metrics import FinalStats
from desktop.core.errors import ErrorKind, error_from_record
from desktop.core.retrieval.choice import Retrieval
from desktop.ui.chat import context_text
from desktop.ui.chat import format as fmt
from desktop.ui.chat.attach_text import no_vision
from desktop.ui.common.messages import error_details, error_message


class RowLike(Protocol):
    """What the transcript reads of a row before its text: the chat service's MessageMeta
    is one (passed as is: converting 10,000 of them cost 30 ms), RowMeta another."""

    @property
    def id(self) -> int: ...
    @property
    def position(self) -> int: ...
    @property
    def role(self) -> str: ...
    @property
    def chars(self) -> int: ...


class RowMeta(NamedTuple):
    """One stored message as the index knows it. A chat opens from positions alone (an
    index-only sqlite read); ``role`` and ``chars`` are known for rows whose text came."""

    id: int
    position: int
    role: str = ""
    chars: int = -1


@dataclass
class RowView:
    """What a message shows. The streaming row's copy is updated as it grows."""

    id: int
    position: int
    role: str
    title: str
    content: str = ""
    thinking: str = ""
    status: str = ""
    footer: str = ""
    footer_details: str = ""  # an error's raw text, for the footer's Details
    thinking_shown: bool | None = None  # the user's fold choice, kept across scrolling
    parts: list[str] = field(default_factory=list)
    attachments: tuple[AttachmentRef, ...] = ()
    retrieval: Retrieval | None = None  # passages of long documents the answer was given


def status_text(status: MessageStatus) -> str:
    return {
        MessageStatus.COMPLETE: "",
        MessageStatus.STREAMING: QCoreApplication.translate("Transcript", "answering…"),
        MessageStatus.STOPPED: QCoreApplication.translate("Transcript", "stopped"),
        MessageStatus.INTERRUPTED: QCoreApplication.translate(
            "Transcript", "interrupted (the app closed)"
        ),
        MessageStatus.ERROR: QCoreApplication.translate("Transcript", "failed"),
    }[status]


def title_for(role: str, model: str) -> str:
    return (
        QCoreApplication.translate("Transcript", "You")
        if role == "user"
        else (model or QCoreApplication.translate("Transcript", "Assistant"))
    )


def describe(m: Message, grid_g_per_kwh: float) -> RowView:
    footer = details = ""
    if m.stats is not None:
        stats = FinalStats.from_stats(m.stats)
        ttft = m.ttft_ms / 1000 if m.ttft_ms is not None else None
        energy = fmt.energy_text(m.energy, stats.tokens, grid_g_per_kwh)
        footer = " · ".join(x for x in (fmt.footer(stats, ttft), energy) if x)
        lost = context_text.note(m.context)
        footer = f"{lost}\n{footer}" if lost else footer
    if m.error:  # a sentence, never the server's words (those are in the Details); as
        # the live answer does, it stands in place of the figures counted before it failed
        error = error_from_record(m.error)
        if error.kind is ErrorKind.NO_VISION:
            footer, details = no_vision(m.model, None), error_details(error)
        elif error.kind is not ErrorKind.CANCELLED:  # "stopped" says it already
            footer, details = error_message(error), error_details(error)
    return RowView(
        m.id,
        m.position,
        m.role,
        title_for(m.role, m.model),
        m.content,
        m.thinking,
        status_text(m.status),
        footer,
        details,
        attachments=m.attachments,
        retrieval=m.retrieval,
    )


def meta_of(m: Message) -> RowMeta:
    return RowMeta(m.id, m.position, m.role, len(m.content) + len(m.thinking) // 4)


class Heights:
    """Row heights with prefix sums in O(log n) (a Fenwick tree)."""

    def __init__(self, values: list[int]) -> None:
        self.values = list(values)
        n = len(values)
        tree = [0] * (n + 1)
        for i, v in enumerate(values, 1):
            tree[i] += v
            j = i + (i & -i)
            if j <= n:
                tree[j] += tree[i]
        self._tree = tree

    @classmethod
    def uniform(cls, n: int, height: int) -> Heights:
        """n rows of one height, built without a Python loop per row."""
        h = cls([])
        h.values = [height] * n
        h._tree = [0] + [height * (i & -i) for i in range(1, n + 1)]
        return h

    def __len__(self) -> int:
        return len(self.values)

    def set(self, row: int, height: int) -> int:
        """Set a row's height; returns the change."""
        delta = height - self.values[row]
        if delta:
            self.values[row] = height
            i = row + 1
            while i < len(self._tree):
                self._tree[i] += delta
                i += i & -i
        return delta

    def append(self, height: int) -> None:
        self.values.append(0)
        n = len(self.values)
        # a new node covers (n - lowbit(n), n]: its sum is the prefix difference
        self._tree.append(self.prefix(n - 1) - self.prefix(n - (n & -n)))
        self.set(n - 1, height)

    def prefix(self, row: int) -> int:
        """Sum of the heights of rows [0, row): the top of ``row``."""
        total = 0
        i = row
        while i > 0:
            total += self._tree[i]
            i -= i & -i
        return total

    @property
    def total(self) -> int:
        return self.prefix(len(self.values))

    def row_at(self, y: int) -> int:
        """The row whose span [top, top + height) holds pixel y (clamped to the rows)."""
        n = len(self.values)
        if n == 0:
            return 0
        pos, rest = 0, y
        step = 1 << n.bit_length()
        while step:
            nxt = pos + step
            if nxt <= n and self._tree[nxt] <= rest:
                pos = nxt
                rest -= self._tree[nxt]
            step >>= 1
        return min(pos, n - 1)
