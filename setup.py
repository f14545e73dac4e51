"""Build glue that pyproject.toml cannot express: resources/ ships as package data.

The repository keeps translations, icons, licences and the model catalog in resources/ at its
top; a wheel (pip install ., pipx, a release) installs them as the package data folder
desktop/_resources, where desktop/core/resources.py finds them with importlib.resources.
Everything else (metadata, dependencies, scripts) is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["desktop", "desktop.*"]), "desktop._resources"],
    package_dir={"desktop._resources": "resources"},
    package_data={"desktop": ["py.typed"], "desktop._resources": ["**/*"]},
    # translation sources are for translators (scripts/i18n.py), not for the app
    exclude_package_data={"desktop._resources": ["**/*.ts"]},
)
