"""How many CPU threads an answer asks for, and who chose that number.

A chat's own setting wins; without one, the Benchmark tab's thread tuner's best number
for the model (the ``model_num_thread`` setting); without that, Ollama decides. The chat
sends what this says and its settings dialog shows the same, with where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.core.bench.threads import thread_default_for


class ThreadSource(Enum):
    CHAT = "chat"  # the chat's settings (or the defaults it started from)
    TUNER = "tuner"  # the Benchmark tab's thread tuner, for this model
    SERVER = "server"  # nothing sent: Ollama's own choice


@dataclass(frozen=True)
class ThreadChoice:
    threads: int  # 0: none sent
    source: ThreadSource


def threads_sent(chat_threads: int, tuner_setting: str, model: str) -> ThreadChoice:
    """``chat_threads``: the chat's num_thread (0: automatic); ``tuner_setting``: the text
    of the ``model_num_thread`` setting."""
    if chat_threads > 0:
        return ThreadChoice(chat_threads, ThreadSource.CHAT)
    best = thread_default_for(tuner_setting, model) if model else None
    if best:
        return ThreadChoice(best, ThreadSource.TUNER)
    return ThreadChoice(0, ThreadSource.SERVER)
