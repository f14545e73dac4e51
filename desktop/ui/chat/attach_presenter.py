"""Attaching files and images to the next question: the File… and Image… buttons, drop and
paste in the message box, a chip per file while it is read (with cancel) and once read,
refusals said in the banner, images only for a model that can see them (the Image button
says why it is off), and the image viewer."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from desktop.core.attachments.model import (
    DOCUMENT_SUFFIXES,
    IMAGE_SUFFIXES,
    AttachmentError,
    image_format,
)
from desktop.core.attachments.model import AttachmentErrorKind as K
from desktop.core.attachments.refs import Attachment, AttachmentRef
from desktop.core.attachments.vision import can_see, vision_model
from desktop.core.models.catalog import Catalog, CatalogError, load_catalog
from desktop.services.attachments.jobs import AttachJobs
from desktop.services.chat import attachment_store
from desktop.services.chat.conversations import ChatConversations
from desktop.services.chat.errors import HistoryError
from desktop.services.chat.store import ChatStore
from desktop.ui.chat import attach_text
from desktop.ui.chat.attach_chips import AttachmentChip, ImageViewer
from desktop.ui.chat.banner_presenter import BannerPresenter
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.model_picker import ModelPicker

log = logging.getLogger(__name__)
TOPIC = "attach"  # banner topic


@dataclass
class _Item:
    chip: AttachmentChip
    job: int = 0  # 0: read (or loaded from a stored message)
    attachment: Attachment | None = None


class AttachPresenter(QObject):
    """The composer's attachments. ``attachments()`` hands them to a send.

    changed(): what goes with the next question changed (a file read, removed, the tray
    emptied or loaded for an edit); ``refs()`` says what it is now (the context meter)."""

    changed = Signal()

    def __init__(
        self,
        view: ChatView,
        jobs: AttachJobs,
        conversations: ChatConversations,
        picker: ModelPicker,
        banner: BannerPresenter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.view = view
        self.jobs = jobs
        self.conversations = conversations
        self.picker = picker
        self.banner = banner
        self._items: list[_Item] = []
        self._refusals: list[str] = []
        self._catalog: Catalog | None = None
        self._catalog_read = False
        # tests replace these two: the file dialog and the viewer are modal
        self.pick_files: Callable[[bool], list[str]] = self._pick_files
        self.show_image: Callable[[str, QImage], None] = self._show_image
        self._connect_callbacks()
        self.update_vision()

    def _connect_callbacks(self) -> None:
        v, j = self.view, self.jobs
        v.attach_file.clicked.connect(lambda: self.add_paths(self.pick_files(False)))
        v.attach_image.clicked.connect(lambda: self.add_paths(self.pick_files(True)))
        v.composer.filesDropped.connect(self.add_paths)
        v.composer.imagePasted.connect(self.add_image)
        v.model.currentIndexChanged.connect(lambda _i: self.update_vision())
        self.picker.modelsShown.connect(self.update_vision)
        j.progressed.connect(self._on_progress)
        j.ready.connect(self._on_ready)
        j.refused.connect(self._on_refused)
        v.banner.close_button.clicked.connect(self._refusals.clear)

    # -- what the model can take -------------------------------------------------------
    def model_sees(self, model: str | None = None) -> bool:
        m = self.picker.models.get(model or self.picker.current_model())
        return m is not None and can_see(m.capabilities)

    def suggestion(self) -> tuple[str, bool] | None:
        """A model that can read images: installed first, else from the catalog."""
        if not self._catalog_read:
            self._catalog_read = True
            try:
                self._catalog = load_catalog()
            except CatalogError:
                self._catalog = None
        installed = {name: m.capabilities for name, m in self.picker.models.items()}
        return vision_model(installed, self._catalog)

    def update_vision(self) -> None:
        model = self.picker.current_model()
        button = self.view.attach_image
        sees = bool(model) and self.model_sees(model)
        button.setEnabled(sees)
        if sees:
            button.setToolTip(attach_text.images_on_tooltip(model))
        else:
            button.setToolTip(attach_text.images_off_tooltip(model or "—", self.suggestion()))

    # -- adding ------------------------------------------------------------------------
    def _pick_files(self, images: bool) -> list[str]:
        suffixes = IMAGE_SUFFIXES if images else DOCUMENT_SUFFIXES
        pattern = " ".join(f"*.{s}" for s in suffixes)
        title = self.tr("Attach images") if images else self.tr("Attach files")
        kind = self.tr("Images") if images else self.tr("Documents")
        everything = self.tr("All files")
        paths, _filter = QFileDialog.getOpenFileNames(
            self.view, title, "", f"{kind} ({pattern});;{everything} (*)"
        )
        return list(paths)

    def add_paths(self, paths: Sequence[str]) -> None:
        """Attach these files (each is read in the background; a refusal is said)."""
        if paths:
            self._refusals.clear()
        model = self.picker.current_model()
        for path in paths:
            name = path.replace("\\", "/").rsplit("/", 1)[-1]
            if image_format(name) is not None and not self.model_sees(model):
                self._say(attach_text.image_refused(name, model or "—", self.suggestion()))
                continue
            self._track(name, self.jobs.add_file(path))

    def add_image(self, image: QImage) -> None:
        """A picture pasted from the clipboard."""
        name = self.tr("pasted image") + ".png"
        model = self.picker.current_model()
        self._refusals.clear()
        if not self.model_sees(model):
            self._say(attach_text.image_refused(name, model or "—", self.suggestion()))
            return
        self._track(name, self.jobs.add_pasted_image(name, image))

    def _track(self, name: str, job: int) -> None:
        chip = AttachmentChip(name)
        chip.set_progress(0.0)
        item = _Item(chip, job)
        chip.removeRequested.connect(lambda: self.remove(item))
        chip.opened.connect(lambda: self._open(item))
        self._items.append(item)
        self.view.attachments.add(chip)

    def load(self, refs: Sequence[AttachmentRef]) -> None:
        """The attachments of a stored question (to edit it): kept as they are stored."""
        self.clear()
        for ref in refs:
            chip = AttachmentChip(ref.name)
            chip.set_ref(ref)
            item = _Item(chip, 0, Attachment(ref, b""))
            chip.removeRequested.connect(lambda i=item: self.remove(i))
            chip.opened.connect(lambda i=item: self._open(i))
            self._items.append(item)
            self.view.attachments.add(chip)
        if refs:
            self.changed.emit()

    def remove(self, item: _Item) -> None:
        if item.job:
            self.jobs.cancel(item.job)
        if item in self._items:
            self._items.remove(item)
            self.view.attachments.remove(item.chip)
            if item.attachment is not None:
                self.changed.emit()

    def clear(self) -> None:
        for item in list(self._items):
            self.remove(item)

    # -- sending -----------------------------------------------------------------------
    def attachments(self) -> list[Attachment]:
        return [i.attachment for i in self._items if i.attachment is not None]

    def refs(self) -> list[AttachmentRef]:
        """What is attached and read (a file still being read has no size yet)."""
        return [a.ref for a in self.attachments()]

    def send_problem(self, model: str) -> str | None:
        """Why the question cannot go now (a file still read, images for a blind model)."""
        reading = [i.chip.name for i in self._items if i.attachment is None]
        if reading:
            return attach_text.still_reading(reading)
        if any(a.ref.is_image for a in self.attachments()) and not self.model_sees(model):
            return attach_text.no_vision(model, self.suggestion())
        return None

    # -- jobs --------------------------------------------------------------------------
    def _item(self, job: int) -> _Item | None:
        return next((i for i in self._items if i.job == job), None)

    def _on_progress(self, job: int, fraction: float) -> None:
        item = self._item(job)
        if item is not None:
            item.chip.set_progress(fraction)

    def _on_ready(self, job: int, attachment: Attachment) -> None:
        item = self._item(job)
        if item is None:
            return  # removed while it was read
        item.job, item.attachment = 0, attachment
        item.chip.set_ref(attachment.ref)
        self.changed.emit()

    def _on_refused(self, job: int, error: AttachmentError) -> None:
        item = self._item(job)
        if item is None:
            return
        self._items.remove(item)
        self.view.attachments.remove(item.chip)
        log.info("attachment %s refused: %s", item.chip.name, error)
        if error.kind is not K.CANCELLED:
            self._say(attach_text.refusal(item.chip.name, error))

    def _say(self, sentence: str) -> None:
        self._refusals.append(sentence)
        self.banner.show(" ".join(self._refusals[-5:]), topic=TOPIC)

    # -- viewing -----------------------------------------------------------------------
    def _open(self, item: _Item) -> None:
        a = item.attachment
        if a is None or not a.ref.is_image:
            return
        if a.data:
            image = QImage.fromData(a.data)
            if not image.isNull():
                self.show_image(a.ref.name, image)
            return
        self.open_stored(a.ref)

    def open_stored(self, ref: AttachmentRef) -> None:
        """Show a stored image (read and decoded off the main thread)."""
        if not ref.is_image:
            return

        def read(s: ChatStore) -> QImage:
            data = attachment_store.blob(s.db, ref.blob)
            return QImage.fromData(data) if data else QImage()

        def shown(image: QImage) -> None:
            if not image.isNull():
                self.show_image(ref.name, image)

        def failed(_error: HistoryError) -> None:
            self._say(
                self.tr("The picture {0} could not be read from the history.").format(ref.name)
            )

        self.conversations.history.call(
            "read image", read, on_success=shown, on_failure=failed, context=self.view
        )

    def _show_image(self, name: str, image: QImage) -> None:
        ImageViewer(name, image, self.view).show()
