"""The app icon: one SVG rendered to PNGs, an .ico and an .icns that read back correctly."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QImageReader

from installer import make_icons

ICONS = Path(make_icons.__file__).resolve().parents[1] / "resources" / "icons"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC, "not a PNG"
    assert data[12:16] == b"IHDR"
    w, h = struct.unpack(">II", data[16:24])
    return w, h


def parse_ico(data: bytes) -> list[tuple[int, bytes]]:
    """[(size, image data)], checking the ICONDIR and every entry against its image."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    out = []
    for i in range(count):
        w, h, colors, _r, planes, bpp, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i
        )
        size = w or 256
        assert (w, colors, planes, bpp) == (h, 0, 1, 32)
        assert offset + length <= len(data)
        image = data[offset : offset + length]
        if image[:8] == PNG_MAGIC:
            assert png_size(image) == (size, size)
        else:
            hdr, bw, bh, bplanes, bbpp = struct.unpack_from("<IiiHH", image, 0)
            assert (hdr, bw, bh, bplanes, bbpp) == (40, size, 2 * size, 1, 32)
            mask_stride = ((size + 31) // 32) * 4
            assert length == 40 + size * size * 4 + mask_stride * size
        out.append((size, image))
    return out


def parse_icns(data: bytes) -> dict[bytes, bytes]:
    assert data[:4] == b"icns"
    (total,) = struct.unpack(">I", data[4:8])
    assert total == len(data)
    entries, pos = {}, 8
    while pos < total:
        code = data[pos : pos + 4]
        (length,) = struct.unpack(">I", data[pos + 4 : pos + 8])
        assert length > 8 and pos + length <= total
        entries[code] = data[pos + 8 : pos + length]
        pos += length
    assert pos == total
    return entries


def bmp_pixel(image: bytes, size: int, x: int, y: int) -> tuple[int, int, int, int]:
    """(r, g, b, a) of a bottom-up 32-bit DIB .ico entry."""
    row = size - 1 - y
    b, g, r, a = image[40 + (row * size + x) * 4 : 40 + (row * size + x) * 4 + 4]
    return r, g, b, a


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])  # noqa: F841
    out = tmp_path_factory.mktemp("icons")
    make_icons.generate(make_icons.SVG, out)
    return out


@pytest.mark.parametrize("where", ["generated", "committed"])
def test_ico_parses_back_with_every_size(where: str, generated: Path) -> None:
    folder = generated if where == "generated" else ICONS
    entries = parse_ico((folder / "ollama-desk.ico").read_bytes())
    assert [s for s, _ in entries] == list(make_icons.ICO_SIZES)
    # Qt's own ICO reader, written by other people, agrees.
    reader = QImageReader(str(folder / "ollama-desk.ico"))
    assert reader.imageCount() == len(make_icons.ICO_SIZES)


def test_ico_bmp_entries_hold_the_rendered_pixels(generated: Path) -> None:
    entries = dict(parse_ico((generated / "ollama-desk.ico").read_bytes()))
    for size in (16, 32, 48):
        png = QImage(str(generated / "hicolor" / f"{size}x{size}" / "apps" / "ollama-desk.png"))
        for x, y in ((0, 0), (size // 2, size // 2), (size // 4, size // 3)):
            c = png.pixelColor(x, y)
            assert bmp_pixel(entries[size], size, x, y) == (c.red(), c.green(), c.blue(), c.alpha())
    # corners are transparent, the middle of the tile is opaque
    assert bmp_pixel(entries[32], 32, 0, 0)[3] == 0
    assert bmp_pixel(entries[32], 32, 16, 24)[3] == 255


@pytest.mark.parametrize("where", ["generated", "committed"])
def test_icns_parses_back_with_retina_sizes(where: str, generated: Path) -> None:
    folder = generated if where == "generated" else ICONS
    entries = parse_icns((folder / "ollama-desk.icns").read_bytes())
    assert set(entries) == {code for code, _px in make_icons.ICNS_TYPES}
    for code, px in make_icons.ICNS_TYPES:
        assert png_size(entries[code]) == (px, px), code


def test_committed_pngs_match_the_hicolor_sizes() -> None:
    for size in make_icons.SIZES:
        data = (ICONS / "hicolor" / f"{size}x{size}" / "apps" / "ollama-desk.png").read_bytes()
        assert png_size(data) == (size, size)


def test_committed_icons_are_rendered_from_the_current_svg(generated: Path) -> None:
    """Editing the SVG without re-running make_icons.py leaves stale icons: catch that."""
    for size in (32, 256):
        rel = Path("hicolor") / f"{size}x{size}" / "apps" / "ollama-desk.png"
        fresh, committed = QImage(str(generated / rel)), QImage(str(ICONS / rel))
        assert fresh.size() == committed.size()
        diff = max(
            abs(fresh.pixelColor(x, y).alpha() - committed.pixelColor(x, y).alpha())
            for x in range(0, size, max(1, size // 16))
            for y in range(0, size, max(1, size // 16))
        )
        assert diff <= 8, "run `python installer/make_icons.py` after editing the SVG"


@pytest.mark.qt_log_ignore("Cannot read file")
def test_invalid_svg_is_refused(tmp_path: Path, generated: Path) -> None:
    bad = tmp_path / "bad.svg"
    bad.write_text("<svg oops")
    with pytest.raises(ValueError, match="not a valid SVG"):
        make_icons.render(bad, 16)
