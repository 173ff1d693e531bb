"""The sample article through the glossary: copy double and the real stand-in engine.

Every term comes out as its rendering in both languages, first and later mentions
right, and all other text untouched (the stand-in model copies its input).
"""

from __future__ import annotations

import pytest

from service.engine import EngineSettings, get_translator
from service.glossary import load_glossary, translate_with_glossary
from tests.conftest import SAMPLE

# (target, rendering expected somewhere in the output) for first and later mentions.
EXPECTED = {
    "ko": ["한미일", "북한", "제이크 설리번 백악관 국가안보보좌관", "신원식 국가안보실장",
           "설리번 보좌관", "아키바 다케오 일본 국가안전보장국장",
           "존 커비 백악관 국가안보소통보좌관", "유엔 안전보장이사회(안보리)", "안보리",
           "인도·태평양", "국가정보원(국정원)", "한미일 정상회의", "블라디미르 푸틴 러시아 대통령",
           "김정은 국무위원장", "평양 순안국제공항"],
    "ja": ["日米韓", "北朝鮮", "ジェイク・サリバン国家安全保障担当大統領補佐官",
           "申源湜（シン・ウォンシク）国家安保室長", "サリバン大統領補佐官",
           "秋葉剛男国家安全保障局長", "ジョン・カービー大統領補佐官",
           "国連安全保障理事会（安保理）", "安保理", "インド太平洋", "国家情報院（国情院）",
           "日米韓首脳会談", "ウラジーミル・プーチン大統領", "金正恩（キム・ジョンウン）総書記",
           "平壌順安（スナン）空港"],
}


@pytest.fixture
def segments(sample_text) -> list[str]:
    return [line for line in sample_text.splitlines() if line.strip()]


def _check_article(segments, outcomes, target):
    glossary = load_glossary()
    rendered = []
    for src, out in zip(segments, outcomes, strict=True):
        assert not out.flags, (src, out.flags)
        # Putting the English back at the target spans gives the source: nothing else moved.
        text = out.target
        # Unverified entries (Kim Jong-gyu's name, the AP-Yonhap credit) are only suggested.
        assert all(glossary[t.entry_id].status == "unverified"
                   for t in out.terms if t.method == "suggested")
        enforced = [t for t in out.terms if t.method != "suggested"]
        for t in sorted(enforced, key=lambda t: -t.target_span[0]):
            assert t.enforced and text[slice(*t.target_span)] == t.rendering
            text = text[: t.target_span[0]] + t.source_text + text[t.target_span[1]:]
            rendered.append((t.entry_id, t.rendering))
        assert text == src
    for form in EXPECTED[target]:
        assert any(r == form for _e, r in rendered), form
    # First mention full, later mentions short, article-wide.
    by_entry: dict[str, list[str]] = {}
    for out in outcomes:
        for t in out.terms:
            by_entry.setdefault(t.entry_id, []).append(t.rendering)
    unsc = glossary["unsc"]
    assert by_entry["unsc"] == [getattr(unsc, target), getattr(unsc, f"{target}_short")]
    sullivan = by_entry["jake-sullivan"]
    assert sullivan[1:] == [getattr(glossary["jake-sullivan"], f"{target}_short")]
    assert len(set(by_entry["dprk"])) == 1 and len(by_entry["dprk"]) >= 8


@pytest.mark.parametrize("target", ["ko", "ja"])
def test_sample_article_with_copy_double(segments, target):
    calls = []

    def copy(texts):
        calls.append(texts)
        return list(texts)

    outcomes = translate_with_glossary(segments, target, copy, load_glossary())
    assert len(calls) == 1
    _check_article(segments, outcomes, target)


@pytest.mark.parametrize("target", ["ko", "ja"])
def test_sample_article_through_the_real_standin_engine(segments, target, standin_packages_dir):
    translator = get_translator(EngineSettings(packages_dir=standin_packages_dir), target)
    outcomes = translate_with_glossary(segments, target, translator.translate, load_glossary())
    _check_article(segments, outcomes, target)
    assert all(t.method in ("placeholder", "suggested") for o in outcomes for t in o.terms)


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared is absent")
def test_sample_term_finding_meets_the_goal():
    from bench.glossary_eval import DATA, sample_marks, score

    lines, marks = sample_marks(DATA / "sample-ajp-marks.json")
    s = score("sample", lines, marks, load_glossary())
    assert s.recall >= 0.98 and s.precision == 1.0, (s.misses, s.false)
