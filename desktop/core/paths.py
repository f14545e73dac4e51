"""Where the app keeps its files: platformdirs, or one folder given by --config-dir or
OLLAMA_DESK_HOME (tests and development use that to stay isolated)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "OllamaDesk"
HOME_ENV = "OLLAMA_DESK_HOME"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def chats_db(self) -> Path:
        return self.data_dir / "chats.sqlite3"

    def ensure(self) -> AppPaths:
        for p in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            p.mkdir(parents=True, exist_ok=True)
        return self


def resolve_paths(override: str | os.PathLike[str] | None = None) -> AppPaths:
    """--config-dir wins, then $OLLAMA_DESK_HOME, then the platform's standard folders."""
    base = override or os.environ.get(HOME_ENV)
    if base:
        root = Path(base).expanduser().resolve()
        return AppPaths(root / "config", root / "data", root / "cache", root / "logs")
    return AppPaths(
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )
