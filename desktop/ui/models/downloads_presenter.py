"""Downloads page presenter: one row per queued pull with its progress, speed and state in
words; Cancel, Retry, Remove."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QProgressBar, QTableWidgetItem

from desktop.core.units import human_bytes
from desktop.services.models.library import ModelLibrary
from desktop.services.models.pull_queue import JobState, PullJob
from desktop.ui.common.bounded_text import bounded_tip, one_line
from desktop.ui.common.messages import error_details
from desktop.ui.models.downloads_view import DownloadsView
from desktop.ui.models.messages import job_state_text, speed_text


class DownloadsPresenter(QObject):
    """notify(str): a download finished or failed (the main window may show it)."""

    notify = Signal(str)

    def __init__(
        self, view: DownloadsView, library: ModelLibrary, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view, self.library = view, library
        self.rows: list[PullJob] = []
        pulls = library.pulls
        view.cancel.clicked.connect(lambda: self._with_job(pulls.cancel))
        view.retry.clicked.connect(lambda: self._with_job(pulls.retry))
        view.remove.clicked.connect(lambda: self._with_job(pulls.remove))
        pulls.jobAdded.connect(self._added)
        pulls.jobChanged.connect(self._changed)
        pulls.jobRemoved.connect(self._removed)
        pulls.jobFinished.connect(self._finished)
        view.table.currentCellChanged.connect(lambda *_: self._show_reason())
        for job in pulls.jobs:
            self._added(job)

    def _with_job(self, action: Callable[[PullJob], None]) -> None:
        row = self.view.table.currentRow()
        if 0 <= row < len(self.rows):
            action(self.rows[row])

    def _added(self, job: PullJob) -> None:
        if job in self.rows:
            return
        row = len(self.rows)
        self.rows.append(job)
        table = self.view.table
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(job.name))
        bar = QProgressBar()
        bar.setRange(0, 1000)
        table.setCellWidget(row, 1, bar)
        table.setItem(row, 2, QTableWidgetItem(""))
        table.setItem(row, 3, QTableWidgetItem(""))
        self._changed(job)

    def _removed(self, job: PullJob) -> None:
        if job in self.rows:
            row = self.rows.index(job)
            self.rows.pop(row)
            self.view.table.removeRow(row)

    def _changed(self, job: PullJob) -> None:
        if job not in self.rows:
            return
        row = self.rows.index(job)
        table = self.view.table
        bar = table.cellWidget(row, 1)
        if isinstance(bar, QProgressBar):
            frac = job.fraction
            busy = frac is None and job.state is JobState.RUNNING
            bar.setRange(0, 0 if busy else 1000)
            bar.setValue(int((frac or 0) * 1000))
            if job.state is JobState.DONE and job.total:
                bar.setFormat(human_bytes(job.total))  # done: the whole size, nothing less
            elif job.total:
                bar.setFormat(f"{human_bytes(job.completed)} / {human_bytes(job.total)}")
            else:
                bar.setFormat("")
        for col, text in ((2, speed_text(job)), (3, job_state_text(job))):
            item = table.item(row, col)
            if item is not None:
                item.setText(one_line(text))
                item.setToolTip(bounded_tip(text))
        if row == table.currentRow():
            self._show_reason()

    def _show_reason(self) -> None:
        """Below the table, the selected download's failure (or retry) in full: a table
        cell clips a long reason, in English as in Japanese."""
        row = self.view.table.currentRow()
        job = self.rows[row] if 0 <= row < len(self.rows) else None
        reason = self.view.reason
        if (
            job is None
            or job.error is None
            or job.state
            not in (
                JobState.FAILED,
                JobState.RETRYING,
            )
        ):
            reason.hide()
            return
        reason.setText(job_state_text(job), error_details(job.error))
        reason.show()

    def _finished(self, job: PullJob) -> None:
        if job.state is JobState.DONE:
            text = self.tr("{name} is downloaded and ready.").format(name=job.name)
        elif job.state is JobState.FAILED:
            text = self.tr("Download of {name} failed.").format(name=job.name)
            if job in self.rows:  # its reason, in full, below the table
                self.view.table.setCurrentCell(self.rows.index(job), 0)
                self._show_reason()
        else:
            return
        self.notify.emit(text)
        self.view.note.setText(text)
        QApplication.alert(self.view.window())
