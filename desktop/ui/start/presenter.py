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
from desktop.services.onboarding.steps import Problem, download_problem, registry_host
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
    chooseModels(): the user wants to pick a model by hand (the Models tab).
    importRequested(), registryRequested(), serverRequested(): after a failed download,
    the user took a way that works without the model library (app.py opens it)."""

    wantedChanged = Signal(bool)
    chooseModels = Signal()
    importRequested = Signal()
    registryRequested = Signal()
    serverRequested = Signal()

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
        self._wanted_name = ""  # the model whose download stopped (named if another came)
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
        view.details_button.setText(self.tr("Details"))
        view.route_import.setText(self.tr("Import a GGUF file…"))
        view.route_import.setToolTip(
            self.tr("A model file downloaded earlier, e.g. for LM Studio or Jan.")
        )
        view.route_registry.setText(self.tr("Download from another registry…"))
        view.route_registry.setToolTip(
            self.tr("A registry on your network or a mirror, e.g. registry.example.com.")
        )
        view.route_server.setText(self.tr("Use another server…"))
        view.route_server.setToolTip(
            self.tr("An Ollama on another computer that already has models.")
        )
        view.routes.hide()
        view.details.hide()
        view.details_button.hide()
        view.ready.hide()
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
        v.details_button.toggled.connect(v.details.setVisible)
        v.route_import.clicked.connect(self.importRequested)
        v.route_registry.clicked.connect(self.registryRequested)
        v.route_server.clicked.connect(self.serverRequested)
        ob.adopted.connect(lambda _m: self._show_steps())
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

    def models_arrived(self, names: list[str]) -> None:
        """The models one can chat with, newest first (the shared installed list). After a
        failed or stopped download, a model that arrived another way ends the wait: the
        card turns to "ready: chat with it" (the chosen model if it is there)."""
        ob = self.onboarding
        if not names or not ob.stopped:
            return
        wanted = ob.model.lower()
        wanted_full = wanted if ":" in wanted else f"{wanted}:latest"
        pick = next((n for n in names if n.lower() in (wanted, wanted_full)), names[0])
        self._wanted_name = ob.model
        ob.adopt(pick)

    def forecasts_changed(self) -> None:
        """The library's figures moved (bandwidth measured, exact sizes, calibration)."""
        if self.wanted and not self.onboarding.running:
            self.advisor.refresh()

    def chat_opened_elsewhere(self) -> None:
        """A chat was opened on a model that arrived another way (an import's "Chat with
        it"): a stopped or ready card has nothing left to offer."""
        if self.onboarding.stopped or self.onboarding.ready:
            self.dismiss()

    def dismiss(self) -> None:
        self.dismissed = True
        self._update_wanted()

    def _update_wanted(self) -> None:
        ob = self.onboarding
        busy = ob.running or ob.failure is not None or ob.ready
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
        if self.onboarding.ready:
            v.go.setEnabled(True)
            v.go.setText(self.tr("Chat with {name}").format(name=self.onboarding.model))
            return
        v.go.setEnabled(choice is not None and not self.onboarding.running)
        if choice is not None:
            v.go.setText(self.tr("Get {name} and start chatting").format(name=choice.name))

    # -- running the steps -------------------------------------------------------------
    def start(self) -> None:
        if self.onboarding.ready:  # the model is there: open the chat (the rest is skipped)
            self.onboarding.retry()
            return
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
        if running or ob.ready:
            v.error.clear()
            v.details.clear()
            v.routes.hide()
        elif self._cancelled():
            v.error.setText(self.tr("Stopped. Continue picks up where it stopped."))
        v.error.setVisible(bool(v.error.text()))
        v.details_button.setVisible(bool(v.details.text()) and v.error.isVisibleTo(v))
        if not v.details_button.isVisibleTo(v):
            v.details_button.setChecked(False)
            v.details.hide()
        v.ready.setVisible(ob.ready)
        if ob.ready:
            v.ready.setText(texts.ready_sentence(ob.model, self._wanted_name))
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
        v = self.view
        headline = texts.failure_headline(f.step)
        text = f.text
        v.routes.hide()
        if f.step is StepId.PULL:
            problem = download_problem(f.error)
            host = registry_host(f.error)
            text = texts.download_sentence(problem, self.onboarding.model, host) or text
            if problem.offline_routes:
                v.routes_intro.setText(texts.routes_intro(problem))
                v.route_import.setVisible(problem is not Problem.DISK_FULL)
                v.route_registry.setVisible(problem is not Problem.DISK_FULL)
                v.routes.show()
        v.error.setText(f"{headline} {text}".strip())
        v.error.show()
        # Ollama's own words, for the curious: folded away, never the sentence itself
        v.details.setText(f.error.detail if f.error.detail != text else "")
        v.details_button.setChecked(False)
        v.details_button.setVisible(bool(v.details.text()))

    def _finished(self, _model: str) -> None:
        self.view.error.clear()
        self.view.routes.hide()
        self.dismissed = True  # success: the card is gone; the Models tab chooses by hand
        self._update_wanted()
