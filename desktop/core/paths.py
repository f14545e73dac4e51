"""Where the app keeps its files: platformdirs, or one folder given by --config-dir or
OLLAMA_DESK_HOME (tests and development use that to stay isolated)."""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "OllamaDesk"
HOME_ENV = "OLLAMA_DESK_HOME"
PRIVATE_DIR = 0o700  # chats and settings are the user's own (POSIX)


class ConfigDirError(Exception):
    """The settings folder cannot be used; ``str()`` is one sentence for the user."""


def config_dir_problem(base: str | os.PathLike[str]) -> str | None:
    """Why ``base`` (--config-dir / OLLAMA_DESK_HOME) cannot hold the app's folders, or None.
    A missing folder is fine (it is created)."""
    path = Path(base).expanduser()
    for p in (path, *path.parents):
        if p.exists():
            if not p.is_dir():
                if p == path:
                    return f"The settings folder {path} is a file, not a folder: choose a folder."
                return f"The settings folder {path} cannot be made: {p} is a file."
            break
    return None


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
        """Create the folders, private to the user on POSIX (0700; existing ones that others
        could read are tightened). Raise ConfigDirError with one sentence when impossible."""
        for p in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            try:
                p.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
                if not p.is_dir():
                    raise NotADirectoryError(str(p))
            except (FileExistsError, NotADirectoryError):
                raise ConfigDirError(
                    f"The folder {p} cannot be made: a file is in its way."
                ) from None
            except OSError as e:
                raise ConfigDirError(f"The folder {p} cannot be made: {e.strerror or e}.") from None
            _make_private(p)
        return self


def _make_private(folder: Path) -> None:
    if sys.platform == "win32":  # per-user profile folders are private already
        return
    try:
        st = folder.stat()
        if st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & 0o077:
            folder.chmod(stat.S_IMODE(st.st_mode) & ~0o077)
    except OSError:
        pass  # not ours to change (a shared mount): the files inside are still 0600


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
