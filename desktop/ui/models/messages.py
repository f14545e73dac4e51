"""The Models tab's sentences, in the UI language: fit and forecast explanations, download
states in words, and failures said with an action that works."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.models.catalog import CatalogModel
from desktop.core.models.estimate import TagForecast
from desktop.core.models.forecast import Fit
from desktop.core.pull import PullStage, PullStep, pull_step
from desktop.core.units import human_bytes
from desktop.services.models.pull_queue import DiskFullError, JobState, PullJob
from desktop.ui.common.format import duration
from desktop.ui.common.messages import error_message


def description(model: CatalogModel) -> str:
    """The catalog's one-sentence description, in the UI language (catalog_strings.py)."""
    return QCoreApplication.translate("Catalog", model.description)


def embedding_note() -> str:
    """What an embedding model is for in this app (retrieval over attached documents)."""
    return QCoreApplication.translate(
        "LibraryModel", "For finding passages in attached documents; not for chat."
    )


def fit_label_text(fit: Fit) -> str:
    if fit is Fit.RUNS_WELL:
        return QCoreApplication.translate("LibraryModel", "Runs well")
    if fit is Fit.TIGHT:
        return QCoreApplication.translate("LibraryModel", "Tight")
    return QCoreApplication.translate("LibraryModel", "Won't fit")


def fit_label(fc: TagForecast) -> str:
    """`Runs well · 1.2 GiB` (memory needed), with a swap warning when there is a risk."""
    text = fit_label_text(fc.memory.fit)
    if fc.memory.swap_risk:
        text += QCoreApplication.translate("LibraryModel", " (swap risk)")
    return f"{text} · {human_bytes(fc.memory.needed)}"


def forecast_tooltip(fc: TagForecast, compiled: str) -> str:
    """How the forecast was made, line by line (``compiled``: the catalog's date)."""
    m = fc.memory
    if fc.size_source == "installed":
        size_line = QCoreApplication.translate(
            "LibraryModel", "On disk: {size} (installed)"
        ).format(size=human_bytes(fc.size))
    else:
        source = (
            QCoreApplication.translate("LibraryModel", "exact, from the registry")
            if fc.size_source == "registry"
            else QCoreApplication.translate("LibraryModel", "from catalog, {date}").format(
                date=compiled
            )
        )
        size_line = QCoreApplication.translate(
            "LibraryModel", "Download: {size} ({source})"
        ).format(size=human_bytes(fc.size), source=source)
    lines = [
        size_line,
        QCoreApplication.translate(
            "LibraryModel",
            "Memory at {ctx} tokens: {need} = weights {w} + KV cache {kv} + "
            "overhead {o} (10 %, at least 300 MiB)",
        ).format(
            ctx=m.context,
            need=human_bytes(m.needed),
            w=human_bytes(m.weights),
            kv=human_bytes(m.kv_cache),
            o=human_bytes(m.overhead),
        ),
        QCoreApplication.translate("LibraryModel", "Available now: {avail} of {total} RAM").format(
            avail=human_bytes(m.available), total=human_bytes(m.total_ram)
        ),
    ]
    if m.swap_risk:
        lines.append(
            QCoreApplication.translate(
                "LibraryModel", "Other programs would be pushed to swap: expect slowdowns."
            )
        )
    sp = fc.speed
    if sp is not None and sp.calibrated:
        lines.append(
            QCoreApplication.translate(
                "ModelMessages",
                "Speed: {lo:.0f}–{hi:.0f} tokens/s, about {est:.0f}, calibrated by this "
                "machine's benchmarks of {models}",
            ).format(lo=sp.low, hi=sp.high, est=sp.estimate, models=", ".join(sp.basis))
        )
    elif sp is not None:
        lines.append(
            QCoreApplication.translate(
                "ModelMessages",
                "Speed: {lo:.0f}–{hi:.0f} tokens/s, an uncalibrated estimate from this "
                "computer's cores and memory bandwidth ({bw:.1f} GB/s), for a model that "
                "reads {rlo}–{rhi} per token. A benchmark (Benchmark tab) makes it this "
                "machine's own figure.",
            ).format(
                lo=sp.low,
                hi=sp.high,
                bw=sp.bandwidth / 1e9,
                rlo=human_bytes(sp.bytes_per_token_low),
                rhi=human_bytes(sp.bytes_per_token_high),
            )
        )
    if "sliding-window layers counted at their window" in m.notes:
        lines.append(
            QCoreApplication.translate(
                "LibraryModel", "Sliding-window layers only keep their window in the cache."
            )
        )
    if not m.kv_estimated:
        lines.append(
            QCoreApplication.translate(
                "LibraryModel", "Architecture unknown: the KV cache is a rough guess."
            )
        )
    return "\n".join(lines)


def speed_cell(fc: TagForecast | None, measured: float | None) -> str:
    """The Speed column: a measured figure in place of the forecast; an uncalibrated
    forecast marked with ~."""
    if measured:
        return QCoreApplication.translate("LibraryModel", "measured {tps:.1f}").format(tps=measured)
    if fc is None or fc.speed is None:
        return ""
    mark = "" if fc.speed.calibrated else "~"
    digits = 1 if fc.speed.high < 10 else 0  # "0.4–1.3", not "0–1"
    return f"{mark}{fc.speed.low:.{digits}f}–{fc.speed.high:.{digits}f}"


def speed_tooltip(tooltip: str, measured: float | None) -> str:
    """The forecast's explanation, after the measured figure when there is one."""
    if not measured:
        return tooltip
    line = QCoreApplication.translate(
        "ModelMessages", "Measured on this machine: {tps:.1f} tokens/s. The forecast:"
    ).format(tps=measured)
    return f"{line}\n{tooltip}"


def _part_name(kind: str) -> str:
    names = {
        "model": QCoreApplication.translate("ModelMessages", "the weights"),
        "projector": QCoreApplication.translate("ModelMessages", "the image encoder"),
        "adapter": QCoreApplication.translate("ModelMessages", "the adapter"),
        "template": QCoreApplication.translate("ModelMessages", "the prompt template"),
        "system": QCoreApplication.translate("ModelMessages", "the system prompt"),
        "params": QCoreApplication.translate("ModelMessages", "the default settings"),
        "license": QCoreApplication.translate("ModelMessages", "the license"),
        "config": QCoreApplication.translate("ModelMessages", "the model description"),
    }
    return names.get(kind, QCoreApplication.translate("ModelMessages", "a part"))


def step_text(step: PullStep) -> str:
    """`downloading the weights, 2 of 4 parts` and the like, never a digest."""
    if step.stage is PullStage.STARTING:
        return QCoreApplication.translate("ModelMessages", "starting")
    if step.stage is PullStage.MANIFEST:
        return QCoreApplication.translate("ModelMessages", "asking the registry what to download")
    if step.stage is PullStage.DOWNLOADING:
        what = _part_name(step.kind)
        if step.parts:
            return QCoreApplication.translate(
                "ModelMessages", "downloading {what}, {n} of {total} parts"
            ).format(what=what, n=step.part, total=step.parts)
        return QCoreApplication.translate("ModelMessages", "downloading {what} (part {n})").format(
            what=what, n=step.part
        )
    if step.stage is PullStage.VERIFYING:
        return QCoreApplication.translate("ModelMessages", "checking the downloaded files")
    if step.stage is PullStage.WRITING:
        return QCoreApplication.translate("ModelMessages", "saving the model")
    if step.stage is PullStage.CLEANING:
        return QCoreApplication.translate("ModelMessages", "removing parts no longer needed")
    if step.stage is PullStage.DONE:
        return QCoreApplication.translate("ModelMessages", "done")
    return step.status


def job_state_text(job: PullJob) -> str:
    """The Downloads table's State column."""
    if job.state is JobState.QUEUED:
        return QCoreApplication.translate("ModelsTab", "Waiting")
    if job.state is JobState.RUNNING:
        text = step_text(pull_step(job.progress, job.parts))
        text = text[:1].upper() + text[1:]
        if job.space_unchecked:
            text += " " + QCoreApplication.translate(
                "ModelsTab",
                "(free disk space not checked: the registry could not "
                "be reached for the download size)",
            )
        return text
    if job.state is JobState.RETRYING:
        reason = error_message(job.error) if job.error else ""
        return QCoreApplication.translate(
            "ModelsTab", "Connection problem, retry {n} in {s:.0f} s: {reason}"
        ).format(n=job.attempt - 1, s=job.retry_in, reason=reason)
    if job.state is JobState.DONE:
        return QCoreApplication.translate("ModelsTab", "Done")
    if job.state is JobState.CANCELLED:
        return QCoreApplication.translate("ModelsTab", "Cancelled")
    if isinstance(job.error, DiskFullError):
        return QCoreApplication.translate(
            "ModelsTab", "Not enough disk space: needs {need}, {free} free in {folder}."
        ).format(
            need=human_bytes(job.error.needed),
            free=human_bytes(job.error.free),
            folder=job.error.folder,
        )
    return QCoreApplication.translate("ModelsTab", "Failed: {reason}").format(
        reason=error_message(job.error) if job.error else ""
    )


def speed_text(job: PullJob) -> str:
    if not job.rate:
        return ""
    text = f"{human_bytes(job.rate)}/s"
    if job.eta is not None:
        text += "  " + QCoreApplication.translate("ModelsTab", "{t} left").format(
            t=duration(job.eta)
        )
    return text


def models_error(error: OllamaError, host: str) -> str:
    """A failure on the Installed page. No server: point at the Server tab's setup, which
    works whether Ollama is missing, stopped or elsewhere (Start alone may be disabled)."""
    if error.kind is ErrorKind.CONNECTION_REFUSED:
        return QCoreApplication.translate(
            "ModelMessages",
            "No Ollama server answers at {host}. Use \u201cSet up the server\u201d to install, "
            "start or choose one.",
        ).format(host=host)
    return error_message(error, host)
