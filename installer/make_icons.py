"""Render the one app icon source (resources/icons/ollama-desk.svg) to everything the
installers need, using only PySide6 (QtSvg) and the standard library:

  resources/icons/hicolor/<N>x<N>/apps/ollama-desk.png   Linux menus, window icon (N = SIZES)
  resources/icons/ollama-desk.ico                         Windows executable and installer
  resources/icons/ollama-desk.icns                        macOS bundle

    python installer/make_icons.py [--out DIR]

The generated files are committed, so a build never needs to run this; run it after editing
the SVG. Both containers are written here by hand: .ico holds 32-bit BMP images for the small
sizes (every Windows shell draws those) and PNG for 128 and 256; .icns holds PNG images under
the type codes macOS 10.7+ reads.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "ollama-desk.svg"
NAME = "ollama-desk"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_PNG_FROM = 128  # sizes >= this are stored as PNG inside the .ico
# icns type code -> pixel size (the @2x codes hold the same pixels as the next size up)
ICNS_TYPES: tuple[tuple[bytes, int], ...] = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def _ensure_gui_app() -> object:
    """QPainter on a QImage wants a QGuiApplication; create an offscreen one if none exists."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1])
    return app


def render(svg: Path, size: int):  # -> QImage (PySide6 imported lazily)
    """The SVG drawn into a size x size ARGB32 image with a transparent background."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _ensure_gui_app()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image) -> bytes:  # noqa: ANN001 - QImage
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buf, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buf.close()
    return bytes(data.data())


def bmp_dib(image) -> bytes:  # noqa: ANN001 - QImage in Format_ARGB32
    """An .ico image entry in BMP form: BITMAPINFOHEADER, BGRA rows bottom-up, AND mask."""
    w, h = image.width(), image.height()
    stride = image.bytesPerLine()
    bits = bytes(image.constBits())  # ARGB32 is B,G,R,A in memory on little-endian hosts
    if sys.byteorder != "little":
        raise RuntimeError("BMP icon entries are written for little-endian hosts only")
    rows = [bits[y * stride : y * stride + w * 4] for y in range(h)]
    mask_stride = ((w + 31) // 32) * 4
    header = struct.pack(
        "<IiiHHIIiiII", 40, w, h * 2, 1, 32, 0, w * h * 4 + mask_stride * h, 0, 0, 0, 0
    )
    # The AND mask is all zero: the alpha channel already says what is transparent.
    return header + b"".join(reversed(rows)) + bytes(mask_stride * h)


def build_ico(images: dict[int, bytes]) -> bytes:
    """An .ico container from {size: image data (PNG or BMP DIB)}, smallest first."""
    sizes = sorted(images)
    out = [struct.pack("<HHH", 0, 1, len(sizes))]
    offset = 6 + 16 * len(sizes)
    for s in sizes:
        dim = 0 if s >= 256 else s  # 0 means 256 in an ICONDIRENTRY
        out.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(images[s]), offset))
        offset += len(images[s])
    out += [images[s] for s in sizes]
    return b"".join(out)


def build_icns(entries: list[tuple[bytes, bytes]]) -> bytes:
    """An .icns container from [(4-byte type code, PNG data)]."""
    body = b"".join(code + struct.pack(">I", 8 + len(data)) + data for code, data in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def generate(svg: Path, out: Path) -> list[Path]:
    """Write every icon file under ``out``; return the paths written."""
    needed = set(SIZES) | set(ICO_SIZES) | {px for _c, px in ICNS_TYPES}
    images = {s: render(svg, s) for s in sorted(needed)}
    pngs = {s: png_bytes(img) for s, img in images.items()}
    written: list[Path] = []
    for s in SIZES:
        p = out / "hicolor" / f"{s}x{s}" / "apps" / f"{NAME}.png"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(pngs[s])
        written.append(p)
    ico = {s: pngs[s] if s >= ICO_PNG_FROM else bmp_dib(images[s]) for s in ICO_SIZES}
    written.append(_write(out / f"{NAME}.ico", build_ico(ico)))
    icns = build_icns([(code, pngs[px]) for code, px in ICNS_TYPES])
    written.append(_write(out / f"{NAME}.icns", icns))
    return written


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--svg", type=Path, default=SVG)
    p.add_argument("--out", type=Path, default=SVG.parent)
    args = p.parse_args(argv)
    for path in generate(args.svg, args.out):
        print(f"{path}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
