"""Native against Docker: the answers alternate (ABBA), and a difference is a finding only
when it is larger than the spread of the runs behind it."""

from __future__ import annotations

from desktop.core.bench.compare import compare, comparisons
from desktop.core.bench.protocol import BenchResult, RunFigures
from desktop.services.api_client import OllamaApi
from desktop.services.bench.procedure import BenchProgress, BenchSetup
from desktop.services.bench.suite import run_suite
from desktop.services.cancel import CancelToken
from tests.fake_ollama import FakeOllama, gemma3_270m

GEMMA = "gemma3-270m:latest"


def _result(server: str, speeds: list[float]) -> BenchResult:
    r = BenchResult(model=GEMMA, server=server)
    r.runs = [RunFigures(s, 100.0, 0.1, 128, 10) for s in speeds]
    return r


def test_the_two_servers_take_turns_answer_by_answer(fake_ollama: FakeOllama) -> None:
    with FakeOllama(installed=[gemma3_270m()]) as container:
        native = BenchSetup(OllamaApi(fake_ollama.url), "native", repeats=3)
        docker = BenchSetup(OllamaApi(container.url), "docker", repeats=3)
        seen: list[tuple[str, int]] = []

        def report(p: BenchProgress) -> None:
            seen.append((p.server, p.step))

        try:
            out = run_suite([native, docker], [GEMMA], CancelToken(), report, lambda _r: None)
        finally:
            native.api.close()
            docker.api.close()
    assert seen == [
        ("native", 0),
        ("docker", 0),  # both warmed up first
        ("native", 1),
        ("docker", 1),
        ("docker", 2),  # ABBA: whoever went second goes first
        ("native", 2),
        ("native", 3),
        ("docker", 3),
    ]
    assert [r.server for r in out.results] == ["native", "docker"]
    assert all(len(r.runs) == 3 for r in out.results)


def test_a_difference_within_the_spread_is_no_finding() -> None:
    # issue 23's runs: spreads of 47-93 % and a "-63.7 %" printed as if it meant something
    noisy = compare(_result("native", [4.0, 9.5, 6.0]), _result("docker", [3.0, 12.0, 8.0]))
    assert noisy is not None and not noisy.clear
    assert noisy.noise > abs(noisy.percent)
    steady = compare(_result("native", [10.0, 10.2, 10.1]), _result("docker", [9.0, 9.1, 9.05]))
    assert steady is not None and steady.clear and round(steady.percent, 1) == 11.6
    one_run = compare(_result("native", [10.0]), _result("docker", [5.0]))
    assert one_run is not None and not one_run.clear  # one answer each: no spread known
    assert compare(_result("native", []), _result("docker", [5.0])) is None


def test_comparisons_pair_each_model_on_both_servers() -> None:
    rows = [
        _result("native", [10.0, 10.0]),
        _result("docker", [9.0, 9.0]),
        BenchResult(model="other:1b", server="docker", runs=[RunFigures(5, 1, 1, 1, 1)]),
    ]
    (c,) = comparisons(rows)
    assert c.model == GEMMA and c.native == 10.0 and c.docker == 9.0
