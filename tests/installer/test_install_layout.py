"""Installs like real software (issue 14): resources as package data, the xcb libraries
checked before Qt aborts, one clear sentence for a settings folder that cannot be used.

The wheel itself is built and installed into a clean venv by installer/check_wheel.sh (CI);
these tests pin the pieces that make that work."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from desktop.core import xcb_libs
from desktop.core.paths import resolve_paths
from installer import package_linux

ROOT = Path(package_linux.__file__).resolve().parents[1]


def test_installed_package_data_is_found_through_importlib_resources(tmp_path: Path) -> None:
    """A wheel puts resources/ at desktop/_resources in site-packages; that copy is used
    even when no checkout is anywhere near (as after `pip install .` or `pipx install`)."""
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "desktop", site / "desktop", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copytree(ROOT / "resources" / "catalog", site / "desktop" / "_resources" / "catalog")
    code = (
        "from desktop.core.resources import resource_path;"
        "from desktop.core.models.catalog import load_catalog;"
        "print(resource_path('catalog', 'catalog.json'));"
        "print(load_catalog().find('gemma3:270m') is not None)"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    where, found = out.stdout.split()
    assert Path(where) == site / "desktop" / "_resources" / "catalog" / "catalog.json"
    assert found == "True"


def test_build_maps_resources_into_the_package_and_uses_an_spdx_licence() -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        project = tomllib.load(f)
    assert project["project"]["license"] == "MIT"  # SPDX expression, not a table
    assert (ROOT / "LICENSE").is_file()
    setup = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert '"desktop._resources": "resources"' in setup
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert 'Path("desktop", "_resources"' in spec  # the frozen build: the same place


LDD_MINIMAL_DEBIAN = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /opt/qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibfoo-unknown.so.3 => not found
"""


def test_missing_libraries_are_named_with_the_line_that_installs_them() -> None:
    missing = xcb_libs.MissingLibraries(tuple(xcb_libs.parse_ldd(LDD_MINIMAL_DEBIAN)))
    assert missing.sonames == (
        "libxcb-cursor.so.0",
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
        "libfoo-unknown.so.3",
    )
    text = missing.message()
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1\n" in text
    assert "sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms\n" in text
    assert "apt-file search libfoo-unknown.so.3" in text


def _elf_needing(tmp_path: Path, soname: str) -> Path:
    """A real shared object that needs ``soname``, which then does not exist."""
    src = tmp_path / "x.c"
    src.write_text("int x(void) { return 1; }\n")
    dep = tmp_path / "libgone.so"
    subprocess.run(
        ["cc", "-shared", "-fPIC", f"-Wl,-soname,{soname}", "-o", str(dep), str(src)], check=True
    )
    plugin = tmp_path / "libqxcb.so"
    subprocess.run(
        ["cc", "-shared", "-fPIC", "-Wl,--no-as-needed", "-o", str(plugin), str(src), str(dep)],
        check=True,
    )
    dep.unlink()
    return plugin


@pytest.mark.skipif(
    not (sys.platform.startswith("linux") and shutil.which("cc") and shutil.which("ldd")),
    reason="needs Linux, a C compiler and ldd",
)
def test_a_real_plugin_with_a_missing_library_is_caught(tmp_path: Path) -> None:
    plugin = _elf_needing(tmp_path, "libxcb-not-here.so.7")  # no system has this one
    missing = xcb_libs.missing_libraries(plugin)
    assert missing.sonames == ("libxcb-not-here.so.7",)
    assert "apt-file search libxcb-not-here.so.7" in missing.message()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
def test_this_machines_qt_plugin_has_everything() -> None:
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    assert xcb_libs.missing_libraries(plugins / "platforms" / "libqxcb.so").sonames == ()


def test_the_check_runs_only_where_xcb_would_be_used() -> None:
    assert xcb_libs.xcb_will_be_used({"DISPLAY": ":0"}, "linux")
    assert xcb_libs.xcb_will_be_used({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not xcb_libs.xcb_will_be_used({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not xcb_libs.xcb_will_be_used({"QT_QPA_PLATFORM": "minimal"}, "linux")
    assert not xcb_libs.xcb_will_be_used({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not xcb_libs.xcb_will_be_used({}, "win32")
    assert not xcb_libs.xcb_will_be_used({}, "darwin")


def test_the_app_exits_with_the_install_line_instead_of_qts_abort(tmp_path: Path) -> None:
    """The whole start path: nothing of Qt's GUI is created, one message, exit 3."""
    code = (
        "import sys, desktop.core.xcb_libs as x\n"
        "x.xcb_will_be_used = lambda: True\n"
        "x.missing_libraries = lambda p: x.MissingLibraries(('libxcb-icccm.so.4',))\n"
        "from desktop.__main__ import main\n"
        "sys.exit(main([]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 3
    assert "libxcb-icccm.so.4" in out.stderr
    assert "sudo apt-get install libxcb-icccm4" in out.stderr
    assert "sudo dnf install xcb-util-wm" in out.stderr


def test_readme_installs_every_library_in_one_apt_line() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [ln for ln in readme.splitlines() if "apt-get install" in ln and "libxcb" in ln]
    assert len(lines) == 1, lines
    listed = set(re.findall(r"\b(lib[\w.+-]+)", lines[0]))
    assert set(xcb_libs.DESKTOP_EXTRAS) <= listed
    declared = {d.strip() for d in package_linux.DEB_DEPENDS.split(",")}
    assert set(xcb_libs.DESKTOP_EXTRAS) <= declared  # the .deb declares them too


def test_a_config_dir_that_is_a_file_gets_one_sentence_and_a_nonzero_exit(
    tmp_path: Path,
) -> None:
    a_file = tmp_path / "settings-here"
    a_file.write_text("x")
    for args in (["--config-dir", str(a_file), "doctor"], ["--config-dir", str(a_file / "x")]):
        out = subprocess.run(
            [sys.executable, "-m", "desktop", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert out.returncode == 2
        assert "Traceback" not in out.stderr
        assert out.stderr.count("\n") == 1 and "is a file" in out.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_config_and_data_folders_are_private(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "home")
    paths.data_dir.mkdir(parents=True, mode=0o755)  # left by an older version
    paths.data_dir.chmod(0o755)
    paths.ensure()
    for folder in (paths.config_dir, paths.data_dir, paths.cache_dir, paths.log_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
