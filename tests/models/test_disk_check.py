"""Free-disk check for pulls whose size the catalog does not know: the size comes from the
registry (a local one here) before anything is downloaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.errors import ErrorKind
from desktop.services.api_client import OllamaApi
from desktop.services.models.pull_queue import JobState, PullJob, PullQueue
from desktop.services.tasks import TaskRunner
from tests.fake_ollama import FakeOllama
from tests.models.registry_server import static_registry

MB = 1 << 20
RECORDED_SIZE = 253_113_615  # the recorded gemma3:270m manifest: layers + config


@pytest.fixture
def runner(qtbot):
    r = TaskRunner()
    yield r
    r.shutdown()
    for q in r.findChildren(PullQueue):
        q.shutdown()
    r.deleteLater()
    qtbot.wait(1)


def make_queue(runner: TaskRunner, url: str, tmp_path: Path, registry: str, free: int) -> PullQueue:
    return PullQueue(
        runner,
        lambda: OllamaApi(url),
        tmp_path / "queue.json",
        stall_s=2.0,
        retries=1,
        retry_base_s=0.05,
        free_disk=lambda: (free, "/models"),
        registry_url=lambda: registry,
        parent=runner,
    )


def wait_finished(qtbot, job: PullJob) -> None:
    qtbot.waitUntil(
        lambda: job.state in (JobState.DONE, JobState.FAILED, JobState.CANCELLED), timeout=15000
    )


def pulls(fake: FakeOllama) -> int:
    return sum(1 for p in fake.paths_requested() if p == "/api/pull")


def test_unknown_size_is_looked_up_and_refused_when_it_cannot_fit(
    qtbot, runner, fake_ollama, tmp_path
):
    with static_registry() as (registry, seen):
        q = make_queue(runner, fake_ollama.url, tmp_path, registry, free=100 * MB)
        job = q.enqueue("gemma3:270m")  # typed by hand: no size known
        wait_finished(qtbot, job)
    assert "/v2/library/gemma3/manifests/270m" in seen
    assert job.state is JobState.FAILED
    assert job.error is not None and job.error.kind is ErrorKind.LOCAL_IO
    assert job.error.needed > RECORDED_SIZE and job.error.free == 100 * MB
    assert job.expected_size == RECORDED_SIZE
    assert pulls(fake_ollama) == 0  # refused before a byte was asked for
    assert "gemma3:270m" not in fake_ollama.installed_names()


def test_unknown_size_that_fits_is_pulled_and_remembered(qtbot, runner, fake_ollama, tmp_path):
    fake_ollama.pull_step_bytes = 100 * MB
    with static_registry() as (registry, _seen):
        q = make_queue(runner, fake_ollama.url, tmp_path, registry, free=10 << 30)
        job = q.enqueue("gemma3:270m")
        wait_finished(qtbot, job)
    assert job.state is JobState.DONE, job.error
    assert job.expected_size == RECORDED_SIZE and not job.space_unchecked
    assert "gemma3:270m" in fake_ollama.installed_names()


def test_unreachable_registry_pulls_anyway_but_says_space_was_not_checked(
    qtbot, runner, fake_ollama, tmp_path, dead_url
):
    fake_ollama.pull_step_bytes = 100 * MB
    q = make_queue(runner, fake_ollama.url, tmp_path, dead_url, free=1 * MB)
    job = q.enqueue("qwen2.5:0.5b")
    wait_finished(qtbot, job)
    assert job.state is JobState.DONE, job.error
    assert job.space_unchecked and job.expected_size is None
    assert pulls(fake_ollama) == 1


def test_known_size_is_not_looked_up(qtbot, runner, fake_ollama, tmp_path):
    with static_registry() as (registry, seen):
        q = make_queue(runner, fake_ollama.url, tmp_path, registry, free=100 * MB)
        job = q.enqueue("gemma3:270m", expected_size=50 * MB)
        wait_finished(qtbot, job)
    assert job.state is JobState.DONE and seen == []
