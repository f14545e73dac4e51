"""Layout of the Start-here card (no logic: the presenter fills it and listens)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services.onboarding import STEPS, StepId
from desktop.ui.common.bounded_text import BoundedLabel, BoundedText
from desktop.ui.shell.style import mark_primary


def _label(object_name: str = "", wrap: bool = True) -> QLabel:
    label = BoundedLabel()  # model names and server text are data: plain and bounded
    label.setWordWrap(wrap)
    if object_name:
        label.setObjectName(object_name)
    return label


class OptionView(QFrame):
    """One offered model: a radio button with its name, then its figures and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startOption")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        box.setSpacing(2)
        self.radio = QRadioButton()
        self.radio.setObjectName("startOptionName")
        self.figures = _label("startOptionFigures")
        self.why = _label("startOptionWhy")
        for w in (self.figures, self.why):
            w.setContentsMargins(24, 0, 0, 0)
        box.addWidget(self.radio)
        box.addWidget(self.figures)
        box.addWidget(self.why)


class StepRow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.mark = _label("startStepMark", wrap=False)
        self.mark.setFixedWidth(22)
        self.mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = _label("startStepText")
        self.note = _label("startStepNote", wrap=False)
        row.addWidget(self.mark)
        row.addWidget(self.text, 1)
        row.addWidget(self.note)


class StartHereView(QFrame):
    """The card: title, the three options, the one button, the steps, errors."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startHere")
        self.setAutoFillBackground(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        centre = QHBoxLayout(page)
        centre.addStretch(1)
        card = QWidget()
        card.setMaximumWidth(720)
        card.setMinimumWidth(420)
        centre.addWidget(card, 8)
        centre.addStretch(1)
        box = QVBoxLayout(card)
        box.setSpacing(10)
        box.setContentsMargins(16, 24, 16, 24)

        self.title = _label("startTitle")
        self.title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.intro = _label("startIntro")
        self.machine = _label("startMachine")
        box.addWidget(self.title)
        box.addWidget(self.intro)
        box.addWidget(self.machine)

        self.options = [OptionView(), OptionView(), OptionView()]
        self.group = QButtonGroup(self)
        for i, option in enumerate(self.options):
            self.group.addButton(option.radio, i)
            box.addWidget(option)

        self.go = QPushButton()
        self.go.setObjectName("startGo")
        mark_primary(self.go)  # the card's one action: accent coloured, Enter's default
        self.go.setMinimumHeight(36)
        go_row = QHBoxLayout()
        go_row.addWidget(self.go, 1)
        box.addLayout(go_row)
        self.setFocusProxy(self.go)  # the card takes focus on its one button: Enter starts

        self.steps_box = QFrame()
        steps = QGridLayout(self.steps_box)
        steps.setContentsMargins(0, 4, 0, 4)
        self.steps: dict[StepId, StepRow] = {}
        for i, step in enumerate(STEPS):
            self.steps[step] = StepRow()
            steps.addWidget(self.steps[step], i, 0)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress_note = _label("startProgressNote")
        steps.addWidget(self.progress, len(STEPS), 0)
        steps.addWidget(self.progress_note, len(STEPS) + 1, 0)
        box.addWidget(self.steps_box)

        self.error = BoundedText()  # a sentence; the server's words in its Details
        self.error.setObjectName("startError")
        self._colour_error()
        box.addWidget(self.error)
        self.ready = _label("startReady")  # a model arrived another way: chat with it
        self.ready.setStyleSheet("font-weight: 600;")
        box.addWidget(self.ready)
        actions = QHBoxLayout()
        self.details_button = QPushButton()  # Ollama's own words, folded away
        self.details_button.setCheckable(True)
        self.retry = QPushButton()
        self.cancel = QPushButton()
        actions.addWidget(self.details_button)
        actions.addStretch(1)
        actions.addWidget(self.retry)
        actions.addWidget(self.cancel)
        box.addLayout(actions)
        self.details = _label("startDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.details)

        # what works without the model library: real buttons, not a sentence to act on
        self.routes = QFrame()
        self.routes.setObjectName("startRoutes")
        routes = QVBoxLayout(self.routes)
        routes.setContentsMargins(0, 4, 0, 4)
        self.routes_intro = _label("startRoutesIntro")
        routes.addWidget(self.routes_intro)
        row = QHBoxLayout()
        self.route_import = QPushButton()
        self.route_registry = QPushButton()
        self.route_server = QPushButton()
        for b in (self.route_import, self.route_registry, self.route_server):
            row.addWidget(b)
        row.addStretch(1)
        routes.addLayout(row)
        box.addWidget(self.routes)

        links = QHBoxLayout()
        self.choose = QPushButton()  # ordinary buttons: a flat one reads as a sentence
        self.later = QPushButton()
        links.addWidget(self.choose)
        links.addStretch(1)
        links.addWidget(self.later)
        box.addLayout(links)
        box.addStretch(1)

    def _colour_error(self) -> None:
        """A red that reads on the light and the dark palette alike."""
        dark = self.palette().window().color().lightness() < 128
        self.error.setStyleSheet(f"color: {'#ff8a80' if dark else '#b3261e'};")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the OS switched light/dark
            self._colour_error()
