"""Finding glossary terms in English: variants, boundaries, case, surnames, mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.glossary import Glossary, find_mentions, load_glossary
from service.glossary.forms import matcher_for


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def found(glossary, *segments):
    return [(m.entry_id, m.text) for seg in find_mentions(list(segments), glossary) for m in seg]


@pytest.mark.parametrize("form", ["Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "KIM JONG UN",
                                  "kim jong un"])
def test_name_variants_and_tolerant_case(glossary, form):
    assert found(glossary, f"{form} inspected a factory.") == [("kim-jong-un", form)]


@pytest.mark.parametrize("form", ["Shin Won-sik", "Shin Wonsik", "Sin Won-sik", "Shin Won Sik"])
def test_romanisations(glossary, form):
    assert found(glossary, f"{form} met reporters.") == [("shin-won-sik", form)]


@pytest.mark.parametrize(("text", "expected"), [
    ("NK fires missile", [("dprk", "NK")]),
    ("N. Korea fires missile", [("dprk", "N. Korea")]),
    ("S. Korea, Japan hold talks", [("south-korea", "S. Korea"), ("japan", "Japan")]),
    ("US warns Pyongyang", [("united-states", "US"), ("pyongyang", "Pyongyang")]),
    ("The U.N. met", [("united-nations", "U.N.")]),
    ("The UN met", [("united-nations", "UN")]),
])
def test_headline_abbreviations(glossary, text, expected):
    assert found(glossary, text) == expected


def test_us_pronoun_and_lowercase_acronyms_are_not_terms(glossary):
    assert found(glossary, "Let us be clear, they told us.") == []
    assert found(glossary, "Join us in the un-American nk dprk debate") == []


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_possessives(glossary, apostrophe):
    text = f"North Korea{apostrophe}s and the DPRK{apostrophe}s envoys met Putin{apostrophe}s aide."
    # The head of state's bare surname, once, is Putin too (gloss16).
    assert found(glossary, text) == [("dprk", "North Korea"), ("dprk", "DPRK"),
                                     ("vladimir-putin", "Putin")]


def test_longest_match_first(glossary):
    assert found(glossary, "the United Nations Security Council met") == [
        ("unsc", "United Nations Security Council")]
    assert found(glossary, "at Pyongyang Sunan International Airport") == [
        ("pyongyang-sunan-airport", "Pyongyang Sunan International Airport")]


def test_never_inside_a_word_url_or_email(glossary):
    text = ("a Kimberly-Clark plant, "
            "https://www.un.org/north-korea and www.example.com/Japan, "
            "mail kim.jong.un@example.org, "
            "@NorthKorea #Japan, un.org")
    assert found(glossary, text) == []


def test_parenthesised_acronym_is_one_mention(glossary):
    text = "the Democratic People's Republic of Korea (DPRK) said"
    assert found(glossary, text) == [("dprk", "Democratic People's Republic of Korea (DPRK)")]


def test_sentence_final_abbreviation_keeps_its_full_stop(glossary):
    [[m]] = find_mentions(["Troops arrived in the U.S."], glossary)
    assert m.text == "U.S"
    [[m]] = find_mentions(["The U.S. said so."], glossary)
    assert m.text == "U.S."


def test_title_is_part_of_a_person_mention(glossary):
    [[m]] = find_mentions(["White House national security adviser Jake Sullivan said"], glossary)
    assert (m.entry_id, m.titled) == ("jake-sullivan", True)
    assert m.text == "White House national security adviser Jake Sullivan"
    [[m]] = find_mentions(["its Vice Foreign Minister, Kim Jong-gyu, said"], glossary)
    assert (m.entry_id, m.titled, m.text) == ("kim-jong-gyu", True,
                                             "Vice Foreign Minister, Kim Jong-gyu")
    [[m]] = find_mentions(["said John Kirby, National Security Communications Coordinator "
                           "for the White House. Later"], glossary)
    assert m.titled and m.text.endswith("for the White House")


def test_first_and_later_mentions_are_article_wide(glossary):
    segs = ["Jake Sullivan arrived.", "North Korea protested.", "Jake Sullivan left.",
            "North Korea's envoy"]
    ms = find_mentions(segs, glossary)
    assert [(m.entry_id, m.first) for seg in ms for m in seg] == [
        ("jake-sullivan", True), ("dprk", True), ("jake-sullivan", False), ("dprk", False)]


def test_surname_resolves_after_a_full_mention(glossary):
    segs = ["Sullivan met reporters.", "Jake Sullivan arrived in Seoul.",
            "Sullivan said the talks went well.", "Mr. Sullivan left; SULLIVAN SPEAKS."]
    ms = find_mentions(segs, glossary)
    # Segment 0 is the headline: resolved because he is named in full in the article.
    assert [(m.segment, m.entry_id, m.text, m.by, m.first) for seg in ms for m in seg] == [
        (0, "jake-sullivan", "Sullivan", "surname", False),
        (1, "jake-sullivan", "Jake Sullivan", "name", True),
        (1, "seoul", "Seoul", "name", True),
        (2, "jake-sullivan", "Sullivan", "surname", False),
        (3, "jake-sullivan", "Mr. Sullivan", "surname", False),
        (3, "jake-sullivan", "SULLIVAN", "surname", False),
    ]


def test_surname_without_a_full_mention_is_left_alone(glossary):
    segs = ["Headline", "Sullivan said the talks went well."]
    assert found(glossary, *segs) == []


def test_surname_before_the_full_mention_in_the_body_is_left_alone(glossary):
    segs = ["Headline", "Sullivan said.", "Jake Sullivan arrived."]
    assert found(glossary, *segs) == [("jake-sullivan", "Jake Sullivan")]


def test_ambiguous_surname_is_left_alone(glossary):
    segs = ["Kim Jong-un met Kim Yo-jong.", "Kim said the talks went well."]
    assert found(glossary, *segs) == [("kim-jong-un", "Kim Jong-un"),
                                      ("kim-yo-jong", "Kim Yo-jong")]


def test_surname_of_someone_else_is_left_alone(glossary):
    segs = ["Jake Sullivan arrived.", "Jane Sullivan and Sullivan County officials spoke.",
            "Kim Jong-un met Kim Kyong-ho."]
    assert found(glossary, *segs) == [("jake-sullivan", "Jake Sullivan"),
                                      ("kim-jong-un", "Kim Jong-un")]


def test_surname_with_title_is_one_later_mention(glossary):
    segs = ["Vladimir Putin arrived.", "President Putin said."]
    later = find_mentions(segs, glossary)[1][0]
    assert (later.text, later.by, later.first, later.titled) == (
        "President Putin", "surname", False, True)


def test_exact_case_entry():
    g = Glossary.from_rows([{"id": "nato", "kind": "organisation", "en": "Nato",
                             "ko": "나토", "ja": "NATO", "case": "exact"}])
    assert found(g, "Nato met") == [("nato", "Nato")]
    assert found(g, "NATO met, nato met") == []


def test_hyphenated_pairs_find_both_terms(glossary):
    assert found(glossary, "the US-Japan alliance and pro-Russia groups") == [
        ("us-japan", "US-Japan"), ("russia", "Russia")]
    assert found(glossary, "DPRK-Russia ties") == [("north-korea-russia", "DPRK-Russia")]


def test_appositive_title_must_end_the_phrase(glossary):
    [[putin, _xi]] = find_mentions(["Vladimir Putin, President Xi Jinping and others"], glossary)
    assert (putin.text, putin.titled) == ("Vladimir Putin", False)
    [[m]] = find_mentions(["Jake Sullivan, national security adviser, said"], glossary)
    assert m.titled and m.text == "Jake Sullivan, national security adviser"


def test_demonyms_are_the_country_but_not_inside_other_adjectives(glossary):
    assert found(glossary, "Russian diplomats met Japanese firms and a N. Korean envoy") == [
        ("russia", "Russian"), ("japan", "Japanese"), ("dprk", "N. Korean")]
    # A prefixed demonym is its own word (gloss16: 반일 / 反日), never the country.
    assert found(glossary, "un-American and anti-Japanese slogans") == [
        ("anti-japanese", "anti-Japanese")]


def test_anchor_index_tries_exactly_the_forms_a_substring_scan_would(glossary):
    """The word index that picks which forms to try must agree with testing each form's
    anchor against the segment, on every line of the real pages (a form it skipped would be
    a mention silently lost)."""
    matcher = matcher_for(glossary)
    pages = sorted((Path(__file__).parent / "data" / "pages").glob("*.txt"))
    lines = [line.lower() for path in pages
             for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 1000
    for low in [*lines, "kim jongun", "hwasong18 and u.s.-japan", ""]:
        assert matcher.forms_in(low) == [f for f in matcher.forms if f[2] in low], low
