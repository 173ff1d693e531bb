"""Engine settings: how CTranslate2 runs, read from a Flask-style mapping."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .errors import EngineError

DEVICES = ("auto", "cpu", "cuda")
# The compute types CTranslate2 4.x accepts (it picks the nearest the device supports).
COMPUTE_TYPES = (
    "default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16",
    "int16", "float16", "bfloat16", "float32",
)  # fmt: skip

# Flask config key -> field name
KEYS = {
    "WIREALIGN_PACKAGES_DIR": "packages_dir",
    "WIREALIGN_BEAM_SIZE": "beam_size",
    "WIREALIGN_COMPUTE_TYPE": "compute_type",
    "WIREALIGN_INTER_THREADS": "inter_threads",
    "WIREALIGN_INTRA_THREADS": "intra_threads",
    "WIREALIGN_DEVICE": "device",
    "WIREALIGN_MAX_BATCH_SIZE": "max_batch_size",
    "WIREALIGN_ENGINE_BATCH": "engine_batch",
    "WIREALIGN_QUEUE_LIMIT": "queue_limit",
    "WIREALIGN_BATCH_TOKENS": "batch_tokens",
    "WIREALIGN_BATCH_WAIT_MS": "batch_wait_ms",
    "WIREALIGN_FILL_WAIT_MS": "fill_wait_ms",
    "WIREALIGN_LONG_FILL": "long_fill",
    "WIREALIGN_LONG_CALL_BESIDE_SHORT": "long_call_beside_short",
}


@dataclass(frozen=True)
class EngineSettings:
    """How translators are loaded and run.

    ``inter_threads=0`` and ``intra_threads=0`` mean "choose for this machine"
    (see :func:`resolved_inter_threads`, :func:`resolved_intra_threads`).
    CTranslate2's own intra 0 is not passed on: on 2 cores it was 2-4x slower
    than 1 thread for one-sentence batches.
    """

    packages_dir: Path
    beam_size: int = 4
    compute_type: str = "int8"
    inter_threads: int = 0
    intra_threads: int = 0
    device: str = "auto"
    # At most this many segments in one engine call. 16, not CTranslate2's
    # usual 64: on 2 cores the sweep in bench/serving_bench.py found 16 the
    # fastest of 16, 64 and 1,024 tokens (11.2 seg/s against 5.9 for 64,
    # argos-size model, beam 4; smaller batches are engine_batch's), and a
    # 55-segment call of a long article held a lane for ~10 s, so single
    # sentences beside it waited 6x longer than alone (2.1x with 16).
    max_batch_size: int = 16
    # Examples in one CTranslate2 batch inside a call (the engine cuts a call of 16 into
    # batches of this many and runs them on its inter threads, as one offline call does).
    # Why 4: the bench's sweep (bench/serving_bench.py, 2026-12-01, argos-size stand-in,
    # beam 4, 2 cores) found one call in batches of 4 at 1.18x batches of 16 and 2.0x
    # batches of 64. The stand-in's output lengths are not a real model's, so on a real
    # model run the sweep and set this (README "Serving").
    engine_batch: int = 4
    # The engine queue (service.engine.batcher): segments that may wait per
    # target language before requests are refused (503), SentencePiece tokens
    # in one engine call (a long article is cut into calls this size so short
    # requests interleave), and how long a call waits for more requests.
    queue_limit: int = 4000
    batch_tokens: int = 2048
    batch_wait_ms: int = 5
    # How long a lane that comes free while another lane is busy waits for
    # half a call's segments before it starts a smaller call. Why: 8 clients
    # posting two-line articles made calls of 2-4 segments (each client waits
    # for its answer, so few segments queue), and a call of 2 costs ~10% more
    # per segment than one of 8; waiting up to 100 ms for 8 gave the clients
    # +2% to +6% of the offline limit over HTTP in paired runs
    # (bench/batcher_fill_bench.py; README "The fill wait").
    # A lone request on an idle engine never waits for it.
    fill_wait_ms: int = 100
    # Short requests (ones that fit in one call) beside a long article: how
    # many of the article's segments may top up a call that holds short
    # requests, and how big a call of the article alone may be while another
    # lane serves short requests. Why small: a call lasts in proportion to its
    # size (argos-size stand-in, beam 4, one thread: 0.16 s for 4 segments,
    # 0.73 s for 16; per segment 0.040 against 0.046), so small calls cost the
    # article little and free a lane soon. With the article filling every
    # call, 16 single-sentence clients beside a size-limit article waited
    # 3.75x as long as alone (README "Serving", twelfth round).
    long_fill: int = 2
    long_call_beside_short: int = 4

    def __post_init__(self) -> None:
        object.__setattr__(self, "packages_dir", Path(self.packages_dir))
        for name in ("beam_size", "max_batch_size", "engine_batch", "queue_limit",
                     "batch_tokens", "long_call_beside_short"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 1:
                raise EngineError(f"Engine setting {name} must be a whole number >= 1.")
        for name in ("inter_threads", "intra_threads", "batch_wait_ms", "fill_wait_ms",
                     "long_fill"):
            if not isinstance(getattr(self, name), int) or getattr(self, name) < 0:
                raise EngineError(f"Engine setting {name} must be a whole number >= 0.")
        if self.device not in DEVICES:
            raise EngineError(
                f"Engine setting device must be one of {', '.join(DEVICES)}, not {self.device!r}."
            )
        if self.compute_type not in COMPUTE_TYPES:
            raise EngineError(
                f"Engine setting compute_type {self.compute_type!r} is unknown; "
                f"use one of {', '.join(COMPUTE_TYPES)}."
            )

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> EngineSettings:
        """Build settings from WIREALIGN_* keys (Flask config or os.environ); others ignored."""
        if not m.get("WIREALIGN_PACKAGES_DIR"):
            raise EngineError("WIREALIGN_PACKAGES_DIR is not set: say where models are installed.")
        values: dict[str, Any] = {}
        for key, field in KEYS.items():
            if key not in m or m[key] in (None, ""):
                continue
            raw = m[key]
            if field == "packages_dir":
                values[field] = Path(raw)
            elif field in ("device", "compute_type"):
                values[field] = str(raw).strip().lower()
            else:
                values[field] = _whole_number(key, raw)
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["packages_dir"] = str(self.packages_dir)
        return data


def _whole_number(key: str, raw: Any) -> int:
    if isinstance(raw, bool):
        raise EngineError(f"{key} must be a whole number, not {raw!r}.")
    try:
        return int(str(raw).strip())
    except ValueError:
        raise EngineError(f"{key} must be a whole number, not {raw!r}.") from None


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def resolved_inter_threads(settings: EngineSettings) -> int:
    """Batches in flight: the setting, or one per core up to 3 cores, then half
    the cores, at most 4.

    Measured on 2 cores (argos-size stand-in, beam 4, int8, one translate_batch
    split into two halves, 2026-11-28, quiet machine): a 17-segment article ran
    19.2 seg/s with 2 inter x 1 intra against 13.5 with 1 x 1; 128 segments
    16.0 against 12.1. engine-facts.md: on 16 cores 4 x 4 beat 1 x 16 by 2-3x.
    """
    if settings.inter_threads:
        return settings.inter_threads
    cores = _cores()
    return cores if cores <= 3 else max(1, min(4, cores // 2))


def resolved_intra_threads(settings: EngineSettings) -> int:
    """Threads per batch: the setting, or the cores left per inter thread, 1 to 4.

    Measured on 2 cores (argos-size stand-in, beam 4, int8, 2026-11-28): a
    19-sentence batch ran 13.9 seg/s with 1 thread, 11.1 with 2, 11.9 with
    CTranslate2's 0; 128 sentences ran 12.1 / 12.8 / 11.5. Past 4 threads one
    batch gains little: more inter threads (batches in flight) pay better.
    """
    if settings.intra_threads:
        return settings.intra_threads
    return max(1, min(4, _cores() // resolved_inter_threads(settings)))
