"""What the Start-here card shows and does: the three offered models from the Advisor, the
one button that runs the Onboarding steps, each step's state, failures as sentences, Retry
and Cancel. The card asks to be shown while no model is installed (or while its steps run)
and goes away after success."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.core.models.recommend import Choice
from desktop.core.units import human_bytes
from desktop.services.onboarding import (
    STEPS,
    Onboarding,
    StepFailure,
    StepId,
    StepProgress,
    StepState,
)
from desktop.services.onboarding.advisor import Advice, Advisor
from desktop.services.onboarding.steps import download_problem
from desktop.ui.common.messages import error_details
from desktop.ui.start import texts
from desktop.ui.start.start_view import OptionView, StartHereView

MARKS = {
    StepState.WAITING: "○",
    StepState.RUNNING: "▸",
    StepState.DONE: "✓",
    StepState.FAILED: "✗",
    StepState.CANCELLED: "■",
}


class StartHerePresenter(QObject):
    """wantedChanged(bool): whether the card should cover the Chat tab now.
    chooseModels(): the user wants to pick a model by hand (the Models tab)."""

    wantedChanged = Signal(bool)
    chooseModels = Signal()

    def __init__(
        self,
        view: StartHereView,
        advisor: Advisor,
        onboarding: Onboarding,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.advisor = advisor
        self.onboarding = onboarding
        self.choices: list[Choice] = []
        self.models_installed: int | None = None
        self.dismissed = False
        self.wanted = False
        self._connect_callbacks()
        view.title.setText(self.tr("Start here"))
        view.intro.setText(
            self.tr(
                "Chat with an AI model that runs entirely on this computer: nothing you type "
                "leaves it. We picked a model that suits this machine; one click sets up "
                "everything that is missing."
            )
        )
        view.machine.setText(self.tr("Working out which model suits this computer…"))
        view.retry.setText(self.tr("Retry"))
        view.cancel.setText(self.tr("Cancel"))
        view.choose.setText(self.tr("Choose another model in the Models tab"))
        view.later.setText(self.tr("Not now"))
        for option in view.options:
            option.hide()
        view.go.setEnabled(False)
        view.go.setText(self.tr("Start chatting"))
        self._show_steps()

    def _connect_callbacks(self) -> None:
        v, ob = self.view, self.onboarding
        v.go.clicked.connect(self.start)
        v.retry.clicked.connect(ob.retry)
        v.cancel.clicked.connect(ob.cancel)
        v.choose.clicked.connect(self.chooseModels)
        v.later.clicked.connect(self.dismiss)
        v.group.idToggled.connect(lambda _i, on: self._show_steps() if on else None)
        self.advisor.ready.connect(self.show_advice)
        self.advisor.unavailable.connect(self._no_advice)
        ob.stepChanged.connect(lambda _s, _st: self._show_steps())
        ob.progressed.connect(self._show_progress)
        ob.failed.connect(self._show_failure)
        ob.finished.connect(self._finished)
        ob.runningChanged.connect(lambda _r: self._show_steps())

    # -- inputs from the app -----------------------------------------------------------
    def set_models_installed(self, count: int | None) -> None:
        """How many models the server has (None: unknown, no server answers)."""
        self.models_installed = count
        if count == 0 and self.advisor.advice is None:
            self.advisor.refresh()
        self._update_wanted()

    def forecasts_changed(self) -> None:
        """The library's figures moved (bandwidth measured, exact sizes, calibration)."""
        if self.wanted and not self.onboarding.running:
            self.advisor.refresh()

    def dismiss(self) -> None:
        self.dismissed = True
        self._update_wanted()

    def _update_wanted(self) -> None:
        ob = self.onboarding
        busy = ob.running or ob.failure is not None
        wanted = not self.dismissed and (busy or self.models_installed == 0)
        if wanted != self.wanted:
            self.wanted = wanted
            self.wantedChanged.emit(wanted)

    # -- the offered models ------------------------------------------------------------
    def show_advice(self, advice: Advice) -> None:
        v = self.view
        mem = advice.machine
        bw = (
            self.tr("memory speed {bw:.0f} GB/s").format(bw=advice.bandwidth / 1e9)
            if advice.bandwidth
            else self.tr("memory speed not measured")
        )
        text = self.tr("This computer: {free} of {total} memory free, {bw}.").format(
            free=human_bytes(mem.available), total=human_bytes(mem.total), bw=bw
        )
        rec = advice.recommendation
        if rec.recommended is not None and not rec.recommended.calibrated:
            text += " " + self.tr(
                "Speeds are estimates until this computer is measured (Benchmark tab)."
            )
        v.machine.setText(text)
        previous = self.chosen()
        self.choices = rec.choices
        if rec.recommended is None:
            v.machine.setText(
                v.machine.text()
                + "\n"
                + self.tr(
                    "No chat model fits in the free memory. Close some programs and try "
                    "again, or choose a model in the Models tab."
                )
            )
        labels = [
            (rec.recommended, self.tr("Recommended: {name}")),
            (rec.faster, self.tr("Faster: {name}")),
            (rec.smarter, self.tr("Smarter: {name}")),
        ]
        shown = [(c, label) for c, label in labels if c is not None]
        for option, (choice, label) in zip(v.options, shown, strict=False):
            self._fill_option(option, choice, label, choice is rec.recommended)
            option.show()
        for option in v.options[len(shown) :]:
            option.hide()
        names = [c.name for c, _label in shown]
        keep = names.index(previous.name) if previous and previous.name in names else 0
        if shown:
            v.options[keep].radio.setChecked(True)  # the user's pick survives new figures
        self._update_button()
        self._show_steps()
        if v.isVisible():
            v.go.setFocus()  # now that it can act: Enter starts

    def _no_advice(self, reason: str) -> None:
        self.view.machine.setText(
            self.tr(
                "Could not work out a recommendation ({reason}). Choose a model in the Models tab."
            ).format(reason=reason)
        )

    def _fill_option(self, option: OptionView, c: Choice, label: str, main: bool) -> None:
        option.radio.setText(label.format(name=c.name))
        speed = (
            self.tr("about {speed:.0f} tok/s ({low:.0f}–{high:.0f})").format(
                speed=c.speed, low=c.speed_low, high=c.speed_high
            )
            if c.speed
            else self.tr("speed unknown")
        )
        option.figures.setText(
            self.tr("Download {size} · needs {memory} of memory · {speed}").format(
                size=human_bytes(c.download_size), memory=human_bytes(c.memory_needed), speed=speed
            )
        )
        option.why.setText(texts.why(c, main))

    def chosen(self) -> Choice | None:
        index = self.view.group.checkedId()
        return self.choices[index] if 0 <= index < len(self.choices) else None

    def _update_button(self) -> None:
        choice = self.chosen()
        v = self.view
        v.go.setEnabled(choice is not None and not self.onboarding.running)
        if choice is not None:
            v.go.setText(self.tr("Get {name} and start chatting").format(name=choice.name))

    # -- running the steps -------------------------------------------------------------
    def start(self) -> None:
        choice = self.chosen()
        if choice is None or self.onboarding.running:
            return
        self.onboarding.begin(choice.name)
        self._update_wanted()

    def _show_steps(self) -> None:
        v, ob = self.view, self.onboarding
        v.steps_box.setVisible(bool(self.choices))  # the plan shows before the click too
        chosen = self.chosen()
        model = ob.model or (chosen.name if chosen is not None else "")
        for step in STEPS:
            state = ob.states[step]
            row = v.steps[step]
            row.mark.setText(MARKS[state])
            row.text.setText(texts.step_text(step, state, model))
            row.note.setText(self.tr("already there") if step in ob.skipped else "")
        running = ob.running
        v.progress.setVisible(running)
        v.progress_note.setVisible(running)
        if running:
            v.progress.setRange(0, 0)
            v.progress_note.clear()
        v.cancel.setVisible(running)
        stopped = not running and (ob.failure is not None or self._cancelled())
        v.retry.setVisible(stopped)
        v.retry.setText(self.tr("Retry") if ob.failure is not None else self.tr("Continue"))
        if running:
            v.error.clear()
        elif self._cancelled():
            v.error.setText(self.tr("Stopped. Continue picks up where it stopped."))
        v.error.setVisible(bool(v.error.text()))
        for option in v.options:
            option.radio.setEnabled(not running)
        self._update_button()
        self._update_wanted()

    def _cancelled(self) -> bool:
        return any(s is StepState.CANCELLED for s in self.onboarding.states.values())

    def _show_progress(self, p: StepProgress) -> None:
        v = self.view
        if p.total > 0:
            v.progress.setRange(0, 1000)
            v.progress.setValue(int(1000 * min(p.done, p.total) / p.total))
            amount = self.tr("{done} of {total}").format(
                done=human_bytes(p.done), total=human_bytes(p.total)
            )
            v.progress_note.setText(f"{amount} · {p.status}" if p.status else amount)
        else:
            v.progress.setRange(0, 0)
            v.progress_note.setText(p.status)

    def _show_failure(self, f: StepFailure) -> None:
        headline = texts.failure_headline(f.step)
        text = f.text
        if f.step is StepId.PULL:
            problem = download_problem(f.error)
            text = texts.download_sentence(problem, self.onboarding.model) or text
        # Ollama's own words, for the curious, in the Details
        self.view.error.setText(f"{headline} {text}".strip(), error_details(f.error))
        self.view.error.show()

    def _finished(self, _model: str) -> None:
        self.view.error.clear()
        self.dismissed = True  # success: the card is gone; the Models tab chooses by hand
        self._update_wanted()
