"""Setting up and running Ollama: detection, per-user install, managed `ollama serve`,
Docker. Importing this package imports nothing else, so the Qt-free modules (probe,
fetch, installer, docker_cli) stay usable from `ollama-desk doctor` without a display."""
