"""The JMdict tables (service/align/dictionary.py): they load, a real dev sentence pair
of the bilingual set gains dictionary evidence, a wrong pairing of the same sentence
does not gain as much, and the evidence reaches the path cost and the link features."""

from __future__ import annotations

import dataclasses

import pytest

from service.align.aligner import build_scorer
from service.align.anchors import compare, source_features, target_features
from service.align.bilingual import load
from service.align.dictionary import (
    _gloss_words,
    _japanese_form,
    english_words,
    source_words,
    table_for,
    target_words,
)
from service.align.scoring import DEFAULT_WEIGHTS
from service.segment.types import Segment

DOCS = {d.doc_id: d for d in load()}


def test_the_shipped_tables_load_with_japanese_forms_and_sino_korean_readings():
    ja, ko = table_for("ja"), table_for("ko")
    assert len(ja) > 5000 and len(ko) > 5000
    assert "政府" in ja["government"] and "정부" in ko["government"]
    assert "制裁" in ja["sanctions"] and "제재" in ko["sanctions"]
    assert table_for("fr") == {}
    # Every form is at least two characters (one character matches inside too much).
    assert all(len(f) >= 2 for forms in (*ja.values(), *ko.values()) for f in forms)


def test_words_are_found_on_both_sides():
    assert "sanctions" in source_words("The sanctions were lifted.", "ko")
    assert "the" not in english_words("The sanctions were lifted.")
    assert "sanctions" in target_words("정부는 제재를 해제했다.", "ko")
    assert "sanctions" not in target_words("정부는 회의를 열었다.", "ko")
    assert target_words("", "ja") == frozenset()


def test_glosses_become_words_and_verbs_lose_their_changing_ending():
    assert _gloss_words("to announce") == ["announce"]
    assert _gloss_words("(economic) sanctions") == ["sanctions"]
    assert _gloss_words("head of state") == []
    assert _japanese_form("訴える", verb_like=True) == "訴え"
    assert _japanese_form("政府", verb_like=False) == "政府"
    assert _japanese_form("話す", verb_like=True) is None  # one kanji left: too general


def _unit(doc, side: str, start: str) -> int:
    units = doc.en if side == "en" else doc.target
    return next(k for k, u in enumerate(units) if u.text.startswith(start))


@pytest.mark.parametrize(("doc_id", "english", "target"), [
    ("ko-usemb-2014-08-kerry-independence", "The United States and the Republic of Korea share",
     "미국과 한국은 공통의"),
    ("ja-usemb-2012-03-clinton-earthquake", "Today, as the recovery moves forward",
     "復興が進む今日も"),
])
def test_a_real_dev_pair_gains_dictionary_evidence_and_wrong_pairings_gain_less(
        doc_id, english, target):
    doc = DOCS[doc_id]
    assert doc.half == "dev"
    s, t = _unit(doc, "en", english), _unit(doc, "target", target)
    assert (s, t) in doc.gold_links()
    src = source_features(doc.en[s].text, target=doc.lang)
    right = compare(src, target_features(doc.target[t].text, doc.lang)).dictionary
    assert right >= 2
    others = [compare(src, target_features(u.text, doc.lang)).dictionary
              for k, u in enumerate(doc.target) if k != t and u.kind == "body"]
    assert others and max(others) < right


def test_the_evidence_lowers_the_path_cost_when_weighted_and_is_a_link_feature():
    src = [Segment(0, "body", "The government imposed new sanctions.")]
    tgt = [Segment(0, "body", "政府は新たな制裁を科した。")]
    scorer = build_scorer(src, tgt, "ja", [])
    off = scorer.with_weights(dataclasses.replace(DEFAULT_WEIGHTS, dictionary=0.0))
    on = scorer.with_weights(dataclasses.replace(DEFAULT_WEIGHTS, dictionary=1.0))
    assert on.cost(0, 1, 0, 1) < off.cost(0, 1, 0, 1)
    assert scorer.bead_features(0, 1, 0, 1)["dictionary"] > 0.5


def test_the_shipped_tables_are_what_the_fit_command_writes(tmp_path):
    pytest.importorskip("jamdict_data", reason="needs the fit extra (pip install -e .[fit])")
    pytest.importorskip("opencc", reason="needs the fit extra (pip install -e .[fit])")
    pytest.importorskip("hanja", reason="needs the fit extra (pip install -e .[fit])")
    import sys
    from pathlib import Path

    import jamdict_data
    import wordfreq

    from service.align.dictionary import VOCABULARY, build_tables

    root = Path(__file__).resolve().parent.parent
    ntrex = root.parent / "shared" / "datasets" / "ntrex128"
    if not ntrex.exists():
        pytest.skip("needs ../shared/datasets/ntrex128 (its calibration lines filter forms)")
    sys.path.insert(0, str(root / "bench"))
    from align_fit import ntrex_calibration_pairs, read_jmdict

    vocabulary = [w for w in wordfreq.top_n_list("en", VOCABULARY) if w.isalpha()]
    lines = {lang: [t for _, t in ntrex_calibration_pairs(ntrex, lang)] for lang in ("ko", "ja")}
    tables = build_tables(read_jmdict(Path(jamdict_data.JAMDICT_DB_PATH)), vocabulary, lines)
    for lang in ("ko", "ja"):
        assert tables[lang] == table_for(lang)
