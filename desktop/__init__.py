"""Ollama Desk: run a private local LLM on an ordinary computer."""

from importlib import metadata


def app_version() -> str:
    """The version from pyproject.toml (installed metadata; bundled into frozen builds)."""
    try:
        return metadata.version("ollama-desk")
    except metadata.PackageNotFoundError:
        return "0+unknown"
