"""What a server or a registry sends about a download, however odd: pull progress lines
through the aggregator to the words the Downloads page shows, and registry manifests and
config blobs. Only the documented errors (RegistryFormatError) may come out."""

from __future__ import annotations

import json
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.api_types import ProgressEvent
from desktop.core.models.registry import RegistryFormatError, parse_config, parse_manifest
from desktop.core.pull import PullAggregator, PullStage, part_kind, pull_step

DIGESTS = st.sampled_from(["", "sha256:" + "a" * 64, "sha256:" + "b" * 64, "x", "sha256:"])
STATUSES = st.one_of(
    st.sampled_from(
        [
            "pulling manifest",
            "pulling aaaaaaaaaaaa",
            "verifying sha256 digest",
            "writing manifest",
            "removing unused layers",
            "success",
            "",
        ]
    ),
    st.text(max_size=40),
)
NUMBERS = st.one_of(st.integers(-(2**63), 2**63), st.just(0))
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=10), kids),
    max_leaves=8,
)


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {"status": STATUSES},
            optional={"digest": DIGESTS, "total": NUMBERS, "completed": NUMBERS},
        ),
        max_size=12,
    ),
    st.dictionaries(DIGESTS, st.sampled_from(["model", "template", "config", ""]), max_size=4),
)
def test_any_progress_stream_gives_a_stage_and_never_goes_backwards(lines, parts):
    agg = PullAggregator()
    start = time.monotonic()
    best = None
    for line in lines:
        progress = agg.feed(ProgressEvent.from_json(line))
        step = pull_step(progress, parts or None)
        assert isinstance(step.stage, PullStage)
        assert step.part >= 0 and step.parts >= 0
        if step.stage is PullStage.OTHER:
            assert step.status == progress.status
        if progress.digest and not progress.done:
            assert step.stage is PullStage.DOWNLOADING and step.part >= 1
        per_layer = dict(agg._layers)
        if best is not None:
            for digest, (done, _total) in best.items():
                assert per_layer[digest][0] >= done  # a layer's progress never shrinks
        best = per_layer
    assert time.monotonic() - start < 2.0


@settings(max_examples=1000, deadline=None)
@given(st.one_of(JSONISH, st.binary(max_size=200), st.text(max_size=200)))
def test_any_registry_answer_is_parsed_or_refused_clearly(raw):
    for parse in (parse_manifest, parse_config):
        data = raw
        if not isinstance(raw, bytes | str):
            data = json.dumps(raw) if not isinstance(raw, dict) else raw
        try:
            parsed = parse(data)
        except RegistryFormatError:
            continue
        if parse is parse_manifest:
            assert parsed.download_size >= 0
            for layer in (*parsed.layers, parsed.config):
                assert isinstance(part_kind(layer.media_type), str)
