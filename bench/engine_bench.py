"""Benchmark: the translation engine against its limit and against Argos/LibreTranslate.

All rows run the same argos-size stand-in copy model for en->ko (6+6 layers,
d_model 512, FFN 2048, 8 heads, 8k vocabulary, int8; built here, see
service/engine/standin.py) at the same beam size on the same segments: the 17
translatable segments of the sample article (../shared/samples) and the first
NTREX-128 documents up to --segments lines (../shared/datasets/ntrex128).
A copy model decodes as many steps as a real model would emit tokens for a
same-length output, so the costs are those of a real package of that size.

  (a) raw CTranslate2: one translate_batch over pre-tokenized segments (the limit)
  (e) our engine: Translator.translate (SentencePiece + the same one call)
  (b) our service end to end over real HTTP: POST /api/articles {"text", "targets":
      ["ko"]} -> 201 per article (werkzeug server thread, temporary SQLite file).
      Its segments are the service's own; the glossary replaces each name it
      protects by one placeholder character, so (b) can send FEWER pieces than
      (a) (the sample article: 604 pieces instead of 775) and beat "the limit".
  (c) argostranslate.translate per article, as LibreTranslate calls it (Argos
      defaults: 32-token batches, intra_threads 0, compute_type auto)
  (d) a 32-sentence array: LibreTranslate's per-item loop through Argos, our
      per-item loop, and our one batched call
  (s) THE LIMIT: the best plain CTranslate2 configuration from a sweep
      (inter x intra threads, max_batch_size, batch_type; bench/serving_bench.py's
      sweep) over the same segments in ONE call, each configuration --sweep-rounds
      times (>= 5) interleaved, median and spread. (a) replays the service's old
      call pattern (one call per article) and is NOT the limit: work that
      arrives as many articles is compared with (s).

About (c): ``argostranslate.translate`` imports stanza and minisbd (and through
them torch and onnxruntime), which are not installed, and offline they cannot
fetch their sentence models anyway. The worker below (a subprocess) puts small
stand-ins for ``stanza`` and ``minisbd`` in ``sys.modules`` whose sentence
splitter is pysbd; everything else is Argos's own code path (paragraph split,
SentencePiece, its translate_batch settings, decode, join). Import cost of torch
(~600 MB, 3-4 s per engine-facts.md) is therefore NOT included in (c).

    python bench/engine_bench.py [--segments 256] [--beam 4] [--repeat 2] [--skip-argos]
                                 [--skip-http]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("WIREALIGN_SHARED", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "ajp-2024-10-26-nk-troops.txt"
NTREX = SHARED / "datasets" / "ntrex128"

from bench.serving_bench import ntrex_documents  # noqa: E402  (one reader of NTREX documents)


def article_text(lines: list[str]) -> str:
    return "\n\n".join(lines)


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    """Best of ``repeat`` runs (other work on a 2-core machine only ever slows a run down)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


# ---------------------------------------------------------------- (c) Argos worker


def stub_argos_sentence_splitters() -> None:
    """Offline stand-ins for stanza/minisbd so argostranslate.translate imports."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)

    class SBDetect:
        def __init__(self, lang: str, use_gpu: bool = False) -> None:
            self.lang = lang

        def sentences(self, text: str) -> list[str]:
            return [s.strip() for s in segmenter.segment(text) if s.strip()]

    minisbd = types.ModuleType("minisbd")
    models = types.ModuleType("minisbd.models")
    models.cache_dir = ""
    models.list_models = lambda: ["en"]
    minisbd.SBDetect = SBDetect
    minisbd.models = models
    sys.modules.update({"minisbd": minisbd, "minisbd.models": models,
                        "stanza": types.ModuleType("stanza")})


def argos_worker(spec_path: str) -> None:
    """Run inside a subprocess whose ARGOS_* environment points at the stand-in."""
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    stub_argos_sentence_splitters()
    import argostranslate.translate as at

    translation = at.get_translation_from_codes("en", "ko")
    translation.translate("Warm-up sentence.")  # loads the model, like a served process
    out = {"articles": [], "loop": None}
    for text in spec["articles"]:
        out["articles"].append(timed(lambda t=text: translation.translate(t)))
    loop_out = []
    out["loop"] = timed(lambda: loop_out.extend(translation.translate(q) for q in spec["array"]))
    out["loop_correct"] = loop_out == spec["array"]
    out["article_correct"] = translation.translate(spec["articles"][0]).replace(
        "\n", "") == spec["articles"][0].replace("\n", "")
    print(json.dumps(out))


def run_argos(packages: Path, articles: list[str], array: list[str], beam: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "spec.json"
        spec.write_text(json.dumps({"articles": articles, "array": array}), encoding="utf-8")
        env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages), "ARGOS_BEAM_SIZE": str(beam),
               "ARGOS_DEVICE_TYPE": "cpu", "XDG_DATA_HOME": tmp, "XDG_CONFIG_HOME": tmp,
               "XDG_CACHE_HOME": tmp}
        done = subprocess.run([sys.executable, __file__, "--argos-worker", str(spec)], env=env,
                              capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- (b) HTTP


def run_http(packages: Path, articles: list[str], beam: int) -> tuple[float, int] | None:
    try:
        from service.app import create_app
    except ImportError:
        return None
    import logging

    import requests
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"DATABASE": str(Path(tmp) / "bench.db"), "PACKAGES_DIR": str(packages),
                          "BEAM_SIZE": beam})
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_port}"
        headers = {}
        try:
            with requests.Session() as http:
                warm = http.post(f"{base}/api/articles", json={"text": "Warm-up sentence "
                                 "about the weather.", "targets": ["ko"]}, timeout=600)
                if warm.status_code in (401, 403):
                    headers = {"X-API-Key": _make_key(app)}
                    warm = http.post(f"{base}/api/articles", headers=headers, json={
                        "text": "Warm-up sentence about the weather.", "targets": ["ko"]},
                        timeout=600)
                warm.raise_for_status()
                segments = 0
                started = time.perf_counter()
                for text in articles:
                    reply = http.post(f"{base}/api/articles", headers=headers,
                                      json={"text": text, "targets": ["ko"]}, timeout=600)
                    if reply.status_code != 201:
                        raise RuntimeError(f"POST /api/articles -> {reply.status_code}: "
                                           f"{reply.text[:300]}")
                    translation = reply.json()["translations"][0]
                    segments += translation["timings"]["segments_to_engine"]
                return time.perf_counter() - started, segments
        finally:
            server.shutdown()


def _make_key(app) -> str:
    from service.store import get_db
    from service.store.keys import add_key

    with app.app_context():
        return add_key(get_db(), "engine-bench", "admin")


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=256)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=2, help="best of N for (a), (e), (d)")
    parser.add_argument("--skip-argos", action="store_true")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--sweep-rounds", type=int, default=5,
                        help="runs of each sweep configuration, interleaved (>= 5)")
    parser.add_argument("--argos-worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.argos_worker:
        argos_worker(args.argos_worker)
        return
    if not SAMPLE.exists() or not NTREX.exists():
        sys.exit(f"needs {SAMPLE} and {NTREX} (../shared beside the checkout)")

    from service.segment import segment_english

    sample = SAMPLE.read_text(encoding="utf-8")
    sample_segments = [s.text for s in segment_english(sample) if s.translatable]
    docs = ntrex_documents(args.segments)
    news = [line for doc in docs for line in doc]
    all_lines = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    array = news[:32]

    with tempfile.TemporaryDirectory(prefix="engine-bench-") as tmp:
        run(args, Path(tmp), sample, sample_segments, docs, news, all_lines, array)


def run(args, tmp: Path, sample, sample_segments, docs, news, all_lines, array) -> None:
    import ctranslate2
    import sentencepiece as spm

    from service.engine import (
        EngineSettings,
        build_standin_package,
        get_translator,
        install_from_file,
    )
    from service.engine.translator import LENGTH_PENALTY

    packages = tmp / "packages"
    started = time.perf_counter()
    # SentencePiece learns from NTREX lines the benchmark does not translate.
    built = build_standin_package(tmp / "standin-en_ko-argos.argosmodel", "ko", size="argos",
                                  corpus=all_lines[1000:])
    package = install_from_file(built, packages)
    build_seconds = time.perf_counter() - started

    settings = EngineSettings(packages_dir=packages, beam_size=args.beam)
    translator = get_translator(settings, "ko")
    used = translator.describe()["settings"]
    sp = spm.SentencePieceProcessor(model_file=str(package.path / "sentencepiece.model"))
    raw = ctranslate2.Translator(str(package.path / "model"), device="cpu",
                                 compute_type=settings.compute_type,
                                 inter_threads=used["inter_threads"],
                                 intra_threads=used["intra_threads"])
    # Each set is a list of requests (articles); (a) and (e) make one call per
    # article, as the service does, so that (b)/(a) compares like with like.
    # The "all" row is one call over every segment of the set, for reference.
    sets = {"article": [sample_segments], "news": docs}
    rows: dict[str, dict[str, tuple[float, int]]] = {name: {} for name in sets}

    def raw_call(tokens: list[list[str]]) -> None:
        split = min(settings.engine_batch, -(-len(tokens) // used["inter_threads"]))
        raw.translate_batch(tokens, beam_size=args.beam, max_batch_size=split,
                            batch_type="examples", replace_unknowns=True,
                            length_penalty=LENGTH_PENALTY)

    for name, groups in sets.items():
        tokens = [[sp.encode(s, out_type=str) for s in group] for group in groups]
        count = sum(len(group) for group in groups)
        # (a) and (e) alternate so that load from other processes hits both alike.
        best = {"a": float("inf"), "e": float("inf"), "all": float("inf")}
        for _ in range(args.repeat):
            best["a"] = min(best["a"], timed(lambda t=tokens: [raw_call(g) for g in t]))
            best["e"] = min(best["e"], timed(
                lambda g=groups: [translator.translate(group) for group in g]))
            if len(groups) > 1:
                best["all"] = min(best["all"], timed(
                    lambda t=tokens: raw_call([seg for g in t for seg in g])))
        rows[name].update({key: (seconds, count) for key, seconds in best.items()
                           if seconds != float("inf")})
        segs = [seg for group in groups for seg in group]
        assert translator.translate(segs[:40]) == segs[:40], "the stand-in must copy its input"

    if not args.skip_http:
        for name, articles in (("article", [sample]), ("news", [article_text(d) for d in docs])):
            got = run_http(packages, articles, args.beam)
            if got is None:
                print("(b) skipped: service.create_app is not importable yet")
                break
            rows[name]["b"] = got

    loop_rows: dict[str, tuple[float, int]] = {}
    loop_rows["ours, per-item loop"] = (
        timed(lambda: [translator.translate([q]) for q in array], args.repeat), len(array))
    loop_rows["ours, one batched call"] = (timed(lambda: translator.translate(array), args.repeat),
                                           len(array))
    if not args.skip_argos:
        argos = run_argos(packages, [sample, *(article_text(d) for d in docs)], array, args.beam)
        rows["article"]["c"] = (argos["articles"][0], len(sample_segments))
        rows["news"]["c"] = (sum(argos["articles"][1:]), len(news))
        loop_rows["LibreTranslate loop (argostranslate per item)"] = (argos["loop"], len(array))
        if not (argos["loop_correct"] and argos["article_correct"]):
            print("note: argostranslate output differed from the input (decode turns '_' "
                  "into spaces, paragraphs are re-joined)")

    from bench.serving_bench import Limit, sweep

    limit = Limit(package.path / "model", sp, args.beam)
    sweeps = {}
    for name, groups in sets.items():
        segs = [seg for group in groups for seg in group]
        sweep_rows, best = sweep(limit, segs, max(5, args.sweep_rounds))
        sweeps[name] = (sweep_rows, best)
        best_rates = dict(sweep_rows)[best]
        rows[name]["s"] = (len(segs) / statistics.median(best_rates), len(segs))

    report(args, rows, loop_rows, build_seconds, used)
    report_sweeps(sweeps)


def report_sweeps(sweeps) -> None:
    for name, (sweep_rows, best) in sweeps.items():
        print(f"\n## sweep on {name}: plain CTranslate2, all segments in one call (seg/s; "
              "median, min-max)")
        for (threads, batch), rates in sorted(sweep_rows, key=lambda r: -statistics.median(r[1])):
            mark = "  <- (s) the limit" if (threads, batch) == best else ""
            print(f"{threads[0]} x {threads[1]}  {batch[0]:<8} {batch[1]:>5}  "
                  f"{statistics.median(rates):>7.1f}  {min(rates):>6.1f}-{max(rates):<6.1f}{mark}")


LABELS = {
    "s": "(s) swept best CTranslate2, one call (LIMIT)",
    "all": "raw CTranslate2, ALL segments in one call",
    "a": "(a) raw CTranslate2, one call per article (limit)",
    "e": "(e) our engine, Translator.translate",
    "b": "(b) our service, POST /api/articles",
    "c": "(c) argostranslate.translate per article",
}


def report(args, rows, loop_rows, build_seconds, used) -> None:
    print(f"# engine benchmark, {datetime.date.today()} on {platform.node()}: "
          f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
          f"load average at the end {os.getloadavg()[0]:.1f}")
    print(f"argos-size stand-in en->ko built in {build_seconds:.1f} s; beam {args.beam}; "
          f"our settings {used}")
    for name, row in rows.items():
        print(f"\n## {name}: {row['a'][1]} segments")
        print(f"{'path':<46} {'seconds':>8} {'seg/s':>7}")
        for key in ("s", "all", "a", "e", "b", "c"):
            if key in row:
                seconds, count = row[key]
                print(f"{LABELS[key]:<46} {seconds:>8.2f} {count / seconds:>7.1f}")
        rate = {k: v[1] / v[0] for k, v in row.items()}
        for top, bottom in (("b", "s"), ("e", "s"), ("a", "s"), ("b", "a"), ("b", "c"),
                            ("e", "a"), ("e", "c")):
            if top in rate and bottom in rate:
                print(f"ratio ({top})/({bottom}) = {rate[top] / rate[bottom]:.2f}")
    print(f"\n## 32-sentence array (first NTREX lines), beam {args.beam}")
    print(f"{'path':<46} {'seconds':>8} {'seg/s':>7}")
    for label, (seconds, count) in loop_rows.items():
        print(f"{label:<46} {seconds:>8.2f} {count / seconds:>7.1f}")
    batched = loop_rows["ours, one batched call"][0]
    for label, (seconds, _) in loop_rows.items():
        if "batched" not in label:
            print(f"ratio batched / {label} = {seconds / batched:.2f}")


if __name__ == "__main__":
    main()
