"""Term finding meets its goal on our own hand-marked wire articles and keeps the reported
figures on the real wire pages (no timing)."""

from __future__ import annotations

import json
import re

import pytest

from bench.glossary_eval import (
    BATCHES,
    PAGES,
    Score,
    batch_scores,
    half_scores,
    leave_one_outlet_out_coverage,
    load_pages,
    own_scores,
    page_number,
    parse_marked,
    place_marks,
    print_batch,
    resolve,
)
from service.glossary import Glossary, load_glossary


def test_parse_marked_strips_marks_and_keeps_offsets():
    lines, marks = parse_marked("[[dprk|NK]] and [[russia|Russia]]\nno marks")
    assert lines == ["NK and Russia", "no marks"]
    assert marks == [(0, 0, 2, "dprk"), (0, 7, 13, "russia")]


def test_own_marked_articles_meet_the_goal():
    scores = own_scores(load_glossary())
    assert len(scores) >= 3
    total = Score("total")
    for s in scores:
        total.add(s)
    assert total.marks >= 100
    assert total.recall >= 0.98, total.misses
    assert total.precision == 1.0, total.false


# --- Real wire pages (issue 9): figures reported in README.md -------------

# Pinned: a figure may not drop more than 0.01 below what the README reports.
# The development half grew from 18 to 56 pages on 2026-11-30 (branch gloss): its figures
# are measured on more pages, not lower on the same ones (README, gloss round).
# It grew again to 97 pages on 2026-11-30 (branch gloss3: p75-p115, new sub-topics); on the
# 56 pages it had, the figures rose (0.986 / 0.993 / 0.999; README, gloss3 round).
# It grew to 122 pages on 2026-11-30 (branch gloss4: p116-p140, 25 outlets new to the set);
# on the 97 pages it had, coverage held and recall and precision rose (0.986 / 0.992 /
# 1.000; README, gloss4 round).
# It grew to 150 pages on 2026-11-30 (branch gloss5: p141-p168, 28 outlets new to the set,
# organisation and ship names that hold a country or a glossary name): coverage is lower
# because the new pages name more entities without entries (0.917 on them); on the 122
# pages it had, coverage held (0.979), recall rose (0.990 -> 0.991), precision stayed 1.000.
# The unseen pin went from 0.993 to 0.991: measured once at the end of gloss5, not tuned
# (its errors were not read); see README, gloss5 round.
# It grew to 167 pages on 2026-11-30 (branch gloss6: p169-p185, 17 outlets new to the set,
# scored before any change at 0.848 / 0.928 / 0.966). Coverage rose (0.972 -> 0.993) with
# 120 entries; the recall pin went from 0.990 to 0.988 because the new pages are harder
# (0.978 on them) and two marks on the 150 older pages became covered without being found
# (a bare 'Joint Staff', 'Standard missile' in lower case: forms deliberately left alone);
# on those 150 pages: 0.993 / 0.989 / 1.000. The unseen half, measured once at the end of
# gloss6 without reading its errors: 0.996 / 0.985 / 0.991 (recall up from 0.983).
# It grew to 191 pages on 2026-11-30 (branch gloss7: p186-p209, 24 outlets new to the set,
# scored before any change at 0.965 / 0.970 / 0.975); after four general rules and 14
# entries the development figures held (0.993 / 0.988 / 1.000) and the new pages score
# 0.994 / 0.987 / 1.000.
# It grew to 214 pages on 2026-11-30 (branch gloss8: p210-p232, 23 outlets new to the set,
# story types the set lacked; scored before any change at 0.878 / 0.965 / 0.980). After
# nine general rules and 24 entries: development 0.988 / 0.988 / 1.000 (one false hit in
# 5,578 marks: p215 "Chinese" of "the Chinese military", see README, gloss8 round); the
# new pages score 0.949 / 0.984 / 0.998.
# It grew to 235 pages on 2026-11-30 (branch gloss9: p233-p253, 21 outlets new to the set,
# story types the set had little of: the IAEA, Punggye-ri, space launches, cyber theft,
# human rights, the MSMT, APEC in Gyeongju, Takaichi-Trump, Lavrov; scored before any
# change at 0.878 / 0.978 / 0.983). After six general rules and 16 entries: development
# 0.984 / 0.988 / 1.000. The coverage pin goes from 0.993 (a 191-page figure) to 0.984:
# the new pages name entities no entry holds (0.942 on them, officials and places seen
# once); on the 214 pages it had: 0.988 / 0.987 / 1.000 (coverage held; one mark newly
# covered, not found: p182's postal "MA" for Massachusetts, a form left out on purpose).
# It grew to 257 pages on 2026-11-30 (branch gloss10: p254-p275, 22 outlets new to the set,
# South Korea's martial-law cases and cabinet, the tariff deal and the SMA, the Takaichi
# cabinet and coalition, the Sado mines, Dokdo, the ARF; scored before any change at 0.802 /
# 0.969 / 0.970). After five general rules, 27 entries and six marks corrected as omissions
# under the existing rules: development 0.983 / 0.988 / 1.000. The coverage pin goes from
# 0.984 to 0.983: the new pages name entities no entry holds (0.965 on them: officials and
# places seen once); on the 235 pages it had, coverage held at 0.984 (recall 0.988,
# precision 1.000; one false hit, p215's "the Chinese military", as before).
# It grew to 279 pages on 2026-12-01 (branch gloss11: p276-p297, 22 outlets new to the set,
# North Korea's party plenums, Kim Ju Ae, the USFJ upgrade and Japan's JJOC, China's seafood
# ban over Takaichi's Taiwan remarks, SCM communiques, Lee-Takaichi summits; scored before
# any change at 0.920 / 0.946 / 0.994). After six general rules and 20 entries: development
# 0.983 / 0.985 / 1.000. The recall pin goes from 0.988 to 0.985: the new pages' recall is
# 0.961 (misspellings, a name cut by a line break, given names and surnames of relatives
# not named in full, "Japan's newly established Joint Operations Command"); on the 257
# pages it had, the figures held at 0.983 / 0.988 / 1.000 (the one false hit, p215, as before).
# It grew to 303 pages on 2026-12-01 (branch gloss12: p298-p321, 24 outlets new to the set,
# North Korean prisoners in Kursk, the Bybit theft, Mogami frigates for Australia, K2 tanks
# for Poland, the Philippines-Japan RAA, DMZ defections, Chinese drones by Yonaguni, the
# loudspeakers, Paparo and Brunson in the Senate, the enrichment fact sheet; scored before
# any change at 0.859 / 0.958 / 0.994 with p307's mark corrected). After three general
# rules, 9 entries and 3 forms: development 0.980 / 0.985 / 1.000. The coverage pin goes
# from 0.983 to 0.980: the new pages name entities no entry holds (0.952 on them: Warsaw,
# Philippine and Polish officials, US senators, seen once); on the 279 pages it had, the
# figures held at 0.983 / 0.985 / 1.000.
# It grew to 325 pages on 2026-12-01 (branch gloss13: p322-p343, 22 outlets new to the set,
# Takaichi's cabinet, Kantei briefings, Yoon's court cases, Freedom Shield 2025, the UN
# Third Committee, Koizumi and Hegseth, Li Qiang and Medvedev in Pyongyang; scored before
# any change at 0.905 / 0.952 / 0.994). After four general rules and 33 entries:
# development 0.981 / 0.984 / 0.9995 (the batch's trilateral after an introductory phrase,
# three false hits, is left). The recall pin goes from 0.985 to 0.984: the new pages' recall
# is 0.972 (misspellings, "anti-Japanese", bare surnames in title-case headlines); on the 303
# pages it had, the figures held at 0.980 / 0.985 / 1.000.
# It grew to 347 pages on 2026-12-01 (branch gloss14: p344-p365, 22 outlets new to the set,
# on Japanese cabinets, Korean courts, Russian and Chinese officials in Korea stories and UN
# meetings; scored before any change at 0.947 / 0.960 / 0.991 with four omissions marked).
# After four general rules, 22 entries and 6 forms: development 0.982 / 0.985 / 0.9995; the
# batch scores 0.996 / 0.987 / 1.000; on the 325 pages it had: 0.981 / 0.985 / 0.9995 (the
# rules found nine older misses, p145's "Kaesong industrial complex" was marked whole).
# It grew to 369 pages on 2026-12-01 (branch gloss15: p366-p387, 22 outlets new to the set,
# on fishing-boat arrests, export controls, Yoon's indictments, crypto theft and Japan's 2025
# upper-house election; scored before any change at 0.913 / 0.986 / 0.981 with three marks
# corrected). After two general rules and 19 entries: development 0.983 / 0.986 / 0.9995;
# the batch scores 1.000 / 0.994 / 1.000; on the 347 pages it had: 0.9825 / 0.985 / 0.9995
# (the chamber rule found two older misses, p263 and p361).
# It grew to 391 pages on 2026-12-01 (branch gloss16: p388-p409, 22 outlets new to the set,
# on Korean cabinet reshuffles, Japan's LDP race, China's foreign ministry and Taiwan Affairs
# Office on Takaichi, the Quad, AUKUS, the G7, NATO's IP4, the ASDF's space unit and Yoon in
# Manila; scored before any change at 0.851 / 0.981 / 0.989 with one mark corrected). After
# five general rules and 50 entries: development 0.984 / 0.986 / 0.9996; the batch scores
# 0.991 / 0.993 / 1.000; on the 369 pages it had: 0.9835 / 0.986 / 0.9995 (unchanged but
# for three newly covered marks). The coverage pin goes from 0.983 to 0.984. Then the
# leftovers: country pairs (China-Japan, US-China: six marks re-marked as pairs), a leader's
# surname once, Kihara's title and prefixed demonyms (five marks re-marked): development
# 0.984 / 0.987 / 0.9996; the recall pin goes from 0.986 to 0.987.
# It grew to 413 pages on 2026-12-01 (branch gloss17: p410-p431, 22 outlets new to the set,
# on North Korea's party plenums, the SPA and provinces, the liaison office in Kaesong, the
# abductees, GSDF and USFK/USFJ bases, Russia's and China's defence ministers; scored before
# any change at 0.840 / 0.913 / 0.940 with five liaison-office marks corrected). After three
# general rules and 27 entries: development 0.982 / 0.986 / 0.9996; the batch scores 0.941 /
# 0.955 / 1.000. The coverage pin goes from 0.984 to 0.982 and the recall pin from 0.987 to
# 0.986: the new pages name entities no entry holds (counties, camps, ministers seen once)
# and hold forms the finder leaves (McCune-Reischauer spellings, "U.S Navy"). The form
# "Ministry of Unification" on unification-ministry then took the batch's recall to 0.966 and
# the development half's to 0.987 (the tests that add it as a reviewer's entry use the seed
# file, which does not hold it).
# It grew to 429 pages on 2026-12-01 (branch gloss18: p432-p447, 16 outlets new to the set,
# chosen as precision traps: port calls and multinational naval exercises dense with ship
# and place names, pages quoting Xinhua, the Global Times and RIA, Korean and Japanese
# companies named after places, a Korea-Japan match; scored before any change at 0.754 /
# 0.983 / 0.983 with three marks corrected). After six general rules, 18 entries and 2
# forms: development 0.979 / 0.986 / 0.9996 (the 413 pages it had: 0.982 / 0.986 / 0.9996,
# unchanged); the batch scores 0.877 / 0.993 / 1.000. The coverage pin goes from 0.982 to
# 0.979: the batch names ships, cities and units seen once (HMA ships, Sayama, Suzuka).
# It grew to 446 pages on 2026-12-01 (branch gloss19: p448-p464, 17 outlets new to the set,
# chosen as precision traps: KCNA and AP pages on Kim Il Sung's birthday, the abductees, 38
# North, CSIS and blog commentary naming officials by surname, Donghae port pages, ship lists,
# LDP factions; scored before any change at 0.712 / 0.960 / 0.970 with Thae Yong Ho marked).
# After five general rules, six forms and eight entries: development 0.974 / 0.987 / 0.9994
# (the 429 pages it had: 0.9795 / 0.987 / 0.9996, their misses and false matches unchanged);
# the batch scores 0.826 / 0.991 / 0.994. The coverage pin goes from 0.979 to 0.974: the
# batch names ships, ports and LDP officials seen once (USS Chancellorsville, Mukho, Takagi).
# gloss20 (no fresh batch): two rules (a demonym inside an endowed chair's or prize's name; a
# place's Harbor/Port/Municipal body after its name) and three entries (Valiant Shield,
# Tsuyoshi Takagi, Pyeongchang): development 0.9743 / 0.9878 / 0.99942 -> 0.9747 / 0.9880 /
# 0.99952 (the 429 older pages unchanged at 0.9795 / 0.9877 / 0.9996); the coverage pin goes
# from 0.974 to 0.975.
REPORTED = {
    "development": {"coverage": 0.975, "recall": 0.987, "precision": 1.0},
    "unseen": {"coverage": 0.996, "recall": 0.985, "precision": 0.991},
}


@pytest.fixture(scope="module")
def halves():
    return half_scores(load_glossary())


@pytest.mark.parametrize("half", sorted(REPORTED))
@pytest.mark.parametrize("figure", ["coverage", "recall", "precision"])
def test_real_pages_keep_the_reported_figures(halves, half, figure):
    # The figure alone goes into a failure message: pytest would otherwise print the
    # whole score, the unseen half's misses and false matches with it.
    measured = float(getattr(halves[half], figure))
    assert measured >= REPORTED[half][figure] - 0.01, f"{half} {figure}: {measured:.3f}"


# The fresh batches of the development half as they score now (their figures before the
# changes made for them are in the README).
# gloss6: p116-p140 recall 0.985 -> 0.983 (two marks newly covered, not found; see above).
BATCH_REPORTED = {
    "p75-p101": {"coverage": 0.994, "recall": 0.991, "precision": 1.0},
    "p102-p108": {"coverage": 1.0, "recall": 0.990, "precision": 1.0},
    "p109-p115": {"coverage": 0.981, "recall": 0.994, "precision": 1.0},
    "p116-p140": {"coverage": 0.994, "recall": 0.986, "precision": 1.0},
    "p141-p168": {"coverage": 0.993, "recall": 0.982, "precision": 1.0},
    "p169-p185": {"coverage": 0.991, "recall": 0.982, "precision": 1.0},
    "p186-p209": {"coverage": 0.994, "recall": 0.990, "precision": 1.0},
    "p210-p232": {"coverage": 0.949, "recall": 0.984, "precision": 0.998},
    "p233-p253": {"coverage": 0.942, "recall": 0.993, "precision": 1.0},
    "p254-p275": {"coverage": 0.965, "recall": 0.986, "precision": 1.0},
    "p276-p297": {"coverage": 0.985, "recall": 0.969, "precision": 1.0},
    "p298-p321": {"coverage": 0.956, "recall": 0.983, "precision": 1.0},
    "p322-p343": {"coverage": 0.993, "recall": 0.976, "precision": 0.994},
    # gloss14: before its rules and entries 0.947 / 0.960 / 0.991.
    "p344-p365": {"coverage": 0.996, "recall": 0.994, "precision": 1.0},
    # gloss15: before its rules and entries 0.913 / 0.986 / 0.981.
    "p366-p387": {"coverage": 1.0, "recall": 0.998, "precision": 1.0},
    # gloss16: before its rules and entries 0.851 / 0.981 / 0.989.
    "p388-p409": {"coverage": 0.991, "recall": 0.993, "precision": 1.0},
    # gloss17: before its rules and entries 0.840 / 0.913 / 0.940.
    "p410-p431": {"coverage": 0.941, "recall": 0.966, "precision": 1.0},
    # gloss18: before its rules and entries 0.754 / 0.983 / 0.983.
    # gloss19: 0.877 -> 0.883 (Donghae on p433 has its entry now).
    "p432-p447": {"coverage": 0.883, "recall": 0.993, "precision": 1.0},
    # gloss19: before its rules and entries 0.712 / 0.960 / 0.970.
    # gloss20: 0.826 / 0.991 / 0.994 -> 0.839 / 0.997 / 0.997 (p457 American, p459 Donghae
    # Harbor and Municipal Assembly, the Valiant Shield, Takagi and Pyeongchang entries).
    "p448-p464": {"coverage": 0.839, "recall": 0.997, "precision": 0.997},
}


@pytest.fixture(scope="module")
def batches():
    return batch_scores(load_glossary())


@pytest.mark.parametrize("batch", sorted(BATCH_REPORTED))
@pytest.mark.parametrize("figure", ["coverage", "recall", "precision"])
def test_fresh_batches_keep_the_reported_figures(batches, batch, figure):
    pages, score = batches[batch]
    assert pages >= 7
    assert getattr(score, figure) >= BATCH_REPORTED[batch][figure] - 0.01


# Leave one outlet out: a mark counts as covered only when its entry is also named on
# another outlet's page (or on none). The proxy for pages nobody here marked (gloss6).
# gloss7: 0.917 -> 0.925 (24 pages from new outlets naming mostly entries others name).
# gloss8: 0.925 -> 0.924 (23 pages from new outlets on new story types: the batch alone
# 0.867 before its entries, 0.901 after; the figure over all pages is not lowered).
# gloss9: 0.922 with the fifth fresh batch (p233-p253) before its entries, 0.925 after.
# gloss10: 0.916 with the sixth fresh batch (p254-p275) before its entries (the batch alone
# 0.785), 0.926 after (the batch alone 0.895).
# gloss11: 0.928 with the seventh fresh batch (p276-p297) before its entries (the batch alone
# 0.909), 0.930 after (the batch alone 0.932).
# gloss12: 0.924 with the eighth fresh batch (p298-p321) before its entries (the batch alone
# 0.850), 0.9295 after (the batch alone 0.921); the pin stays.
# gloss13: 0.930 with the ninth fresh batch (p322-p343) before its entries (the batch alone
# 0.891), 0.933 after (the batch alone 0.938).
# gloss14: 0.935 with the tenth fresh batch (p344-p365) before its entries (the batch alone
# 0.943), 0.936 after (the batch alone 0.957).
# gloss15: 0.936 with the eleventh fresh batch (p366-p387) before its entries (the batch
# alone 0.913), 0.939 after (the batch alone 0.972).
# gloss16: 0.935 with the twelfth fresh batch (p388-p409) before its entries (the batch
# alone 0.845), 0.9375 after (the batch alone 0.892): the new batch names many entities
# one outlet only names (cabinet nominees, G7 venues, the space unit); 0.937 after the
# re-marked pairs and prefixed demonyms (their entries are each named by few outlets).
# gloss17: 0.933 with the thirteenth fresh batch (p410-p431) before its entries (the batch
# alone 0.811), 0.935 after (the batch alone 0.854): the batch names North Korean counties,
# GSDF camps and Japanese towns no other outlet names.
# gloss18: 0.932 with the fourteenth fresh batch (p432-p447) before its entries (the batch
# alone 0.754), 0.934 after (the batch alone 0.811): its ships and towns are named by one
# outlet each; the pin goes from 0.935 to 0.934.
# gloss19: 0.928 with the fifteenth fresh batch (p448-p464) before its entries (the batch
# alone 0.707), 0.930 after (the batch alone 0.775): its ports, ships and LDP officials are
# named by one outlet each; the pin goes from 0.934 to 0.930.
# gloss20: 0.930 unchanged (10563 of 11353; the new entries' marks are on one outlet each).
LOO_REPORTED = 0.930


def test_leave_one_outlet_out_coverage_keeps_the_reported_figure():
    covered, total = leave_one_outlet_out_coverage(load_glossary())
    assert total >= 4000
    assert covered / total >= LOO_REPORTED - 0.01


def test_leave_one_outlet_out_counts_an_entry_named_by_one_outlet_as_missing(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    manifest = {"halves": {"development": {"a.example": ["p01-a.txt"],
                                           "b.example": ["p02-b.txt"]}, "unseen": {}}}
    (pages / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (pages / "p01-a.txt").write_text("SOURCE: x\nSeoul and Busan", encoding="utf-8")
    (pages / "p02-b.txt").write_text("SOURCE: y\nSeoul", encoding="utf-8")
    marks = {"pages": {"p01-a.txt": [["Seoul", "seoul"], ["Busan", "busan"]],
                       "p02-b.txt": [["Seoul", "seoul"]]}}
    (pages / "marks.json").write_text(json.dumps(marks), encoding="utf-8")
    # Busan is named by one outlet only: missing there; Seoul by both: covered twice.
    assert leave_one_outlet_out_coverage(load_glossary(), pages) == (2, 3)


def test_batches_are_development_pages_by_number():
    manifest = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
    unseen = {n for files in manifest["halves"]["unseen"].values() for n in files}
    for lo, hi in BATCHES.values():
        assert not any(lo <= page_number(n) <= hi for n in unseen)
    assert page_number("p102-stripes.txt") == 102


def test_the_page_set_is_real_split_by_outlet_and_fully_marked():
    manifest = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
    outlets = [set(manifest["halves"][h]) for h in ("development", "unseen")]
    assert not outlets[0] & outlets[1]  # no outlet in both halves
    files = sorted(p.name for p in PAGES.glob("p*.txt"))
    pages = load_pages()
    assert sorted(n for h in pages.values() for n, _l, _m in h) == files
    assert len(files) >= 30 and min(len(h) for h in pages.values()) >= 15
    for name in files:
        first = (PAGES / name).read_text(encoding="utf-8").splitlines()[0]
        assert re.fullmatch(r"SOURCE: https?://\S+", first), name
    for items in pages.values():
        for name, lines, marks in items:
            body = "\n".join(lines)
            for text, _entity in marks:  # every hand mark is on its page
                assert re.search(rf"(?<!\w){re.escape(text)}(?!\w)", body), (name, text)


def test_place_marks_never_puts_a_country_on_a_currency():
    # hani.co.kr: "1.04 trillion won (US$925.28 million) ... demanded by the US".
    lines = ["won (US$925.28 million), or US$1 billion as the US demanded"]
    assert place_marks(lines, [["US", "united-states"]]) == [(0, 48, 50, "united-states")]


def test_one_fresh_batch_scores_alone(capsys):
    glossary = load_glossary()
    print_batch(glossary, "p254-p275", verbose=False)
    out = capsys.readouterr().out
    pages, score = batch_scores(glossary)["p254-p275"]
    row = out.splitlines()[2].split()
    assert row[:3] == ["p254-p275", str(pages), str(score.entity_marks)]
    assert float(row[5]) == round(score.recall, 3) and pages == 22
    assert "unseen" not in out


def test_place_marks_longest_first_and_never_inside_a_longer_mark():
    lines = ["North Korea and Korea; the North Korean side", "Korea"]
    placed = place_marks(lines, [["Korea", "x"], ["North Korea", "dprk"], ["North", "n"]])
    assert placed == [(0, 0, 11, "dprk"), (0, 16, 21, "x"), (0, 27, 32, "n"), (1, 0, 5, "x")]


def test_place_marks_puts_nothing_inside_a_longer_name_that_is_no_mention():
    # topologypro.one (News18): airlines are companies, not China; the mark "-" says so
    # and is itself dropped, so it counts neither as a mention nor as uncovered.
    lines = ["Air China, China Eastern and China Southern refunded tickets to Japan; China"]
    marks = [["China", "china"], ["Air China", "-"], ["China Eastern", "-"],
             ["China Southern", "-"], ["Japan", "japan"]]
    assert place_marks(lines, marks) == [(0, 64, 69, "japan"), (0, 71, 76, "china")]


def test_uncovered_marks_resolve_once_an_entry_carries_the_name():
    g = Glossary.from_rows([
        {"id": "east-sea", "kind": "place", "en": "East Sea", "ko": "동해", "ja": "日本海",
         "en_variants": "Sea of Japan"},
        {"id": "national-security-council-japan", "kind": "organisation",
         "en": "Japan's National Security Council", "ko": "일본 국가안전보장회의",
         "ja": "国家安全保障会議"}])
    assert resolve("uncovered:Sea of Japan", g) == "east-sea"
    assert resolve("uncovered:National Security Council (Japan)", g) == (
        "national-security-council-japan")
    assert resolve("uncovered:Freedom Edge", g) is None
    assert resolve("east-sea", g) == "east-sea" and resolve("dprk", g) is None
