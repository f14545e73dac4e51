"""A chat's system prompt and generation parameters, for this chat or as the defaults."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.chat.conversation import ChatParams
from desktop.core.chat.threads import ThreadSource, threads_sent


class ParamsDialog(QDialog):
    def __init__(
        self,
        system_prompt: str,
        params: ChatParams,
        watts_per_core: float = 5.0,
        grid_g_per_kwh: float = 400.0,
        parent: QWidget | None = None,
        defaults: tuple[str, ChatParams] | None = None,
        model: str = "",
        tuner_setting: str = "",
    ) -> None:
        super().__init__(parent)
        self._model, self._tuner = model, tuner_setting
        self.setWindowTitle(self.tr("Chat settings"))
        self._defaults = defaults or ("", ChatParams())
        form = QFormLayout(self)
        scope = QHBoxLayout()
        self.this_chat = QRadioButton(self.tr("This chat"))
        self.this_chat.setChecked(True)
        self.new_chats = QRadioButton(self.tr("Default for new chats"))
        self.new_chats.setToolTip(
            self.tr("New chats start with these settings; chats you have now keep theirs.")
        )
        group = QButtonGroup(self)
        for b in (self.this_chat, self.new_chats):
            group.addButton(b)
            scope.addWidget(b)
        scope.addStretch(1)
        form.addRow(self.tr("Apply to"), scope)
        self.system = QPlainTextEdit(system_prompt)
        self.system.setPlaceholderText(self.tr("For example: Answer briefly, in plain words."))
        self.system.setMinimumHeight(80)
        form.addRow(self.tr("System prompt"), self.system)
        self.temperature = QDoubleSpinBox()
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setValue(params.temperature)
        form.addRow(self.tr("Temperature"), self.temperature)
        self.num_ctx = self._spin(0, 1_048_576, params.num_ctx, self.tr("server default"), 1024)
        self.num_ctx.setToolTip(self.tr("Changing the context length reloads the model."))
        form.addRow(self.tr("Context length"), self.num_ctx)
        self.num_thread = self._spin(0, 512, params.num_thread, self.tr("automatic"))
        # what is sent is not always what the box holds: say it, and who chose it
        self.threads_note = QLabel()
        self.threads_note.setTextFormat(Qt.TextFormat.PlainText)  # the model's name
        self.threads_note.setWordWrap(True)
        self.threads_note.setObjectName("threadsNote")
        threads = QVBoxLayout()
        threads.setSpacing(2)
        threads.addWidget(self.num_thread)
        threads.addWidget(self.threads_note)
        form.addRow(self.tr("CPU threads"), threads)
        self.num_thread.valueChanged.connect(self._show_threads)
        self._show_threads(params.num_thread)
        self.seed = self._spin(-1, 2_147_483_647, params.seed, self.tr("random"))
        form.addRow(self.tr("Seed"), self.seed)
        self.num_predict = self._spin(-1, 1_000_000, params.num_predict, self.tr("no limit"))
        form.addRow(self.tr("Most tokens per answer"), self.num_predict)
        energy = QLabel(self.tr("Energy estimate (all chats)"))
        font = energy.font()
        font.setBold(True)
        energy.setFont(font)
        form.addRow(energy)
        self.watts = QDoubleSpinBox()
        self.watts.setRange(0.1, 100.0)
        self.watts.setSingleStep(0.5)
        self.watts.setSuffix(" W")
        self.watts.setValue(watts_per_core)
        self.watts.setToolTip(
            self.tr(
                "Used when the CPU's energy counters cannot be read: "
                "CPU seconds of Ollama x this power. A laptop core "
                "draws about 3-8 W when busy."
            )
        )
        form.addRow(self.tr("Power of one busy core"), self.watts)
        self.grid = QDoubleSpinBox()
        self.grid.setRange(0.0, 2000.0)
        self.grid.setSingleStep(10.0)
        self.grid.setSuffix(" g/kWh")
        self.grid.setValue(grid_g_per_kwh)
        form.addRow(self.tr("CO₂ of your electricity"), self.grid)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setText(self.tr("Use the defaults"))
        restore.clicked.connect(lambda: self.show_values(*self._defaults))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _spin(self, low: int, high: int, value: int, special: str, step: int = 1) -> QSpinBox:
        s = QSpinBox()
        s.setRange(low, high)
        s.setSingleStep(step)
        s.setSpecialValueText(special)
        s.setValue(value)
        return s

    def _show_threads(self, value: int) -> None:
        choice = threads_sent(value, self._tuner, self._model)
        if choice.source is ThreadSource.CHAT:
            special = self.tr("automatic")
            note = self.tr("Sent: {0} threads, as set here.").format(choice.threads)
        elif choice.source is ThreadSource.TUNER:
            special = self.tr("automatic ({0}, from the thread tuner)").format(choice.threads)
            note = self.tr(
                "Sent: {0} threads, the fastest the Benchmark tab's thread tuner measured "
                "for {1}. Set a number here to use another."
            ).format(choice.threads, self._model)
        else:
            special = self.tr("automatic (Ollama decides)")
            note = self.tr("Sent: nothing, so Ollama uses its own default.")
        self.num_thread.setSpecialValueText(special)
        self.threads_note.setText(note)

    def show_values(self, system_prompt: str, params: ChatParams) -> None:
        self.system.setPlainText(system_prompt)
        self.temperature.setValue(params.temperature)
        self.num_ctx.setValue(params.num_ctx)
        self.num_thread.setValue(params.num_thread)
        self.seed.setValue(params.seed)
        self.num_predict.setValue(params.num_predict)

    @property
    def for_new_chats(self) -> bool:
        """True: save as the defaults for new chats; False: for this chat only."""
        return self.new_chats.isChecked()

    def energy_values(self) -> tuple[float, float]:
        return round(self.watts.value(), 2), round(self.grid.value(), 1)

    def result_values(self) -> tuple[str, ChatParams]:
        return self.system.toPlainText(), ChatParams(
            temperature=round(self.temperature.value(), 2),
            num_ctx=self.num_ctx.value(),
            num_thread=self.num_thread.value(),
            seed=self.seed.value(),
            num_predict=self.num_predict.value() if self.num_predict.value() != 0 else -1,
        )
