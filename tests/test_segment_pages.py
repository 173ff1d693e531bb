"""The English segmenter on real wire pages (tests/data/pages): the classes of
failure issue 8 lists, each on a page of the development half, and the figures
reported in README, seg round pinned.

The development pages are the model's training pages, so the class tests
guard against regressions rather than prove generalisation; the unseen-half
figures below are the evidence of that.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.segment import TRANSLATED_KINDS, segment_english
from service.segment.en_model import MODEL_PATH, assemble, label_pieces
from service.segment.en_pieces import pieces
from service.segment.en_training import augment, label_page, train
from service.segment.page_gold import load_page, load_pages, load_split, outlet_of
from service.segment.page_score import PageScore, score_page

PAGES = Path(__file__).resolve().parent / "data" / "pages"

# The shipped segmenter (the second-round model since the fourth round, texts
# of fewer than 7 lines to the rules), as the README reports it
# (bench/segment_pages_eval.py, 2026-11-30). Its development figure is a
# training figure: the model is trained on those pages; the README gives the
# outlets-left-out figure beside it. The first-round model scored 0.934 /
# 0.852 / 52 on the unseen half. Fifth round: the shipped model is unchanged
# (the fourth round's); the development half grew to 148 pages, 14 of them not
# in its training, so its development figure fell from 0.980 / 0.967 / 45 to
# 0.973 / 0.953 / 67 (README, seg5 round). Sixth round: 18 pages of 18 new
# outlets, scored first as fresh batch round6, joined the development half
# (166 pages; the model never saw them, it was not retrained), so the
# development figure fell to 0.971 / 0.948 / 84 (README, segfresh round).
# Seventh round: 21 pages of 21 new outlets, scored first as fresh batch
# round7, joined the development half (187 pages; again the model never saw
# them and was not retrained), so the development figure fell to 0.966 / 0.932
# / 120 (README, segfresh2 round). Eighth round: 21 pages of 21 new outlets,
# scored first as fresh batch round8, joined the development half (208 pages;
# not retrained on), so the development figure fell to 0.963 / 0.924 / 146
# (README, segfresh3 round). Ninth round: 19 pages of 17 new outlets, scored
# first as fresh batch round9, joined the development half (227 pages; not
# retrained on), so the development figure fell to 0.958 / 0.919 / 184
# (README, segfresh4 round). Tenth round: 17 pages of 17 new outlets, scored
# first as fresh batch round10, joined the development half (244 pages; not yet
# retrained on), so the development figure fell to 0.952 / 0.913 / 216
# (README, segfresh5 round). Eleventh round: the model retrained on all 244
# development pages (eighth and ninth round cuts, "listing" and "release" with
# the heading over a document-type label, blank-line-free pages in training,
# c2 0.1): development (a training figure again) 0.976 / 0.964 / 89, unseen
# (printed once, after the decision) 0.952 / 0.933 / 29 (README, segfresh6 round).
# Twelfth round: 18 pages of 18 new outlets, scored first as fresh batch round12,
# joined the development half (262 pages; the model was not retrained on them:
# the retrained candidate failed the aligner gate), so the development figure
# fell to 0.973 / 0.960 / 104 (README, seg12 round). Thirteenth round: 17
# statement, release and transcript pages of 17 new outlets, scored first as
# fresh batch round13, joined the development half (279 pages; not retrained
# on: the retrained candidate failed the aligner gate), so the development
# figure fell to 0.970 / 0.955 / 120 (README, seg13 round).
REPORTED = {
    "unseen": {"f1": 0.952, "kinds": 0.933, "violations": 29},
    "development": {"f1": 0.970, "kinds": 0.955, "violations": 120},
}
TOLERANCE = 0.01

# The shipped segmenter on each fresh batch of split.json (pages of outlets new
# to the corpus, scored before they joined the development half: the figure on
# "pages not in your corpus"; bench/segment_pages_eval.py --batch NAME).
REPORTED_FRESH = {
    "round6": {"f1": 0.946, "kinds": 0.892, "violations": 17},
    "round7": {"f1": 0.931, "kinds": 0.796, "violations": 36},
    "round8": {"f1": 0.922, "kinds": 0.826, "violations": 26},
    "round9": {"f1": 0.923, "kinds": 0.867, "violations": 38},
    "round10": {"f1": 0.861, "kinds": 0.832, "violations": 32},
    # Twelfth round, after two gold marks were made to follow earlier pages
    # (0.930 / 0.905 / 15 at the first scoring; README, seg12 round).
    "round12": {"f1": 0.938, "kinds": 0.906, "violations": 15},
    # Thirteenth round: statements, releases and Q&A transcripts (README, seg13 round).
    "round13": {"f1": 0.942, "kinds": 0.890, "violations": 16},
}


def segments_of(name: str) -> list[tuple[str, str]]:
    page = load_page(PAGES / f"{name}.txt")
    return [(s.kind, s.text) for s in segment_english(page.content)]


def kind_of(segments: list[tuple[str, str]], start: str) -> str:
    """The kind of the first segment that starts with ``start``."""
    return next(kind for kind, text in segments if text.startswith(start))


# --- The classes of failure of issue 8, on real pages ----------------------------


def test_dateline_after_a_photo_caption_is_split_from_the_first_sentence():
    segments = segments_of("straitstimes-us-alliances-analysis")
    assert kind_of(segments, "North Korean leader Kim Jong Un speaks") == "caption"
    assert ("dateline", "WASHINGTON -") in segments
    assert kind_of(segments, "The flurry of rumours") == "body"


def test_dateline_alone_on_its_line_is_a_dateline():
    segments = segments_of("kyodo-news-summary-2017-10-06-chicagoshimpo")
    assert ("dateline", "TOKYO, Oct. 6 Kyodo") in segments
    assert ("dateline", "OSLO -") in segments


def test_captions_without_a_credit_are_captions_one_segment_each():
    segments = segments_of("ap-japan-aftershock-captions-mirrenhelen")
    captions = [text for kind, text in segments if kind == "caption"]
    assert len(captions) == 6
    assert captions[0].startswith("Hotel guests") and captions[0].endswith("northeastern coast.")
    voa = segments_of("voa-nk-launches-suspected-missile")
    assert kind_of(voa, "A man watches a TV news program") == "caption"


def test_caption_credit_trailer_stays_with_the_caption():
    segments = segments_of("kyodo-digest-2024-08-28-megalodon")
    caption = next(text for kind, text in segments if kind == "caption")
    assert caption.startswith("A ceremony is held") and caption.endswith("(Kyodo) ==Kyodo")


def test_print_edition_footer_is_kept_from_the_engine():
    segments = segments_of("straitstimes-editorial-korean-peace-deal")
    assert kind_of(segments, "A version of this article appeared") == "footer"
    assert kind_of(segments, "Print Edition | Subscribe") == "debris"


def test_section_labels_and_related_lists_are_debris():
    segments = segments_of("koreaherald-list-nk-2020-08")
    most_popular = segments[: segments.index(("title", "UN set to address NK human rights issues"))]
    assert {kind for kind, _ in most_popular} == {"debris"}
    assert ("debris", "-") in most_popular
    jiji = segments_of("jiji-tag-page-2018-03-nippon")
    assert ("debris", "Home > Hot topics") in jiji
    assert ("debris", "Jiji Press") in jiji


def test_bullet_lines_of_site_chrome_are_debris():
    segments = segments_of("straitstimes-us-alliances-analysis")
    bullets = [(kind, text) for kind, text in segments if text.startswith("•")]
    assert len(bullets) == 3 and {kind for kind, _ in bullets} == {"debris"}


def test_headline_glued_to_dateline_and_body_is_cut_apart():
    segments = segments_of("ajupress-reporter-page16")
    titles = [text for kind, text in segments if kind == "title"]
    assert "North Korea holds key party meeting ahead of major anniversaries" in titles
    assert ("dateline", "SEOUL, June 24 (AJP) -") in segments
    assert kind_of(segments, "North Korea wrapped up a plenary meeting") == "body"
    assert kind_of(segments, "According to KCNA, discussions") == "body"
    assert ("credit", "2025-06-24 17:11:56") in segments  # a time stamp glued to the end


def test_photo_credit_line_and_slug_next_to_a_title_are_kept_from_the_engine():
    segments = segments_of("aljazeera-xi-tells-kim-headlinescurator")
    assert ("debris", "| Xi Jinping News") in segments
    assert kind_of(segments, "Xi tells Kim China wants") == "title"


def test_read_more_and_ellipsis_marks_are_debris():
    segments = segments_of("kcna-news-list-2020-02-kfauk")
    assert ("debris", "[…]") in segments
    assert kind_of(segments, "Pyongyang, February 25 (KCNA)") == "dateline"


# --- The same classes on the pages of the second round (other outlets) -------------
#
# Typed by the second-round model (data/en_pieces_round2.crfsuite, retrained in
# the fourth round on all 134 development pages with the second- and
# fourth-round cuts and the feature groups of en_features.FEATURE_GROUPS; see
# README, seg4 round), named here explicitly, with its cuts and feature
# groups switched on by the fixture and restored after: these tests hold
# whether or not en_pieces.SECOND_ROUND_CUTS ships on.

ROUND2_MODEL = Path(__file__).resolve().parents[1] / "service" / "segment" / "data" / (
    "en_pieces_round2.crfsuite"
)


@pytest.fixture
def second_round():
    from service.segment import en_features, en_pieces

    saved = (en_pieces.SECOND_ROUND_CUTS, set(en_features.ACTIVE_GROUPS))
    en_pieces.SECOND_ROUND_CUTS = True
    en_features.ACTIVE_GROUPS.update(en_features.FEATURE_GROUPS)
    yield
    en_pieces.SECOND_ROUND_CUTS = saved[0]
    en_features.ACTIVE_GROUPS.clear()
    en_features.ACTIVE_GROUPS.update(saved[1])


def round2_segments_of(name: str) -> list[tuple[str, str]]:
    """What segment_english would give with the second-round model switched
    on (texts of 3 lines and more to the model)."""
    from service.segment.english import non_blank_lines, segment_english_rules

    content = load_page(PAGES / f"{name}.txt").content
    if non_blank_lines(content) < 3:
        return [(s.kind, s.text) for s in segment_english_rules(content)]
    found = pieces(content)
    labels = label_pieces(content, found, ROUND2_MODEL)
    return [(kind, text) for kind, text, _ in assemble(content, found, labels)]


def test_dateline_after_a_caption_on_other_layouts(second_round):
    usatoday = round2_segments_of("usatoday-relatives-seek-rescue-abducted")
    assert kind_of(usatoday, "Koichiro Iizuka, left, and Takuya Yokota") == "caption"
    assert ("dateline", "WASHINGTON —") in usatoday
    assert kind_of(usatoday, "Yaeko Taguchi was last seen") == "body"
    japannews = round2_segments_of("japannews-nk-fires-missile-2023-07-jiji")
    assert ("credit", "Yomiuri Shimbun file photo") in japannews  # a photo-credit line
    assert kind_of(japannews, "The main gate of the Defense Ministry") == "caption"
    assert ("dateline", "Seoul/Tokyo, July 24 (Jiji Press)—") in japannews


def test_dateline_alone_on_its_line_on_other_layouts(second_round):
    assert ("dateline", "SEOUL, May 30 (Reuters) -") in round2_segments_of(
        "devdiscourse-nk-fires-missile-into-sea-reuters"
    )
    kyodo = round2_segments_of("kyodo-focus-nk-transition-noda")
    assert ("dateline", "BEIJING, Dec. 26, Kyodo") in kyodo


def test_caption_printed_twice_is_two_captions(second_round):
    segments = round2_segments_of("koreaherald-yoon-overhaul-unification-ministry")
    captions = [text for kind, text in segments if kind == "caption"]
    assert len(captions) == 2 and captions[0] == captions[1]
    assert captions[0].endswith("last week. (Yonhap)")
    assert kind_of(segments, "President Yoon Suk Yeol called for") == "body"


def test_reporting_by_trailer_is_a_footer_even_when_glued_to_the_last_sentence(second_round):
    glued = round2_segments_of("nationalpost-nk-fired-missile-coast-guard-reuters")
    assert ("footer", "(Reporting by Elaine Lies; Editing by Kim Coghill)") in glued
    assert kind_of(glued, "North Korea has conducted a series") == "body"
    alone = round2_segments_of("nippon-reuters-nk-fired-missile-coast-guard")
    assert kind_of(alone, "(Reporting by Tokyo bureau") == "footer"


def test_sign_off_glued_to_the_last_sentence_is_cut_off(second_round):
    segments = round2_segments_of("onlineindus-nk-test-missile-west-coast")
    assert ("footer", "(01)") in segments
    assert kind_of(segments, "Morozov’s comments drove up") == "body"
    dw = round2_segments_of("dw-nk-agrees-us-talks-rss")
    assert ("footer", "wmr/se (Reuters, AP, AFP, dpa)") in dw


def test_section_labels_related_links_and_bullets_on_other_layouts_are_debris(second_round):
    usatoday = round2_segments_of("usatoday-relatives-seek-rescue-abducted")
    assert ("debris", "NEWS") in usatoday
    assert kind_of(usatoday, "S. Korea: North fires projectiles") == "debris"
    japannews = round2_segments_of("japannews-nk-fires-missile-2023-04-jiji")
    popular = japannews[japannews.index(("debris", '"Politics" POPULAR ARTICLE')) :]
    assert {kind for kind, _ in popular} == {"debris"}
    assert ("debris", "-") in popular


def test_headline_after_a_scraped_date_prefix_is_a_title(second_round):
    segments = round2_segments_of("yahoo-explainer-japanese-abducted-ap")
    assert ("debris", "date 2022-05-23") in segments
    assert ("title", "EXPLAINER: Why were Japanese abducted by North Korea?") in segments
    assert ("dateline", "TOKYO (AP) —") in segments


def test_slugs_and_version_tags_next_to_titles_are_kept_from_the_engine(second_round):
    straits = round2_segments_of("straitstimes-trump-kim-health-cinmpringkici")
    assert ("debris", "- The Straits Times") in straits
    jiji = round2_segments_of("jiji-update2-nk-fires-missile-jen")
    assert ("debris", "(Update 2)") in jiji
    assert ("title", "N. Korea Fires Ballistic Missile at Sea of Japan") in jiji


def test_two_sentences_quoted_before_the_attribution_are_two_segments(second_round):
    segments = round2_segments_of("centralchronicle-nk-missile-coast-guard-uni")
    first = kind_of(segments, "“According to the Defense Ministry")
    assert first == "body"
    assert any(
        kind == "body" and text.startswith("We urge maritime") for kind, text in segments
    )


def test_hard_wrapped_copy_gives_one_segment_a_sentence(second_round):
    segments = round2_segments_of("kyodo-nk-missile-over-japan-chicagoshimpo")
    first = next(text for kind, text in segments if text.startswith("North Korea fired"))
    assert first.endswith("nuclear and missile development.")
    assert ("body", "The North fired three short-range missiles off its east coast on Saturday.") \
        in segments


def test_agency_sign_off_glued_to_the_last_sentence_is_a_footer(second_round):
    # Korea Herald copy of a Yonhap story, reprinted by an aggregator: the
    # sign-off shares the line of the last sentence (issue 8: "... talks. (Kyodo)").
    herald = round2_segments_of("daily8-koreaherald-nk-iran-israel-yonhap")
    assert ("footer", "(Yonhap)") in herald
    assert kind_of(herald, "Inserting itself into the Israel-Iran conflict") == "body"
    assert not any(kind == "caption" for kind, _ in herald)
    anadolu = round2_segments_of("canadianinquirer-kim-apologizes-anadolu")
    assert anadolu[-2:] == [
        ("body", "Moon and Kim have recently exchanged personal letters, Suh added."),
        ("footer", "(Anadolu)"),
    ]


def test_sign_off_after_a_dash_glued_to_the_last_sentence_is_a_footer(second_round):
    reuters = round2_segments_of("irishtimes-nk-long-range-missile-reuters")
    assert reuters[-1] == ("footer", "– Reuters")
    assert reuters[-2][0] == "body" and reuters[-2][1].endswith("state media KCNA reported.")
    gma = round2_segments_of("gmanews-aquino-pinoys-korea")
    assert gma[-1] == ("footer", "— LBG, GMANews.Tv")
    assert gma[-2][0] == "body" and gma[-2][1].endswith('"temporary phenomenon."')


def test_sign_off_after_a_dash_is_a_candidate_piece_of_its_own(second_round):
    texts = [p.text for p in pieces("It rained, KCNA reported. – Reuters\nNext line.")]
    assert texts == ["It rained, KCNA reported.", "– Reuters", "Next line."]
    # a dash inside the copy is no sign-off
    assert [p.text for p in pieces("Seoul - the capital - said so.")] == [
        "Seoul - the capital - said so."
    ]


# --- Listing pages and digests (fourth round, second-round model) ---------------------
#
# The layouts the second-round model got most wrong under cross-validation: a
# page of items (headline, outlet or date, snippet, "Read More"), a digest with
# headline, dateline and copy on one line between separators.


def test_digest_items_on_one_line_are_cut_into_headline_dateline_and_copy(second_round):
    segments = round2_segments_of("tmcnet-kyodo-news-summary-2014-07-18")
    assert ("title", "Taiwanese research ship in Japan's EEZ") in segments
    assert ("dateline", "NAHA, Japan -") in segments
    assert ("title", "Mongolia president to visit Japan next week") in segments
    assert kind_of(segments, "Mongolian President Tsakhiagiin Elbegdorj") == "body"
    assert {kind for kind, text in segments if text == "----------"} == {"debris"}


def test_listing_items_headline_outlet_and_snippet(second_round):
    segments = round2_segments_of("aitopics-yokota-mom-abe-japantimes")
    assert kind_of(segments, "Ahead of North Korean summit, Abe vows") == "title"
    assert kind_of(segments, "Prime Minister Shinzo Abe said Wednesday") == "body"
    assert kind_of(segments, "The Japan Times") not in TRANSLATED_KINDS
    banzai = round2_segments_of("banzairunnerpantera-category-kim-jong-un-page3")
    assert kind_of(banzai, "North Korea releases army rice supply") == "title"
    assert {kind for kind, text in banzai if text.startswith("Read")} == {"debris"}


def test_subscription_block_and_next_in_list_are_kept_from_the_engine(second_round):
    segments = round2_segments_of("thestar-kim-describes-sk-impressive")
    assert ("dateline", "SEOUL:") in segments
    after = segments[segments.index(("debris", "Next In World")) :]
    assert {kind for kind, _ in after} == {"debris"}
    assert kind_of(segments, "Billed as RM") == "debris"


# --- Government statements and press releases (third round, second-round model) -----
#
# The kind of document the aligner's development set is made of: a headline over
# a block of document type, name, office, place and date, a reprint's dateline
# without a dash, numbered paragraphs, translation notes at the end.


def test_statement_headline_is_a_title_and_its_byline_block_is_kept_from_the_engine(
    second_round,
):
    segments = round2_segments_of("governmentworld-eritrea-national-day")
    assert ("debris", "Press Releases:") in segments
    assert ("title", "On the Occasion of the State of Eritrea’s National Day") in segments
    assert ("debris", "Press Statement") in segments
    for line in ("Rex W. Tillerson", "Secretary of State", "Washington, DC", "May 24, 2017"):
        assert kind_of(segments, line) not in TRANSLATED_KINDS, line
    assert kind_of(segments, "On behalf of the government") == "body"


def test_reprint_dateline_without_a_dash_is_split_from_the_copy(second_round):
    segments = round2_segments_of("stlnews-blinken-call-south-african-fm-pandor")
    headline = "Secretary Blinken’s Call with South African Foreign Minister Pandor"
    assert segments[0] == ("title", headline)
    assert ("dateline", "Washington, DC (STL.News)") in segments
    assert ("body", "The US Department of State released the following statement:") in segments
    dated = round2_segments_of("stlnews-blinken-call-ukraine-kuleba-2022-03-16")
    assert ("debris", "date 2022-03-16") in dated
    assert ("title", "Secretary Blinken’s Call with Ukrainian Foreign Minister Kuleba") in dated


def test_numbered_paragraphs_of_a_press_release_are_body(second_round):
    segments = round2_segments_of("mofaj-japan-eu-telephone-talk-2016")
    assert ("title", "Japan-EU Foreign Ministers’ Telephone Talk") in segments
    assert kind_of(segments, "1. Foreign Minister Kishida stated") == "body"
    assert kind_of(segments, "3. The two sides affirmed") == "body"
    assert ("debris", "Back to Press Releases") in segments


def test_translation_notes_at_the_end_are_footers(second_round):
    segments = round2_segments_of("mofaj-japan-germany-telephone-talk-2014")
    assert kind_of(segments, "* The foregoing is a provisional translation.") == "footer"
    un = round2_segments_of("un-sgsm21760-condemns-ballistic-missile-2023")
    assert kind_of(un, "For information media.") == "footer"


def test_bracketed_copyright_line_is_a_footer(second_round):
    for name in ("nippon-jiji-nk-icbm-class-missile-2023-03",
                 "nippon-jiji-nk-missile-over-japan-2017-09"):
        segments = round2_segments_of(name)
        assert ("footer", "[Copyright The Jiji Press, Ltd.]") in segments, name
        before = segments[segments.index(("footer", "[Copyright The Jiji Press, Ltd.]")) - 1]
        assert before[0] == "body", name


def test_speaker_label_of_a_transcript_is_kept_from_the_engine(second_round):
    segments = round2_segments_of("brandtsblog-kerry-open-secure-internet")
    assert ("debris", "SECRETARY KERRY:") in segments
    assert ("title", "An Open and Secure Internet: We Must Have Both") in segments


# --- Figures ----------------------------------------------------------------------


def score_half(half: str) -> PageScore:
    total = PageScore()
    for page in load_pages(PAGES, load_split(PAGES)[half]):
        total.add(score_page(page, [(s.kind, s.text) for s in segment_english(page.content)]))
    return total


@pytest.mark.parametrize("half", ["unseen", "development"])
def test_reported_figures_hold(half):
    _assert_figures_hold(score_half(half), REPORTED[half], half)


def fresh_batch(name: str) -> list[str]:
    data = json.loads((PAGES / "split.json").read_text(encoding="utf-8"))
    return list(data["fresh_batches"][name]["pages"])


@pytest.mark.parametrize("batch", sorted(REPORTED_FRESH))
def test_reported_fresh_batch_figures_hold(batch):
    total = PageScore()
    for page in load_pages(PAGES, fresh_batch(batch)):
        total.add(score_page(page, [(s.kind, s.text) for s in segment_english(page.content)]))
    _assert_figures_hold(total, REPORTED_FRESH[batch], batch)


def test_fresh_batches_are_of_outlets_new_to_the_corpus_then_development_pages():
    """A fresh batch's outlets were in neither half before it joined; once
    scored it joins the development half, never the unseen one."""
    split = load_split(PAGES)
    data = json.loads((PAGES / "split.json").read_text(encoding="utf-8"))
    for name, batch in data["fresh_batches"].items():
        pages = set(batch["pages"])
        assert pages <= set(split["development"]), name
        batch_outlets = {outlet_of(n) for n in pages}
        others = {outlet_of(n) for n in split["development"] + split["unseen"] if n not in pages}
        assert not batch_outlets & others, name


def _assert_figures_hold(total: PageScore, reported: dict, half: str) -> None:
    """Compare figures only: a failing run must name numbers, never a page's
    errors (pytest would print the whole score object, unseen errors and all)."""
    f1, kinds, violations = float(total.boundaries.f1), float(total.kinds), int(total.violations)
    assert f1 >= reported["f1"] - TOLERANCE, f"{half}: F1 {f1:.3f} < {reported['f1']}"
    assert kinds >= reported["kinds"] - TOLERANCE, (
        f"{half}: kinds {kinds:.3f} < {reported['kinds']}")
    assert violations <= reported["violations"], (
        f"{half}: {violations} violations > {reported['violations']}")


# The second-round model as segment_english would use it once switched on (its
# cuts and feature groups, texts of fewer than 7 lines to the rules), measured
# by bench/segment_pages_eval.py ("round-2 model" rows) in README, seg4 round.
# Its development figure is a training figure (it is trained on those pages);
# since the seventh round the half also holds 53 pages it never saw (the fifth
# round's 14, the sixth's 18, the seventh's 21, the eighth's 21, the ninth's
# 19 and the tenth's 17): 0.952 / 0.913 / 216, as segment_english. Eleventh
# round: retrained on all of them, 0.976 / 0.964 / 89; unseen 0.952 / 0.933 / 29.
# Twelfth round: 18 more pages it never saw, 0.973 / 0.960 / 104. Thirteenth
# round: 17 more, 0.970 / 0.955 / 120.
REPORTED_ROUND2 = {
    "unseen": {"f1": 0.952, "kinds": 0.933, "violations": 29},
    "development": {"f1": 0.970, "kinds": 0.955, "violations": 120},
}


@pytest.mark.parametrize("half", ["unseen", "development"])
def test_reported_second_round_figures_hold(half, second_round):
    from service.segment.english import MIN_LINES_FOR_MODEL, non_blank_lines, segment_english_rules

    total = PageScore()
    for page in load_pages(PAGES, load_split(PAGES)[half]):
        content = page.content
        if non_blank_lines(content) < MIN_LINES_FOR_MODEL:
            segments = [(s.kind, s.text) for s in segment_english_rules(content)]
        else:
            found = pieces(content)
            labels = label_pieces(content, found, ROUND2_MODEL)
            segments = [(kind, text) for kind, text, _ in assemble(content, found, labels)]
        total.add(score_page(page, segments))
    _assert_figures_hold(total, REPORTED_ROUND2[half], half)


def test_segments_are_slices_of_the_page_in_order_with_known_kinds():
    for page in load_pages(PAGES):
        segments = segment_english(page.content)
        score_page(page, [(s.kind, s.text) for s in segments])  # raises if text moved
        assert all(s.position == i for i, s in enumerate(segments))
        assert {s.kind for s in segments} <= TRANSLATED_KINDS | {"credit", "footer", "debris"}


# --- The model ----------------------------------------------------------------------


def test_shipped_model_is_there_and_small():
    assert MODEL_PATH.is_file()
    assert MODEL_PATH.stat().st_size < 1_000_000


def test_training_is_deterministic(tmp_path):
    names = ["voa-nk-launches-suspected-missile", "kyodo-digest-2024-08-28-megalodon"]
    pages = load_pages(PAGES, names)
    labelled = [label_page(p) for p in pages + augment(pages)]
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    train(labelled, first, max_iterations=30)
    train(labelled, second, max_iterations=30)
    assert first.read_bytes() == second.read_bytes()
    # and the model it makes is used as it is trained
    page = pages[0]
    found = pieces(page.content)
    segments = assemble(page.content, found, label_pieces(page.content, found, first))
    assert score_page(page, [(k, t) for k, t, _ in segments]).boundaries.f1 > 0.5


def test_pieces_cover_every_gold_start_of_the_development_half(second_round):
    unreachable = sum(
        label_page(p).unreachable for p in load_pages(PAGES, load_split(PAGES)["development"])
    )
    # "From Anglo-People's Korea" glued to the copy, "National DayPress Statement John
    # Kerry ..." (two letters before the glue, then no mark at all before the byline),
    # a dash turned into a Cyrillic letter glued to the copy ("Republic Of РA South"),
    # and on the fifth round's pages, which the shipped cuts do not reach: region,
    # long-bracket and glued datelines (9; the fifth round's cuts reach them, tested
    # below) and a dateline that lost its dash ("TOKYO Minutes after ...").
    # Sixth round (pages the cuts were not made for): a dateline glued to a photo
    # credit ("Getty Images(WASHINGTON) --"), a dateline glued to its dashes
    # ("SEOUL-- President") and a dateline without a place ("(AP) — North
    # Korean state media say ..."): one start each. Seventh round: a sentence after
    # a closing quote and four spaces ('a “satellite.”    The Government') and a
    # snippet glued to a headline that ends in a digit ("dies at 94North Korea
    # says"): one start each. Eighth round (9): an outlet's tag as a dateline
    # ("(Newser) - The heir ...", five on a listing page), a place in mixed case
    # and a hyphen ("Washington DC - The"), a dateline glued to the copy
    # ("SEOULNewly") and snippets glued to a "Read full article:" line ("the
    # NorthBlue-roofed", "rowA pair"); the eighth round's cuts reach them (below).
    # Ninth round (12): a speaker label glued to a headline printed again
    # ("Joint Press AvailabilityDEPUTY SECRETARY SHERMAN:  Good", two pages, two
    # starts each), an interpreter's note after a speaker label ("MODERATOR:
    # (Via interpreter)  Good afternoon", five), a sentence after "(Applause.)",
    # a caption's bracketed credit glued to a snippet ("[JOINT PRESS CORPS]
    # Japan is"), a subhead glued to a snippet ("retirement plan President
    # Emmanuel") and a dateline credit glued to share buttons ("Print E-mail
    # CNTV, February 22, 2013"). Tenth round (3, one page): a blog's section label
    # glued to its date ("주요 발언 및 자료 전문 2018. 5. 16.") and a speaker label
    # before a question that opens with a dash ("QUESTION: -- when he was", twice).
    assert unreachable <= 43


def test_fourth_round_cuts_reach_the_digest_and_sign_off_starts(second_round):
    from service.segment import en_pieces

    names = ["tmcnet-kyodo-news-summary-2014-07-18", "wn-unification-ministry",
             "gmanews-aquino-pinoys-korea", "laprensalatina-nk-apologizes-efe"]
    pages = load_pages(PAGES, names)
    assert sum(label_page(p).unreachable for p in pages) == 0
    en_pieces.FOURTH_ROUND_CUTS = False
    try:
        assert sum(label_page(p).unreachable for p in pages) >= 15
    finally:
        en_pieces.FOURTH_ROUND_CUTS = True


def test_fifth_round_cuts_reach_region_bracket_and_glued_datelines(second_round):
    from service.segment import en_pieces

    saved = en_pieces.FIFTH_ROUND_CUTS
    en_pieces.FIFTH_ROUND_CUTS = True
    try:
        _check_fifth_round_cuts()
    finally:
        en_pieces.FIFTH_ROUND_CUTS = saved


def test_eighth_round_cuts_reach_placeless_glued_and_echo_starts(second_round):
    """Off (as shipped before the eleventh round) the eighth round's pages hold
    9 gold starts no cut reaches; with the eighth round's cuts every one of
    them is a piece start, and a line that only repeats the one before gets no
    cut."""
    from service.segment import en_pieces

    names = ["newser-tag-south-korea", "click2houston-topic-moon-jae-in-ap",
             "tag24-us-condemns-nk-icbm-2022-11", "caseot-kim-group-photos-valid"]
    pages = load_pages(PAGES, names)
    saved = en_pieces.EIGHTH_ROUND_CUTS
    try:
        en_pieces.EIGHTH_ROUND_CUTS = False
        assert sum(label_page(p).unreachable for p in pages) == 9
        en_pieces.EIGHTH_ROUND_CUTS = True
        assert sum(label_page(p).unreachable for p in pages) == 0
        echo_only = "Dogs gifted by Kim Jong Un\nRead full article: Dogs gifted by Kim Jong Un\n"
        assert [p.cut for p in pieces(echo_only)] == ["line", "line"]
    finally:
        en_pieces.EIGHTH_ROUND_CUTS = saved


def _check_fifth_round_cuts() -> None:
    from service.segment import en_pieces

    names = ["urdupoint-yoon-unification-ministry-sputnik", "dirs-unification-ministry-reuters"]
    pages = load_pages(PAGES, names)
    assert sum(label_page(p).unreachable for p in pages) == 0
    fftimes = load_pages(PAGES, ["fftimes-author-talmadge-ap"])[0]
    assert label_page(fftimes).unreachable == 1  # "TOKYO Minutes": no dash, no cut
    en_pieces.FIFTH_ROUND_CUTS = False
    try:
        assert sum(label_page(p).unreachable for p in pages) >= 5
        assert label_page(fftimes).unreachable >= 5
    finally:
        en_pieces.FIFTH_ROUND_CUTS = True


def test_ninth_round_cuts_reach_speaker_labels_notes_and_bracketed_credits(second_round):
    """Off (as shipped before the eleventh round, with the eighth round's cuts
    off too) the fourth fresh batch's transcripts and a listing hold gold
    starts no cut reaches (a speaker label glued to a headline printed again,
    the speech after an interpreter's note, a sentence after "(Applause.)");
    with the ninth round's cuts every one of them is a piece start, and a place
    before a colon keeps its one cut."""
    from service.segment import en_pieces

    names = ["electionsinfo-sherman-mori-cho-press-availability",
             "newzs-blinken-park-joint-press-availability-2023-11",
             "americanrhetoric-blinken-cho-joint-press-remarks-2025",
             "electionsinfo-blinken-park-press-availability-2023-02"]
    pages = load_pages(PAGES, names)
    saved = en_pieces.NINTH_ROUND_CUTS, en_pieces.EIGHTH_ROUND_CUTS
    try:
        en_pieces.EIGHTH_ROUND_CUTS = False
        en_pieces.NINTH_ROUND_CUTS = False
        before = sum(label_page(p).unreachable for p in pages)
        assert before == 9
        en_pieces.NINTH_ROUND_CUTS = True
        assert sum(label_page(p).unreachable for p in pages) == 0
        line = "MODERATOR:  (Via interpreter)  Good afternoon, ladies and gentlemen."
        assert [p.text for p in pieces(line)] == [
            "MODERATOR:", "(Via interpreter)", "Good afternoon, ladies and gentlemen."]
        assert [p.text for p in pieces("PYONGYANG: North Korea said on Monday.")] == [
            "PYONGYANG:", "North Korea said on Monday."]
    finally:
        en_pieces.NINTH_ROUND_CUTS, en_pieces.EIGHTH_ROUND_CUTS = saved


def test_release_features_tell_a_transcript_and_a_statement_from_a_listing(second_round):
    """The "release" group's page-level evidence: a transcript (speaker labels,
    a "Joint Press Availability" title) and a statement (a title over a date
    and a "[Provisional translation]" label) read as releases, a tag page of
    headlines and snippets does not."""
    from service.segment import en_features

    def kind(name: str) -> str:
        page = load_pages(PAGES, [name])[0]
        return en_features._ReleaseStats(pieces(page.content)).kind

    assert kind("newzs-blinken-park-joint-press-availability-2023-11") == "release"
    assert kind("kantei-ccs-statement-missile-over-japan-2022-10") == "release"
    assert kind("malaysianow-tag-kim-jong-un") != "release"  # a masthead date: "maybe"
    assert kind("100gf-tag-kim-jong-un") == "none"
    text = "SECRETARY BLINKEN:  Thank you.\nFOREIGN MINISTER PARK:  Good afternoon."
    found = pieces(text)
    saved = set(en_features.ACTIVE_GROUPS)
    try:
        en_features.ACTIVE_GROUPS.add("release")
        features = en_features.piece_features(text, found)
    finally:
        en_features.ACTIVE_GROUPS.clear()
        en_features.ACTIVE_GROUPS.update(saved)
    assert [f["rel:speaker"] for f in features] == [1.0, 0.0, 1.0, 0.0]
    assert [f["rel:after_speaker"] for f in features] == [0.0, 1.0, 0.0, 1.0]


def test_release_group_marks_a_headline_over_a_document_type_label(second_round):
    """Eleventh round: a heading over a release's "Press Statement" line is
    marked (the retrained models typed such a headline as a tag label); the
    header block's own lines and a tag page's label are not."""
    from service.segment import en_features

    def marked(text: str) -> list[str]:
        stats = en_features._ReleaseStats(pieces(text))
        return [stats.text[n] for n, on in sorted(stats.over_header.items()) if on]

    release = ("Japan's Children's Day\n\nPress Statement\n\nHillary Rodham Clinton\n\n"
               "Secretary of State\n\nWashington, DC\n\nMay 4, 2012\n\n"
               "On behalf of President Obama, I am delighted to send best wishes.")
    assert marked(release) == ["Japan's Children's Day"]
    assert marked(load_pages(PAGES, ["100gf-tag-kim-jong-un"])[0].content) == []
    assert marked(load_pages(PAGES, ["naharnet-tags-nk-page7"])[0].content) == []
    # a headline with no document-type label under it is left to the other features
    assert marked("Japan's Children's Day\n\nMay 4, 2012\n\nOn behalf of the President.") == []


def test_squeezed_augmentation_keeps_the_gold_and_drops_blank_lines():
    """Eleventh round: the made-up page without blank lines (as the aligner
    sends text) keeps every gold segment's text, kind and order."""
    from service.segment import en_training

    page = load_pages(PAGES, ["governmentworld-eritrea-national-day"])[0]
    squeezed = en_training._squeezed(page)
    assert squeezed is not None and "\n\n" not in squeezed.content.strip()
    assert [(s.kind, " ".join(s.text.split())) for s in squeezed.gold] == [
        (s.kind, " ".join(s.text.split())) for s in page.gold]
    assert all(squeezed.text[s.start:s.end] == s.text for s in squeezed.gold)
    assert en_training._squeezed(load_pages(PAGES, [page.name])[0]) == squeezed


@pytest.fixture
def twelfth_round():
    from service.segment import en_features, en_pieces, en_sentences

    saved = (en_pieces.TWELFTH_ROUND_CUTS, en_sentences.PRESPLIT_GLUED,
             set(en_features.ACTIVE_GROUPS))
    yield en_pieces, en_sentences, en_features
    en_pieces.TWELFTH_ROUND_CUTS, en_sentences.PRESPLIT_GLUED = saved[:2]
    en_features.ACTIVE_GROUPS.clear()
    en_features.ACTIVE_GROUPS.update(saved[2])


def test_twelfth_round_cuts_reach_time_labels_bracket_datelines_and_glued_sentences(
        second_round, twelfth_round):
    """The sixth fresh batch's live blog (``7.30am: South Korea responds ...``)
    and a story glued without spaces under a byline glued to its dateline
    (``ABC News(SEOUL, South Korea) — ...``, ``Unification.A recent``): gold
    starts no cut reached before the twelfth round's cuts and pre-split."""
    en_pieces, en_sentences, _ = twelfth_round
    names = ["newsflash-nk-usa-live-updates-2017-08", "enidlive-nk-officials-twitter-accounts-abc"]
    pages = load_pages(PAGES, names)
    en_pieces.TWELFTH_ROUND_CUTS = en_sentences.PRESPLIT_GLUED = False
    before = [label_page(p).unreachable for p in pages]
    en_pieces.TWELFTH_ROUND_CUTS = en_sentences.PRESPLIT_GLUED = True
    after = [label_page(p).unreachable for p in pages]
    assert after[1] == 0 < before[1]
    assert after[0] < before[0]
    cuts = [(p.cut, p.text) for p in pieces("7.30am: South Korea responds to the launch\n")]
    assert cuts == [("line", "7.30am:"), ("after time label", "South Korea responds to the launch")]
    line = "By AARON KWON, ABC News(SEOUL, South Korea) — Two new accounts appeared.\n"
    texts = [p.text for p in pieces(line)]
    assert texts[0] == "By AARON KWON, ABC News"
    assert texts[1].startswith("(SEOUL, South Korea)") and texts[-1] == "Two new accounts appeared."


def test_article_group_marks_tweets_time_labels_and_a_heading_over_its_copy(twelfth_round):
    from service.segment.en_features import piece_features

    en_pieces, _, en_features = twelfth_round
    en_pieces.TWELFTH_ROUND_CUTS = True
    en_features.ACTIVE_GROUPS.add("article")
    text = ("Twitter Reactions to the Summit\n\nBy Jane Doe\n\nThe two leaders met in Singapore on "
            "Tuesday and signed a short agreement after talks.\n\nThank you for praying. It went "
            "well.\n— Franklin Graham (@Franklin_Graham) June 12, 2018\n\n7.30am: Drill held\n")
    found = pieces(text)
    features = {p.text: f for p, f in zip(found, piece_features(text, found), strict=True)}
    assert features["Twitter Reactions to the Summit"]["art:head_over_copy"] == 1.0
    assert features["Twitter Reactions to the Summit"]["art:below"] == "1|byline"
    assert features["— Franklin Graham (@Franklin_Graham) June 12, 2018"][
        "art:tweet_signature"] == 1.0
    assert features["— Franklin Graham (@Franklin_Graham) June 12, 2018"][
        "art:head_over_copy"] == 0.0
    assert features["Thank you for praying."]["art:above_tweet"] == 1.0
    assert features["By Jane Doe"]["art:above_tweet"] == 0.0
    assert features["7.30am:"]["art:time_label"] == 1.0
    assert features["Drill held"]["art:time_label"] == 0.0
