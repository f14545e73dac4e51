"""The Start-here step machine: order, skipping what is there, failure, retry, cancel."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.onboarding import (
    Onboarding,
    Ports,
    StepCall,
    StepFailure,
    StepId,
    StepState,
)
from desktop.services.onboarding.steps import Problem, download_problem, registry_host
from tests.fake_ollama.models import FIXTURES
from tests.start.scripted import Script, network_error

MODEL = "qwen2.5:1.5b"


def test_from_nothing_every_step_runs_in_order(qtbot: QtBot) -> None:
    script = Script()
    ob = Onboarding(script.ports())
    seen: list[tuple[StepId, StepState]] = []
    ob.stepChanged.connect(lambda s, st: seen.append((s, st)))
    with qtbot.waitSignal(ob.finished, timeout=3000) as done:
        ob.begin(MODEL)
        assert ob.running
    assert done.args == [MODEL]
    assert script.calls == ["install", "start", f"pull {MODEL}", f"open {MODEL}"]
    assert ob.complete and not ob.running and not ob.skipped
    running = [s for s, st in seen if st is StepState.RUNNING]
    assert running == [StepId.INSTALL, StepId.START, StepId.PULL, StepId.OPEN]


def test_what_is_already_there_is_skipped(qtbot: QtBot) -> None:
    script = Script(installed=True, running=True)
    ob = Onboarding(script.ports())
    with qtbot.waitSignal(ob.finished, timeout=3000):
        ob.begin(MODEL)
    assert ob.skipped == {StepId.INSTALL, StepId.START}
    assert ob.complete


def test_a_failed_download_stops_there_and_retry_resumes_it(qtbot: QtBot) -> None:
    script = Script(pull_failures=[network_error()])
    ob = Onboarding(script.ports())
    with qtbot.waitSignal(ob.failed, timeout=3000) as failed:
        ob.begin(MODEL)
    failure: StepFailure = failed.args[0]
    assert failure.step is StepId.PULL
    assert failure.text == "the registry could not be reached"
    assert ob.states[StepId.PULL] is StepState.FAILED
    assert ob.states[StepId.OPEN] is StepState.WAITING
    assert not ob.running and ob.failure is failure
    assert script.pulled_bytes == 500
    with qtbot.waitSignal(ob.finished, timeout=3000):
        ob.retry()
    # install and start were checked again and found done; the pull went on from 500
    assert script.calls[3:] == ["install", "start", f"pull {MODEL}", f"open {MODEL}"]
    assert ob.skipped == set()  # done by this run, not found done: no "already there"
    assert ob.states[StepId.INSTALL] is StepState.DONE  # done before, still shown done
    assert script.pulled_bytes == 1000 and ob.failure is None


def test_cancel_stops_the_download_and_continue_picks_it_up(qtbot: QtBot) -> None:
    script = Script(hold_pull=True)
    ob = Onboarding(script.ports())
    ob.begin(MODEL)
    qtbot.waitUntil(lambda: script.pending is not None, timeout=3000)
    with qtbot.waitSignal(ob.runningChanged, timeout=1000) as stopped:
        ob.cancel()
    assert stopped.args == [False]
    assert script.cancelled == [MODEL]
    assert ob.states[StepId.PULL] is StepState.CANCELLED
    late = script.pending
    script.pending = None
    assert late is not None
    late.succeeded()  # a late answer of the cancelled attempt changes nothing
    assert ob.states[StepId.PULL] is StepState.CANCELLED and not ob.running
    ob.retry()
    qtbot.waitUntil(lambda: script.pending is not None, timeout=3000)
    with qtbot.waitSignal(ob.finished, timeout=3000):
        script.finish_pull()
    assert ob.complete


def test_a_port_that_refuses_at_once_fails_its_step(qtbot: QtBot) -> None:
    def refuse(_call: StepCall) -> None:
        raise OllamaError(ErrorKind.NOT_FOUND, "no Ollama program found")

    script = Script()
    ob = Onboarding(Ports(script.install, refuse, script.pull, script.open))
    with qtbot.waitSignal(ob.failed, timeout=3000) as failed:
        ob.begin(MODEL)
    assert failed.args[0].step is StepId.START
    assert failed.args[0].text == "no Ollama program found"
    assert ob.states[StepId.INSTALL] is StepState.DONE
    assert ob.states[StepId.PULL] is StepState.WAITING


def test_a_download_cancelled_elsewhere_is_not_an_error(qtbot: QtBot) -> None:
    script = Script(pull_failures=[OllamaError(ErrorKind.CANCELLED)])
    ob = Onboarding(script.ports())
    errors: list[StepFailure] = []
    ob.failed.connect(errors.append)
    with qtbot.waitSignal(ob.runningChanged, timeout=3000, check_params_cb=lambda r: not r):
        ob.begin(MODEL)
    assert ob.states[StepId.PULL] is StepState.CANCELLED and errors == []


def _recorded_error(name: str) -> OllamaError:
    """The error line a real Ollama 0.33.0-rc2 sent for a failed pull (recorded)."""
    lines = [json.loads(x) for x in (FIXTURES / name).read_text().splitlines() if x.strip()]
    return OllamaError(ErrorKind.STREAM_ERROR, next(x["error"] for x in lines if "error" in x))


def test_download_failures_are_told_apart_from_ollamas_own_words() -> None:
    assert download_problem(_recorded_error("pull_offline.ndjson")) is Problem.NO_NETWORK
    assert download_problem(_recorded_error("pull_unknown_model.ndjson")) is Problem.UNKNOWN_MODEL
    lost = OllamaError(ErrorKind.CONNECTION_LOST, "peer closed connection")
    assert download_problem(lost) is Problem.INTERRUPTED
    disk = OllamaError(ErrorKind.LOCAL_IO, "needs 10 bytes, 5 free in /m")  # the app's check
    assert download_problem(disk) is Problem.DISK_FULL
    full = OllamaError(ErrorKind.STREAM_ERROR, "write /m/blobs/x-partial: no space left on device")
    assert download_problem(full) is Problem.DISK_FULL
    # the network works, the registry does not (recorded: a refused port, an HTTP 503)
    refused = _recorded_error("pull_registry_refused.ndjson")
    assert download_problem(refused) is Problem.REGISTRY_UNREACHABLE
    assert registry_host(refused) == "127.0.0.1:9"
    down = _recorded_error("pull_registry_503.ndjson")
    assert download_problem(down) is Problem.REGISTRY_UNREACHABLE
    assert registry_host(_recorded_error("pull_offline.ndjson")) == "registry.ollama.ai"
    # the app's own server refusing is an interrupted download, not the registry
    local = OllamaError(ErrorKind.CONNECTION_REFUSED, "[Errno 111] Connection refused")
    assert download_problem(local) is Problem.INTERRUPTED
