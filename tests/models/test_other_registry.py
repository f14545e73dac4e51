"""Pulling from another registry (issue 11.2), against a real one: Debian's docker-registry
on loopback, plain HTTP like most self-hosted registries. The user opts in for that host
where the name is typed (remembered per host), and Ollama's `insecure` flag is sent only
after a warning was accepted."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.services.models.pull_queue import JobState
from desktop.ui.models.registry_trust import trust_of
from tests.fake_ollama.models import FIXTURES
from tests.models.registry_server import REGISTRY_BIN, distribution_registry, push_model

pytestmark = pytest.mark.skipif(REGISTRY_BIN is None, reason="docker-registry not installed")
CONFIG = (FIXTURES / "registry_config_blob.json").read_bytes().strip()
LAYERS = [
    ("model", b"GGUF" + bytes(2_000_000)),
    ("template", b"{{ .Prompt }}"),
    ("params", b'{"top_k":64}'),
]


@pytest.fixture
def registry_host(tmp_path):
    (tmp_path / "registry").mkdir()
    with distribution_registry(tmp_path / "registry") as url:
        push_model(url, "library/gemma3", "270m", LAYERS, CONFIG)
        yield url.removeprefix("http://")


def pull_bodies(fake) -> list[dict]:
    return [b for _m, p, b in fake.requests if p == "/api/pull"]


def test_pull_from_a_plain_http_registry_after_opt_in_and_warning(
    qtbot, tab, fake_ollama, registry_host, monkeypatch
):
    lib = tab.library
    settings = tab.library_presenter.settings
    name = f"{registry_host}/library/gemma3:270m"
    lib.pull_name.setText(name)
    # refused until the user allows that host, right where the name was typed
    assert lib.registry_box.isVisibleTo(tab) and not lib.pull_typed.isEnabled()
    assert registry_host in lib.allow_host.text()
    assert "another registry" in lib.name_problem.text()
    assert not lib.allow_insecure.isEnabled()
    lib.allow_host.setChecked(True)
    assert lib.pull_typed.isEnabled() and lib.name_problem.text() == ""
    assert trust_of(settings, registry_host) == (True, False)

    # over HTTPS (the default) a plain-HTTP registry fails, and the app says what to do
    with qtbot.waitSignal(tab.model_library.pullFinished, timeout=15000) as first:
        lib.pull_typed.click()
    assert first.args[0].state is JobState.FAILED
    state = tab.downloads.table.item(0, 3).text()
    assert "uses plain HTTP" in state and "It uses plain HTTP" in state
    reason = tab.downloads.reason  # the whole reason below the list; the words in Details
    assert reason.isVisibleTo(tab) and "HTTP response to HTTPS client" in reason.details()
    assert pull_bodies(fake_ollama)[-1].get("insecure") is None

    # plain HTTP needs the warning accepted: "No" leaves it off
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    warned: list[str] = []

    def warning(_parent, _title, text, *_a):
        warned.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "warning", warning)
    lib.allow_insecure.setChecked(True)
    assert not lib.allow_insecure.isChecked() and trust_of(settings, registry_host) == (True, False)
    lib.allow_insecure.setChecked(True)
    assert lib.allow_insecure.isChecked() and trust_of(settings, registry_host) == (True, True)
    assert len(warned) == 2 and registry_host in warned[0] and "encryption" in warned[0]

    states: list[str] = []
    tab.model_library.pulls.jobChanged.connect(
        lambda _j: states.append(tab.downloads.table.item(0, 3).text())
    )
    with qtbot.waitSignal(tab.model_library.pullFinished, timeout=15000) as second:
        lib.pull_typed.click()
    job = second.args[0]
    assert job.state is JobState.DONE, job.error
    assert pull_bodies(fake_ollama)[-1]["insecure"] is True
    assert name in fake_ollama.installed_names()
    assert "Downloading the weights, 1 of 4 parts" in states, states
    qtbot.waitUntil(
        lambda: name in [m.name for m in tab.installed_presenter.model.rows], timeout=10000
    )

    # remembered per host: typing a name there again finds both boxes ticked
    lib.pull_name.clear()
    assert not lib.registry_box.isVisibleTo(tab)
    lib.pull_name.setText(f"{registry_host}/library/other:1b")
    assert lib.allow_host.isChecked() and lib.allow_insecure.isChecked()
    assert lib.pull_typed.isEnabled()
