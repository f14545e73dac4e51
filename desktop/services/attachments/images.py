"""Images for vision models, decoded by Qt's own image readers (already in the app: no new
library): the header is read first and an image with too many pixels is refused before any
decoding; Qt's allocation limit guards the rest (a decompression bomb fails instead of
taking the memory). The image is scaled to what vision models use and re-encoded (JPEG, or
PNG when it has transparency), which also drops its metadata (a photo's GPS position).

Why this size: models resize every image themselves; gemma3 to 896 x 896, llava 336 (672
for 1.6), llama3.2-vision tiles of 560 (up to 1120), qwen2.5-vl about one megapixel. A
longest edge of 1344 keeps the detail all of them use and cuts a 12-megapixel photo (4 MB
of base64 per question, sent again with every later question) to ~300 KB.

QImage (not QPixmap) is safe to use in a worker thread."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from desktop.core.attachments.model import AttachmentError
from desktop.core.attachments.model import AttachmentErrorKind as K
from desktop.core.attachments.refs import Attachment, AttachmentKind, AttachmentRef

MAX_EDGE = 1344
MAX_PIXELS = 50_000_000  # a 50-megapixel photo decodes in ~200 MB; more is refused
ALLOCATION_MB = 256  # Qt's own ceiling for one decoded image
THUMB_EDGE = 96
JPEG_QUALITY = 88
FORMATS = {b"png": "png", b"jpeg": "jpeg", b"jpg": "jpeg", b"webp": "webp"}
_limit_set = False


def _set_limit() -> None:
    global _limit_set
    if not _limit_set:
        QImageReader.setAllocationLimit(ALLOCATION_MB)
        _limit_set = True


def fit(size: QSize, edge: int = MAX_EDGE) -> QSize:
    """``size`` scaled down (never up) so that its longest side is at most ``edge``."""
    w, h = size.width(), size.height()
    if max(w, h) <= edge:
        return QSize(w, h)
    scale = edge / max(w, h)
    return QSize(max(1, round(w * scale)), max(1, round(h * scale)))


def encode(image: QImage, fmt: str, quality: int = -1) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as str at run time (its stubs say bytes; bytes raise)
    if not image.save(buffer, fmt, quality):  # type: ignore[call-overload]
        raise AttachmentError(K.DAMAGED, f"could not encode as {fmt}")
    buffer.close()
    return bytes(data.data())


def decode(data: bytes, cancelled: Callable[[], bool] | None = None) -> tuple[QImage, str]:
    """The image in ``data`` scaled to MAX_EDGE, and its format; AttachmentError else."""
    _set_limit()
    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    reader.setAutoTransform(True)  # a photo taken sideways is shown upright
    fmt = FORMATS.get(bytes(reader.format().data()).lower())
    if fmt is None:
        raise AttachmentError(K.DAMAGED, reader.errorString() or "not a PNG, JPEG or WebP image")
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        raise AttachmentError(K.DAMAGED, reader.errorString() or "no size in the header")
    if size.width() * size.height() > MAX_PIXELS:
        raise AttachmentError(K.TOO_MANY_PIXELS, f"{size.width()}x{size.height()}")
    if cancelled is not None and cancelled():
        raise AttachmentError(K.CANCELLED)
    target = fit(size)
    if target != size:
        reader.setScaledSize(target)  # JPEG decodes at the smaller size directly
    image = reader.read()
    if image.isNull():
        raise AttachmentError(K.DAMAGED, reader.errorString() or "could not decode")
    if max(image.width(), image.height()) > MAX_EDGE:
        image = image.scaled(
            fit(image.size()),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image, fmt


def prepare_image(
    name: str, data: bytes, file_size: int, cancelled: Callable[[], bool] | None = None
) -> Attachment:
    """An image attachment as stored and sent: scaled, re-encoded, with a thumbnail."""
    image, source_format = decode(data, cancelled)
    alpha = image.hasAlphaChannel()
    if alpha:
        payload, fmt = encode(image, "PNG"), "png"
    else:
        rgb = image.convertToFormat(QImage.Format.Format_RGB32)
        payload, fmt = encode(rgb, "JPEG", JPEG_QUALITY), "jpeg"
    thumb = image.scaled(
        THUMB_EDGE,
        THUMB_EDGE,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    ref = AttachmentRef(
        kind=AttachmentKind.IMAGE,
        name=name,
        format=fmt,
        size=file_size,
        blob=hashlib.sha256(payload).hexdigest(),
        chars=0,
        tokens=0,
        thumb=encode(thumb, "PNG"),
        info={"width": image.width(), "height": image.height(), "source": source_format},
    )
    return Attachment(ref, payload)


def image_from_clipboard(image: QImage) -> bytes:
    """A pasted picture as PNG bytes (run in a worker: a 4K screenshot takes ~100 ms)."""
    if image.isNull():
        raise AttachmentError(K.DAMAGED, "empty clipboard image")
    if image.width() * image.height() > MAX_PIXELS:
        raise AttachmentError(K.TOO_MANY_PIXELS, f"{image.width()}x{image.height()}")
    return encode(image, "PNG")
