"""Korean and Japanese splitting into typed segments."""

from service.segment.cjk import segment_japanese, segment_korean, split_sentences

KO_ARTICLE = "\n".join(
    [
        "북한군 러시아 파병 확인",
        "(서울=연합뉴스) 홍길동 기자 = 북한이 러시아에 병력 1만 명을 보냈다고 국가정보원이 26일 "
        '밝혔다. 국정원은 "약 1만 명이 이동했다. 추가 파병도 예상된다"고 말했다. '
        "미 국방부(U.S. DoD)도 이를 확인했다.",
        "▲ 러시아로 향하는 북한군 (사진=연합뉴스)",
        "홍길동 기자 gildong@yna.co.kr",
        "(끝)",
        "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>",
    ]
)

JA_ARTICLE = """北朝鮮兵、ロシアに派遣
【ソウル共同】韓国の情報機関は26日、北朝鮮がロシアに兵士約1万人を派遣したと発表した。当局者は「約1万人が移動した。追加派遣もあり得る」と述べた。本当か？米国防総省も確認した！
（共同）"""


def kinds(segments):
    return [(s.kind, s.text) for s in segments]


def test_korean_dateline_credit_caption_footer():
    segs = segment_korean(KO_ARTICLE)
    assert kinds(segs) == [
        ("title", "북한군 러시아 파병 확인"),
        ("dateline", "(서울=연합뉴스)"),
        ("credit", "홍길동 기자 ="),
        ("body", "북한이 러시아에 병력 1만 명을 보냈다고 국가정보원이 26일 밝혔다."),
        ("body", '국정원은 "약 1만 명이 이동했다. 추가 파병도 예상된다"고 말했다.'),
        ("body", "미 국방부(U.S. DoD)도 이를 확인했다."),
        ("caption", "▲ 러시아로 향하는 북한군 (사진=연합뉴스)"),
        ("credit", "홍길동 기자 gildong@yna.co.kr"),
        ("footer", "(끝)"),
        ("footer", "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>"),
    ]
    assert [s.position for s in segs] == list(range(len(segs)))


def test_japanese_quotes_are_not_split_and_dateline_is_typed():
    segs = segment_japanese(JA_ARTICLE)
    assert kinds(segs) == [
        ("title", "北朝鮮兵、ロシアに派遣"),
        ("dateline", "【ソウル共同】"),
        ("body", "韓国の情報機関は26日、北朝鮮がロシアに兵士約1万人を派遣したと発表した。"),
        ("body", "当局者は「約1万人が移動した。追加派遣もあり得る」と述べた。"),
        ("body", "本当か？"),
        ("body", "米国防総省も確認した！"),
        ("credit", "（共同）"),
    ]


def test_japanese_jiji_dateline_and_nested_quotes():
    text = "【ワシントン時事】大統領は「記者が『終わった。』と書いた」と語った。次の文だ。"
    segs = segment_japanese(text, title="見出し")
    assert kinds(segs) == [
        ("title", "見出し"),
        ("dateline", "【ワシントン時事】"),
        ("body", "大統領は「記者が『終わった。』と書いた」と語った。"),
        ("body", "次の文だ。"),
    ]


def test_quote_that_ends_a_sentence_ends_it():
    assert split_sentences("「今は存在しません。」バーが消えた。", "ja") == [
        "「今は存在しません。」",
        "バーが消えた。",
    ]
    assert split_sentences(
        '그는 "아니다."라고 말했다. "나는 포기하지 않았다." 그가 떠났다.', "ko"
    ) == ['그는 "아니다."라고 말했다.', '"나는 포기하지 않았다."', "그가 떠났다."]


def test_korean_numbers_and_initials_do_not_end_sentences():
    text = "성장률은 3.5%였다. 존 F. 케네디 공항에서 J. 스미스가 말했다. 정말인가? 그렇다!"
    assert split_sentences(text, "ko") == [
        "성장률은 3.5%였다.",
        "존 F. 케네디 공항에서 J. 스미스가 말했다.",
        "정말인가?",
        "그렇다!",
    ]


def test_long_multi_sentence_quotation_is_split_like_english():
    text = (
        "그는 “우리는 이 문제를 매우 심각하게 받아들이고 있습니다. "
        "모든 가능성을 열어두고 검토하겠습니다”라고 말했다."
    )
    assert split_sentences(text, "ko") == [
        "그는 “우리는 이 문제를 매우 심각하게 받아들이고 있습니다.",
        "모든 가능성을 열어두고 검토하겠습니다”라고 말했다.",
    ]


def test_japanese_footer_and_debris_lines():
    text = "本文です。\n関連記事\n無断転載・複製を禁じます。"
    assert [s.kind for s in segment_japanese(text, title="T")] == [
        "title",
        "body",
        "debris",
        "footer",
    ]


# A news page as it is copied from the web: menus above the headline, time stamps,
# photo captions, a broadcast sign-on inside a paragraph, comment boxes, staff lines.
KO_PAGE = "\n".join(
    [
        "홈",
        "뉴스데스크",
        "정치",
        "외교장관, 북 미사일 발사 규탄",
        "입력 | 2024-10-04 16:56   수정 | 2024-10-04 16:57",
        "Your browser doesn't support HTML5 video.",
        "외교부 장관과 국무장관이 4일 통화했다.",
        "▲ 통화하는 두 장관",
        "두 장관은 미사일 발사를 규탄했습니다. 김철수 기자가 보도합니다.",
        "[외교부 제공]",
        "조태열 외교부 장관.",
        "기사 이경하, 에디터 양성원",
        "댓글 달기",
        "VOA 뉴스 이조은입니다.",
        "[자료제공 :(www.korea.kr)]",
    ]
)


def test_korean_page_furniture_is_typed_and_the_headline_found_below_the_menu():
    assert kinds(segment_korean(KO_PAGE)) == [
        ("debris", "홈"),
        ("debris", "뉴스데스크"),
        ("debris", "정치"),
        ("title", "외교장관, 북 미사일 발사 규탄"),
        ("debris", "입력 | 2024-10-04 16:56   수정 | 2024-10-04 16:57"),
        ("debris", "Your browser doesn't support HTML5 video."),
        ("body", "외교부 장관과 국무장관이 4일 통화했다."),
        ("caption", "▲ 통화하는 두 장관"),
        ("body", "두 장관은 미사일 발사를 규탄했습니다."),
        ("credit", "김철수 기자가 보도합니다."),
        ("caption", "[외교부 제공]"),
        ("caption", "조태열 외교부 장관."),
        ("credit", "기사 이경하, 에디터 양성원"),
        ("debris", "댓글 달기"),
        ("credit", "VOA 뉴스 이조은입니다."),
        ("footer", "[자료제공 :(www.korea.kr)]"),
    ]


def test_korean_release_bullets_and_introductions_stay_body():
    text = "외교장관 통화 결과\n대변인 발표문:\n□ 양 장관은 통화했다.\nㅇ 특히 의견을 같이 했다."
    assert [s.kind for s in segment_korean(text)] == ["title", "body", "body", "body"]


def test_japanese_translation_note_dates_agency_and_captions():
    text = "\n".join(
        [
            "U.S. and Japan",
            "大使が信任状を奉呈",
            "*下記の日本語文書は参考のための仮翻訳で、正文は英文です。",
            "2022年3月25日",
            "本日、大使は信任状を奉呈しました。",
            "会談に出席した(右から)朴氏、林氏=(聯合ニュース)",
            "Published by",
            "共同通信",
            "ANNnewsCHカテゴリの最新記事",
        ]
    )
    assert [s.kind for s in segment_japanese(text)] == [
        "debris",
        "title",
        "footer",
        "debris",
        "body",
        "caption",
        "debris",
        "credit",
        "debris",
    ]


def test_japanese_headings_and_video_links_below_the_headline_are_not_body():
    # Japanese lines without a sentence end below the headline are typed like the
    # Korean ones: a section heading or a link to a video is no body sentence,
    # and a long line without an end mark, or one ending in "：", still is.
    text = "\n".join(
        [
            "バイデン大統領就任演説 全文",
            "米首都ワシントンで20日、大統領就任式が行われた。",
            "始めに――日米同盟の再確認",
            "【ノーカット】バイデン新大統領 就任式 テレ東NEWS",
            "首相は記者会見で次のように述べた：",
            "今日は米国の日です。",
            "前日の記者会見で首相は新型ウイルス対策と水際措置の緩和と国葬の説明について長く語った",
        ]
    )
    assert [s.kind for s in segment_japanese(text)] == [
        "title", "body", "caption", "caption", "body", "body", "body",
    ]
