"""Installed Argos packages: list, find, and install from a `.argosmodel` file.

Listing goes through ``argostranslate.package``. Installing does not: Argos's
``install_from_path`` checks only that the file is a zip, extracts it straight
into the packages directory, and then imports ``argostranslate.translate``
(stanza, torch), which fails here after the files are already in place. So this
module validates the archive, extracts it into a hidden temporary directory
inside ``packages_dir`` and renames it into place: a bad file installs nothing.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import sentencepiece as spm

from ..constants import SOURCE_LANG as SOURCE
from ..constants import TARGET_LANGS as TARGETS
from .errors import EngineError, ModelNotInstalled

HIDDEN = "."  # our temporary directories start with a dot; listing skips them


@dataclass(frozen=True)
class PackageInfo:
    """One installed package, as the rest of wirealign sees it."""

    from_code: str
    to_code: str
    name: str
    version: str
    path: Path
    stand_in: bool

    def as_dict(self) -> dict:
        return {
            "from_code": self.from_code,
            "to_code": self.to_code,
            "name": self.name,
            "version": self.version,
            "path": str(self.path),
            "stand_in": self.stand_in,
        }


def installed_packages(packages_dir: Path) -> list[PackageInfo]:
    """Every package installed in ``packages_dir`` (a missing directory holds none)."""
    from argostranslate.package import Package  # imports settings, which makes ~/.local dirs

    packages_dir = Path(packages_dir)
    if not packages_dir.is_dir():
        return []
    found = []
    # Argos's get_installed_packages() would also read our hidden temporary
    # directories and stop at the first broken folder; we skip both.
    for folder in sorted(packages_dir.iterdir()):
        if not folder.is_dir() or folder.name.startswith(HIDDEN):
            continue
        try:
            pkg = Package(folder)
            extra = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        found.append(
            PackageInfo(
                from_code=pkg.from_code,
                to_code=pkg.to_code,
                name=extra.get("name") or f"translate-{pkg.from_code}_{pkg.to_code}",
                version=pkg.package_version,
                path=folder,
                stand_in=extra.get("stand_in") is True,
            )
        )
    return found


def find_package(packages_dir: Path, target: str, source: str = SOURCE) -> PackageInfo:
    """The installed package for ``source``->``target``; a real one wins over a stand-in."""
    matches = [
        p for p in installed_packages(packages_dir) if p.from_code == source and p.to_code == target
    ]
    if not matches:
        raise ModelNotInstalled(target, source)
    return sorted(matches, key=lambda p: (p.stand_in, p.name))[0]


def install_from_file(path: Path, packages_dir: Path,
                      expect_targets: Sequence[str] | None = None) -> PackageInfo:
    """Validate and install an en->ko/ja ``.argosmodel``; it replaces the installed one.

    ``expect_targets``: the targets the user named (``models install ko --file``);
    a package for another direction is refused before anything is extracted.
    """
    path, packages_dir = Path(path), Path(packages_dir)
    if not path.is_file():
        raise EngineError(f"{path} is not a file.")
    if not zipfile.is_zipfile(path):
        raise EngineError(f"{path} is not an Argos package: an .argosmodel file is a zip archive.")
    with zipfile.ZipFile(path) as archive:
        folder = _single_top_folder(archive, path)
        meta = _read_metadata(archive, folder, path)
        if expect_targets and meta["to_code"] not in expect_targets:
            raise EngineError(
                f"{path} translates en->{meta['to_code']}, not en->"
                f"{'/'.join(expect_targets)} as asked; not installed.")
        packages_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{HIDDEN}installing-", dir=packages_dir))
        try:
            archive.extractall(staging)
            _check_contents(staging / folder, path)
            _replace(staging / folder, packages_dir, folder, meta["to_code"])
        except zipfile.BadZipFile as exc:
            raise EngineError(f"{path} is a damaged zip archive: {exc}") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return next(p for p in installed_packages(packages_dir) if p.path.name == folder)


def _single_top_folder(archive: zipfile.ZipFile, path: Path) -> str:
    tops = set()
    for name in archive.namelist():
        parts = PurePosixPath(name).parts
        if not parts or name.startswith("/") or ".." in parts or "\\" in name:
            raise EngineError(f"{path} holds an unsafe file name {name!r}; not installed.")
        tops.add(parts[0])
    if len(tops) != 1 or not any("/" in n for n in archive.namelist()):
        raise EngineError(
            f"{path} must hold exactly one folder (with metadata.json, model/ and "
            f"sentencepiece.model); it holds {sorted(tops)[:5]}."
        )
    top = tops.pop()
    if top.startswith(HIDDEN):
        raise EngineError(f"{path}: the package folder name {top!r} must not start with a dot.")
    return top


def _read_metadata(archive: zipfile.ZipFile, folder: str, path: Path) -> dict:
    try:
        raw = archive.read(f"{folder}/metadata.json")
    except KeyError:
        raise EngineError(f"{path} has no {folder}/metadata.json; not an Argos package.") from None
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise EngineError(f"{path}: metadata.json is not valid JSON ({exc}).") from None
    if not isinstance(meta, dict):
        raise EngineError(f"{path}: metadata.json must hold a JSON object.")
    src, tgt = meta.get("from_code"), meta.get("to_code")
    if not src or not tgt:
        raise EngineError(f"{path}: metadata.json lacks from_code/to_code.")
    if src != SOURCE or tgt not in TARGETS:
        raise EngineError(
            f"{path} translates {src}->{tgt}; wirealign uses only "
            + " or ".join(f"{SOURCE}->{t}" for t in TARGETS)
            + " packages."
        )
    return meta


def _check_contents(root: Path, path: Path) -> None:
    if not (root / "model" / "model.bin").is_file():
        raise EngineError(f"{path} has no model/model.bin (the CTranslate2 model).")
    sp_file = root / "sentencepiece.model"
    if not sp_file.is_file():
        raise EngineError(f"{path} has no sentencepiece.model.")
    try:
        spm.SentencePieceProcessor(model_file=str(sp_file))
    except (RuntimeError, OSError) as exc:
        raise EngineError(f"{path}: sentencepiece.model cannot be read ({exc}).") from None


def _replace(new: Path, packages_dir: Path, folder: str, target: str) -> None:
    """Rename ``new`` into place; then remove the packages it replaces (same direction)."""
    old = [
        p.path
        for p in installed_packages(packages_dir)
        if p.from_code == SOURCE and p.to_code == target
    ]
    dest = packages_dir / folder
    trash = Path(tempfile.mkdtemp(prefix=f"{HIDDEN}replaced-", dir=packages_dir))
    try:
        if dest.exists():
            dest.rename(trash / folder)
        new.rename(dest)
        for other in old:
            if other != dest and other.exists():
                other.rename(trash / other.name)
    finally:
        shutil.rmtree(trash, ignore_errors=True)
