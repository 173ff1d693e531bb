"""Stand-in language packages: real `.argosmodel` files whose model copies its input.

The real en→ko / en→ja Argos packages come from a host this project's machines
cannot reach, so tests and benchmarks run the real engine (CTranslate2 +
SentencePiece) on a stand-in. Its "translation" is the English input copied
through, and every place that shows a package says so (``stand_in: true``).

How the model copies (weights are set by hand; no training, no torch):

* model dimension = token part (``d_model - 64``) + position part (64);
* every vocabulary entry gets a balanced ±1 code in the token part (near-orthogonal
  codes, so 8k entries fit in 448 dimensions and layer norms barely change them);
* positions get a 64-dimension cos/sin code whose self-similarity clearly beats
  its similarity to every other position;
* all self-attention and feed-forward outputs are zero, so the encoder passes
  "token + position" through, and the decoder input is its position only;
* in the last decoder layer every cross-attention head matches the decoder
  position against the source positions (query/key read the position part) and
  carries the source token code (value/output read the token part); the output
  projection reads the token part, so step *t* emits source token *t*, and the
  EOS appended to the source ends decoding;
* characters outside the SentencePiece vocabulary (Hangul, kana, Private Use
  Area placeholders) travel as ``<unk>`` and come back as themselves through
  ``replace_unknowns=True`` — the same path a real Argos package uses for them.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm

from .errors import EngineError

STANDIN_PACKAGE_VERSION = "0.1-standin"

# Shapes: "tiny" builds in about a second for tests; "argos" has the size of a
# real Argos package (6+6 layers, d_model 512, FFN 2048, 8 heads, ~8k vocabulary)
# so that benchmarks pay the real compute cost.
SIZES = {
    "tiny": {"layers": 1, "d_model": 256, "ffn": 256, "vocab": 0, "sp_vocab": 400},
    "argos": {"layers": 6, "d_model": 512, "ffn": 2048, "vocab": 8000, "sp_vocab": 8000},
}
HEAD_DIM = 64
POS_DIM = 64
MAX_POSITIONS = 1024

# Lines the SentencePiece model is trained on: the characters of English wire
# copy (quotes, dashes, digits, currency, brackets, underscores).
TRAINING_LINES = [
    "SEOUL, Oct. 26 (Yonhap) -- North Korea has sent about 3,000 troops to Russia, "
    "officials said Saturday.",
    '"We are watching the situation closely," a spokesman told reporters at 10:30 a.m.',
    "President Yoon Suk Yeol's office called it 'a grave security threat' to the region!",
    "The U.S., Japan and NATO condemned the move; 12.5 percent, $1.2 billion, #4 & 50% [sic].",
    "Defense Minister Kim Yong-hyun met Gen. Charles Brown in Washington on Wednesday.",
    "TOKYO/WASHINGTON (AP) -- Prime Minister Shigeru Ishiba's Cabinet approved a 2025 budget.",
    "Photo: Soldiers march in Pyongyang in this file photo released by KCNA. (Reuters)",
    "(END) <yna@yna.co.kr> Copyright (c) 2024 -- all rights reserved. *Updated* +9:00 ~ ^ | =",
    "email_address@example.com, file_name.txt, snake_case_name, C:\\path\\to / a{b} `c` 1/2",
    "0 1 2 3 4 5 6 7 8 9 10 100 1,000 2024 1950-53 No. 1 3rd 21st 4th 5G 0.5 ¥ € £ ° % …",
    "Kim Jong Un, Choe Son Hui, Lee Jae-myung, Xi Jinping, Vladimir Putin, Joe Biden.",
    "“Curly quotes” and ‘single ones’ — em dash – en dash; semi: colon? question!",
    "MOSCOW, Oct. 25 (Yonhap) -- The Kremlin declined to comment on the reports.",
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ",
]


def build_standin_package(
    out_path: Path,
    target: str,
    size: str = "tiny",
    corpus: Iterable[str] | None = None,
) -> Path:
    """Write a stand-in en→``target`` ``.argosmodel`` (a copy model) to ``out_path``.

    ``corpus`` adds lines to train the SentencePiece model on (the benchmark
    passes news sentences so segments tokenize like a real package's would).
    """
    if size not in SIZES:
        raise EngineError(f"Unknown stand-in size {size!r}; choose one of {sorted(SIZES)}.")
    shape = SIZES[size]
    out_path = Path(out_path)
    folder = f"translate-en_{target}-standin"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / folder
        (root / "model").mkdir(parents=True)
        sp_proto = _train_sentencepiece(list(TRAINING_LINES) + list(corpus or []), shape)
        (root / "sentencepiece.model").write_bytes(sp_proto)
        pieces = _pieces(sp_proto)
        vocab = pieces + [f"<standin_pad_{i}>" for i in range(shape["vocab"] - len(pieces))]
        spec = _copy_model_spec(vocab, shape)
        spec.save(str(root / "model"))
        (root / "metadata.json").write_text(
            json.dumps(_metadata(target, size), indent=2, ensure_ascii=False), encoding="utf-8"
        )
        (root / "README.md").write_text(
            "STAND-IN copy model: its output is its English input, not a translation.\n"
            "Built by wirealign for tests and benchmarks.\n",
            encoding="utf-8",
        )
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as zf:
            for file in sorted(root.rglob("*")):
                zf.write(file, file.relative_to(Path(tmp)).as_posix())
    return out_path


def _metadata(target: str, size: str) -> dict:
    return {
        "package_version": STANDIN_PACKAGE_VERSION,
        "argos_version": "1.0",
        "from_code": "en",
        "from_name": "English",
        "to_code": target,
        "to_name": target,
        "type": "translate",
        "name": f"STAND-IN copy model (not a translation) en->{target} [{size}]",
        "stand_in": True,
    }


def _train_sentencepiece(lines: list[str], shape: dict) -> bytes:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=shape["sp_vocab"],
        hard_vocab_limit=False,  # a few lines cannot fill 8k pieces; take what they give
        model_type="unigram",
        character_coverage=1.0,
        # identity + kept spaces: what goes in comes out, so the copy is exact
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        byte_fallback=False,  # unknown characters take the replace_unknowns path
        minloglevel=2,
        num_threads=1,
    )
    return model.getvalue()


def _pieces(sp_proto: bytes) -> list[str]:
    sp = spm.SentencePieceProcessor(model_proto=sp_proto)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _token_codes(vocab_size: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    """Balanced ±1 codes (mean 0, so layer norm leaves them be), one row per token."""
    half = np.concatenate([np.ones(dim // 2), -np.ones(dim - dim // 2)]).astype(np.float32)
    return np.stack([rng.permutation(half) for _ in range(vocab_size)])


def _position_codes(count: int, rng: np.random.Generator) -> np.ndarray:
    # Frequencies spread over (0.3, π): neighbouring positions look unlike each
    # other, so attention can pick exactly one source position.
    freqs = np.sort(rng.uniform(0.3, np.pi, POS_DIM // 2))
    angles = np.arange(count)[:, None] * freqs[None, :]
    return np.concatenate([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)


def _copy_model_spec(vocab: list[str], shape: dict) -> ctranslate2.specs.TransformerSpec:
    d_model, layers, ffn = shape["d_model"], shape["layers"], shape["ffn"]
    heads = d_model // HEAD_DIM
    tok_dim = d_model - POS_DIM
    rng = np.random.default_rng(20241026)
    codes = _token_codes(len(vocab), tok_dim, rng)
    positions = _position_codes(MAX_POSITIONS, rng)

    spec = ctranslate2.specs.TransformerSpec.from_config((layers, layers), heads)
    zeros = np.zeros

    def set_norm(norm, gamma=None):
        norm.gamma = np.ones(d_model, np.float32) if gamma is None else gamma
        norm.beta = zeros(d_model, np.float32)

    def silence(layer):
        set_norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = zeros((3 * d_model, d_model), np.float32)
        layer.self_attention.linear[1].weight = zeros((d_model, d_model), np.float32)
        set_norm(layer.ffn.layer_norm)
        layer.ffn.linear_0.weight = zeros((ffn, d_model), np.float32)
        layer.ffn.linear_1.weight = zeros((d_model, ffn), np.float32)

    enc_embed = zeros((len(vocab), d_model), np.float32)
    enc_embed[:, :tok_dim] = codes
    pos_table = zeros((MAX_POSITIONS, d_model), np.float32)
    pos_table[:, tok_dim:] = positions

    spec.encoder.embeddings[0].weight = enc_embed
    spec.encoder.scale_embeddings = False
    spec.encoder.position_encodings.encodings = pos_table
    set_norm(spec.encoder.layer_norm)
    for layer in spec.encoder.layer:
        silence(layer)

    # The decoder sees only its position: its token embeddings are zero.
    spec.decoder.embeddings.weight = zeros((len(vocab), d_model), np.float32)
    spec.decoder.scale_embeddings = False
    spec.decoder.position_encodings.encodings = pos_table
    set_norm(spec.decoder.layer_norm)
    spec.decoder.projection.weight = enc_embed.copy()  # reads the token part

    # Layer norm divides by the vector's spread; undo it for the position part.
    dec_spread = np.sqrt(POS_DIM / 2 / d_model)  # decoder input: position code only
    enc_spread = np.sqrt((tok_dim + POS_DIM / 2) / d_model)  # encoder output: token + position
    sharpness = 4.0  # attention logit gap of ~40 between the right position and the next best
    query = zeros((d_model, d_model), np.float32)
    keys_values = zeros((2 * d_model, d_model), np.float32)
    out = zeros((d_model, d_model), np.float32)
    for h in range(heads):
        rows = slice(h * HEAD_DIM, (h + 1) * HEAD_DIM)
        query[rows, tok_dim:] = np.eye(HEAD_DIM) * sharpness * dec_spread
        keys_values[rows, tok_dim:] = np.eye(HEAD_DIM) * sharpness * enc_spread
        if (h + 1) * HEAD_DIM <= tok_dim:  # this head carries one slice of the token code
            keys_values[d_model + h * HEAD_DIM : d_model + (h + 1) * HEAD_DIM, rows] = np.eye(
                HEAD_DIM
            )
            out[rows, rows] = np.eye(HEAD_DIM)
    for index, layer in enumerate(spec.decoder.layer):
        silence(layer)
        set_norm(layer.attention.layer_norm)
        last = index == layers - 1
        layer.attention.linear[0].weight = query if last else np.zeros_like(query)
        layer.attention.linear[1].weight = keys_values if last else np.zeros_like(keys_values)
        layer.attention.linear[2].weight = out if last else np.zeros_like(out)

    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.config.add_source_eos = True
    spec.validate()
    spec.optimize(quantization="int8")
    return spec
