"""The translation engine: Argos packages run through CTranslate2, one batch per article.

One concern a file, as in Argos Translate's own package:

- ``errors``     EngineError, ModelNotInstalled (user-facing messages)
- ``settings``   EngineSettings (WIREALIGN_* keys), thread choice
- ``packages``   list / find installed packages, install from a .argosmodel file
- ``index``      install from the Argos package index (timeouts, progress bar)
- ``translator`` the batched Translator and the per-process translator cache
- ``standin``    builder of stand-in copy-model packages for tests and benchmarks

Lightest install (verified 2026-11-28 in a fresh Python 3.11 venv, by building a
stand-in, installing it and translating with this package):

    pip install --no-deps argostranslate==1.11.0
    pip install ctranslate2 sentencepiece packaging requests tqdm

(ctranslate2 brings numpy and PyYAML; 257 MB of site-packages in all.)
``argostranslate.package`` itself imports only ``packaging`` and ``sentencepiece``
(sacremoses only for bpe.model packages, which wirealign does not take);
``requests`` and ``tqdm`` are this engine's (index downloads). Never import
``argostranslate.translate``: it pulls stanza, minisbd and torch.
"""

from .errors import EngineError, ModelNotInstalled
from .index import install_from_index
from .packages import PackageInfo, find_package, install_from_file, installed_packages
from .settings import EngineSettings
from .standin import build_standin_package
from .translator import Translator, clear_cache, get_translator

__all__ = [
    "EngineError",
    "EngineSettings",
    "ModelNotInstalled",
    "PackageInfo",
    "Translator",
    "build_standin_package",
    "clear_cache",
    "find_package",
    "get_translator",
    "install_from_file",
    "install_from_index",
    "installed_packages",
]
