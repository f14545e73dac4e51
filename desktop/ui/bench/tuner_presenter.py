"""The thread tuner: sweep num_thread for one model, show tok/s per setting and the gain,
save the best as that model's default (a chat's own thread setting still comes first)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.services.bench.service import BenchService, ThreadSweep
from desktop.ui.bench.bench_view import BenchView
from desktop.ui.bench.outcome_text import threads_text


class TunerPresenter(QObject):
    def __init__(self, view: BenchView, service: BenchService) -> None:
        super().__init__(view)
        self.view = view
        self.service = service
        self.sweep: ThreadSweep | None = None
        view.tune.clicked.connect(self.tune)
        view.tune_save.clicked.connect(self.save)
        service.threadsSwept.connect(self.show)

    def tune(self) -> None:
        model = self.view.tune_model.currentText()
        if model:
            self.sweep = None
            self.view.tune_save.setEnabled(False)
            self.service.sweep_threads(model)

    def save(self) -> None:
        sw = self.sweep
        if sw is None or sw.outcome is None:
            return
        self.service.save_thread_default(sw.model, sw.outcome.best)
        self.view.tune_save.setEnabled(False)
        self.view.tune_result.setText(
            self.view.tune_result.text()
            + "\n"
            + self.tr("Saved: new chats with {model} use {threads}.").format(
                model=sw.model, threads=threads_text(sw.outcome.best)
            )
        )

    def show(self, sw: ThreadSweep) -> None:
        self.sweep = sw
        parts = [
            (self.tr("default") if n == 0 else str(n)) + f": {tps:.1f}"
            for n, tps in sorted(sw.speeds.items(), key=lambda kv: (kv[0] == 0, kv[0]))
        ]
        lines = [self.tr("tok/s by threads: {list}").format(list=", ".join(parts))]
        o = sw.outcome
        if o is not None and o.best:
            lines.append(
                self.tr("Best: {threads}, {gain:+.1f} % against Ollama's default.").format(
                    threads=threads_text(o.best), gain=o.gain_percent
                )
            )
        elif o is not None:
            lines.append(self.tr("Ollama's default is already the fastest."))
        self.view.tune_result.setText("\n".join(lines))
        self.view.tune_save.setEnabled(o is not None and o.best > 0)
