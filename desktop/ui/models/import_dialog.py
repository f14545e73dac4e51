"""Import a GGUF file: read its header, show what it is and which chat template it needs
(the user may change it), upload it, create the model, then offer to chat with it."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import OllamaError
from desktop.core.models.chat_templates import (
    FILE_TEMPLATE,
    NAMES,
    ChatTemplate,
    TemplateError,
    TemplatePick,
    guess_template,
    load_template,
)
from desktop.core.models.gguf import GGUFInfo, GGUFProblem
from desktop.core.names import InvalidNameError, parse_model_name
from desktop.core.units import human_bytes
from desktop.services.models.gguf_import import GGUFImporter, GGUFImportError
from desktop.services.tasks import Task
from desktop.ui.common.bounded_text import BoundedLabel, BoundedText, never_grow
from desktop.ui.common.messages import error_details, error_message
from desktop.ui.models import template_text
from desktop.ui.shell.style import mark_primary


def suggested_name(path: Path) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-.").lower() or "imported"
    if not stem[0].isalnum():
        stem = "m" + stem
    return stem[:80] + ":latest"


class ImportDialog(QDialog):
    """chatRequested(str): the user wants to chat with the model just imported (the app
    opens the Chat tab on it; tabs never call each other)."""

    chatRequested = Signal(str)

    def __init__(self, importer: GGUFImporter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.importer = importer
        self.path: Path | None = None
        self.info: GGUFInfo | None = None
        self.task: Task | None = None
        self.pick: TemplatePick | None = None
        self.imported = ""  # the name of the model created, once it is
        self.setWindowTitle(self.tr("Import a GGUF file"))
        self.resize(600, 380)
        layout = QVBoxLayout(self)
        pick = QHBoxLayout()
        self.file_label = BoundedLabel(self.tr("No file chosen."), elide=True)
        self.choose = QPushButton(self.tr("Choose file…"))
        pick.addWidget(self.file_label, 1)
        pick.addWidget(self.choose)
        layout.addLayout(pick)
        form = QFormLayout()
        # what a file or the server says is shown as text, never as markup, and bounded
        self.arch = BoundedLabel(elide=True)
        self.params = BoundedLabel(elide=True)
        self.quant = BoundedLabel(elide=True)
        self.context = BoundedLabel(elide=True)
        self.name = QLineEdit()
        self.template = QComboBox()
        self.template.setEnabled(False)
        self.template_why = BoundedLabel()  # names a file's architecture: plain, bounded
        self.template_why.setWordWrap(True)
        self.template_why.setObjectName("templateWhy")
        form.addRow(self.tr("Architecture:"), self.arch)
        form.addRow(self.tr("Parameters:"), self.params)
        form.addRow(self.tr("Quantization:"), self.quant)
        form.addRow(self.tr("Context length:"), self.context)
        form.addRow(self.tr("Chat template:"), self.template)
        form.addRow("", self.template_why)
        form.addRow(self.tr("Model name:"), self.name)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = BoundedText()
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.chat_button = self.buttons.addButton(
            self.tr("Chat with it"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.chat_button.hide()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        layout.addWidget(self.buttons)
        never_grow(self)  # a long path or server message never widens the dialog
        self.resize(560, 320)
        self._connect_callbacks()

    def _connect_callbacks(self) -> None:
        self.choose.clicked.connect(self._choose)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self._cancel)
        self.chat_button.clicked.connect(self._chat)
        self.name.textChanged.connect(self._update_button)
        self.template.currentIndexChanged.connect(self._template_changed)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a GGUF file"), "", self.tr("GGUF models (*.gguf);;All files (*)")
        )
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> Task:
        """Read the header off the UI thread and show what the file is."""
        self.path, self.info, self.pick, self.imported = path, None, None, ""
        self.chat_button.hide()
        self.file_label.setText(str(path))
        for label in (self.arch, self.params, self.quant, self.context, self.template_why):
            label.clear()
        self.template.clear()
        self.template.setEnabled(False)
        self.status.setText(self.tr("Reading the file header…"))
        self.name.setText(suggested_name(path))
        self._update_button()

        def wire(task: Task) -> None:
            task.succeeded.connect(self._show_info)
            task.failed.connect(self._show_error)

        return self.importer.inspect(path, wire)

    def _show_info(self, info: GGUFInfo) -> None:
        self.info = info
        self.arch.setText(info.architecture or self.tr("unknown"))
        self.params.setText(
            f"{info.parameter_count / 1e9:.2f} B" if info.parameter_count else self.tr("unknown")
        )
        self.quant.setText(info.quantization)
        self.context.setText(str(info.context_length or self.tr("unknown")))
        self._show_templates(guess_template(info.metadata, info.array_lengths))
        self.status.setText(
            self.tr("GGUF version {v}, {size}. Ready to import.").format(
                v=info.version, size=human_bytes(info.file_size)
            )
        )
        self._update_button()

    # -- the chat template -------------------------------------------------------------------
    def _show_templates(self, pick: TemplatePick) -> None:
        self.pick = pick
        combo = self.template
        combo.blockSignals(True)
        combo.clear()
        if pick.file_has_template:
            combo.addItem(template_text.display_name(FILE_TEMPLATE), FILE_TEMPLATE)
        for name in NAMES:
            combo.addItem(template_text.display_name(name), name)
        combo.setCurrentIndex(max(0, combo.findData(pick.name)))
        combo.setEnabled(True)
        combo.blockSignals(False)
        self.template_why.setText(template_text.why_text(pick))

    def _template_changed(self, _index: int) -> None:
        if self.pick is None:
            return
        same = self.template.currentData() == self.pick.name
        self.template_why.setText(
            template_text.why_text(self.pick) if same else template_text.changed_text(self.pick)
        )

    def chosen_template(self) -> ChatTemplate | None:
        """The template to send (None: the file's own)."""
        name = str(self.template.currentData() or FILE_TEMPLATE)
        return None if name == FILE_TEMPLATE else load_template(name)

    def problem_text(self, error: OllamaError) -> str:
        if isinstance(error, GGUFImportError):
            texts = {
                GGUFProblem.NOT_GGUF: self.tr("This is not a GGUF model file."),
                GGUFProblem.VERSION: self.tr("This GGUF version cannot be read ({detail})."),
                GGUFProblem.TRUNCATED: self.tr(
                    "The file is incomplete: it ends before the data its header declares "
                    "({detail}). Download it again."
                ),
                GGUFProblem.CORRUPT: self.tr("The file is damaged ({detail})."),
                GGUFProblem.IO: self.tr("The file could not be read ({detail})."),
            }
            return texts[error.gguf.problem].format(detail=error.gguf.detail)
        return error_message(error)

    def _show_error(self, error: OllamaError) -> None:
        self.info = None
        self.progress.hide()
        self.template.setEnabled(False)
        self.status.setText(
            self.problem_text(error) + " " + self.tr("Nothing was created."), error_details(error)
        )
        self._update_button()

    def _update_button(self) -> None:
        ok = self.info is not None and (self.task is None or self.task.done)
        try:
            parse_model_name(self.name.text())
        except InvalidNameError:
            ok = False
        self.import_button.setEnabled(ok)

    def start_import(self) -> Task | None:
        if self.path is None or self.info is None:
            return None
        try:
            template = self.chosen_template()
        except TemplateError as e:  # a damaged install: say so rather than import it badly
            self.status.setText(
                self.tr("The chat template could not be read ({detail}).").format(detail=str(e))
            )
            return None
        self.progress.setValue(0)
        self.progress.show()
        self.chat_button.hide()

        def wire(task: Task) -> None:
            task.progressed.connect(self._on_progress)
            task.succeeded.connect(self._on_done)
            task.failed.connect(self._show_error)
            task.finished.connect(self._update_button)

        self.task = self.importer.start(self.path, self.name.text().strip(), wire, template)
        self.template.setEnabled(False)
        self._update_button()
        return self.task

    def _on_progress(self, msg: tuple[object, ...]) -> None:
        if msg[0] in ("hash", "upload"):
            done, total = int(str(msg[1])), int(str(msg[2])) or 1
            base = 0 if msg[0] == "hash" else 500
            self.progress.setValue(base + int(500 * done / total))
            self.status.setText(
                self.tr("Checking the file…")
                if msg[0] == "hash"
                else self.tr("Uploading to Ollama…")
            )
        else:
            self.status.setText(self.tr("Creating the model: {status}").format(status=str(msg[1])))

    def _on_done(self, _info: object) -> None:
        self.progress.setValue(1000)
        self.imported = self.name.text().strip()
        name = str(self.template.currentData() or FILE_TEMPLATE)
        if name == FILE_TEMPLATE:
            text = self.tr("{name} is ready to chat, with the file's own chat template.")
        else:
            text = self.tr("{name} is ready to chat, with the {template} chat template.")
        self.status.setText(
            text.format(name=self.imported, template=template_text.display_name(name))
        )
        self.template.setEnabled(True)
        self.chat_button.show()
        mark_primary(self.chat_button)
        self.chat_button.setFocus()
        self.cancel_button.setText(self.tr("Close"))

    def _chat(self) -> None:
        if self.imported:
            self.chatRequested.emit(self.imported)
            self.accept()

    def _cancel(self) -> None:
        if self.task is not None and not self.task.done:
            self.task.cancel()
        else:
            self.reject()
