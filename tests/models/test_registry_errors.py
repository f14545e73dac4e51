"""A registry Ollama cannot pull from (issue 20, ollama#7244), against a real one: Debian's
docker-registry serves blobs itself, and the real server then fails with Go's "http: no
Location header in response" (tests/fixtures/ollama-0.33.0-rc2/pull_registry_direct_blobs
.ndjson). The Downloads list says what happened and what to do, in full, in English and in
Japanese; Go's words are only in the Details."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QMessageBox

from desktop.core.resources import resource_path
from desktop.services.models.pull_queue import JobState
from tests.fake_ollama import FakeOllama, load_fixture
from tests.models.registry_server import REGISTRY_BIN, distribution_registry, push_model
from tests.models.test_other_registry import CONFIG, LAYERS

pytestmark = pytest.mark.skipif(REGISTRY_BIN is None, reason="docker-registry not installed")


@pytest.fixture
def registry_host(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "registry").mkdir()
    with distribution_registry(tmp_path / "registry") as url:
        push_model(url, "library/gemma3", "270m", LAYERS, CONFIG)
        yield url.removeprefix("http://")


@pytest.fixture(params=["en", "ja"])
def language(request: pytest.FixtureRequest, qapp: object) -> Iterator[str]:
    installed: list[QTranslator] = []
    if request.param == "ja":
        for area in ("shell", "models"):
            t = QTranslator()
            assert t.load(str(resource_path("i18n", f"{area}_ja.qm")))
            QCoreApplication.installTranslator(t)
            installed.append(t)
    yield request.param
    for t in installed:
        QCoreApplication.removeTranslator(t)


def test_a_registry_that_serves_blobs_itself_is_explained(
    qtbot, language, tab, fake_ollama: FakeOllama, registry_host, monkeypatch
) -> None:
    recorded = load_fixture("pull_registry_direct_blobs.ndjson")
    assert recorded[-1] == {"error": "http: no Location header in response"}
    fake_ollama.blob_redirects_required = True  # as the real server (recorded above)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a: QMessageBox.StandardButton.Yes)
    lib = tab.library
    lib.pull_name.setText(f"{registry_host}/library/gemma3:270m")
    lib.allow_host.setChecked(True)
    lib.allow_insecure.setChecked(True)
    with qtbot.waitSignal(tab.model_library.pullFinished, timeout=15000) as done:
        lib.pull_typed.click()
    assert done.args[0].state is JobState.FAILED
    reason = tab.downloads.reason
    assert reason.isVisibleTo(tab)
    shown = reason.shown_text()
    assert "Location" not in shown and "http:" not in shown  # Go's words: Details only
    assert "no Location header in response" in reason.details()
    if language == "en":
        assert "cannot download from this registry" in shown
        assert "Import GGUF file" in shown  # what to do instead
    else:
        assert "レジストリからは Ollama でダウンロードできません" in shown
        assert "GGUF ファイルを取り込む" in shown
    assert reason.text() == shown.rstrip("…") or reason.has_details  # nothing clipped unsaid
    # the reason wraps in the space below the list: never wider than the tab
    assert reason.width() <= tab.width()
    assert reason.label.height() > reason.label.fontMetrics().height()  # it wraps, not clips
