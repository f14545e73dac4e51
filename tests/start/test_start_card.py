"""The Start-here card as a user sees it: the offered models with their figures, the one
button, the steps, a failure with Retry, Cancel/Continue, and the card going away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.models.catalog import load_catalog
from desktop.core.models.estimate import TagForecast
from desktop.core.models.forecast import MachineMemory
from desktop.core.models.recommend import machine_forecaster
from desktop.services.onboarding import Onboarding, StepId
from desktop.services.onboarding.advisor import Advisor, ForecastSource
from desktop.ui.start import CoverOverlay, StartHerePresenter, StartHereView
from tests.start.scripted import Script, network_error

GIB = 1 << 30
EIGHT_GIB = MachineMemory(total=8 * GIB, available=6 * GIB)


def source(bandwidth: list[float]) -> ForecastSource:
    """An 8 GiB machine whose memory bandwidth becomes known when ``bandwidth`` has it."""
    catalog = load_catalog()

    def forecast(name: str) -> TagForecast | None:
        tag = catalog.find(name)
        if tag is None or not bandwidth:
            return None
        return machine_forecaster(EIGHT_GIB, bandwidth[0], 4096)(tag)

    return ForecastSource(
        catalog=lambda: catalog,
        forecast=forecast,
        bandwidth=lambda: bandwidth[0] if bandwidth else None,
        ensure_bandwidth=lambda: bandwidth.append(40e9),  # a fast machine, measured now
        machine=lambda: EIGHT_GIB,
    )


def make_card(
    qtbot: QtBot, script: Script
) -> tuple[StartHerePresenter, StartHereView, QWidget, CoverOverlay]:
    host = QWidget()  # stands for the Chat tab
    QVBoxLayout(host).addWidget(QLineEdit(objectName="composer"))
    qtbot.addWidget(host)
    host.resize(900, 700)
    host.show()
    host.activateWindow()
    view = StartHereView()
    advisor = Advisor(source([]))
    presenter = StartHerePresenter(view, advisor, Onboarding(script.ports()))
    overlay = CoverOverlay(view, host)
    presenter.wantedChanged.connect(overlay.set_covering)
    presenter.set_models_installed(0)  # no figures yet: the bandwidth test is asked for
    assert view.isVisible() and not view.go.isEnabled()
    assert view.machine.text() == "Working out which model suits this computer…"
    with qtbot.waitSignal(advisor.ready, timeout=1000):
        presenter.forecasts_changed()  # the library measured and forecast
    return presenter, view, host, overlay


def test_the_card_offers_three_models_with_their_figures(
    qtbot: QtBot,
) -> None:
    presenter, view, host, _ = make_card(qtbot, Script())
    assert view.isVisible() and view.geometry() == host.rect()
    assert not host.findChild(QLineEdit, "composer").isVisible()  # covered, unreachable
    names = [o.radio.text() for o in view.options if o.isVisible()]
    # granite3.3:2b (49k vocabulary) is forecast faster than gemma2:2b (256k): sampling
    # and the output matrix's rows weigh per token (core/models/token_work)
    assert names == ["Recommended: gemma3:4b", "Faster: granite3.3:2b", "Smarter: mistral:7b"]
    figures = view.options[0].figures.text()
    assert figures == "Download 3.1 GiB · needs 3.6 GiB of memory · about 10 tok/s (5–15)"
    assert "faster than you can read" in view.options[0].why.text()
    assert view.options[1].why.text().startswith("About 1.7× as fast")
    assert view.options[2].why.text() == (  # its figures say the same: about 6 tok/s
        "Knows more and reasons better, but answers slower than you read here (about 6 tok/s)."
        " It needs most of the free memory."
    )
    assert view.machine.text() == (
        "This computer: 6.0 GiB of 8.0 GiB memory free, memory speed 40 GB/s. Speeds are "
        "estimates until this computer is measured (Benchmark tab)."
    )
    assert view.go.text() == "Get gemma3:4b and start chatting" and view.go.isEnabled()
    qtbot.waitUntil(view.go.hasFocus, timeout=3000)  # Enter starts it
    view.options[1].radio.click()
    assert view.go.text() == "Get granite3.3:2b and start chatting"
    # what one click will do, before it is clicked
    assert view.steps_box.isVisible() and not view.retry.isVisible()
    assert [r.text.text() for r in view.steps.values()] == [
        "Install Ollama",
        "Start Ollama",
        "Download granite3.3:2b",
        "Open a new chat",
    ]
    assert {r.mark.text() for r in view.steps.values()} == {"○"}
    assert not view.progress.isVisible() and not view.cancel.isVisible()


def test_one_click_runs_the_steps_and_the_card_goes(
    qtbot: QtBot,
) -> None:
    script = Script(installed=True, hold_pull=True)
    presenter, view, host, _ = make_card(qtbot, script)
    qtbot.mouseClick(view.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: script.pending is not None, timeout=3000)
    rows = view.steps
    assert view.steps_box.isVisible()
    assert (rows[StepId.INSTALL].mark.text(), rows[StepId.INSTALL].text.text()) == (
        "✓",
        "Ollama is installed",
    )
    assert rows[StepId.INSTALL].note.text() == "already there"
    assert rows[StepId.START].text.text() == "Ollama is running"
    assert rows[StepId.START].note.text() == ""  # started now
    assert (rows[StepId.PULL].mark.text(), rows[StepId.PULL].text.text()) == (
        "▸",
        "Download gemma3:4b",
    )
    assert view.progress.value() == 500 and view.progress_note.text() == "500 B of 1000 B"
    assert view.cancel.isVisible() and not view.go.isEnabled()
    with qtbot.waitSignal(presenter.wantedChanged, timeout=3000) as gone:
        script.finish_pull()
    assert gone.args == [False]
    assert not view.isVisible()
    assert host.findChild(QLineEdit, "composer").isVisible()
    assert script.calls[-1] == "open gemma3:4b"


def test_a_failure_says_what_happened_and_retry_continues(
    qtbot: QtBot,
) -> None:
    script = Script(pull_failures=[network_error()])
    presenter, view, _host, _ = make_card(qtbot, script)
    with qtbot.waitSignal(presenter.onboarding.failed, timeout=3000):
        qtbot.mouseClick(view.go, Qt.MouseButton.LeftButton)
    assert view.error.text() == (
        "The model could not be downloaded. This computer seems to be offline: Ollama could "
        "not find the model library (registry.ollama.ai) on the network. Retry once it is "
        "online, or use one of the ways below that work without the internet."
    )
    # Ollama's own words are folded away under Details, never the sentence itself
    assert "no such host" not in view.error.text()
    assert view.details_button.isVisible() and not view.details.isVisible()
    qtbot.mouseClick(view.details_button, Qt.MouseButton.LeftButton)
    assert view.details.isVisible() and "no such host" in view.details.text()
    # what works offline, as buttons
    assert view.routes.isVisible()
    assert [b.text() for b in (view.route_import, view.route_registry, view.route_server)] == [
        "Import a GGUF file…",
        "Download from another registry…",
        "Use another server…",
    ]
    assert view.steps[StepId.PULL].mark.text() == "✗"
    assert view.retry.isVisible() and view.retry.text() == "Retry"
    assert not view.cancel.isVisible()
    assert view.isVisible()  # still there: the user has to see what went wrong
    with qtbot.waitSignal(presenter.wantedChanged, timeout=3000):
        qtbot.mouseClick(view.retry, Qt.MouseButton.LeftButton)
    assert not view.isVisible() and script.pulled_bytes == 1000


def test_offline_routes_are_buttons_that_ask_the_app(qtbot: QtBot) -> None:
    script = Script(pull_failures=[network_error()])
    presenter, view, _host, _ = make_card(qtbot, script)
    with qtbot.waitSignal(presenter.onboarding.failed, timeout=3000):
        qtbot.mouseClick(view.go, Qt.MouseButton.LeftButton)
    for button, signal in (
        (view.route_import, presenter.importRequested),
        (view.route_registry, presenter.registryRequested),
        (view.route_server, presenter.serverRequested),
    ):
        with qtbot.waitSignal(signal, timeout=1000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_model_that_arrives_another_way_turns_the_failure_into_ready(qtbot: QtBot) -> None:
    script = Script(pull_failures=[network_error()])
    presenter, view, host, _ = make_card(qtbot, script)
    with qtbot.waitSignal(presenter.onboarding.failed, timeout=3000):
        qtbot.mouseClick(view.go, Qt.MouseButton.LeftButton)
    presenter.models_arrived([])  # nothing usable yet: the failure stays
    assert view.error.isVisible() and view.retry.isVisible()
    # the user imported a GGUF under another name: it is there now
    script.present.add("my-model:latest")
    presenter.set_models_installed(1)
    presenter.models_arrived(["my-model:latest"])
    assert view.isVisible()  # still there: it says what changed
    assert not view.error.isVisible() and not view.routes.isVisible()
    assert not view.retry.isVisible()
    assert view.ready.isVisible()
    assert view.ready.text() == (
        "my-model:latest is installed now: ready to chat. (You can still get gemma3:4b "
        "later in the Models tab.)"
    )
    assert view.go.isEnabled() and view.go.text() == "Chat with my-model:latest"
    assert view.steps[StepId.PULL].mark.text() == "✓"
    assert view.steps[StepId.PULL].note.text() == "already there"
    with qtbot.waitSignal(presenter.wantedChanged, timeout=3000) as gone:
        qtbot.mouseClick(view.go, Qt.MouseButton.LeftButton)
    assert gone.args == [False]
    assert script.calls[-2:] == ["pull my-model:latest", "open my-model:latest"]
    assert script.pulled_bytes == 500  # nothing downloaded again
    assert host.findChild(QLineEdit, "composer").isVisible()


def test_the_chosen_model_arriving_is_preferred(qtbot: QtBot) -> None:
    script = Script(pull_failures=[network_error()])
    presenter, view, _host, _ = make_card(qtbot, script)
    with qtbot.waitSignal(presenter.onboarding.failed, timeout=3000):
        qtbot.mouseClick(view.go, Qt.MouseButton.LeftButton)
    presenter.models_arrived(["other:1b", "gemma3:4b"])
    assert view.ready.text() == "gemma3:4b is installed now: ready to chat."
    assert view.go.text() == "Chat with gemma3:4b"


def test_the_cards_secondary_actions_look_like_buttons(qtbot: QtBot) -> None:
    _presenter, view, _host, _ = make_card(qtbot, Script())
    for button in (view.choose, view.later, view.retry, view.cancel):
        assert not button.isFlat(), button.text()


def test_cancel_then_continue(qtbot: QtBot) -> None:
    script = Script(hold_pull=True)
    presenter, view, _host, _ = make_card(qtbot, script)
    qtbot.mouseClick(view.go, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: script.pending is not None, timeout=3000)
    qtbot.mouseClick(view.cancel, Qt.MouseButton.LeftButton)
    assert script.cancelled == ["gemma3:4b"]
    assert view.error.text() == "Stopped. Continue picks up where it stopped."
    assert view.retry.text() == "Continue" and view.retry.isVisible()
    assert view.steps[StepId.PULL].mark.text() == "■"
    assert view.go.isEnabled()  # another choice may be started instead
    script.pending = None
    qtbot.mouseClick(view.retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: script.pending is not None, timeout=3000)
    with qtbot.waitSignal(presenter.onboarding.finished, timeout=3000):
        script.finish_pull()


def test_not_now_and_installed_models_hide_the_card(
    qtbot: QtBot,
) -> None:
    presenter, view, _host, _ = make_card(qtbot, Script())
    presenter.set_models_installed(2)  # a model was downloaded in the Models tab
    assert not view.isVisible()
    presenter.set_models_installed(0)
    assert view.isVisible()
    qtbot.mouseClick(view.later, Qt.MouseButton.LeftButton)
    assert not view.isVisible()
    presenter.set_models_installed(0)
    assert not view.isVisible()  # not asked again in this session
