"""Where a pull stands, from the recorded stream of a real server, with and without the
registry's manifest (no Qt)."""

from __future__ import annotations

import json

from desktop.core.api_types import ProgressEvent
from desktop.core.pull import PullAggregator, PullStage, part_kind, pull_step
from tests.fake_ollama.models import FIXTURES

MANIFEST = json.loads((FIXTURES / "registry_manifest.json").read_text())
PARTS = {x["digest"]: part_kind(x["mediaType"]) for x in [*MANIFEST["layers"], MANIFEST["config"]]}


def steps(name: str, parts: dict[str, str] | None) -> list:
    agg = PullAggregator()
    out = []
    for line in (FIXTURES / name).read_text().splitlines():
        out.append(pull_step(agg.feed(ProgressEvent.from_json(json.loads(line))), parts))
    return out


def test_parts_are_named_and_counted_from_the_manifest():
    assert list(PARTS.values()) == ["model", "template", "params", "config"]
    got = steps("pull_already_present.ndjson", PARTS)
    assert got[0].stage is PullStage.MANIFEST
    downloading = [(s.kind, s.part, s.parts) for s in got if s.stage is PullStage.DOWNLOADING]
    assert downloading == [("model", 1, 4), ("template", 2, 4), ("params", 3, 4), ("config", 4, 4)]
    assert [s.stage for s in got[-3:]] == [PullStage.VERIFYING, PullStage.WRITING, PullStage.DONE]


def test_without_a_manifest_the_big_part_is_the_weights_and_parts_are_numbered():
    got = steps("pull_already_present.ndjson", None)
    downloading = [(s.kind, s.part, s.parts) for s in got if s.stage is PullStage.DOWNLOADING]
    assert downloading == [("model", 1, 0), ("", 2, 0), ("", 3, 0), ("", 4, 0)]


def test_first_pull_stream_never_shows_a_digest_and_ends_done():
    got = steps("pull_stream.ndjson", PARTS)
    assert all(s.status == "" for s in got)  # every line was understood
    assert got[-1].stage is PullStage.DONE
    assert pull_step(None).stage is PullStage.STARTING
    odd = pull_step(PullAggregator().feed(ProgressEvent("something new")))
    assert odd.stage is PullStage.OTHER and odd.status == "something new"
