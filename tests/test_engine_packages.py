"""Listing, finding and installing packages from .argosmodel files."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from service.engine import (
    EngineError,
    EngineSettings,
    ModelNotInstalled,
    clear_cache,
    find_package,
    get_translator,
    install_from_file,
    installed_packages,
)


def rewrite(src: Path, dest: Path, change) -> Path:
    """Copy a package zip, letting ``change`` edit its {name: bytes} entries."""
    with zipfile.ZipFile(src) as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    entries = change(entries)
    with zipfile.ZipFile(dest, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return dest


def edit_metadata(**fields):
    def change(entries):
        name = next(n for n in entries if n.endswith("/metadata.json"))
        meta = json.loads(entries[name])
        meta.update(fields)
        entries[name] = json.dumps(meta).encode()
        return entries

    return change


def rename_folder(new: str):
    def change(entries):
        return {new + "/" + name.split("/", 1)[1]: data for name, data in entries.items()}

    return change


def snapshot(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_installed_stand_ins_are_listed_and_flagged(standin_packages_dir):
    packages = installed_packages(standin_packages_dir)
    assert sorted(p.to_code for p in packages) == ["ja", "ko"]
    for package in packages:
        assert package.from_code == "en"
        assert package.stand_in is True
        assert "STAND-IN copy model (not a translation)" in package.name
        assert package.as_dict()["stand_in"] is True
        assert package.as_dict()["path"] == str(package.path)
        assert (package.path / "model" / "model.bin").is_file()
    assert find_package(standin_packages_dir, "ja").to_code == "ja"


def test_find_package_without_model_names_the_install_command(tmp_path):
    with pytest.raises(ModelNotInstalled) as caught:
        find_package(tmp_path / "nowhere", "ko")
    message = str(caught.value)
    assert "`wirealign models install ko`" in message
    assert "`wirealign models install ko --file PATH`" in message


def test_install_from_file_extracts_one_folder(tmp_path, standin_package_files):
    package = install_from_file(standin_package_files["ko"], tmp_path / "pk")
    assert package.path.parent == tmp_path / "pk"
    assert snapshot(tmp_path / "pk")[0] == package.path.name  # nothing else left behind
    assert not [p for p in (tmp_path / "pk").iterdir() if p.name.startswith(".")]
    assert installed_packages(tmp_path / "pk") == [package]


def test_reinstall_and_replacement_keep_one_package_per_direction(tmp_path,
                                                                  standin_package_files):
    packages = tmp_path / "pk"
    first = install_from_file(standin_package_files["ko"], packages)
    again = install_from_file(standin_package_files["ko"], packages)
    assert again == first
    other = rewrite(standin_package_files["ko"], tmp_path / "other.argosmodel",
                    lambda e: edit_metadata(name="other en->ko")(rename_folder("other-ko")(e)))
    replaced = install_from_file(other, packages)
    assert [p.name for p in installed_packages(packages)] == ["other en->ko"]
    assert find_package(packages, "ko") == replaced
    clear_cache()
    settings = EngineSettings(packages_dir=packages)
    assert get_translator(settings, "ko").package == replaced
    assert get_translator(settings, "ko").translate(["Still copies."]) == ["Still copies."]
    clear_cache()


def _not_a_zip(tmp_path, src):
    path = tmp_path / "junk.argosmodel"
    path.write_bytes(b"this is not a zip archive at all")
    return path


def _truncated_zip(tmp_path, src):
    path = tmp_path / "truncated.argosmodel"
    path.write_bytes(src.read_bytes()[:-2000])
    return path


BROKEN = {
    "not a zip": _not_a_zip,
    "truncated zip": _truncated_zip,
    "no metadata": lambda tmp, src: rewrite(
        src, tmp / "x.argosmodel",
        lambda e: {n: d for n, d in e.items() if not n.endswith("metadata.json")}),
    "bad json": lambda tmp, src: rewrite(
        src, tmp / "x.argosmodel",
        lambda e: {n: (b"{not json" if n.endswith("metadata.json") else d)
                   for n, d in e.items()}),
    "json list": lambda tmp, src: rewrite(
        src, tmp / "x.argosmodel",
        lambda e: {n: (b"[1, 2]" if n.endswith("metadata.json") else d) for n, d in e.items()}),
    "de->ko": lambda tmp, src: rewrite(src, tmp / "x.argosmodel", edit_metadata(from_code="de")),
    "en->fr": lambda tmp, src: rewrite(src, tmp / "x.argosmodel", edit_metadata(to_code="fr")),
    "no codes": lambda tmp, src: rewrite(src, tmp / "x.argosmodel",
                                         edit_metadata(from_code=None, to_code=None)),
    "missing model": lambda tmp, src: rewrite(
        src, tmp / "x.argosmodel", lambda e: {n: d for n, d in e.items() if "/model/" not in n}),
    "missing sentencepiece": lambda tmp, src: rewrite(
        src, tmp / "x.argosmodel",
        lambda e: {n: d for n, d in e.items() if not n.endswith("sentencepiece.model")}),
    "broken sentencepiece": lambda tmp, src: rewrite(
        src, tmp / "x.argosmodel",
        lambda e: {n: (b"garbage" if n.endswith("sentencepiece.model") else d)
                   for n, d in e.items()}),
    "two folders": lambda tmp, src: rewrite(
        src, tmp / "x.argosmodel", lambda e: {**e, "second/README.md": b"x"}),
    "loose files": lambda tmp, src: rewrite(
        src, tmp / "x.argosmodel", lambda e: {n.split("/", 1)[1]: d for n, d in e.items()}),
    "path escape": lambda tmp, src: rewrite(
        src, tmp / "x.argosmodel", lambda e: {**e, "translate-en_ko-standin/../../evil.txt": b"x"}),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_package_installs_nothing(tmp_path, standin_package_files, case):
    packages = tmp_path / "pk"
    install_from_file(standin_package_files["ja"], packages)  # something already there
    before = snapshot(packages)
    broken = BROKEN[case](tmp_path, standin_package_files["ko"])
    with pytest.raises(EngineError) as caught:
        install_from_file(broken, packages)
    assert str(broken) in str(caught.value)
    assert snapshot(packages) == before
    assert not (tmp_path / "evil.txt").exists()


def test_wrong_direction_message_says_what_is_accepted(tmp_path, standin_package_files):
    broken = rewrite(standin_package_files["ko"], tmp_path / "x.argosmodel",
                     edit_metadata(from_code="de"))
    with pytest.raises(EngineError, match=r"translates de->ko; wirealign uses only en->ko or "
                                          r"en->ja"):
        install_from_file(broken, tmp_path / "pk")


def test_missing_file_is_an_engine_error(tmp_path):
    with pytest.raises(EngineError, match="is not a file"):
        install_from_file(tmp_path / "absent.argosmodel", tmp_path / "pk")
    assert not (tmp_path / "pk").exists()


def test_broken_folder_in_packages_dir_is_skipped(tmp_path, standin_package_files):
    packages = tmp_path / "pk"
    install_from_file(standin_package_files["ko"], packages)
    (packages / "leftover").mkdir()
    (packages / ".installing-abc").mkdir()
    assert [p.to_code for p in installed_packages(packages)] == ["ko"]
