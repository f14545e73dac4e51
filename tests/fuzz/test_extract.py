"""The archive extractor on generated trees with links (tar.zst, tgz and zip): it either
refuses with a documented error, or everything it wrote — links fully resolved — is inside
the staging folder, and nothing ever appears outside it."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop.core.setup.extract import (
    ArchiveFormatError,
    UnsafeArchiveError,
    extract_archive,
    links_escaping,
)
from desktop.core.setup.platforms import ArchiveKind
from tests.release_server import Entry, make_tar, make_zip

DOCUMENTED = (UnsafeArchiveError, ArchiveFormatError)
SEGMENTS = st.sampled_from(["a", "b", "bin", "lib", "ollama", "..", ".", "", "s", "up", "x y"])
PATHS = st.lists(SEGMENTS, min_size=1, max_size=4).map("/".join)
TARGETS = st.one_of(
    PATHS,
    PATHS.map(lambda p: "/" + p),
    st.sampled_from(["../..", "../../..", "/", "/etc/passwd", "a/../../x", "C:/x", "bin\\..\\.."]),
)
ENTRIES = st.one_of(
    st.builds(lambda n, d: Entry(n, d, 0o755), PATHS, st.binary(max_size=64)),
    st.builds(lambda n: Entry(n, kind="dir", mode=0o755), PATHS),
    st.builds(lambda n, t: Entry(n, kind="symlink", link=t), PATHS, TARGETS),
    st.builds(lambda n, t: Entry(n, kind="hardlink", link=t), PATHS, TARGETS),
)
KINDS = st.sampled_from(
    [(ArchiveKind.TAR_ZST, "zst"), (ArchiveKind.TGZ, "gz"), (ArchiveKind.ZIP, "zip")]
)


# many tiny folders per case: a memory file system where there is one keeps this fast
SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


def _check(entries: list[Entry], kind: tuple[ArchiveKind, str]) -> None:
    with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
        base = Path(tmp)
        outside = base / "outside"
        outside.mkdir()
        (outside / "keep").write_text("x")
        archive_kind, compression = kind
        try:  # the test's own archive writers refuse some names (e.g. an empty zip name)
            if archive_kind is ArchiveKind.ZIP:
                data = make_zip([e for e in entries if e.kind != "hardlink"])
            else:
                data = make_tar(entries, compression)
        except (ValueError, IndexError):
            assume(False)
        archive = base / "archive.bin"
        archive.write_bytes(data)
        root = outside / "deep" / "stage"
        try:
            extract_archive(archive, archive_kind, root)
        except DOCUMENTED:
            pass
        else:
            assert links_escaping(root) == []
            real_root = os.path.realpath(root)
            for folder, dirs, files in os.walk(root):
                for name in dirs + files:
                    real = os.path.realpath(os.path.join(folder, name))
                    assert real == real_root or real.startswith(real_root + os.sep), name
        written = {p.relative_to(base).as_posix() for p in base.rglob("*")}
        stray = {p for p in written if not p.startswith("outside/deep/stage")}
        assert stray <= {"archive.bin", "outside", "outside/keep", "outside/deep"}, stray
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.filterwarnings("ignore:Duplicate name")
@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(ENTRIES, max_size=8), KINDS)
def test_generated_trees_with_links_never_escape_and_only_fail_as_documented(
    entries: list[Entry], kind: tuple[ArchiveKind, str]
) -> None:
    _check(entries, kind)


def test_damaged_archives_fail_as_documented(tmp_path: Path) -> None:
    for kind in (ArchiveKind.TAR_ZST, ArchiveKind.TGZ, ArchiveKind.ZIP):
        bad = tmp_path / f"bad-{kind.name}"
        bad.write_bytes(b"\x28\xb5\x2f\xfd garbage" * 10)
        try:
            extract_archive(bad, kind, tmp_path / f"stage-{kind.name}")
        except DOCUMENTED:
            continue
        raise AssertionError(kind)
