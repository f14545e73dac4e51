"""Settings of setup and the managed server. Defaults suit a CPU-only laptop."""

from __future__ import annotations

from desktop.core.setting_types import Setting

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "server_release_api_url",
        str,
        "https://api.github.com/repos/ollama/ollama/releases",
        "Where to ask for Ollama releases (GitHub API, or a mirror).",
    ),
    Setting(
        "server_download_base_url",
        str,
        "https://github.com/ollama/ollama/releases/download",
        "Where release files are downloaded from (<base>/<tag>/<file>).",
    ),
    Setting(
        "server_binary",
        str,
        "",
        "The ollama program the app starts (empty: the newest one the app installed).",
    ),
    Setting(
        "server_mode",
        str,
        "native",
        "Which kind of server the app uses.",
        choices=("native", "external", "docker"),
    ),
    Setting("server_autostart", bool, True, "Start the server when the app opens."),
    Setting(
        "server_cpu_only",
        bool,
        True,
        "Install without GPU libraries (smaller download on disk, CPU-only computers).",
    ),
    Setting("server_host_profiles", str, "", "Other Ollama servers you added, comma-separated."),
    Setting(
        "server_port", int, 11434, "Port of the app's own server.", minimum=1024, maximum=65535
    ),
    Setting(
        "server_expose_lan",
        bool,
        False,
        "Let other computers on the network use this server (no password protects it).",
    ),
    Setting(
        "server_models_dir",
        str,
        "",
        "Folder for downloaded models (empty: Ollama's default, ~/.ollama/models).",
    ),
    Setting(
        "server_keep_alive",
        str,
        "5m",
        "How long a model stays in memory after the last message (5m, 1h, -1 = forever).",
    ),
    Setting(
        "server_context_length",
        int,
        4096,
        "How much text the model sees at once, in tokens; more uses more memory.",
        minimum=0,
        maximum=1_048_576,
    ),
    Setting(
        "server_num_parallel",
        int,
        1,
        "Answers computed at the same time; each one multiplies context memory.",
        minimum=1,
        maximum=32,
    ),
    Setting(
        "server_max_loaded_models",
        int,
        1,
        "Models kept in memory at once (0 = Ollama decides).",
        minimum=0,
        maximum=16,
    ),
    Setting(
        "server_flash_attention",
        str,
        "auto",
        "Flash attention: faster, less memory; needed for a smaller context cache.",
        choices=("auto", "on", "off"),
    ),
    Setting(
        "server_kv_cache_type",
        str,
        "q8_0",
        "Precision of the context cache: q8_0 halves its memory, f16 is exact.",
        choices=("f16", "q8_0", "q4_0"),
    ),
    Setting(
        "server_noprune",
        bool,
        True,
        "Keep partly downloaded models when the server restarts, so pulls resume.",
    ),
    Setting(
        "server_docker_version",
        str,
        "",
        "Ollama image tag the compose file pins (empty: the newest found, else latest).",
    ),
    Setting(
        "server_docker_memory_gb",
        float,
        0.0,
        "Memory limit of the Docker container in GB (0: three quarters of this computer).",
        minimum=0.0,
        maximum=4096.0,
    ),
    Setting(
        "server_docker_cpus",
        float,
        0.0,
        "CPUs the Docker container may use (0: all physical cores).",
        minimum=0.0,
        maximum=512.0,
    ),
    Setting(
        "server_docker_port",
        int,
        0,
        "Port the Docker container is published on, on 127.0.0.1 (0: 11435, or the next "
        "free one; never the app's own server's port).",
        minimum=0,
        maximum=65535,
    ),
    Setting(
        "server_docker_cloud",
        bool,
        False,
        "Let Ollama in the Docker container reach Ollama's cloud (OLLAMA_NO_CLOUD unset).",
    ),
    Setting("server_wizard_done", bool, False, "The first-run setup has been completed."),
)
