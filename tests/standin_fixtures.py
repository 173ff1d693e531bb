"""Stand-in Argos packages for the whole test run.

Loaded from tests/conftest.py with ``pytest_plugins = ["tests.standin_fixtures"]``.
The packages are real ``.argosmodel`` files (CTranslate2 + SentencePiece) whose
model copies its input; they are built and installed once per test run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from service.engine import build_standin_package, install_from_file

STANDIN_TARGETS = ("ko", "ja")


@pytest.fixture(scope="session")
def standin_package_files(tmp_path_factory) -> dict[str, Path]:
    """Tiny stand-in ``.argosmodel`` files by target (treat them as read-only)."""
    out = tmp_path_factory.mktemp("standin-files")
    return {
        target: build_standin_package(out / f"standin-en_{target}.argosmodel", target)
        for target in STANDIN_TARGETS
    }


@pytest.fixture(scope="session")
def standin_packages_dir(tmp_path_factory, standin_package_files) -> Path:
    """A packages directory with the ko and ja stand-ins installed (treat it as read-only)."""
    packages = tmp_path_factory.mktemp("standin-packages")
    for path in standin_package_files.values():
        install_from_file(path, packages)
    return packages
