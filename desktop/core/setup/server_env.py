"""The environment a managed `ollama serve` gets from the app's settings (reference §3.7).

Loopback unless the user explicitly chose LAN access. OLLAMA_NOPRUNE on by default, so
interrupted pulls survive a restart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

KV_TYPES = ("f16", "q8_0", "q4_0")
FLASH_CHOICES = ("auto", "on", "off")
_DURATION = re.compile(r"^-?\d+(\.\d+)?(ns|us|µs|ms|s|m|h)?$|^(-?\d+(\.\d+)?(h|m|s))+$")


@dataclass(frozen=True)
class ServerOptions:
    port: int = 11434
    expose_lan: bool = False
    models_dir: str = ""
    keep_alive: str = "5m"
    context_length: int = 4096
    num_parallel: int = 1
    max_loaded_models: int = 1
    flash_attention: str = "auto"
    kv_cache_type: str = "q8_0"
    noprune: bool = True


def valid_keep_alive(value: str) -> bool:
    """Go duration (`5m`, `1h30m`, `-1`) or whole seconds."""
    return bool(_DURATION.match(value.strip()))


def bind_address(opts: ServerOptions) -> str:
    return f"{'0.0.0.0' if opts.expose_lan else '127.0.0.1'}:{opts.port}"


def server_env(opts: ServerOptions, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """``base`` (the app's own environment) with every OLLAMA_* variable we manage set.
    Inherited OLLAMA_HOST is replaced: the bind address is the app's decision."""
    env = {k: v for k, v in (base or {}).items()}
    env["OLLAMA_HOST"] = bind_address(opts)
    if opts.models_dir:
        env["OLLAMA_MODELS"] = opts.models_dir
    else:
        env.pop("OLLAMA_MODELS", None)
    env["OLLAMA_KEEP_ALIVE"] = opts.keep_alive if valid_keep_alive(opts.keep_alive) else "5m"
    env["OLLAMA_CONTEXT_LENGTH"] = str(max(0, opts.context_length))
    env["OLLAMA_NUM_PARALLEL"] = str(max(1, opts.num_parallel))
    env["OLLAMA_MAX_LOADED_MODELS"] = str(max(0, opts.max_loaded_models))
    kv = opts.kv_cache_type if opts.kv_cache_type in KV_TYPES else "f16"
    flash = opts.flash_attention if opts.flash_attention in FLASH_CHOICES else "auto"
    if kv != "f16" and flash == "auto":
        flash = "on"  # a quantized KV cache needs flash attention
    if flash == "auto":
        env.pop("OLLAMA_FLASH_ATTENTION", None)
    else:
        env["OLLAMA_FLASH_ATTENTION"] = "1" if flash == "on" else "0"
    if kv == "f16" or flash == "off":
        env.pop("OLLAMA_KV_CACHE_TYPE", None)
    else:
        env["OLLAMA_KV_CACHE_TYPE"] = kv
    env["OLLAMA_NOPRUNE"] = "1" if opts.noprune else "0"
    if env.get("OLLAMA_ORIGINS") == "*":  # never let any web page call the API by default
        env.pop("OLLAMA_ORIGINS")
    return env


def connect_url(opts: ServerOptions) -> str:
    """Where the app talks to its own server (always loopback)."""
    return f"http://127.0.0.1:{opts.port}"


def options_from(get: Callable[[str], Any]) -> ServerOptions:
    """ServerOptions from the app's settings (``get`` is SettingsStore.get)."""
    return ServerOptions(
        port=int(get("server_port")),
        expose_lan=bool(get("server_expose_lan")),
        models_dir=str(get("server_models_dir")),
        keep_alive=str(get("server_keep_alive")),
        context_length=int(get("server_context_length")),
        num_parallel=int(get("server_num_parallel")),
        max_loaded_models=int(get("server_max_loaded_models")),
        flash_attention=str(get("server_flash_attention")),
        kv_cache_type=str(get("server_kv_cache_type")),
        noprune=bool(get("server_noprune")),
    )
