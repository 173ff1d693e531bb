"""Real bilingual excerpts for the link-fix tests, stored as human pairs with
the kind of wrong links the aligner makes (a shift by one near the end, a
1-0 and a 0-1 that belong together, a 2-2 that is two 1-1s).

Short excerpts of public pages, for testing only, as the ``search`` tool's
``pages`` corpus holds them (URLs below); their publishers keep every right.
"""

from __future__ import annotations

import sqlite_utils

from service.store.articles import PairRecord, TranslationRecord, save_article

# A State Department readout and the U.S. Embassy Seoul's Korean translation.
KO_URLS = (
    "https://www.einpresswire.com/article/599196219/secretary-blinken-s-call-with-republic-of-korea-foreign-minister-park",
    "https://kr.usembassy.gov/ko/110322-secretary-blinkens-call-with-republic-of-korea-foreign-minister-park-ko/",
)
KO_EN = [
    "Secretary Blinken’s Call with Republic of Korea Foreign Minister Park",
    "The below is attributable to Spokesperson Ned Price:",
    "Secretary of State Antony J. Blinken spoke on November 1 with Republic of Korea (ROK) "
    "Foreign Minister Park Jin following the Democratic People’s Republic of Korea’s (DPRK) "
    "latest ballistic missile launches.",
    "Secretary Blinken and Foreign Minister Park jointly condemned and expressed deep concern "
    "about the DPRK’s escalatory launch of ballistic missiles, including one that recklessly "
    "and dangerously landed near the ROK coastline.",
    "The Secretary reaffirmed the ironclad U.S. commitment to the ROK’s security and safety "
    "and stressed the need for the international community to unite in holding the DPRK "
    "accountable for its continued provocations.",
    "Both officials strongly condemned the DPRK’s continued and blatant disregard for "
    "multiple UN Security Council resolutions and the deeply destabilizing effect its actions "
    "are having on the region.",
    "The Secretary emphasized that the United States would take all necessary measures to "
    "ensure the security of our allies and will continue efforts to limit the DPRK’s ability "
    "to advance its unlawful ballistic missiles and weapons of mass destruction programs.",
    "Secretary Blinken also extended his deepest condolences regarding the recent tragedy in "
    "Itaewon, emphasizing the strong and enduring friendship between the United States and "
    "the ROK.",
]
KO = [
    "블링컨 장관 – 박진 한국 외교장관 통화",
    "네드 프라이스 대변인 발표문:",
    "지난 11월 1일 북한의 최근 탄도미사일 발사 직후 토니 블링컨 국무장관은 박진 한국 "
    "외교장관과 통화했다.",
    "블링컨 장관과 박 장관은 한국 해안 인근에 무모하고 위험하게 낙탄하는 미사일을 포함, "
    "긴장을 고조시키는 북한의 탄도미사일 발사를 공동 규탄하고 이에 대한 깊은 우려를 표명했다.",
    "블링컨 장관은 한국의 안보와 안전에 대한 미국의 철통 같은 의지를 재확인했고, 북한의 "
    "지속적인 도발에 대한 책임을 묻는데 국제사회 결속의 필요성을 강조했다.",
    "양국 장관은 다수 유엔 안전보장이사회 결의를 지속적, 노골적으로 무시하는 북한과 불안정을 "
    "심히 야기하는 이 같은 행위를 강력히 규탄했다.",
    "블링컨 장관은 미국은 동맹국들의 안보를 위해 모든 필요한 조치를 취할 것이며, 북한의 "
    "불법적인 탄도미사일∙대량살상무기 개발 능력을 제한하기 위한 노력을 지속적으로 할 것임을 "
    "강조했다.",
    "또한 블링컨 장관은 최근 이태원에서 발생한 비극적인 사고와 관련, 깊은 위로를 전달하면서 "
    "한미 양국간의 강력하고 지속적인 우정을 강조했다.",
]
# The links as the aligner got them wrong: from the 4th pair on, Korean is one
# sentence ahead, and the last English pair takes two sentences.
KO_WRONG = [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3, 4]), ([4], [5]), ([5], [6]),
            ([6, 7], [7])]

# Ambassador Emanuel's statement (as quoted by the Rafu Shimpo) and the U.S.
# Embassy Tokyo's Japanese translation.
JA_URLS = (
    "https://rafu.com/2022/03/new-u-s-ambassador-emanuel-presents-credentials-to-emperor/",
    "https://jp.usembassy.gov/ja/statement-by-ambassador-emanuel-presentation-of-credentials-ja/",
)
JA_EN = [
    "Today I had the distinct honor and privilege of presenting my credentials to His Majesty "
    "the Emperor of Japan, officially appointing me as U.S. ambassador to Japan.",
    "I am proud and humbled at the manifest trust and confidence that the United States and "
    "Japan have placed in me.",
    "To all of the American citizens visiting and living in Japan; to our military service "
    "members and their families stationed in Japan; and to the team of American and Japanese "
    "professionals at the U.S. Embassy and our five consulates working to strengthen ties "
    "between our two countries, I am committed to working for you and alongside you.",
    "As I explained during my confirmation hearing before the U.S. Senate, I firmly believe "
    "that what we build in partnership with Japan over the next three years will determine "
    "our posture over the next 30 years in the Indo-Pacific region.",
    "Together, the United States and Japan will ensure our mutual defense, we will create "
    "opportunity for our people, and we will stand up for our shared values.",
]
JA = [
    "本日、私は天皇陛下に信任状を奉呈し、正式に駐日米国大使に任命されるという、"
    "大変光栄な機会をいただきました。",
    "米国と日本が私に寄せてくださった明白な信頼と信任を誇りに思うと同時に、"
    "身の引き締まる思いでおります。",
    "日本を訪れ、日本で暮らす全ての米国市民、日本に駐留する米軍人とその家族、そして日米両国の"
    "絆を深めるため米国大使館および5カ所の領事館に勤務する米国人と日本人の職員チーム――"
    "私は皆さんのために、そして皆さんと一緒に職務に臨む所存です。",
    "米上院での指名承認公聴会で説明しましたように、日米が今後3年間で構築するパートナーシップが、"
    "今後30年間のインド太平洋地域における日米の立ち位置を決めるものになると確信しています。",
    "日米両国は、共に相互防衛を確保し、両国民のために機会を創出し、共通の価値観を守っていきます。",
]
# A 1-0 and a 0-1 that belong together, and a 2-2 that is two 1-1 links.
JA_WRONG = [([0], [0]), ([1], []), ([], [1]), ([2, 3], [2, 3]), ([4], [4])]


def _glue(lang: str) -> str:
    return "" if lang == "ja" else " "


def human_pairs(english: list[str], target: list[str], beads: list[tuple[list[int], list[int]]],
                lang: str, *, keep_sentences: bool = True) -> list[PairRecord]:
    """Pairs as the alignment use case stores them, one per bead."""
    pairs = []
    for position, (src, tgt) in enumerate(beads):
        flags = ["no_source"] if not src else ["no_target"] if not tgt else []
        pairs.append(PairRecord(
            position=position, kind="title" if lang == "ko" and position == 0 else "body",
            source=" ".join(english[i] for i in src),
            target=_glue(lang).join(target[i] for i in tgt) or None,
            status="needs_review" if flags else "machine", origin="human",
            flags=["weak_alignment", *flags] if flags else [], bead=f"{len(src)}-{len(tgt)}",
            score=0.42,
            sentences=({"source": [english[i] for i in src], "target": [target[i] for i in tgt]}
                       if keep_sentences else None)))
    return pairs


def seed_human(db: sqlite_utils.Database, lang: str, *, keep_sentences: bool = True,
               with_machine: bool = False) -> int:
    """An article with a wrongly linked human ``lang`` translation (and, when
    asked, a machine one for the other language); returns the article id."""
    english, target, beads, urls = ((KO_EN, KO, KO_WRONG, KO_URLS) if lang == "ko"
                                    else (JA_EN, JA, JA_WRONG, JA_URLS))
    translations = [TranslationRecord(
        lang, "human", "alignment", "1", False,
        human_pairs(english, target, beads, lang, keep_sentences=keep_sentences),
        target_text="\n".join(target))]
    if with_machine:
        other = "ja" if lang == "ko" else "ko"
        translations.append(TranslationRecord(other, "machine", "test", "0", False, [
            PairRecord(position=i, kind="body", source=s, target=f"[{other}] {s}",
                       status="machine", origin="machine")
            for i, s in enumerate(english[:3])]))
    return save_article(db, text="\n".join(english), segments=[], title=english[0],
                        url=urls[0], translations=translations).article_id
