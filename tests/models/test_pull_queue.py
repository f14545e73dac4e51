"""The pull queue against the fake server: failures a user meets, and recovery from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.api_client import OllamaApi
from desktop.services.models.pull_queue import JobState, PullJob, PullQueue
from desktop.services.tasks import TaskRunner
from tests.fake_ollama import FakeOllama

MB = 1 << 20


@pytest.fixture
def runner(qtbot):
    r = TaskRunner()
    yield r
    r.shutdown()
    for q in r.findChildren(PullQueue):
        q.shutdown()
    r.deleteLater()
    qtbot.wait(1)  # let deleteLater run while the QApplication still exists


def make_queue(runner: TaskRunner, url: str, tmp_path: Path, **kw) -> PullQueue:
    kw.setdefault("stall_s", 2.0)
    kw.setdefault("retries", 3)
    kw.setdefault("retry_base_s", 0.05)
    api = OllamaApi(url)  # the app's one client; pulls share it
    return PullQueue(runner, lambda: api, tmp_path / "queue.json", parent=runner, **kw)


def wait_finished(qtbot, job: PullJob, timeout: int = 15000) -> None:
    qtbot.waitUntil(
        lambda: job.state not in (JobState.QUEUED, JobState.RUNNING, JobState.RETRYING),
        timeout=timeout,
    )


def pulls(fake: FakeOllama) -> int:
    return sum(1 for p in fake.paths_requested() if p == "/api/pull")


def test_pull_succeeds_and_reports_progress(qtbot, runner, fake_ollama, tmp_path):
    fake_ollama.pull_step_bytes = 40 * MB
    q = make_queue(runner, fake_ollama.url, tmp_path)
    seen: list[int] = []
    q.jobChanged.connect(lambda j: seen.append(j.completed))
    with qtbot.waitSignal(q.jobFinished, timeout=15000):
        job = q.enqueue("qwen2.5:0.5b")
    assert job.state is JobState.DONE
    assert job.total >= 397_807_936
    assert any(0 < c < job.total for c in seen)  # progress was visible on the way
    assert "qwen2.5:0.5b" in fake_ollama.installed_names()


def test_unknown_tag_fails_with_server_reason(qtbot, runner, fake_ollama, tmp_path):
    q = make_queue(runner, fake_ollama.url, tmp_path)
    job = q.enqueue("qwen2.5:no-such-tag")
    wait_finished(qtbot, job)
    assert job.state is JobState.FAILED
    assert job.error is not None and job.error.kind is ErrorKind.STREAM_ERROR
    assert job.error.detail == "pull model manifest: file does not exist"
    assert pulls(fake_ollama) == 1  # not retried: the answer is final


def test_invalid_name_refused_before_sending(runner, fake_ollama, tmp_path):
    q = make_queue(runner, fake_ollama.url, tmp_path)
    for bad in ("bad name!", "qwen:", "a/b/c/d", "../etc:passwd", "evil.com/x/y:1"):
        with pytest.raises(OllamaError) as e:
            q.enqueue(bad)
        assert e.value.kind is ErrorKind.INVALID_NAME
    assert pulls(fake_ollama) == 0
    assert q.jobs == []


def test_dropped_pull_is_retried_and_resumes(qtbot, runner, fake_ollama, tmp_path):
    fake_ollama.pull_step_bytes = 50 * MB
    fake_ollama.add_fault("/api/pull", drop_after=3)  # cut after 150 MB of the first layer
    q = make_queue(runner, fake_ollama.url, tmp_path)
    retries: list[int] = []
    q.jobChanged.connect(
        lambda j: retries.append(j.attempt) if j.state is JobState.RETRYING else None
    )
    job = q.enqueue("qwen2.5:0.5b")
    wait_finished(qtbot, job)
    assert job.state is JobState.DONE, job.error
    assert retries and pulls(fake_ollama) == 2
    # the second attempt resumed: its first progress line was beyond the dropped point
    assert "qwen2.5:0.5b" in fake_ollama.installed_names()


def test_stall_is_detected_and_retried(qtbot, runner, fake_ollama, tmp_path):
    fake_ollama.pull_step_bytes = 50 * MB
    fake_ollama.add_fault("/api/pull", stall=5.0, stall_after=2)
    q = make_queue(runner, fake_ollama.url, tmp_path, stall_s=0.5)
    errors: list[OllamaError] = []
    q.jobChanged.connect(lambda j: errors.append(j.error) if j.state is JobState.RETRYING else None)
    job = q.enqueue("qwen2.5:0.5b")
    wait_finished(qtbot, job)
    assert job.state is JobState.DONE, job.error
    assert errors and errors[0].kind is ErrorKind.TIMEOUT
    assert pulls(fake_ollama) == 2


def test_disk_full_refuses_before_starting(qtbot, runner, fake_ollama, tmp_path):
    q = make_queue(runner, fake_ollama.url, tmp_path, free_disk=lambda: (100 * MB, "/models"))
    job = q.enqueue("qwen2.5:0.5b", expected_size=397_821_319)
    wait_finished(qtbot, job)
    assert job.state is JobState.FAILED
    assert job.error is not None and job.error.kind is ErrorKind.LOCAL_IO
    assert job.error.free == 100 * MB and job.error.needed > 397_821_319
    assert pulls(fake_ollama) == 0


def test_server_gone_mid_pull_fails_after_retries(qtbot, runner, fake_ollama, tmp_path):
    fake_ollama.pull_step_bytes = 20 * MB
    fake_ollama.pull_step_delay = 0.05
    q = make_queue(runner, fake_ollama.url, tmp_path, retries=2)
    job = q.enqueue("qwen2.5:0.5b")
    qtbot.waitUntil(lambda: job.completed > 0, timeout=10000)
    fake_ollama.stop()
    wait_finished(qtbot, job)
    assert job.state is JobState.FAILED
    assert job.error is not None
    assert job.error.kind in (ErrorKind.CONNECTION_REFUSED, ErrorKind.CONNECTION_LOST)
    assert job.attempt == 3  # first try + 2 retries


def test_server_restart_mid_pull_resumes(qtbot, runner, tmp_path):
    fake = FakeOllama(pull_step_bytes=20 * MB, pull_step_delay=0.05).start()
    port = fake.port
    try:
        q = make_queue(runner, fake.url, tmp_path, retries=10, retry_base_s=0.2)
        job = q.enqueue("qwen2.5:0.5b")
        qtbot.waitUntil(lambda: job.completed > 40 * MB, timeout=10000)
        fake.stop()
        qtbot.waitUntil(lambda: job.state is JobState.RETRYING, timeout=10000)
        fake.pull_step_delay = 0.002
        fake.start(port)
        wait_finished(qtbot, job)
        assert job.state is JobState.DONE, job.error
    finally:
        fake.stop()


def test_cancel_stops_the_pull(qtbot, runner, fake_ollama, tmp_path):
    fake_ollama.pull_step_bytes = 10 * MB
    fake_ollama.pull_step_delay = 0.05
    q = make_queue(runner, fake_ollama.url, tmp_path)
    job = q.enqueue("qwen2.5:0.5b")
    qtbot.waitUntil(lambda: job.completed > 0, timeout=10000)
    q.cancel(job)
    wait_finished(qtbot, job)
    assert job.state is JobState.CANCELLED
    assert "qwen2.5:0.5b" not in fake_ollama.installed_names()


def test_queue_runs_one_at_a_time_and_survives_app_restart(qtbot, runner, fake_ollama, tmp_path):
    fake_ollama.pull_step_bytes = 10 * MB
    fake_ollama.pull_step_delay = 0.05
    q = make_queue(runner, fake_ollama.url, tmp_path)
    first = q.enqueue("qwen2.5:0.5b")
    second = q.enqueue("qwen3:0.6b")
    assert first.state is JobState.RUNNING and second.state is JobState.QUEUED
    qtbot.waitUntil(lambda: first.completed > 0, timeout=10000)
    q.shutdown()  # the app quits mid-pull
    qtbot.waitUntil(lambda: first.task is None, timeout=10000)
    assert first.state is JobState.QUEUED
    saved = (tmp_path / "queue.json").read_text()
    assert "qwen3:0.6b" in saved and "qwen2.5:0.5b" in saved

    fake_ollama.pull_step_delay = 0.002
    q2 = make_queue(runner, fake_ollama.url, tmp_path)  # the app starts again
    names = [j.name for j in q2.jobs]
    assert names == ["qwen2.5:0.5b", "qwen3:0.6b"]
    for j in q2.jobs:
        wait_finished(qtbot, j)
    assert [j.state for j in q2.jobs] == [JobState.DONE, JobState.DONE]
    assert {"qwen2.5:0.5b", "qwen3:0.6b"} <= set(fake_ollama.installed_names())
