"""The Benchmark tab's sentences about how a run ended: measured and calibrating, measured
but not calibrating (and why), failed (and why), waiting for an idle machine. Translated in
the context "BenchPresenter", where the tab's other strings live."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.bench.protocol import BenchResult, Doubt, ImpossibleFiguresError
from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.bench.service import BenchOutcome, Refusal
from desktop.ui.common.messages import error_message


def threads_text(n: int) -> str:
    """ "1 thread", "2 threads"."""
    return (
        QCoreApplication.translate("BenchPresenter", "{n} thread")
        if n == 1
        else QCoreApplication.translate("BenchPresenter", "{n} threads")
    ).format(n=n)


def doubt_sentence(r: BenchResult, doubt: Doubt) -> str:
    """Why ``r`` is kept but does not calibrate the forecasts."""
    if doubt is Doubt.BUSY:
        return QCoreApplication.translate(
            "BenchPresenter",
            "{model}: {tps:.1f} tok/s, but other programs used {cores:.1f} CPU cores while it "
            "ran. The result is kept, but it does not calibrate the speed forecasts.",
        ).format(model=r.model, tps=r.tokens_per_s, cores=r.busy_cores or 0.0)
    if doubt is Doubt.UNSTEADY:
        return QCoreApplication.translate(
            "BenchPresenter",
            "{model}: its runs differed by {spread:.0f} %. The result is kept, but it does not "
            "calibrate the speed forecasts.",
        ).format(model=r.model, spread=r.spread * 100)
    return QCoreApplication.translate(
        "BenchPresenter",
        "{model}: measured by an older version of the app, without what its tokens compute. "
        "Run it again to calibrate the forecasts.",
    ).format(model=r.model)


def failure_sentence(model: str, error: OllamaError) -> str:
    if isinstance(error, ImpossibleFiguresError):
        return QCoreApplication.translate(
            "BenchPresenter",
            "{model}: the server reported figures that cannot be true ({figures}). Nothing "
            "was stored.",
        ).format(model=model, figures=", ".join(error.figures))
    return QCoreApplication.translate("BenchPresenter", "{model}: {reason}").format(
        model=model, reason=error_message(error)
    )


def failed_sentence(error: OllamaError) -> str:
    """The whole run failed: nothing was measured."""
    if error.kind is ErrorKind.TIMEOUT and error.detail == Refusal.NEVER_IDLE.value:
        return QCoreApplication.translate(
            "BenchPresenter",
            "The computer did not become idle within 15 minutes, so nothing was measured. "
            "Close other programs and try again.",
        )
    if isinstance(error, ImpossibleFiguresError):
        return QCoreApplication.translate(
            "BenchPresenter",
            "Benchmark failed: the server reported figures that cannot be true ({figures}). "
            "Nothing was stored.",
        ).format(figures=", ".join(error.figures))
    return QCoreApplication.translate("BenchPresenter", "Benchmark failed: {reason}").format(
        reason=error_message(error)
    )


def outcome_sentence(o: BenchOutcome) -> str:
    """The status line after a run that measured at least one model."""
    if o.purpose == "threads":
        busy = [r for r in o.results if (r.busy_cores or 0.0) >= o.busy_limit]
        if busy:
            return QCoreApplication.translate(
                "BenchPresenter",
                "Thread tuning finished, but other programs used the CPU meanwhile: the "
                "figures may be off. Tune again when the computer is idle.",
            )
        return QCoreApplication.translate("BenchPresenter", "Thread tuning finished.")
    lines = []
    for r in o.results:
        doubt = o.doubts.get(r.model.lower())
        if doubt is not None:
            lines.append(doubt_sentence(r, doubt))
    for model, _server, error in o.failures:
        lines.append(failure_sentence(model, error))
    good = sorted({r.model for r in o.calibrating if r.server == "native"})
    if not lines:
        return QCoreApplication.translate(
            "BenchPresenter", "Benchmark finished: the speed forecasts are calibrated on {models}."
        ).format(models=", ".join(good))
    head = (
        QCoreApplication.translate("BenchPresenter", "Benchmark finished with problems.")
        if o.failures
        else QCoreApplication.translate(
            "BenchPresenter", "Benchmark finished, but not every result counts."
        )
    )
    if any(d in (Doubt.BUSY, Doubt.UNSTEADY) for d in o.doubts.values()):
        lines.append(
            QCoreApplication.translate(
                "BenchPresenter",
                "Run it again when the computer is idle: the button below waits for that.",
            )
        )
    return "\n".join([head, *lines])


def waiting_sentence(cores: float) -> str:
    return QCoreApplication.translate(
        "BenchPresenter",
        "Waiting until the computer is idle: other programs use {cores:.1f} CPU cores…",
    ).format(cores=cores)
