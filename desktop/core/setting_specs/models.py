"""Settings of the model manager."""

from __future__ import annotations

from desktop.core.setting_types import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "models_context",
        int,
        4096,
        "Context length (tokens) the memory and speed forecasts assume.",
        minimum=512,
        maximum=1_048_576,
    ),
    Setting(
        "models_dir",
        str,
        "",
        "Ollama's models folder, for the free-disk check (empty: OLLAMA_MODELS or the "
        "usual places).",
    ),
    Setting(
        "pull_stall_s",
        float,
        60.0,
        "A download with no progress for this many seconds is restarted.",
        minimum=1.0,
        maximum=3600.0,
    ),
    Setting(
        "pull_retries",
        int,
        5,
        "Automatic retries of a dropped or stalled download.",
        minimum=0,
        maximum=50,
    ),
    Setting(
        "registry_url",
        str,
        "https://registry.ollama.ai",
        "Registry asked for a tag's exact download size and quantization.",
    ),
    Setting(
        "trusted_registries",
        str,
        "",
        "Other registries the user allowed downloads from, space-separated: host (HTTPS) "
        "or http://host (plain HTTP, agreed to after a warning).",
    ),
    Setting(
        "registry_lookup",
        bool,
        True,
        "Ask the registry for exact sizes when a library tag is selected.",
    ),
    Setting(
        "keep_alive",
        str,
        "5m",
        "How long a model stays loaded after use (Ollama duration, -1 = forever).",
        choices=("0", "1m", "5m", "30m", "1h", "-1"),
    ),
)
