"""The aligner on small hand-made English/Korean/Japanese documents."""

import pytest

from service.align import Bead, align_segments, align_texts
from service.align.numbers import number_anchors
from service.align.translit import english_key, keys_match, target_key
from service.segment.types import Segment

EN = [
    ("title", "North Korea sends 10,000 troops to Russia"),
    (
        "body",
        "North Korea has sent about 10,000 troops to Russia, South Korea's spy agency "
        "said on Friday.",
    ),
    (
        "body",
        "The National Intelligence Service said the soldiers had been moved on Russian "
        "navy ships from Vladivostok.",
    ),
    ("body", "President Yoon Suk Yeol called an emergency security meeting."),
    ("body", "Ukraine said 1,500 of the soldiers were already in training in eastern Russia."),
    ("body", "The White House said it could not yet confirm the report."),
]
KO = [
    ("title", "북한, 러시아에 병력 1만 명 파병"),
    ("body", "북한이 약 1만 명의 병력을 러시아에 보냈다고 한국 정보기관이 금요일 밝혔다."),
    ("body", "국가정보원은 병사들이 블라디보스토크에서 러시아 해군 함정으로 이동했다고 말했다."),
    ("body", "윤석열 대통령은 긴급 안보회의를 소집했다."),
    ("body", "우크라이나는 이 중 1500명이 이미 러시아 동부에서 훈련 중이라고 밝혔다."),
    ("body", "백악관은 아직 보도를 확인할 수 없다고 말했다."),
]
JA = [
    ("title", "北朝鮮、ロシアに兵士1万人を派遣"),
    ("body", "韓国の情報機関は金曜日、北朝鮮が約1万人の兵士をロシアに送ったと発表した。"),
    ("body", "国家情報院によると、兵士らはウラジオストクからロシア海軍の艦船で移動した。"),
    ("body", "尹錫悦大統領は緊急の安全保障会議を招集した。"),
    ("body", "ウクライナは、このうち1500人がすでにロシア東部で訓練中だと述べた。"),
    ("body", "ホワイトハウスは報道をまだ確認できないと述べた。"),
]


def segs(rows):
    return [Segment(k, kind, text) for k, (kind, text) in enumerate(rows)]


def shape(beads: list[Bead]) -> list[tuple[list[int], list[int], str]]:
    return [(b.source, b.target, b.kind) for b in beads]


def one_to_one(n):
    return [([k], [k], "1-1") for k in range(n)]


def test_parallel_documents_align_one_to_one():
    for lang, rows in (("ko", KO), ("ja", JA)):
        beads = align_segments(segs(EN), segs(rows), lang)
        assert shape(beads) == one_to_one(len(EN)), lang
        assert all(0.5 <= b.score <= 1.0 and not b.weak for b in beads), lang


def test_merged_target_sentences_make_a_2_1_bead():
    for lang, rows in (("ko", KO), ("ja", JA)):
        joiner = " " if lang == "ko" else ""
        merged = [*rows[:2], ("body", rows[2][1] + joiner + rows[3][1]), *rows[4:]]
        beads = align_segments(segs(EN), segs(merged), lang)
        assert shape(beads) == [
            ([0], [0], "1-1"),
            ([1], [1], "1-1"),
            ([2, 3], [2], "2-1"),
            ([4], [3], "1-1"),
            ([5], [4], "1-1"),
        ], lang


def test_sentence_the_translator_dropped_is_a_1_0_bead_and_weak():
    for lang, rows in (("ko", KO), ("ja", JA)):
        dropped = rows[:3] + rows[4:]
        beads = align_segments(segs(EN), segs(dropped), lang)
        assert shape(beads) == [
            ([0], [0], "1-1"),
            ([1], [1], "1-1"),
            ([2], [2], "1-1"),
            ([3], [], "1-0"),
            ([4], [3], "1-1"),
            ([5], [4], "1-1"),
        ], lang
        assert beads[3].weak and beads[3].score == 0.0


def test_extra_caption_and_credit_in_target_are_0_1_beads():
    extra = {
        "ko": [
            ("credit", "홍길동 기자 ="),
            ("caption", "▲ 러시아로 향하는 북한군 (사진=연합뉴스)"),
        ],
        "ja": [("credit", "（共同）"), ("caption", "ロシアに向かう北朝鮮兵（写真＝共同）")],
    }
    for lang, rows in (("ko", KO), ("ja", JA)):
        credit, caption = extra[lang]
        target = [*rows[:1], credit, *rows[1:3], caption, *rows[3:]]
        beads = align_segments(segs(EN), segs(target), lang)
        assert shape(beads) == [
            ([0], [0], "1-1"),
            ([], [1], "0-1"),
            ([1], [2], "1-1"),
            ([2], [3], "1-1"),
            ([], [4], "0-1"),
            ([3], [5], "1-1"),
            ([4], [6], "1-1"),
            ([5], [7], "1-1"),
        ], lang
        assert not beads[1].weak  # a credit without counterpart is expected, not a doubt


def test_footers_and_credits_never_pair_even_with_each_other():
    en = segs([*EN[:2], ("credit", "By Kim Min-su"), ("footer", "(c) AJP. All rights reserved.")])
    ko = segs(
        [
            *KO[:2],
            ("credit", "홍길동 기자 gildong@yna.co.kr"),
            ("footer", "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>"),
        ]
    )
    beads = align_segments(en, ko, "ko")
    assert shape(beads)[:2] == one_to_one(2)
    assert sorted(b.kind for b in beads[2:]) == ["0-1", "0-1", "1-0", "1-0"]


def test_numbers_decide_between_two_sentences_of_the_same_shape():
    en = segs(
        [
            ("body", "The ministry said 300 people were hurt in the first blast."),
            ("body", "The ministry said 42 people were hurt in the second blast."),
            ("body", "Rescue work went on through the night."),
        ]
    )
    for lang, kept in (
        ("ko", "두 번째 폭발로 42명이 다쳤다고 부처는 밝혔다."),
        ("ja", "同省によると、2度目の爆発で42人が負傷した。"),
    ):
        rest = "구조 작업은 밤새 계속됐다." if lang == "ko" else "救助活動は夜通し続いた。"
        beads = align_segments(en, segs([("body", kept), ("body", rest)]), lang)
        assert shape(beads) == [([0], [], "1-0"), ([1], [0], "1-1"), ([2], [1], "1-1")], lang


def test_glossary_anchors_pick_the_right_sentence():
    en = segs(
        [
            ("body", "Choe Son Hui met the delegation in the morning."),
            ("body", "Lavrov met the delegation in the evening hours."),
        ]
    )
    ko = segs([("body", "라브로프는 저녁에 대표단을 만났다.")])
    anchors = [("Choe Son Hui", ["최선희"]), ("Lavrov", ["라브로프"])]
    beads = align_segments(en, ko, "ko", anchors=anchors)
    assert shape(beads) == [([0], [], "1-0"), ([1], [0], "1-1")]


def test_machine_translation_score_is_used_when_given():
    en = segs(
        [
            ("body", "The first plan was rejected by the board on Monday."),
            ("body", "The second plan was accepted by the board on Monday."),
        ]
    )
    ko = segs([("body", "두 번째 계획은 월요일 이사회에서 승인됐다.")])
    calls = []

    def translate(texts):
        calls.append(list(texts))
        oracle = {
            en[0].text: "첫 번째 계획은 월요일 이사회에서 거부됐다.",
            en[1].text: "두 번째 계획은 월요일 이사회에서 승인됐다.",
        }
        return [oracle[t] for t in texts]

    beads = align_segments(en, ko, "ko", translate=translate)
    assert calls == [[en[0].text, en[1].text]]
    assert shape(beads) == [([0], [], "1-0"), ([1], [0], "1-1")]


def test_empty_sides():
    assert align_segments([], [], "ko") == []
    assert shape(align_segments(segs(EN[:2]), [], "ko")) == [([0], [], "1-0"), ([1], [], "1-0")]
    assert shape(align_segments([], segs(JA[:1]), "ja")) == [([], [0], "0-1")]


def test_numbers_are_normalised_across_scripts():
    assert set(number_anchors("10,000 people and $1.5 million in September", "en")) == {
        "10000",
        "1500000",
        "month:9",
    }
    assert set(number_anchors("1만 명과 150만 달러, 9월", "ko")) == {"10000", "1500000", "month:9"}
    assert set(number_anchors("1万人と150万ドル、9月", "ja")) == {"10000", "1500000", "month:9"}
    assert number_anchors("3억 5천만 원", "ko") == ["350000000"]
    assert number_anchors("２０２４年", "ja") == ["2024"]


def test_transliterated_names_match_and_others_do_not():
    assert keys_match(english_key("Trump"), target_key("트럼프"))
    assert keys_match(english_key("Trump"), target_key("トランプ"))
    assert keys_match(english_key("Kavanaugh"), target_key("캐버노는"))
    assert not keys_match(english_key("Trump"), target_key("ポンペオ"))


def test_align_texts_segments_both_articles():
    en_text = (
        "North Korea sends 10,000 troops to Russia\n"
        "By Kim Min-su\n"
        "SEOUL, Oct. 26 (AJP) -- North Korea has sent about 10,000 troops to Russia, "
        "South Korea's spy agency said on Friday. President Yoon Suk Yeol called an "
        "emergency security meeting.\n"
        "(c) AJP. All rights reserved."
    )
    ko_text = (
        "북한, 러시아에 병력 1만 명 파병\n"
        "(서울=연합뉴스) 홍길동 기자 = 북한이 약 1만 명의 병력을 러시아에 보냈다고 한국 "
        "정보기관이 금요일 밝혔다. 윤석열 대통령은 긴급 안보회의를 소집했다.\n"
        "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>"
    )
    src, tgt, beads = align_texts(en_text, ko_text, "ko")
    pairs = {
        (tuple(src[i].kind for i in b.source), tuple(tgt[j].kind for j in b.target)) for b in beads
    }
    assert (("title",), ("title",)) in pairs
    # Datelines stand alone (the gold links none): not a link, not sent to review.
    assert (("dateline",), ()) in pairs and ((), ("dateline",)) in pairs
    assert not any(b.weak for b in beads
                   if any(k == "dateline" for k in [src[i].kind for i in b.source]
                          + [tgt[j].kind for j in b.target]))
    assert (
        sum(
            1
            for b in beads
            if b.kind == "1-1" and src[b.source[0]].kind == tgt[b.target[0]].kind == "body"
        )
        == 2
    )
    assert all(
        b.kind in ("1-0", "0-1")
        for b in beads
        if ({src[i].kind for i in b.source} | {tgt[j].kind for j in b.target})
        & {"credit", "footer"}
    )
    # 2 credits, 2 footers, 2 datelines
    assert sum(1 for b in beads if b.kind in ("1-0", "0-1")) == 6


def test_long_article_beyond_the_band_keeps_its_deletions():
    # 150 sentences: the dynamic program runs in a band around the diagonal.
    en = segs(
        [
            ("body", f"Officials counted {100 + 7 * k} boxes at site {k} that day.")
            for k in range(150)
        ]
    )
    dropped = {20, 75, 140}
    ko = segs(
        [
            ("body", f"관리들은 그날 {k}번 현장에서 상자 {100 + 7 * k}개를 셌다.")
            for k in range(150)
            if k not in dropped
        ]
    )
    beads = align_segments(en, ko, "ko")
    assert [b.source for b in beads if b.kind == "1-0"] == [[k] for k in sorted(dropped)]
    assert sum(1 for b in beads if b.kind == "1-1") == 147


def test_glossary_rendering_in_a_neighbour_does_not_pull_links_off_the_diagonal():
    # The translator writes "최 외무상" where the glossary says 최선희, and 최선희 turns up
    # in the next sentence: the glossary must neither penalise the first nor pull the second.
    en = segs(
        [
            ("body", "Choe Son Hui met Lavrov in Moscow on Monday."),
            ("body", "Choe said the talks had been productive and friendly."),
            ("body", "Lavrov praised the ties between the two countries."),
        ]
    )
    ko = segs(
        [
            ("body", "최선희 외무상은 월요일 모스크바에서 라브로프 장관을 만났다."),
            ("body", "최 외무상은 회담이 생산적이고 우호적이었다고 말했다."),
            ("body", "라브로프 장관은 최선희 외무상과 양국 관계를 칭찬했다."),
        ]
    )
    anchors = [("Choe Son Hui", ["최선희"]), ("Choe", ["최선희"]), ("Lavrov", ["라브로프"])]
    for given in (None, anchors):
        beads = align_segments(en, ko, "ko", anchors=given)
        assert shape(beads) == one_to_one(3), given
        assert not any(b.weak for b in beads)


def test_titles_pair_with_titles_and_the_link_is_trusted():
    en = segs(
        [
            ("title", "Two ministers condemn missile launches"),
            ("body", "The two ministers condemned Pyongyang's recent missile launches."),
            ("body", "They agreed to meet again in Seoul next month."),
            ("body", "The talks lasted two hours."),
        ]
    )
    ko = segs(
        [
            ("title", "두 장관, 미사일 발사 규탄"),
            ("body", "두 장관은 최근 북한의 미사일 발사를 규탄했다."),
            ("body", "두 사람은 다음 달 서울에서 다시 만나기로 했다."),
            ("body", "회담은 두 시간 동안 진행됐다."),
        ]
    )
    beads = align_segments(en, ko, "ko")
    assert shape(beads) == one_to_one(4)
    assert beads[0].score >= 0.5 and not beads[0].weak


def test_the_result_says_whether_the_target_is_a_translation():
    translated = align_segments(segs(EN), segs(KO), "ko")
    assert translated.is_translation and translated.translation_probability >= 0.5
    # The same day's missile launch, written separately in Korean.
    en = segs(
        [
            ("body", "North Korea fired a ballistic missile into the sea off its east coast "
                     "on Thursday, Japan's defense ministry said."),
            ("body", "The launch was the third this month."),
            ("body", "Analysts say Pyongyang is testing new engines for longer-range weapons."),
            ("body", "The United States urged the North to return to talks without preconditions."),
            ("body", "Seoul's foreign ministry summoned a senior diplomat from Beijing."),
        ]
    )
    ko = segs(
        [
            (
                "body",
                "합동참모본부는 북한이 오늘 오전 동해상으로 단거리 탄도미사일 1발을 발사했다고 "
                "밝혔다.",
            ),
            ("body", "군은 추가 발사에 대비해 감시와 경계를 강화하고 있다."),
            ("body", "윤석열 대통령은 국가안전보장회의를 소집해 대응 방안을 논의했다."),
            ("body", "전문가들은 북한이 이번 달 말 정찰위성을 다시 쏠 가능성이 있다고 내다봤다."),
            ("body", "통일부는 남북 연락채널이 여전히 불통이라고 전했다."),
            ("body", "이번 발사는 올해 들어 열 번째다."),
        ]
    )
    separate = align_segments(en, ko, "ko")
    assert not separate.is_translation and separate.translation_probability < 0.5
    linked = [b for b in separate if b.source and b.target]
    assert len(linked) <= 2  # only pairs that clear the stricter threshold
    assert all(b.score >= 0.5 for b in linked)


def test_a_short_headline_pairs_with_a_long_one_because_both_are_titles():
    # "Japan's Children's Day" against the embassy's long Japanese headline: the
    # lengths alone say no; two titles at the head of two pages say yes.
    en = segs(
        [
            ("title", "Japan's Children's Day"),
            ("body", "On behalf of President Obama and the American people, I send my warmest "
                     "wishes to the people of Japan as you celebrate Children's Day."),
            ("body", "Children's Day inspires us to make the world a kinder, more peaceful place."),
        ]
    )
    ja = segs(
        [
            ("title", "日本の「こどもの日」に向けたケリー国務長官のメッセージ"),
            ("body", "5月5日の「こどもの日」にあたり、オバマ大統領と米国民に代わって、"
                     "日本の皆さんに心からお祝いを申し上げます。"),
            ("body", "こどもの日には、世界をより寛容で平和な場所にしていくために"
                     "一層の努力をしていこうという気持ちになります。"),
        ]
    )
    assert shape(align_segments(en, ja, "ja"))[0] == ([0], [0], "1-1")


def test_page_chrome_does_not_make_a_translation_look_separately_written():
    chrome_en = [("debris", "Press Statement"), ("debris", "Secretary of State"),
                 ("debris", "Washington, DC"), ("debris", "May 4, 2016")]
    chrome_ko = [("debris", "언론 성명"), ("debris", "대변인실"), ("footer", "무단 전재 금지"),
                 ("debris", "2016년 5월 4일")]
    plain = align_segments(segs(EN), segs(KO), "ko")
    dressed = align_segments(segs(chrome_en + EN), segs(chrome_ko + KO), "ko")
    assert dressed.is_translation
    assert abs(dressed.translation_probability - plain.translation_probability) < 0.05


def test_a_separately_written_story_gets_no_two_to_one_links():
    from service.align.aligner import ScoredPath, decide
    from service.align.calibration import Calibration, Logistic

    src, tgt = segs(EN[1:4]), segs(KO[1:3])
    feats = {"cues": 1.0, "specific": 3.0, "merge": 1.0, "mixed_kinds": 0.0, "titles": 0.0}
    scored = ScoredPath([(0, 2, 0, 1), (2, 1, 1, 1)], [feats, {**feats, "merge": 0.0}],
                        {"doc_margin": 0.0, "doc_specific": 0.0})
    always = Logistic(("cues",), (30.0, 0.0))  # every link has probability 1
    for doc_bias, translation in ((30.0, True), (-30.0, False)):
        cal = Calibration(always, Logistic(("doc_margin",), (doc_bias, 0.0)), 0.5, 0.3, 0.7)
        kinds = [b.kind for b in decide(scored, src, tgt, cal)]
        if translation:
            assert kinds == ["2-1", "1-1"]
        else:  # the same 2-1 bead is not made in a story judged separately written
            assert kinds == ["1-0", "1-0", "0-1", "1-1"]


def test_coverage_counts_the_own_text_that_probable_links_hold():
    from service.align.aligner import ScoredPath, document_features
    from service.align.calibration import Logistic

    # A statement (three sentences, a byline) quoted whole inside a longer Korean
    # story: probable links cover the English side whole, the Korean side in part.
    src = segs([("body", "a."), ("body", "b."), ("body", "c."), ("credit", "By X")])
    tgt = segs([("body", "가."), ("body", "나."), ("body", "다."), ("body", "라."),
                ("body", "마."), ("body", "바.")])
    feats = {"cues": 1.0, "specific": 2.0, "merge": 0.0, "mixed_kinds": 0.0, "titles": 0.0}
    weak = {**feats, "cues": 0.0}
    scored = ScoredPath([(0, 1, 0, 1), (1, 1, 1, 1), (2, 1, 2, 1), (3, 1, 3, 0), (4, 0, 3, 1),
                         (4, 0, 4, 1), (4, 0, 5, 1)],
                        [feats, feats, feats, None, None, None, None],
                        {"doc_margin": 1.0, "doc_specific": 1.0})
    sure = Logistic(("cues",), (-30.0, 60.0))  # certain exactly when the cues match
    f = document_features(scored, src, tgt, sure)
    assert (f["cover_src"], f["cover_tgt"]) == (pytest.approx(1.0), pytest.approx(0.5))
    assert f["cover_max"] == pytest.approx(1.0) and f["cover_min"] == pytest.approx(0.5)
    assert f["doc_margin"] == 1.0
    # Coverage is the expected share: links the model half believes cover half as much.
    half = Logistic(("cues",), (0.0, 0.0))
    assert document_features(scored, src, tgt, half)["cover_src"] == pytest.approx(0.5)
    # Links the model finds improbable cover nothing.
    scored.features[:3] = [weak, weak, weak]
    assert document_features(scored, src, tgt, sure)["cover_max"] == 0.0


def test_the_weak_flag_threshold_is_the_one_that_best_finds_wrong_links():
    from service.align.fitting import _flag_f1

    reported = [0.3, 0.5, 0.6, 0.9, 0.95, 0.97, 0.99]
    right = [False, False, True, True, True, True, True]
    assert _flag_f1(reported, right, 0.55) == 1.0  # flags exactly the two wrong links
    assert _flag_f1(reported, right, 0.05) == 0.0  # flags nothing
    assert _flag_f1(reported, right, 0.96) < _flag_f1(reported, right, 0.55)


def test_a_glossary_rendering_in_a_neighbour_never_lowers_a_links_specific_anchors():
    # The translator wrote "미국" into the first sentence, whose English has no "U.S.";
    # the next English sentence has it. Without the glossary the first pair's anchors
    # are specific to it; the glossary must not make them look less so.
    from service.align.aligner import build_scorer

    en = segs([("body", "For 234 years, a Congress has been the symbol of freedom."),
               ("body", "This Chamber embodies the spirit of the U.S. Constitution.")])
    ko = segs([("body", "234년 동안 미국 의회는 자유의 상징이었습니다."),
               ("body", "이 회의장은 헌법 정신을 구현합니다.")])
    anchors = [("U.S.", ["미국"])]
    plain = build_scorer(en, ko, "ko").bead_features(0, 1, 0, 1)["specific"]
    with_glossary = build_scorer(en, ko, "ko", anchors).bead_features(0, 1, 0, 1)["specific"]
    assert with_glossary >= plain
    # A rendering the pair shares and no neighbour does still adds.
    ko_alone = segs([("body", "234년 동안 미국 의회는 자유의 상징이었습니다."),
                     ("body", "이 회의장은 헌법 정신을 구현합니다.")])
    en_us = segs([("body", "For 234 years, the U.S. Congress has been the symbol of freedom."),
                  ("body", "This Chamber embodies the spirit of the Constitution.")])
    # (Dictionary words off: with them this pair's anchors already reach the clip, 5.)
    import dataclasses

    from service.align.scoring import DEFAULT_WEIGHTS

    no_dictionary = dataclasses.replace(DEFAULT_WEIGHTS, dictionary=0.0)
    assert (build_scorer(en_us, ko_alone, "ko", anchors).with_weights(no_dictionary)
            .bead_features(0, 1, 0, 1)["specific"]
            > build_scorer(en_us, ko_alone, "ko").with_weights(no_dictionary)
            .bead_features(0, 1, 0, 1)["specific"])


def test_a_bead_knows_how_many_sentences_one_side_holds_beyond_the_other():
    from service.align.aligner import build_scorer

    en = segs([("caption", "The ministers met on Friday. They condemned the launches. "
                           "They agreed to meet again.")])
    ko = segs([("body", "장관들은 금요일 만났다.")])
    assert build_scorer(en, ko, "ko").bead_features(0, 1, 0, 1)["sentence_gap"] == 2.0
    en_one = segs([("body", "The ministers met on Friday.")])
    assert build_scorer(en_one, ko, "ko").bead_features(0, 1, 0, 1)["sentence_gap"] == 0.0


def test_a_translation_keeps_its_mutual_best_pairs_in_order_and_a_shuffle_does_not():
    from service.align.aligner import build_scorer, run_path

    en, ko = segs(EN[1:]), segs(KO[1:])
    parallel = run_path(build_scorer(en, ko, "ko")).document
    assert parallel["mutual_cover"] >= 0.8 and parallel["mutual_order"] == 1.0
    shuffled = segs([KO[k] for k in (4, 2, 5, 1, 3)])
    mixed = run_path(build_scorer(en, shuffled, "ko")).document
    assert mixed["mutual_order"] < parallel["mutual_order"]
    assert mixed["diagonal"] < parallel["diagonal"]
    # Path links whose sentences are each other's best partner are marked so.
    scored = run_path(build_scorer(en, ko, "ko"))
    assert all(f["mutual"] == 1.0 for f in scored.features if f is not None)


def test_the_aligner_runs_on_the_second_round_segmenter_whole():
    # The second-round cuts, the model trained with them and its feature groups go
    # together: the round-1 model read with round-2 cuts is a mix nobody trained.
    from service.segment import en_features, en_model, en_pieces

    assert en_pieces.SECOND_ROUND_CUTS
    assert en_model.MODEL_PATH.name == "en_pieces_round2.crfsuite"
    assert set(en_features.FEATURE_GROUPS) <= en_features.ACTIVE_GROUPS


def test_a_dateline_alone_is_never_a_link_and_separate_stories_link_one_to_one():
    from service.align.aligner import may_link

    dateline = segs([("dateline", "TOKYO, Sept 14 (KUNA) --")])
    tgt_dateline = segs([("dateline", "東京, 9月15日, /AJMEDIA/")])
    body = segs([("body", "The ministers met."), ("body", "They talked.")])
    tgt_body = segs([("body", "両外相は会談した。")])
    for translation in (True, False):
        assert not may_link(dateline, tgt_dateline, translation)
        assert not may_link(dateline, tgt_body, translation)
        assert may_link(body[:1], tgt_body, translation)
    # A dateline fused into a bead with the body sentence it opens still links.
    assert may_link(body[:1], tgt_dateline + tgt_body, True)
    assert may_link(body, tgt_body, True)
    assert not may_link(body, tgt_body, False)


def test_model1_cues_give_a_shared_ending_to_the_empty_word():
    from service.align.cooccur import fit_cues, fit_model1_cues

    # "습니" ends every Korean line; each stem's own pair comes with it alone.
    lines = [("government budget", "정부 예산입니다"), ("government plan", "정부 계획입니다"),
             ("budget plan", "예산 계획입니다"), ("government", "정부입니다"),
             ("budget", "예산입니다"), ("plan", "계획입니다")] * 2
    model1 = fit_model1_cues(lines, min_lines=2, min_probability=0.2)
    assert model1["governm"][0] == "정부"
    assert model1["budget"][0] == "예산"
    assert "니다" not in model1["plan"]
    # Dice keeps the ending with every stem (it co-occurs with all of them).
    assert "니다" in fit_cues(lines, min_lines=2, per_stem=5)["plan"]
