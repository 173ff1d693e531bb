"""The real engine (CTranslate2 + SentencePiece) on stand-in copy models."""

from __future__ import annotations

import socket
import threading

import ctranslate2
import pytest

from service.engine import (
    EngineSettings,
    ModelNotInstalled,
    Translator,
    clear_cache,
    get_translator,
)

# Wire copy with what placeholders and quotes look like: Private Use Area
# characters, underscores, digits, straight and curly quotes, CJK text.
SEGMENTS = [
    "SEOUL, Oct. 26 (Yonhap) -- North Korea has sent about 3,000 troops to Russia.",
    "Defense Minister \ue000 met \ue001\ue002 on Wednesday.",
    "snake_case_name and __double__ underscores stay _as_ they are",
    '"We are watching closely," he said; it was \'a grave threat\' (12.5%, $1.2 billion).',
    "“Curly” quotes — dashes – and … ellipses",
    "북한군 3천명 러시아 파병",
    "北朝鮮がロシアに兵士を派遣した。",
    "Lee Jae-myung\ue010 said 12:30 p.m. No. 1 #4 & 50% [sic] <b>",
]


@pytest.fixture
def settings(standin_packages_dir):
    clear_cache()
    yield EngineSettings(packages_dir=standin_packages_dir, beam_size=4)
    clear_cache()


@pytest.mark.parametrize("target", ["ko", "ja"])
def test_copy_model_returns_its_inputs_exactly(settings, target):
    translator = get_translator(settings, target)
    assert translator.package.stand_in is True
    assert translator.package.to_code == target
    assert translator.translate(SEGMENTS) == SEGMENTS


def test_empty_list_and_blank_texts(settings):
    translator = get_translator(settings, "ko")
    assert translator.translate([]) == []
    assert translator.translate(["", "Hello.", "   "]) == ["", "Hello.", "   "]


def test_all_texts_go_in_one_translate_batch_call(settings, monkeypatch):
    calls = []
    original = ctranslate2.Translator.translate_batch

    def spy(self, source, *args, **kwargs):
        calls.append((len(source), kwargs.get("batch_type"), kwargs.get("replace_unknowns")))
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(ctranslate2.Translator, "translate_batch", spy)
    texts = [f"Sentence number {i} of the article." for i in range(150)]
    out = get_translator(settings, "ko").translate(texts)
    assert calls == [(150, "examples", True)]
    assert out == texts  # order kept although CTranslate2 sorts by length inside


def test_order_is_kept_for_mixed_lengths(settings):
    texts = ["A much longer sentence comes first, with several clauses, numbers 1 2 3.",
             "Short.", "", "Medium length sentence here.", "x"]
    assert get_translator(settings, "ja").translate(texts) == texts


def test_a_segment_longer_than_256_pieces_is_not_cut(settings):
    translator = get_translator(settings, "ko")
    long_text = " ".join(f"w{i}x" for i in range(150))  # several pieces a word
    assert len(translator._sp.encode(long_text)) > 256
    assert translator.translate([long_text, "Short."]) == [long_text, "Short."]


def test_translation_needs_no_network(settings, monkeypatch):
    translator = get_translator(settings, "ko")

    def refuse(*args, **kwargs):
        raise AssertionError("the engine tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert translator.translate(SEGMENTS[:3]) == SEGMENTS[:3]
    clear_cache()  # loading from disk needs no network either
    assert get_translator(settings, "ja").translate(["Hello."]) == ["Hello."]


def test_concurrent_get_translator_loads_once(settings, monkeypatch):
    loads = []
    original_init = Translator.__init__

    def counting_init(self, *args, **kwargs):
        loads.append(threading.get_ident())
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(Translator, "__init__", counting_init)
    barrier = threading.Barrier(8)
    got, errors = [], []

    def worker():
        try:
            barrier.wait()
            translator = get_translator(settings, "ko")
            got.append(translator)
            assert translator.translate(["Same text."]) == ["Same text."]
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(loads) == 1
    assert len({id(t) for t in got}) == 1


def test_cache_is_per_settings_and_target(settings):
    ko = get_translator(settings, "ko")
    assert get_translator(settings, "ko") is ko
    assert get_translator(settings, "ja") is not ko
    other = EngineSettings(packages_dir=settings.packages_dir, beam_size=1)
    assert get_translator(other, "ko") is not ko
    clear_cache()
    assert get_translator(settings, "ko") is not ko


def test_describe_names_package_and_settings(settings):
    info = get_translator(settings, "ko").describe()
    assert info["stand_in"] is True
    assert "STAND-IN" in info["package"]
    assert (info["from_code"], info["to_code"], info["version"]) == ("en", "ko", "0.1-standin")
    used = info["settings"]
    assert (used["beam_size"], used["compute_type"], used["device"]) == (4, "int8", "cpu")
    assert used["inter_threads"] >= 1 and used["max_batch_size"] == 16
    assert 1 <= used["intra_threads"] <= 4


def test_missing_target_raises_model_not_installed(tmp_path):
    settings = EngineSettings(packages_dir=tmp_path)
    with pytest.raises(ModelNotInstalled) as caught:
        get_translator(settings, "ko")
    assert "wirealign models install ko" in str(caught.value)
    assert "--file PATH" in str(caught.value)
