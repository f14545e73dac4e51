"""Settings of the chat feature."""

from __future__ import annotations

from desktop.core.setting_types import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "chat_model",
        str,
        "",
        "Model for new chats: the one last chosen or chatted with (empty: the first installed).",
    ),
    Setting("chat_system_prompt", str, "", "System prompt for new chats."),
    Setting(
        "chat_temperature",
        float,
        0.8,
        "Sampling temperature for new chats.",
        minimum=0.0,
        maximum=2.0,
    ),
    Setting(
        "chat_num_ctx",
        int,
        0,
        "Context length in tokens for new chats (0: the server's "
        "default). Changing it reloads the model.",
        minimum=0,
        maximum=1_048_576,
    ),
    Setting(
        "chat_num_thread",
        int,
        0,
        "CPU threads for generation (0: let Ollama decide).",
        minimum=0,
        maximum=512,
    ),
    Setting("chat_seed", int, -1, "Random seed (-1: random each time).", minimum=-1),
    Setting(
        "chat_num_predict",
        int,
        2048,
        "Most tokens in one answer (-1: no limit). A cap keeps a small model from looping "
        "until its context is full.",
        minimum=-1,
    ),
    Setting("chat_think", bool, True, "Let thinking models reason before they answer."),
    Setting(
        "chat_watts_per_core",
        float,
        5.0,
        "Power of one busy CPU core in watts, used to "
        "estimate energy where the CPU's own counters cannot be read.",
        minimum=0.1,
        maximum=100.0,
    ),
    Setting(
        "chat_grid_g_per_kwh",
        float,
        400.0,
        "Carbon intensity of your electricity in grams of CO2 per kWh.",
        minimum=0.0,
        maximum=2000.0,
    ),
    Setting(
        "chat_perf_strip",
        bool,
        True,
        "Show the performance figures (speed, first token, CPU, memory) under the chat.",
    ),
    Setting(
        "chat_perf_details",
        bool,
        False,
        "Unfold every performance figure, with charts, under the strip.",
    ),
    Setting(
        "model_token_scale",
        str,
        "{}",
        "Tokens per estimated token for each model, learned from the server's own counts "
        'by the context meter, as JSON {"model:tag": 1.08}.',
    ),
)
