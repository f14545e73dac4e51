"""Settings of the benchmark feature."""

from __future__ import annotations

from desktop.core.setting_types import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "model_num_thread",
        str,
        "{}",
        "CPU threads per model found best by the thread tuner, as JSON "
        '{"model:tag": threads}; a chat\'s own thread setting comes first.',
    ),
    Setting(
        "bench_repeats",
        int,
        3,
        "Measured answers per model in a benchmark (after one warm-up).",
        minimum=1,
        maximum=20,
    ),
)
