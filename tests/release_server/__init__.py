"""A local release server for setup tests (GitHub-shaped API + downloads with Range)."""

from .archives import Entry, linux_tree, make_tar, make_zip, sha256sum_txt, windows_tree
from .server import ReleaseData, ReleaseServer, standard_release
from .standin import standin_source, write_standin

__all__ = [
    "Entry",
    "ReleaseData",
    "ReleaseServer",
    "linux_tree",
    "make_tar",
    "make_zip",
    "sha256sum_txt",
    "standard_release",
    "standin_source",
    "windows_tree",
    "write_standin",
]
