"""The stand-in package builder: a real .argosmodel whose model copies its input."""

from __future__ import annotations

import json
import string
import zipfile

import pytest
import sentencepiece as spm

from service.engine import (
    EngineError,
    EngineSettings,
    build_standin_package,
    clear_cache,
    get_translator,
    install_from_file,
)


def test_package_layout_and_metadata(standin_package_files):
    with zipfile.ZipFile(standin_package_files["ja"]) as zf:
        names = zf.namelist()
        assert {n.split("/")[0] for n in names} == {"translate-en_ja-standin"}
        assert "translate-en_ja-standin/model/model.bin" in names
        assert "translate-en_ja-standin/sentencepiece.model" in names
        meta = json.loads(zf.read("translate-en_ja-standin/metadata.json"))
    assert (meta["from_code"], meta["to_code"]) == ("en", "ja")
    assert meta["stand_in"] is True
    assert meta["name"].startswith("STAND-IN copy model (not a translation)")
    assert meta["package_version"] and meta["argos_version"]


def test_ascii_is_in_the_vocabulary(standin_packages_dir):
    sp = spm.SentencePieceProcessor(
        model_file=str(standin_packages_dir / "translate-en_ko-standin" / "sentencepiece.model"))
    text = string.ascii_letters + string.digits + string.punctuation
    assert sp.unk_id() not in sp.encode(text)


def test_unknown_size_is_refused(tmp_path):
    with pytest.raises(EngineError, match="Unknown stand-in size"):
        build_standin_package(tmp_path / "x.argosmodel", "ko", size="huge")


def test_argos_size_stand_in_copies_too(tmp_path):
    built = build_standin_package(tmp_path / "argos.argosmodel", "ko", size="argos",
                                  corpus=["A few more lines of news text.", "Second line, 2."])
    package = install_from_file(built, tmp_path / "pk")
    vocab = json.loads((package.path / "model" / "shared_vocabulary.json").read_text())
    assert len(vocab) == 8000
    clear_cache()
    translator = get_translator(EngineSettings(packages_dir=tmp_path / "pk", beam_size=2), "ko")
    texts = ["North Korea sent 3,000 troops, officials said.", "Tag \ue000 and snake_case 42."]
    assert translator.translate(texts) == texts
    clear_cache()
