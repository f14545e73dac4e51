"""Which context window a chat's next answer gets, and what a bigger one would cost here.

The order is Ollama's own (server/routes.go ``modelOptions``, sched.go): the request's
``num_ctx``, else the model's Modelfile ``num_ctx``, else the server's
``OLLAMA_CONTEXT_LENGTH``, else its default; never above the model's trained length
(``effectiveContext``). A model already loaded without a chat setting runs with the window
/api/ps reports (a server may have lowered its automatic window to fit memory).

The default by server version, from Ollama's source (envconfig ``ContextLength`` and the
start of ``Serve``): 2048 before 0.6.7; 4096 from 0.6.7; from 0.15.5 on it depends on the
GPU memory of the server's machine: 262,144 tokens with 47 GiB or more, 32,768 with 23 GiB
or more, else 4096 (every computer without a large GPU).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from desktop.core.models.forecast import (
    Architecture,
    MachineMemory,
    forecast_memory,
)

GIB = 1 << 30
_VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)")


class WindowSource(Enum):
    CHAT = "chat"  # the chat's own num_ctx setting
    LOADED = "loaded"  # the running model's window, as /api/ps reports it
    MODEL = "model"  # the model's Modelfile (PARAMETER num_ctx)
    SERVER = "server"  # OLLAMA_CONTEXT_LENGTH of the app's own server
    DEFAULT = "default"  # the server's default for its version


def parse_version(text: str) -> tuple[int, int, int] | None:
    m = _VERSION.search(text or "")
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def ollama_default_context(version: str, vram_bytes: int = 0) -> int:
    """Ollama's default num_ctx for ``version`` on a machine with ``vram_bytes`` of GPU
    memory (0: none, or unknown: the common case this app is for)."""
    v = parse_version(version)
    if v is None or v >= (0, 15, 5):
        if vram_bytes >= 47 * GIB:
            return 262_144
        if vram_bytes >= 23 * GIB:
            return 32_768
        return 4096
    if v >= (0, 6, 7):
        return 4096
    return 2048


def modelfile_num_ctx(parameters: str) -> int:
    """``num_ctx`` from /api/show's ``parameters`` text ("num_ctx    8192"), else 0."""
    for line in parameters.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "num_ctx" and parts[1].isdigit():
            return int(parts[1])
    return 0


@dataclass(frozen=True)
class Window:
    tokens: int
    source: WindowSource
    trained: int = 0  # the model's trained context length (0: unknown)
    capped: bool = False  # the setting asked for more than the model was trained for


def resolve_window(
    *,
    chat_num_ctx: int = 0,
    loaded: int = 0,
    modelfile: int = 0,
    server_setting: int = 0,
    version: str = "",
    trained: int = 0,
) -> Window:
    """The window the next answer runs with (see the module's docstring)."""
    if chat_num_ctx > 0:
        tokens, source = chat_num_ctx, WindowSource.CHAT
    elif loaded > 0:
        tokens, source = loaded, WindowSource.LOADED
    elif modelfile > 0:
        tokens, source = modelfile, WindowSource.MODEL
    elif server_setting > 0:
        tokens, source = server_setting, WindowSource.SERVER
    else:
        tokens, source = ollama_default_context(version), WindowSource.DEFAULT
    if trained > 0 and tokens > trained:
        return Window(trained, source, trained, True)
    return Window(tokens, source, trained)


# -- a bigger window ------------------------------------------------------------------------
ANSWER_ROOM = 1024  # tokens left for the answer when a window is chosen for a conversation


def bigger_window(needed: int, current: int, trained: int = 0) -> int | None:
    """The smallest power of two that holds ``needed`` tokens and room for an answer, no
    larger than the model's trained length (None: nothing bigger is possible)."""
    target = needed + ANSWER_ROOM
    size = 2048
    while size < target:
        size *= 2
    if trained > 0:
        size = min(size, trained)
    return size if size > current else None


@dataclass(frozen=True)
class WindowCost:
    """What ``tokens`` of window would need in memory, against what is free now.

    ``extra``: bytes more than the current window; ``needed``: the whole model at the new
    window (weights, cache, overhead); ``fits``: False when that would not fit in the free
    memory of this computer (counting what the loaded model already holds)."""

    tokens: int
    extra: int
    needed: int
    available: int
    fits: bool
    estimated: bool  # the model's architecture was known (else a rough guess)


def window_cost(
    weights: int,
    arch: Architecture | None,
    current: int,
    tokens: int,
    machine: MachineMemory,
    *,
    loaded_bytes: int = 0,
    cache_type: str = "f16",
) -> WindowCost:
    """The memory a window of ``tokens`` costs on this machine, from the same KV-cache
    forecast as the Models tab (core/models/forecast.py). ``loaded_bytes``: what the model
    holds now if it is loaded (it is given back when the model reloads)."""
    now = forecast_memory(weights, arch, current, machine, cache_type=cache_type)
    new = forecast_memory(weights, arch, tokens, machine, cache_type=cache_type)
    free = machine.available + (loaded_bytes or 0)
    return WindowCost(
        new.context,
        max(0, new.needed - now.needed),
        new.needed,
        free,
        new.needed <= free,
        new.kv_estimated,
    )


@dataclass(frozen=True)
class WindowOffer:
    """A bigger window for this chat: ``tokens``, and what it costs here (None when this
    computer's memory says nothing about it: the server runs on another one)."""

    tokens: int
    cost: WindowCost | None = None

    @property
    def allowed(self) -> bool:
        return self.cost is None or self.cost.fits


def kv_cache_type(kv: str, flash: str) -> str:
    """The KV cache type a server started with these settings uses (server_env.py: a
    quantized cache needs flash attention, which "auto" turns on)."""
    return kv if kv in ("q8_0", "q4_0") and flash != "off" else "f16"
