"""How much of the model's context window a conversation fills, from the server's own counts.

Every answer measures the conversation up to its question (its ``prompt_eval_count`` is the
whole prompt: core/chat/context_rule.py): a question's size is the growth of the count from
the previous answer, an answer's size its ``eval_count``. Messages not measured (the one being
typed, an answer that failed) are estimated from their words and characters, scaled by what
this model's counts taught (``learned_scale``).
"""

from __future__ import annotations

import itertools
import math
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import NamedTuple

from desktop.core.api_types import GenerationStats
from desktop.core.chat.context_rule import (
    MESSAGE_OVERHEAD,
    PROMPT_OVERHEAD,
    ContextFit,
    ContextNote,
    Fitter,
    Sized,
)
from desktop.core.retrieval.budget import plan_documents

# Tokens of a text before a model's counts say better, fitted on Gemma 3's tokenizer
# (gemma3:270m on Ollama 0.33): a word with its space is about one token, and so is each
# punctuation mark and line break (code: 0.45 tokens a character, prose: 0.2); Japanese
# runs near 0.6 tokens a character. Other tokenizers differ: ``learned_scale`` corrects.
WORD_RATE = 1.0
MARK_RATE = 1.0
OTHER_RATE = 0.6
CHAR_RATE = 0.25  # per character, for a message known only by its length (older pages)
SCALE_RANGE = (0.25, 4.0)
MIN_SAMPLE_TOKENS = 40  # a learned scale needs at least this many measured tokens
_LETTERS_DIGITS_SPACE = str.maketrans("", "", string.ascii_letters + string.digits + " \t\r\n")


SAMPLE_OVER = 256 << 10  # characters: a longer text is estimated from samples of it
SAMPLES, SAMPLE_CHARS = 16, 16 << 10


def raw_tokens(text: str) -> float:
    """Tokens ``text`` is likely to be, before any model's correction: its words, its
    punctuation marks and line breaks, and its non-ASCII characters. Linear and in C
    (split, translate, encode): no Python loop over the characters. Past SAMPLE_OVER
    characters (a 30 MB answer took 0.1 s a call on the GUI thread), 16 evenly spaced
    samples of 16 Ki characters stand for the whole, scaled by its length."""
    if not text:
        return 0.0
    if len(text) > SAMPLE_OVER:
        step = (len(text) - SAMPLE_CHARS) // (SAMPLES - 1)
        pieces = [text[i * step : i * step + SAMPLE_CHARS] for i in range(SAMPLES)]
        return sum(map(_counted, pieces)) * len(text) / (SAMPLES * SAMPLE_CHARS)
    return _counted(text)


def _counted(text: str) -> float:
    marks_and_other = len(text.translate(_LETTERS_DIGITS_SPACE))
    other = 0
    if not text.isascii():
        extra = len(text.encode("utf-8", "surrogatepass")) - len(text)  # 2 per CJK char
        other = min(marks_and_other, (extra + 1) // 2)
    words = len(text.split())
    marks = marks_and_other - other + text.count("\n")
    return words * WORD_RATE + marks * MARK_RATE + other * OTHER_RATE


def message_tokens(raw: float, scale: float = 1.0) -> int:
    """A message's estimated size in the prompt: its text and its template tokens."""
    return math.ceil(raw * scale) + MESSAGE_OVERHEAD


class Entry(NamedTuple):
    """One stored message as the sizing needs it (built once per message and kept: a
    keystroke never walks the conversation). A tuple: 10,000 of them build in ms."""

    position: int
    role: str
    raw: float  # raw_tokens of what is sent (the content; reasoning is not sent back)
    sent: bool  # api_messages sends it (an empty answer is skipped)
    model: str = ""
    stats: GenerationStats | None = None
    note: ContextNote | None = None
    thinking_share: float = 0.0  # of eval_count: reasoning, which is not sent back
    extra: int = 0  # tokens sent besides the text (attachments), estimated by their owner


def entry_of(
    position: int,
    role: str,
    content: str,
    thinking: str = "",
    model: str = "",
    stats: GenerationStats | None = None,
    note: ContextNote | None = None,
    extra: int = 0,
) -> Entry:
    sent = role == "user" or (role == "assistant" and bool(content or extra))
    t_raw = raw_tokens(thinking) if thinking else 0.0
    c_raw = raw_tokens(content)
    share = t_raw / (t_raw + c_raw) if t_raw else 0.0
    return Entry(position, role, c_raw, sent, model, stats, note, share, max(0, extra))


@dataclass(frozen=True)
class Sizing:
    """Every message as sent (system prompt first), with its size in tokens.

    ``anchor``: the prompt plus answer of the newest answer whose prompt the model read
    whole (None when there is none, or its model differs from ``model``), and
    ``anchor_index`` how many of ``messages`` it covers. ``samples``: (estimated, counted)
    token pairs from this conversation, to learn the model's scale."""

    messages: tuple[Sized, ...]
    anchor: int | None = None
    anchor_index: int = 0
    samples: tuple[tuple[float, int], ...] = ()

    @cached_property
    def total(self) -> int:
        """Tokens of the whole conversation as the next prompt would hold it (computed once:
        the meter reads it after each pause in typing)."""
        return sum(m.tokens for m in self.messages) + (PROMPT_OVERHEAD if self.messages else 0)

    @cached_property
    def measured(self) -> int:
        return sum(1 for m in self.messages if m.measured)


def _whole(
    prompt: int, note: ContextNote | None, anchor: int | None, pending: float, total: float
) -> bool:
    """Did the model read this answer's prompt whole? The judgement stored with it when
    there is one (Expectation.judge); else the count must have grown by at least half the
    estimate of what was new, or, with nothing measured before, be near the estimate."""
    if note is not None:
        return not note.truncated
    if anchor is not None:
        return prompt >= anchor + 0.5 * pending
    return prompt >= 0.75 * total


def size_messages(
    entries: Iterable[Entry],
    system_raw: float,
    scale: float,
    model: str = "",
    older: Sequence[tuple[int, str, float]] = (),
) -> Sizing:
    """Sizes of the messages as /api/chat gets them (core/chat/conversation.api_messages).

    An answer whose prompt was read whole fixes the size of everything before it: the
    messages new since the previous such answer share the difference of the two counts
    (in proportion to their estimates); the first one rescales all before it. Answers
    count as their eval_count less the reasoning (not sent back). Linear in the messages,
    with running sums. ``older``: (position, role, raw tokens) of sent messages before
    ``entries`` known only by their length (the pages of a long chat not read yet), sized
    in bulk: a chat of 10,000 messages is sized in a few milliseconds."""
    sizes: list[float] = []
    roles: list[str] = []
    positions: list[int] = []
    measured: list[bool] = []
    raws: list[float] = []
    extras: list[int] = []  # tokens besides the text (attachments): not the text's scale
    samples: list[tuple[float, int]] = []
    if system_raw > 0:
        sizes.append(system_raw * scale + MESSAGE_OVERHEAD)
        roles.append("system")
        positions.append(-1)
        measured.append(False)
        raws.append(system_raw)
        extras.append(0)
    if older:
        positions.extend(o[0] for o in older)
        roles.extend(o[1] for o in older)
        raws.extend(o[2] for o in older)
        sizes.extend(o[2] * scale + MESSAGE_OVERHEAD for o in older)
        measured.extend(itertools.repeat(False, len(older)))
        extras.extend(itertools.repeat(0, len(older)))
    total = sum(sizes)
    anchor: int | None = None
    anchor_model = ""
    anchor_index = 0
    first = 0  # sizes[first:] are the messages since the last answer read whole
    for e in entries:
        if not e.sent:
            continue
        stats = e.stats
        if e.role == "assistant" and stats is not None and stats.prompt_eval_count > 0:
            chain = anchor if anchor_model == e.model else None
            prompt = stats.prompt_eval_count
            start = first if chain is not None else 0
            est = sum(sizes[start:]) if start else total  # O(1) unless a chain goes on
            base = chain if chain is not None else PROMPT_OVERHEAD
            if _whole(prompt, e.note, chain, est, total + PROMPT_OVERHEAD) and prompt > base:
                factor = (prompt - base) / est if est > 0 else 1.0
                raw_user = counted_user = 0.0
                for i in range(start, len(sizes)):
                    sizes[i] = max(1.0, sizes[i] * factor)
                    measured[i] = True
                    if roles[i] == "user" and raws[i] > 0 and not extras[i]:
                        raw_user += raws[i]
                        counted_user += sizes[i] - MESSAGE_OVERHEAD
                total = (total - est) + sum(sizes[start:])
                if raw_user > 0:
                    samples.append((raw_user, round(counted_user)))
                answer = stats.eval_count * (1.0 - e.thinking_share) + MESSAGE_OVERHEAD
                if e.raw > 0 and e.thinking_share == 0.0 and stats.eval_count > 0:
                    samples.append((e.raw, stats.eval_count))
                # the next prompt holds this one, this answer with its template, and what
                # is new: its count grows by exactly that
                anchor, anchor_model = prompt + round(answer), e.model
                first = anchor_index = len(sizes) + 1
                sizes.append(answer)
                total += answer
                roles.append(e.role)
                positions.append(e.position)
                measured.append(stats.eval_count > 0)
                raws.append(e.raw)
                extras.append(0)
                continue
            # read cut: this prompt says nothing about the sizes; the answer still counts
            anchor, anchor_model = None, ""
            if stats.eval_count > 0:
                size = stats.eval_count * (1.0 - e.thinking_share) + MESSAGE_OVERHEAD
                sizes.append(size)
                total += size
                roles.append(e.role)
                positions.append(e.position)
                measured.append(True)
                raws.append(e.raw)
                extras.append(0)
                continue
        size = e.raw * scale + e.extra + MESSAGE_OVERHEAD
        sizes.append(size)
        total += size
        roles.append(e.role)
        positions.append(e.position)
        measured.append(False)
        raws.append(e.raw)
        extras.append(e.extra)
    tokens = [max(1, round(x)) for x in sizes]
    out = tuple(map(Sized._make, zip(positions, roles, tokens, measured, strict=True)))
    valid = anchor if anchor_model == model or not model else None
    return Sizing(out, valid, anchor_index if valid is not None else 0, tuple(samples))


def learned_scale(samples: Sequence[tuple[float, int]], prior: float = 1.0) -> float | None:
    """Counted tokens per estimated token, from enough samples (None: too few to say)."""
    raw = sum(r for r, _c in samples)
    counted = sum(c for _r, c in samples)
    if counted < MIN_SAMPLE_TOKENS or raw <= 0:
        return None
    lo, hi = SCALE_RANGE
    return min(hi, max(lo, counted / raw))


def fit_draft(
    fitter: Fitter, window: int, base: int, documents: int = 0, num_predict: int = -1
) -> ContextFit:
    """How the conversation and a new message fit ``window``: the message's text and
    images take ``base`` tokens, its documents ``documents`` whole. Documents too long for
    what the window leaves them are sent as their passages (core/retrieval/budget.py, the
    rule the planner applies while sending): the fit then counts the passages' budget."""
    if not documents:
        return fitter.fit(window, base)
    others = fitter.tokens + base + PROMPT_OVERHEAD
    plan = plan_documents(window, others, documents, num_predict)
    if plan.whole:
        return replace(fitter.fit(window, base + documents), documents=documents)
    fit = fitter.fit(window, base + plan.budget)
    return replace(fit, documents=documents, passages=plan.budget, no_room=not plan.room)
