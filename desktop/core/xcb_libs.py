"""Before Qt opens a window on Linux/X11: are the system libraries of its xcb platform there?

Qt aborts when one is missing and its message always blames libxcb-cursor0, whichever it is.
This module lists what the xcb plugin cannot load (ldd on the plugin, which resolves the whole
dependency tree; without ldd, a dlopen of each library the plugin is known to need) and says
which packages install it on Debian/Ubuntu and Fedora. No Qt here.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# soname -> (Debian/Ubuntu package, Fedora package). The libraries Qt 6's libqxcb.so and
# libQt6XcbQpa.so.6 link against (ldd on the plugin), plus the few the wheel's Qt loads itself.
PACKAGES: Mapping[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libXau.so.6": ("libxau6", "libXau"),
    "libXdmcp.so.6": ("libxdmcp6", "libXdmcp"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libGLdispatch.so.0": ("libglvnd0", "libglvnd"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libpng16.so.16": ("libpng16-16", "libpng"),
    "libz.so.1": ("zlib1g", "zlib"),
    "libzstd.so.1": ("libzstd1", "libzstd"),
}

# What a fresh desktop most often lacks (the README's one apt-get line); the rest come with
# any desktop. The .deb declares these too (installer/package_linux.py).
DESKTOP_EXTRAS: tuple[str, ...] = (
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "libx11-xcb1",
    "libegl1",
    "libfontconfig1",
)

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)


@dataclass(frozen=True)
class MissingLibraries:
    sonames: tuple[str, ...]

    def packages(self, distro: int) -> list[str]:
        """Package names (distro 0: Debian/Ubuntu, 1: Fedora), each once, in order."""
        out: list[str] = []
        for so in self.sonames:
            pkg = PACKAGES.get(so)
            if pkg is not None and pkg[distro] not in out:
                out.append(pkg[distro])
        return out

    def unknown(self) -> list[str]:
        return [so for so in self.sonames if so not in PACKAGES]

    def message(self) -> str:
        """What to tell the person at the terminal (English: printed before Qt exists)."""
        lines = [
            "Ollama Desk cannot open its window: Qt's X11 (xcb) platform needs system "
            f"libraries that are not installed: {', '.join(self.sonames)}."
        ]
        debian, fedora = self.packages(0), self.packages(1)
        if debian:
            lines.append(f"  Debian/Ubuntu: sudo apt-get install {' '.join(debian)}")
        if fedora:
            lines.append(f"  Fedora:        sudo dnf install {' '.join(fedora)}")
        for so in self.unknown():
            lines.append(
                f"  {so}: find its package with `apt-file search {so}` or `dnf provides '*/{so}'`"
            )
        return "\n".join(lines)


def parse_ldd(output: str) -> list[str]:
    """The sonames ldd reports as "not found", each once, in order."""
    seen: list[str] = []
    for so in _NOT_FOUND.findall(output):
        if so not in seen:
            seen.append(so)
    return seen


def _ldd(plugin: Path) -> list[str] | None:
    ldd = shutil.which("ldd")
    if ldd is None:
        return None
    try:
        proc = subprocess.run(
            [ldd, str(plugin)], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_ldd(proc.stdout)


def _dlopen_missing(sonames: Iterable[str]) -> list[str]:
    missing = []
    for so in sonames:
        try:
            ctypes.CDLL(so)
        except OSError:
            missing.append(so)
    return missing


def missing_libraries(plugin: Path) -> MissingLibraries:
    """What the xcb platform plugin at ``plugin`` cannot load; empty when all is there (or
    when the plugin is not where expected: then Qt itself reports the problem)."""
    if not plugin.is_file():
        return MissingLibraries(())
    found = _ldd(plugin)
    if found is None:
        found = _dlopen_missing(PACKAGES)
    return MissingLibraries(tuple(found))


def xcb_will_be_used(env: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt would pick its xcb platform: Linux, and QT_QPA_PLATFORM unset (and no
    Wayland session) or naming xcb first. offscreen, minimal, wayland, ... need no X11."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0].strip() == "xcb"
    return not env.get("WAYLAND_DISPLAY")
