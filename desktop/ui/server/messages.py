"""Setup failures and server crashes as sentences for people (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.setup.errors import InstallProgress, SetupError, SetupErrorKind
from desktop.core.setup.serve_log import CrashDiagnosis, CrashReason
from desktop.core.units import human_bytes
from desktop.ui.common.format import duration
from desktop.ui.common.messages import error_message


def setup_error_message(error: OllamaError) -> str:
    """What went wrong while setting up Ollama; other failures in the app's common words."""
    if not isinstance(error, SetupError):
        if error.kind is ErrorKind.CANCELLED:
            return QCoreApplication.translate("ServerMessages", "Cancelled. Nothing was installed.")
        return error_message(error)
    k, d = error.setup_kind, error.detail
    messages = {
        SetupErrorKind.OFFLINE: QCoreApplication.translate(
            "ServerMessages",
            "No network: the release server {detail} could not be found. Check the "
            "internet connection, or install from a file you downloaded elsewhere.",
        ),
        SetupErrorKind.REFUSED: QCoreApplication.translate(
            "ServerMessages",
            "The release server {detail} refused the connection. Try again later.",
        ),
        SetupErrorKind.NETWORK: QCoreApplication.translate(
            "ServerMessages",
            "The download was interrupted. What was downloaded is kept: Install again to resume.",
        ),
        SetupErrorKind.HTTP: QCoreApplication.translate(
            "ServerMessages",
            "The release server answered with an error. Try again later; the Details show "
            "its answer.",
        ),
        SetupErrorKind.BAD_RELEASE: QCoreApplication.translate(
            "ServerMessages",
            "The release information could not be read. Try again later, or install from a "
            "file you downloaded elsewhere.",
        ),
        SetupErrorKind.NO_CHECKSUM: QCoreApplication.translate(
            "ServerMessages",
            "The checksum list has no entry for {detail}, so it "
            "cannot be verified. Nothing was installed.",
        ),
        SetupErrorKind.CHECKSUM_MISMATCH: QCoreApplication.translate(
            "ServerMessages",
            "The downloaded file is not the one Ollama published (checksum mismatch). It "
            "was deleted and nothing was unpacked.",
        ),
        SetupErrorKind.UNSAFE_ARCHIVE: QCoreApplication.translate(
            "ServerMessages",
            "The archive tries to write outside its folder and was refused. Nothing was installed.",
        ),
        SetupErrorKind.BAD_ARCHIVE: QCoreApplication.translate(
            "ServerMessages",
            "The archive is damaged or not an Ollama release. Nothing was installed.",
        ),
        SetupErrorKind.DISK_FULL: QCoreApplication.translate(
            "ServerMessages",
            "The disk is full. Free some space and try again. Nothing was installed.",
        ),
        SetupErrorKind.IO: QCoreApplication.translate(
            "ServerMessages",
            "A file could not be written. Check that the disk is not full and that the folder "
            "is yours to use, then try again.",
        ),
        SetupErrorKind.CANCELLED: QCoreApplication.translate(
            "ServerMessages",
            "Cancelled. Nothing was installed; a partial download is kept so the next try resumes.",
        ),
        SetupErrorKind.UNSUPPORTED_PLATFORM: QCoreApplication.translate(
            "ServerMessages", "Ollama does not publish a build for this computer ({detail})."
        ),
        SetupErrorKind.ALREADY_INSTALLED: QCoreApplication.translate(
            "ServerMessages", "Ollama {detail} is already installed."
        ),
        SetupErrorKind.BINARY_BROKEN: QCoreApplication.translate(
            "ServerMessages",
            "The unpacked program does not run on this computer. Nothing was installed.",
        ),
        SetupErrorKind.NOT_APP_INSTALL: QCoreApplication.translate(
            "ServerMessages", "Only installs made by Ollama Desk can be removed here."
        ),
    }
    return messages[k].format(detail=d)


def crash_message(diag: CrashDiagnosis | None, exit_code: int | None) -> str:
    if diag is None:
        return QCoreApplication.translate(
            "ServerMessages", "The server stopped unexpectedly (exit code {code})."
        ).format(code=exit_code)
    texts = {
        CrashReason.PORT_IN_USE: QCoreApplication.translate(
            "ServerMessages",
            "Another program already uses {address}. Close it, or "
            "choose another port in the settings.",
        ),
        CrashReason.MISSING_LIBRARIES: QCoreApplication.translate(
            "ServerMessages", "Ollama could not start: a system library is missing."
        ),
        CrashReason.OUT_OF_MEMORY: QCoreApplication.translate(
            "ServerMessages",
            "The server ran out of memory (or was killed). Try a "
            "smaller model or a shorter context length.",
        ),
        CrashReason.PERMISSION: QCoreApplication.translate(
            "ServerMessages", "Ollama was not allowed to start (permission denied)."
        ),
        CrashReason.NOT_EXECUTABLE: QCoreApplication.translate(
            "ServerMessages", "The Ollama program could not be started."
        ),
        CrashReason.UNKNOWN: QCoreApplication.translate(
            "ServerMessages", "The server stopped unexpectedly (exit code {code})."
        ),
    }
    text = texts[diag.reason].format(address=diag.address, code=exit_code)
    return text + ("\n" + diag.evidence if diag.evidence else "")


def progress_text(p: InstallProgress) -> str:
    if p.stage == "download":
        if p.total:
            text = QCoreApplication.translate(
                "ServerMessages", "Downloading {done} of {total}"
            ).format(done=human_bytes(p.done), total=human_bytes(p.total))
        else:
            text = QCoreApplication.translate("ServerMessages", "Downloading {done}").format(
                done=human_bytes(p.done)
            )
        if p.speed > 0:
            text += QCoreApplication.translate("ServerMessages", " — {speed}/s").format(
                speed=human_bytes(p.speed)
            )
        if p.eta_s is not None and p.eta_s > 0:
            text += QCoreApplication.translate("ServerMessages", ", {eta} left").format(
                eta=duration(p.eta_s)
            )
        if p.resumed_from:
            text += QCoreApplication.translate("ServerMessages", " (resumed at {at})").format(
                at=human_bytes(p.resumed_from)
            )
        return text
    return {
        "release": QCoreApplication.translate("ServerMessages", "Looking up the release…"),
        "checksums": QCoreApplication.translate("ServerMessages", "Fetching checksums…"),
        "verify": QCoreApplication.translate("ServerMessages", "Verifying the SHA-256 checksum…"),
        "unpack": QCoreApplication.translate("ServerMessages", "Unpacking…"),
        "check": QCoreApplication.translate("ServerMessages", "Checking that the program runs…"),
        "done": QCoreApplication.translate("ServerMessages", "Installed."),
    }.get(p.stage, p.stage)
