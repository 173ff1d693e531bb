"""Matching rules of issue 9: names inside longer names, "the X administration",
countries an entry already carries, pairs and lists, captions and first mentions, and
unverified entries that are suggested, never enforced."""

from __future__ import annotations

import pytest

from service.glossary import Glossary, find_mentions, load_glossary, translate_with_glossary


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def row(entry_id, kind, en, ko, ja, status="verified", **extra):
    return {"id": entry_id, "kind": kind, "en": en, "ko": ko, "ja": ja, "status": status, **extra}


# A small glossary without ship, newspaper or square entries: the rules, not longer
# entries, must keep the place and person names out of them.
PLACES = Glossary.from_rows([
    row("washington", "place", "Washington", "워싱턴", "ワシントン"),
    row("japan", "place", "Japan", "일본", "日本", en_variants="Japanese"),
    row("kim-il-sung", "person", "Kim Il Sung", "김일성", "金日成", en_surname="Kim"),
    row("nss-japan", "organisation", "National Security Secretariat", "일본 국가안전보장국",
        "国家安全保障局"),
])


def found(glossary, *segments, kinds=None):
    return [(m.entry_id, m.text) for seg in find_mentions(list(segments), glossary, kinds)
            for m in seg]


def echo(texts):
    return list(texts)


@pytest.mark.parametrize("text", [
    "The carrier USS George Washington docked in Busan.",  # ship
    "Troops trained at Camp Washington last year.",  # camp
    "They launched Operation Japan Shield on Monday.",  # operation
    "crowds filled Kim Il Sung Square for the parade that evening",  # a square named after him
    "She read it in The Japan Times yesterday.",  # title of a work
    "a portrait of George Washington hung there",  # a given name before the place
])
def test_never_inside_a_longer_proper_name(text):
    assert found(PLACES, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Despite Japan's warning, talks went on.", [("japan", "Japan")]),  # sentence start
    ("On Tuesday Washington said no.", [("washington", "Washington")]),
    ("President Kim Il Sung died in 1994.", [("kim-il-sung", "Kim Il Sung")]),
    ("Washington Monday rejected it.", [("washington", "Washington")]),
])
def test_a_capitalised_neighbour_that_is_no_name_keeps_the_mention(text, expected):
    assert found(PLACES, text) == expected


def test_ship_entry_wins_over_the_place_in_the_repo_glossary(glossary):
    assert found(glossary, "aboard the USS George Washington in Yokosuka") == [
        ("uss-george-washington", "USS George Washington"), ("yokosuka", "Yokosuka")]


@pytest.mark.parametrize(("text", "entry", "span", "ko", "ja"), [
    ("The Biden administration imposed sanctions.", "joe-biden", "Biden administration",
     "바이든 행정부", "バイデン政権"),
    ("Kishida's government protested.", "fumio-kishida", "Kishida's government",
     "기시다 정부", "岸田政権"),
    ("the Yoon Suk Yeol administration pressed on", "yoon-suk-yeol",
     "Yoon Suk Yeol administration", "윤석열 행정부", "尹錫悦政権"),
])
def test_administration_and_government_take_the_bare_name(glossary, text, entry, span, ko, ja):
    [[m]] = find_mentions([text], glossary)
    assert (m.entry_id, m.text, m.first) == (entry, span, False)
    for lang, rendering in (("ko", ko), ("ja", ja)):
        [out] = translate_with_glossary([text], lang, echo, glossary)
        assert rendering in out.target
        assert "대통령" not in out.target and "大統領" not in out.target  # no title there


def test_administration_does_not_consume_the_first_full_mention(glossary):
    segs = ["The Biden administration acted.", "President Joe Biden spoke.", "Biden left."]
    ms = [m for seg in find_mentions(segs, glossary) for m in seg]
    assert [(m.text, m.first, m.form) for m in ms] == [
        ("Biden administration", False, "administration"),
        ("President Joe Biden", True, ""), ("Biden", False, "")]


def test_a_country_the_entry_already_carries_is_not_inserted_twice():
    text = "Japan's National Security Secretariat and the Japanese National Security Secretariat"
    ms = find_mentions([text], PLACES)[0]
    assert [(m.entry_id, m.text) for m in ms] == [
        ("nss-japan", "Japan's National Security Secretariat"),
        ("nss-japan", "Japanese National Security Secretariat")]
    [out] = translate_with_glossary([text], "ko", echo, PLACES)
    assert out.target.count("일본") == 2 and "'s" not in out.target
    assert out.target.startswith("일본 국가안전보장국 and the 일본 국가안전보장국")


def test_a_country_not_carried_by_the_entry_stays_its_own_mention(glossary):
    assert found(glossary, "South Korea's Joint Chiefs of Staff said") == [
        ("south-korea", "South Korea"), ("jcs", "Joint Chiefs of Staff")]


@pytest.mark.parametrize(("text", "expected"), [
    ("the US-South Korean alliance", [("korea-us", "US-South Korean")]),
    ("Japan - ROK - U.S. Exercise", [("korea-us-japan", "Japan - ROK - U.S.")]),
    ("Japan, the U.S. and South Korea agreed", [
        ("korea-us-japan", "Japan, the U.S. and South Korea")]),
    ("The Japanese, U.S. and South Korean ministers met", [
        ("korea-us-japan", "Japanese, U.S. and South Korean")]),
    ("US, ROK, Japan launch new body", [("korea-us-japan", "US, ROK, Japan")]),
    # Two countries joined by "and" stay two; a longer list stays country by country.
    ("South Korea and the United States agreed", [
        ("south-korea", "South Korea"), ("united-states", "United States")]),
    ("The U.S., South Korea, Japan and eight Western nations", [
        ("united-states", "U.S."), ("south-korea", "South Korea"), ("japan", "Japan")]),
])
def test_country_pairs_and_lists(glossary, text, expected):
    assert found(glossary, text) == expected


def test_the_north_is_north_korea_only_with_a_capital(glossary):
    assert found(glossary, "The North fired; the North's envoy left") == [
        ("dprk", "The North"), ("dprk", "the North")]
    assert found(glossary, "in the north of the country") == []


def test_n_korean_adjective_is_found(glossary):
    assert found(glossary, "N. Korean troops and N. Korea") == [
        ("dprk", "N. Korean"), ("dprk", "N. Korea")]


def test_captions_are_rendered_in_full_and_never_consume_the_first_mention(glossary):
    segs = ["Jake Sullivan waves at the airport.", "Sullivan visits Seoul",
            "Jake Sullivan arrived on Friday.", "Sullivan met officials.",
            "Jake Sullivan, right, with officials."]
    kinds = ["caption", "title", "body", "body", "caption"]
    ms = [m for seg in find_mentions(segs, glossary, kinds) for m in seg
          if m.entry_id == "jake-sullivan"]
    assert [(m.segment, m.first) for m in ms] == [
        (0, True), (1, False), (2, True), (3, False), (4, True)]
    outs = translate_with_glossary(segs, "ko", echo, glossary, kinds)
    assert outs[0].target.startswith("제이크 설리번 ")  # caption: full
    assert outs[2].target.startswith("제이크 설리번 ")  # first body mention: full
    assert outs[3].target.startswith("설리번 보좌관")
    assert outs[4].target.startswith("제이크 설리번,")


def test_without_kinds_the_first_segment_counts(glossary):
    segs = ["Jake Sullivan waves at the airport.", "Jake Sullivan arrived on Friday."]
    assert [m.first for seg in find_mentions(segs, glossary) for m in seg] == [True, False]


def test_kinds_must_match_the_segments(glossary):
    with pytest.raises(ValueError):
        find_mentions(["a", "b"], glossary, ["body"])


def test_unverified_entries_are_suggested_never_enforced():
    g = Glossary.from_rows([
        row("seoul", "place", "Seoul", "서울", "ソウル"),
        row("tokyo", "place", "Tokyo", "도쿄", "東京", status="unverified"),
    ])
    calls = []

    def engine(texts):
        calls.append(list(texts))
        return list(texts)

    [out] = translate_with_glossary(["Seoul and Tokyo talked."], "ko", engine, g)
    assert out.target == "서울 and Tokyo talked."  # the engine's wording stays
    assert "Tokyo" in calls[0][0]  # never replaced by a slot
    assert out.flags == []  # a suggestion is no miss
    tokyo = [t for t in out.terms if t.entry_id == "tokyo"]
    assert [(t.method, t.enforced, t.rendering, t.target_span) for t in tokyo] == [
        ("suggested", False, "도쿄", None)]
    assert [t.entry_id for t in out.terms] == ["seoul", "tokyo"]  # in source order


def test_the_repo_glossary_enforces_only_verified_entries(glossary):
    # Kim Jong-gyu's name was never seen on a page (glossary-facts.md): it stays unverified.
    [out] = translate_with_glossary(["Pyongyang and Kim Jong-gyu"], "ja", echo, glossary)
    methods = {t.entry_id: t.method for t in out.terms}
    assert glossary["kim-jong-gyu"].status == "unverified"
    assert methods["kim-jong-gyu"] == "suggested"
    assert methods["pyongyang"] == "placeholder" and "平壌" in out.target


def test_administration_needs_the_or_a_possessive(glossary):
    assert found(glossary, "No government would accept that, and Biden government aides "
                           "said so") == []
    assert found(glossary, "Biden's administration and the Trump government") == [
        ("joe-biden", "Biden's administration"), ("donald-trump", "Trump government")]


def test_a_surname_that_is_an_english_word_is_never_resolved_alone(glossary):
    segs = ["No Kwang Chol inspected troops.", "No one else came. No said nothing."]
    assert found(glossary, *segs) == [("no-kwang-chol", "No Kwang Chol")]
