"""The app-wide look (issue 11.6): Fusion everywhere, light or dark as the system (or the
"appearance" setting) says, and Qt's own widgets in Japanese. Run through the real start path
(`--self-test`), since the style, palette and translators belong to the whole application."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.shell import style

ROOT = Path(__file__).resolve().parents[2]


def _self_test(home: Path, *args: str) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OLLAMA_DESK_HOME": str(home)}
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test", "--host", "http://127.0.0.1:9", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def test_japanese_standard_buttons_and_fusion(tmp_path: Path) -> None:
    report = _self_test(tmp_path / "home", "--lang", "ja")
    assert sorted(report["standard_buttons"]) == sorted(["キャンセル", "閉じる"])  # type: ignore[arg-type]
    assert report["style"] == "fusion"
    assert report["icons"] == {"drawn": True, "sheet_images": True}  # the smoke test's too
    report = _self_test(tmp_path / "home", "--lang", "en")
    assert sorted(report["standard_buttons"]) == ["Cancel", "Close"]  # type: ignore[arg-type]


@pytest.mark.parametrize("appearance", ["dark", "light"])
def test_appearance_setting_picks_the_palette(tmp_path: Path, appearance: str) -> None:
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(json.dumps({"appearance": appearance}))
    assert _self_test(home)["dark"] is (appearance == "dark")


def test_palettes_are_readable() -> None:
    """Text on its background and on the accent keeps WCAG AA contrast (4.5:1) in both."""

    def luminance(hex_colour: str) -> float:
        c = QColor(hex_colour)
        parts = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            parts.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    def contrast(a: str, b: str) -> float:
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    for c in (style.LIGHT, style.DARK):
        assert contrast(c.text, c.window) >= 4.5
        assert contrast(c.text, c.base) >= 4.5
        assert contrast(c.accent_text, c.accent) >= 4.5
        assert contrast(c.accent_text, c.accent_hover) >= 4.5
        assert contrast(c.muted, c.window) >= 4.5
        assert contrast(c.link, c.base) >= 4.5
        # the user's card, and the tones of ui/common/tone.py on the window
        assert contrast(c.text, c.user_card) >= 4.5 and contrast(c.muted, c.user_card) >= 4.5
        for tone in (c.danger, c.success, c.warning):
            assert contrast(tone, c.window) >= 4.5, tone
        assert contrast(c.danger, c.danger_soft) >= 4.5
        p = style.palette(c)
        assert p.color(QPalette.ColorRole.Highlight) == QColor(c.accent)


def test_view_menu_sets_the_appearance(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.app import build_app

    home = tmp_path / "home"
    desk = build_app(host="http://127.0.0.1:9", config_dir=str(home))
    qtbot.addWidget(desk.window)
    actions = desk.window.appearance_actions
    assert actions[""].isChecked()  # follows the system until the user picks
    with qtbot.waitSignal(desk.settings.changed) as changed:
        actions["dark"].trigger()
    assert changed.args == ["appearance", "dark"] and actions["dark"].isChecked()
    desk.shutdown()
    again = build_app(host="http://127.0.0.1:9", config_dir=str(home))
    qtbot.addWidget(again.window)
    assert again.window.appearance_actions["dark"].isChecked()  # remembered
    again.shutdown()


def test_dark_frames_and_separators_are_dark_shades() -> None:
    """Fusion draws menu-bar lines, frames and radio rings with the bevel roles; unset,
    they are the light theme's (a white line under the menu bar in dark mode)."""
    p = style.palette(style.DARK)
    role = QPalette.ColorRole
    window = p.color(role.Window).lightness()
    for r in (role.Light, role.Midlight, role.Mid, role.Dark, role.Shadow):
        assert p.color(r).lightness() < 140, r  # none near white
    assert p.color(role.Light).lightness() > window  # yet a ring stands out from the window
    light = style.palette(style.LIGHT)
    assert light.color(role.Dark).lightness() < light.color(role.Window).lightness()


@pytest.mark.parametrize("look", ["light", "dark"])
def test_a_tone_colours_text_from_the_one_style_sheet_in_either_look(
    qtbot: QtBot, qapp: QApplication, look: str
) -> None:
    from PySide6.QtWidgets import QLabel

    from desktop.ui.common.tone import set_tone

    style_name, pal, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    try:
        style.AppLook(qapp, look)
        colors = style.DARK if look == "dark" else style.LIGHT
        label = QLabel("██████")
        qtbot.addWidget(label)
        set_tone(label, "danger")
        assert label.styleSheet() == ""  # nothing written into the widget itself
        image = label.grab().toImage()
        inks = {image.pixelColor(x, image.height() // 2).name() for x in range(image.width())}
        assert colors.danger in inks
        with pytest.raises(ValueError):
            set_tone(label, "red")
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setPalette(pal)
        qapp.setStyle(style_name)
