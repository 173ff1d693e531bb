"""The batched translator: one CTranslate2 call for all segments of an article.

Unlike ``argostranslate.translate`` it does no sentence splitting (the pipeline
hands over segments already), batches by examples (Argos's 32-token batches hold
about one sentence, so they run no faster than a loop), returns one output per
input in order, and decodes with SentencePiece alone (Argos also turns ``_``
into a space, which breaks placeholders).
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import ctranslate2
import sentencepiece as spm

from .. import events
from .errors import EngineError
from .packages import PackageInfo, find_package
from .settings import EngineSettings, resolved_inter_threads, resolved_intra_threads

if TYPE_CHECKING:
    from .batcher import Batcher

# Decoding may run longer than the input (Korean/Japanese pieces are shorter
# than English ones): twice the input, at least CTranslate2's default of 256,
# at most its default input limit of 1024.
MIN_DECODING_LENGTH = 256
MAX_DECODING_LENGTH = 1024
LENGTH_PENALTY = 0.2  # Argos's value: same output as Argos for the same sentence


class Translator:
    """A loaded package: SentencePiece + CTranslate2, ready to translate segments."""

    def __init__(self, package: PackageInfo, settings: EngineSettings) -> None:
        self.package = package
        self.settings = settings
        self.device = resolve_device(settings.device)
        self.inter_threads = resolved_inter_threads(settings)
        self.intra_threads = resolved_intra_threads(settings)
        self._batcher: Batcher | None = None
        self._batcher_lock = threading.Lock()
        meta = json.loads((package.path / "metadata.json").read_text(encoding="utf-8"))
        self.target_prefix: str = meta.get("target_prefix") or ""
        try:
            self._sp = spm.SentencePieceProcessor(
                model_file=str(package.path / "sentencepiece.model")
            )
            self._ct2 = ctranslate2.Translator(
                str(package.path / "model"),
                device=self.device,
                compute_type=settings.compute_type,
                inter_threads=self.inter_threads,
                intra_threads=self.intra_threads,
            )
        except (RuntimeError, OSError, ValueError) as exc:
            raise EngineError(
                f"Could not load the {package.from_code}->{package.to_code} model "
                f"{package.name} from {package.path} on {self.device}: {exc}"
            ) from None

    def translate(self, texts: list[str]) -> list[str]:
        """Translate each text; output i belongs to input i. Blank texts come back as they are."""
        todo = [i for i, text in enumerate(texts) if text.strip()]
        out = list(texts)
        if not todo:
            return out
        tokens = self.encode([texts[i] for i in todo])
        # Split the one call into as many sub-batches as there are inter
        # threads, so every replica works on its share at the same time.
        split = min(self.settings.engine_batch, -(-len(tokens) // self.inter_threads))
        for i, pieces in zip(todo, self.translate_tokens(tokens, split), strict=True):
            out[i] = self.decode(pieces)
        return out

    def batcher(self) -> Batcher:
        """This model's engine queue (started on first use): concurrent requests
        share its engine calls. Request handlers translate through it."""
        with self._batcher_lock:
            if self._batcher is None:
                from .batcher import Batcher

                self._batcher = Batcher(self)
            return self._batcher

    def close(self) -> None:
        """Stop this model's engine queue, if it was started."""
        with self._batcher_lock:
            if self._batcher is not None:
                self._batcher.close()
                self._batcher = None

    def encode(self, texts: list[str]) -> list[list[str]]:
        """SentencePiece pieces of each (non-blank) text."""
        return [self._sp.encode(text, out_type=str) for text in texts]

    def decode(self, pieces: list[str]) -> str:
        return self._sp.decode_pieces(pieces)

    def translate_tokens(self, tokens: list[list[str]], max_batch_size: int) -> list[list[str]]:
        """ONE CTranslate2 call over ``tokens``; the best hypothesis of each,
        without the target prefix."""
        prefix = [[self.target_prefix]] * len(tokens) if self.target_prefix else None
        started = time.perf_counter()
        results = self._ct2.translate_batch(
            tokens,
            target_prefix=prefix,
            beam_size=self.settings.beam_size,
            max_batch_size=max_batch_size,
            batch_type="examples",
            replace_unknowns=True,  # unknown pieces (e.g. placeholders) come back as themselves
            length_penalty=LENGTH_PENALTY,
            max_decoding_length=decoding_length(tokens),
        )
        self._announce(len(tokens), started)
        out = []
        for result in results:
            pieces = result.hypotheses[0]
            if self.target_prefix and pieces[:1] == [self.target_prefix]:
                pieces = pieces[1:]
            out.append(pieces)
        return out

    def translate_n_best(self, texts: list[str], n: int) -> list[list[str]]:
        """Up to ``n`` translations of each text from the beam's n-best list, best
        first (CTranslate2 ``num_hypotheses``; the beam widens to ``n`` if narrower).
        One engine call for all texts; blank texts come back as ``[text]``."""
        todo = [i for i, text in enumerate(texts) if text.strip()]
        out = [[text] for text in texts]
        if not todo or n < 1:
            return out
        tokens = [self._sp.encode(texts[i], out_type=str) for i in todo]
        prefix = [[self.target_prefix]] * len(tokens) if self.target_prefix else None
        started = time.perf_counter()
        results = self._ct2.translate_batch(
            tokens,
            target_prefix=prefix,
            beam_size=max(self.settings.beam_size, n),
            num_hypotheses=n,
            max_batch_size=min(self.settings.engine_batch,
                               -(-len(tokens) // self.inter_threads)),
            batch_type="examples",
            replace_unknowns=True,
            length_penalty=LENGTH_PENALTY,
            max_decoding_length=decoding_length(tokens),
        )
        self._announce(len(tokens), started)
        for i, result in zip(todo, results, strict=True):
            decoded = []
            for pieces in result.hypotheses:
                if self.target_prefix and pieces[:1] == [self.target_prefix]:
                    pieces = pieces[1:]
                decoded.append(self._sp.decode_pieces(pieces))
            out[i] = decoded or [texts[i]]
        return out

    def _announce(self, size: int, started: float) -> None:
        """Tell listeners (metrics) of one engine call."""
        events.engine_batch.send(self, target=self.package.to_code, size=size,
                                 seconds=time.perf_counter() - started)

    def describe(self) -> dict:
        """What produced the translations: the package, and under "settings" how it ran."""
        return {
            "package": self.package.name,
            "version": self.package.version,
            "from_code": self.package.from_code,
            "to_code": self.package.to_code,
            "stand_in": self.package.stand_in,
            "settings": {
                "beam_size": self.settings.beam_size,
                "compute_type": self.settings.compute_type,
                "device": self.device,
                "inter_threads": self.inter_threads,
                "intra_threads": self.intra_threads,
                "max_batch_size": self.settings.max_batch_size,
                "engine_batch": self.settings.engine_batch,
            },
        }


def decoding_length(tokens: list[list[str]]) -> int:
    longest = max(map(len, tokens))
    return min(MAX_DECODING_LENGTH, max(MIN_DECODING_LENGTH, 2 * longest + 16))


def resolve_device(device: str) -> str:
    """auto -> cuda when CTranslate2 sees a GPU, else cpu; cuda without one is an error."""
    gpus = ctranslate2.get_cuda_device_count()
    if device == "cuda" and gpus == 0:
        raise EngineError(
            "WIREALIGN_DEVICE is 'cuda' but CTranslate2 finds no CUDA device on this machine "
            "(no GPU, no driver, or CUDA 12 libraries missing). "
            "Set WIREALIGN_DEVICE=cpu, or auto to use a GPU only when there is one."
        )
    if device == "auto":
        return "cuda" if gpus > 0 else "cpu"
    return device


_cache: dict[tuple, Translator] = {}
_lock = threading.Lock()


def get_translator(settings: EngineSettings, target: str, source: str = "en") -> Translator:
    """The process-wide translator for this package and settings, loaded once on first use."""
    package = find_package(settings.packages_dir, target, source)
    key = (Path(settings.packages_dir).resolve(), package, settings)
    translator = _cache.get(key)
    if translator is None:
        with _lock:  # one load even when many requests arrive at once
            translator = _cache.get(key)
            if translator is None:
                translator = Translator(package, settings)
                # A replaced package's translator is never asked for again: drop it.
                for old in [k for k in _cache if k[0] == key[0] and _same_direction(k[1], package)]:
                    _cache.pop(old).close()
                _cache[key] = translator
    return translator


def _same_direction(a: PackageInfo, b: PackageInfo) -> bool:
    return (a.from_code, a.to_code) == (b.from_code, b.to_code) and a != b


def clear_cache() -> None:
    """Forget every loaded translator (tests; after installing a package)."""
    with _lock:
        for translator in _cache.values():
            translator.close()
        _cache.clear()
