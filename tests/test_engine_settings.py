"""Engine settings from a Flask-style mapping, and device choice."""

from __future__ import annotations

from pathlib import Path

import ctranslate2
import pytest

from service.engine import EngineError, EngineSettings, get_translator
from service.engine.settings import resolved_inter_threads, resolved_intra_threads
from service.engine.translator import resolve_device

no_gpu = pytest.mark.skipif(ctranslate2.get_cuda_device_count() > 0,
                            reason="this machine has a CUDA device")


def test_defaults(tmp_path):
    settings = EngineSettings.from_mapping({"WIREALIGN_PACKAGES_DIR": str(tmp_path)})
    assert settings == EngineSettings(packages_dir=tmp_path)
    assert (settings.beam_size, settings.compute_type, settings.device) == (4, "int8", "auto")
    assert (settings.inter_threads, settings.intra_threads, settings.max_batch_size) == (0, 0, 16)
    assert (settings.long_fill, settings.long_call_beside_short) == (2, 4)
    assert settings.engine_batch == 4


def test_values_from_strings_and_numbers(tmp_path):
    settings = EngineSettings.from_mapping({
        "WIREALIGN_PACKAGES_DIR": str(tmp_path), "WIREALIGN_BEAM_SIZE": "2",
        "WIREALIGN_COMPUTE_TYPE": "Float32", "WIREALIGN_INTER_THREADS": 2,
        "WIREALIGN_INTRA_THREADS": " 3 ", "WIREALIGN_DEVICE": "CPU", "OTHER_KEY": "ignored",
        "WIREALIGN_LONG_FILL": "0", "WIREALIGN_LONG_CALL_BESIDE_SHORT": 16,
        "WIREALIGN_ENGINE_BATCH": "8",
    })
    assert settings.packages_dir == Path(tmp_path)
    assert (settings.beam_size, settings.compute_type, settings.device) == (2, "float32", "cpu")
    assert (settings.inter_threads, settings.intra_threads) == (2, 3)
    assert resolved_intra_threads(settings) == 3
    assert (settings.long_fill, settings.long_call_beside_short) == (0, 16)
    assert settings.engine_batch == 8


@pytest.mark.parametrize("key, value", [
    ("WIREALIGN_BEAM_SIZE", "four"), ("WIREALIGN_BEAM_SIZE", 0), ("WIREALIGN_BEAM_SIZE", "2.5"),
    ("WIREALIGN_BEAM_SIZE", True), ("WIREALIGN_INTER_THREADS", -1),
    ("WIREALIGN_INTRA_THREADS", "-2"), ("WIREALIGN_DEVICE", "tpu"),
    ("WIREALIGN_COMPUTE_TYPE", "int3"), ("WIREALIGN_LONG_FILL", -1),
    ("WIREALIGN_LONG_CALL_BESIDE_SHORT", 0), ("WIREALIGN_ENGINE_BATCH", 0),
])
def test_bad_values_are_engine_errors_naming_the_setting(tmp_path, key, value):
    with pytest.raises(EngineError) as caught:
        EngineSettings.from_mapping({"WIREALIGN_PACKAGES_DIR": str(tmp_path), key: value})
    field = key.removeprefix("WIREALIGN_").lower()
    assert key in str(caught.value) or field in str(caught.value)


def test_packages_dir_is_required():
    with pytest.raises(EngineError, match="WIREALIGN_PACKAGES_DIR"):
        EngineSettings.from_mapping({"WIREALIGN_BEAM_SIZE": 2})


def test_chosen_intra_threads_are_between_1_and_4(tmp_path):
    for inter in (1, 2, 8):
        chosen = resolved_intra_threads(EngineSettings(packages_dir=tmp_path, inter_threads=inter))
        assert 1 <= chosen <= 4


@pytest.mark.parametrize(("cores", "inter", "intra"), [
    (1, 1, 1), (2, 2, 1), (3, 3, 1), (4, 2, 2), (8, 4, 2), (16, 4, 4), (64, 4, 4)])
def test_auto_threads_follow_the_cores(tmp_path, monkeypatch, cores, inter, intra):
    import service.engine.settings as settings_module

    monkeypatch.setattr(settings_module, "_cores", lambda: cores)
    settings = EngineSettings(packages_dir=tmp_path)
    assert (resolved_inter_threads(settings), resolved_intra_threads(settings)) == (inter, intra)
    fixed = EngineSettings(packages_dir=tmp_path, inter_threads=1, intra_threads=3)
    assert (resolved_inter_threads(fixed), resolved_intra_threads(fixed)) == (1, 3)


@no_gpu
def test_auto_device_falls_back_to_cpu():
    assert resolve_device("auto") == "cpu"
    assert resolve_device("cpu") == "cpu"


@no_gpu
def test_cuda_without_a_gpu_is_a_clear_error(standin_packages_dir):
    settings = EngineSettings(packages_dir=standin_packages_dir, device="cuda")
    with pytest.raises(EngineError) as caught:
        get_translator(settings, "ko")
    assert "no CUDA device" in str(caught.value)
    assert "WIREALIGN_DEVICE=cpu" in str(caught.value)
