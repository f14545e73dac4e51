"""Why setting up Ollama failed. A SetupError is an OllamaError (so the task runner passes
it through unchanged) with a more precise ``setup_kind`` for the messages."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.core.errors import ErrorKind, OllamaError


class SetupErrorKind(Enum):
    OFFLINE = "offline"  # the release server's name could not be resolved / reached
    REFUSED = "refused"  # the release server refused the connection
    NETWORK = "network"  # the connection dropped mid-way (download is kept for resume)
    HTTP = "http"  # the release server answered with an error status
    BAD_RELEASE = "bad_release"  # release JSON or sha256sum.txt unusable
    NO_CHECKSUM = "no_checksum"  # the release lists no checksum for our asset
    CHECKSUM_MISMATCH = "checksum_mismatch"
    UNSAFE_ARCHIVE = "unsafe_archive"
    BAD_ARCHIVE = "bad_archive"  # corrupt / not an archive
    DISK_FULL = "disk_full"
    IO = "io"
    CANCELLED = "cancelled"
    UNSUPPORTED_PLATFORM = "unsupported_platform"
    ALREADY_INSTALLED = "already_installed"
    BINARY_BROKEN = "binary_broken"  # unpacked, but the program does not run
    NOT_APP_INSTALL = "not_app_install"  # refusing to remove what the app did not install


class SetupError(OllamaError):
    def __init__(self, setup_kind: SetupErrorKind, detail: str = "") -> None:
        kind = {
            SetupErrorKind.CANCELLED: ErrorKind.CANCELLED,
            SetupErrorKind.DISK_FULL: ErrorKind.LOCAL_IO,
            SetupErrorKind.IO: ErrorKind.LOCAL_IO,
        }.get(setup_kind, ErrorKind.UNEXPECTED)
        super().__init__(kind, detail)
        self.setup_kind = setup_kind


@dataclass(frozen=True)
class InstallProgress:
    """stage: "release" | "checksums" | "download" | "verify" | "unpack" | "check" | "done"."""

    stage: str
    done: int = 0
    total: int = 0
    speed: float = 0.0  # bytes per second
    eta_s: float | None = None
    resumed_from: int = 0

    @property
    def fraction(self) -> float | None:
        return self.done / self.total if self.total > 0 else None
