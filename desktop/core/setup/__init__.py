"""Pure logic of setting up Ollama: which release asset, checksums, safe unpacking,
install plans, server environment, serve-log reasons, Docker compose text, hardware facts."""
