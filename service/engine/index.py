"""Installing packages from the Argos package index, with timeouts.

Argos's own ``get_available_packages()`` retries forever offline (it recurses
until RecursionError), and its downloads have no timeout. This module fetches
the same index (``ARGOS_PACKAGE_INDEX`` is honoured, read at call time), parses
it with ``argostranslate.package.AvailablePackage``, downloads with a progress
bar and installs through :func:`install_from_file`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import requests
from tqdm import tqdm

from .errors import EngineError
from .packages import HIDDEN, SOURCE, TARGETS, PackageInfo, install_from_file

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
TIMEOUT = (10, 60)  # seconds to connect, seconds between bytes
CHUNK = 1 << 16


def index_url() -> str:
    """The index.json URL: ARGOS_PACKAGE_INDEX (as Argos reads it) or Argos's default."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def offline_message(url: str, reason: object) -> str:
    return (
        f"Could not reach the Argos package index at {url} ({reason}). "
        "This machine may be offline, or the host may be blocked. Install a model from "
        "a file instead: copy the .argosmodel file (for example translate-en_ko-1_1.argosmodel "
        "from the Argos package index) here and run `wirealign models install ko --file PATH` "
        "(likewise `ja`). To run without real models, install stand-in copy models with "
        "`wirealign models install --stand-in`: they return the English text unchanged "
        "and every result is marked stand-in."
    )


def install_from_index(
    codes: list[str], packages_dir: Path, progress: bool = True
) -> list[PackageInfo]:
    """Download and install the en->code package for each code from the Argos index."""
    from argostranslate.package import AvailablePackage

    unknown = [c for c in codes if c not in TARGETS]
    if unknown:
        raise EngineError(f"wirealign translates en->{' / en->'.join(TARGETS)}, not {unknown}.")
    url = index_url()
    try:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        entries = response.json()
    except requests.RequestException as exc:
        raise EngineError(offline_message(url, type(exc).__name__)) from None
    except ValueError:
        raise EngineError(f"The package index at {url} is not valid JSON.") from None
    available = [AvailablePackage(m) for m in entries if isinstance(m, dict)]
    installed = []
    for code in codes:
        offers = [p for p in available if p.from_code == SOURCE and p.to_code == code]
        if not offers:
            raise EngineError(f"The package index at {url} offers no {SOURCE}->{code} package.")
        best = max(offers, key=lambda p: _version_key(p.package_version))
        installed.append(_download_and_install(best, Path(packages_dir), progress))
    return installed


def _version_key(version: str) -> tuple:
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


def _download_and_install(pkg, packages_dir: Path, progress: bool) -> PackageInfo:
    packages_dir.mkdir(parents=True, exist_ok=True)
    errors = []
    for link in pkg.links:
        fd, tmp = tempfile.mkstemp(prefix=f"{HIDDEN}download-", suffix=".argosmodel",
                                   dir=packages_dir)  # fmt: skip
        os.close(fd)
        try:
            _download(link, Path(tmp), progress, f"en->{pkg.to_code}")
            return install_from_file(Path(tmp), packages_dir)
        except requests.RequestException as exc:
            errors.append(f"{link}: {type(exc).__name__}")
        finally:
            Path(tmp).unlink(missing_ok=True)
    raise EngineError(offline_message(", ".join(pkg.links) or "(no link)", "; ".join(errors)))


def _download(link: str, dest: Path, progress: bool, label: str) -> None:
    with requests.get(link, stream=True, timeout=TIMEOUT) as response:
        response.raise_for_status()
        total = int(response.headers.get("content-length") or 0) or None
        with open(dest, "wb") as out, tqdm(
            total=total, unit="B", unit_scale=True, desc=label, disable=not progress
        ) as bar:
            for chunk in response.iter_content(CHUNK):
                out.write(chunk)
                bar.update(len(chunk))
