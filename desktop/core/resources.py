"""Locate the bundled resources (translations, icons, licences, the model catalog).

They live in resources/ at the top of the repository and ship inside the package as the
package data folder ``desktop/_resources`` (setup.py maps it at build time; build.spec puts it
at the same place in the frozen build). An installed wheel and a PyInstaller build are both
found through importlib.resources; a source checkout or an editable install, which have no
``desktop/_resources``, read the repository's resources/ directly.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

PACKAGE_DATA = "_resources"


@functools.cache
def resources_dir() -> Path:
    packaged = resources.files("desktop").joinpath(PACKAGE_DATA)
    # Files on disk in every supported layout (site-packages, PyInstaller's _MEIPASS); a
    # zipped package would give another Traversable, which Qt could not read anyway.
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
