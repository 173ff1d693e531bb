"""Korean and Japanese wire copy -> typed segments (the same kinds as for English).

Sentence ends: Japanese 。！？ (no space after), Korean . ? ! followed by a
space; neither splits inside quotes (「」『』“”‘’"") or parentheses, so
「…。…。」と述べた stays one sentence (only a long quotation of several full
sentences is cut, as English splitters cut it). Wire furniture gets its own kind:
datelines "(서울=연합뉴스)", "【ソウル共同】", "【ワシントン時事】"; credits
"홍길동 기자 =", reporter e-mail lines; captions "▲ …", "(사진=연합뉴스)";
footers "저작권자(c) 연합뉴스 무단 전재-재배포 금지", "(끝)", "無断転載禁止".

Why our own rules: kss (Korean) pulls in scipy, pecab, emoji==1.2.0, pytest and
a dozen more packages; pysbd has no Korean rules, and its Japanese rules (F1
0.841) and ja-sentence-segmenter (0.842) find fewer NTREX line boundaries than
these (0.894; `bench/align_bench.py --splitter`); and none of them knows
Korean/Japanese datelines, credits or footers.
"""

from __future__ import annotations

import re

from ..constants import TARGET_LANGS
from .types import Segment

_OPEN = {
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "‘": "’",
    "《": "》",
    "〈": "〉",
    "[": "]",
    "【": "】",
}
_DOUBLE = {'"', "“", "”"}  # double quotes, typed either way
_JA_ENDS = "。！？!?"
_KO_ENDS = ".?!"
_LONG_QUOTE = 20
_TRAILERS = "」』”’\"')）】〉》…"

# A Latin initial or abbreviation before "." is not a Korean sentence end.
_KO_NOT_END = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|No|vs|U\.S|U\.N))\.$")

_KO_DATELINE = re.compile(r"^\s*[(（]([^()（）=＝]{1,20})[=＝]([^()（）]{1,15})[)）]\s*")
_KO_CREDIT = re.compile(
    r"^\s*((?:[가-힣]{2,4}\s?(?:·\s?[가-힣]{2,4}\s?)*)(?:특파원|기자|통신원|"
    r"편집위원|논설위원)\s*[=＝])\s*"
)
_JA_DATELINE = re.compile(
    r"^\s*([【\[][^】\]]{1,20}(?:共同|時事|ロイター|AFP|AP|聯合|新華社|"
    r"[=＝]\S{1,10})[】\]])\s*"
)
_JA_DATELINE_PAREN = re.compile(r"^\s*([(（][^()（）]{1,15}[=＝][^()（）]{1,10}[)）])\s*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_FOOTER = re.compile(
    r"저작권자|무단\s*전재|재배포\s*금지|ⓒ|©|\(c\)\s*\S*연합|^\s*[(（]끝[)）]\s*$|無断転載|禁転載|"
    r"無断複製|著作権|Copyright|All rights reserved|자료제공\s*:|仮翻訳|仮訳|正文は英文",
    re.I,
)
# Photo captions: "▲ …", "(사진=연합뉴스)", "[외교부 제공]", "/AP", "…=(聯合ニュース)".
_AGENCY = r"(?:연합뉴스|뉴시스|뉴스1|로이터|聯合ニュース|共同|時事|ロイター|AP|AFP|EPA|Reuters)"
_CAPTION = re.compile(
    r"^\s*[▲△]|[(（](?:사진|그래픽|자료사진|写真|撮影)\s*[=＝:][^)）]*[)）]\s*$|"
    r"^\s*[(（]?(?:写真|사진)\s*[)）]?\s*[=＝:]|^\s*【写真】|"
    r"^\s*[\[(（][^\])）]{1,20}\s*제공\s*[\])）]\s*$|^\s*/\s*" + _AGENCY + r"\s*$|"
    r"[=＝]\s*[(（]?" + _AGENCY + r"[)）]?\s*$|자료사진|資料写真"
)
_DEBRIS = re.compile(
    r"^\s*(?:https?://\S+|관련\s*기사|기사\s*제보|▶\s*제보|関連記事|"
    r"[\[【]関連[\]】])|https?://|最新記事|カテゴリ",
    re.I,
)
# Page furniture a reader skips: comment and share boxes, log-in prompts.
_WIDGET = re.compile(
    r"댓글|공유하기|로그인|구독|본문\s*보기|コメント|シェア|ログイン|購読|で読む|\bshare\b|\bcomments?\b",
    re.I,
)
# "2022.05.13", "송고시간2023-05-20 22:06", "입력 | 2022-10-04 16:56 수정 | …", "2020年2月21日".
_TIMESTAMP = re.compile(
    r"\d{4}\s*[.\-/년年]\s*\d{1,2}\s*[.\-/월月]\s*\d{1,2}\s*[일日.]?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|"
    r"송고시간|입력|수정|등록|업데이트|更新|配信|掲載|[|:：\s]"
)
_JA_CREDIT = re.compile(
    r"^\s*[(（](?:共同|時事|ロイター|AFP|AP|聯合|新華社)[=＝]?[^()（）]{0,10}[)）]\s*$|"
    r"^\s*(?:共同通信|時事通信|ロイター|聯合ニュース|연합뉴스|뉴시스|뉴스1)\s*$"
)
# Broadcast sign-ons and staff lines: "조은정 기자가 보도합니다.", "VOA 뉴스 이조은입니다.",
# "기사 이경하, 에디터 양성원, 웹팀 김상일".
_CREDIT_SENTENCE = re.compile(
    r"^\s*(?:[가-힣]{2,4}\s?(?:기자|특파원)(?:가|이)?\s?(?:보도합니다|입니다|전합니다)|"
    r"(?:[A-Z]{2,5}\s?뉴스)(?:\s?[가-힣]{2,4}입니다)?|"
    r"(?:기사|에디터|웹팀|편집|취재|촬영|영상편집|그래픽)\s[가-힣]{2,4}(?:\s*,\s*\S+\s[가-힣]{2,4})*)"
    r"\s*[.。]?\s*$"
)
_END_MARK = re.compile(r"\s*[(（]끝[)）]\s*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
_LABEL_CHARS = 7  # a line this short without a sentence end is a menu item or a label
# Learners' pages gloss English words in the target language: "*launch: 발사하다",
# "・look at 考察する、調査する", "North Korea : 北朝鮮 successfully : 成功裡に ...". A gloss
# is an English term (after an optional bullet) and its rendering, never a sentence.
_LATIN_TERM = r"[A-Za-z][A-Za-z'’\-~ ]{0,40}?"
_RENDERING = r"[\s(~]*(?=[^\x00-\x7f])"  # the gloss proper: Korean or Japanese text
_GLOSS_BULLETED = re.compile(r"^\s*[*＊・•·※\-]\s*" + _LATIN_TERM + r"\s*[:：]?" + _RENDERING)
_GLOSS_COLON = re.compile(r"^\s*" + _LATIN_TERM + r"\s*[:：]" + _RENDERING)
_GLOSS_PAIR = re.compile(_LATIN_TERM + r"\s[:：]\s*[^\x00-\x7f]")


def split_sentences(text: str, lang: str) -> list[str]:
    """Split one paragraph into sentences.

    Not inside quotes or parentheses, except a long quotation of several full
    sentences (both sides of the end at least _LONG_QUOTE characters inside the
    quote): English splitters cut those too, and alignment needs the same units.
    """
    ends = _JA_ENDS if lang == "ja" else _KO_ENDS
    spans = _quote_spans(text)
    out: list[str] = []
    start = k = 0
    n = len(text)
    while k < n:
        ch = text[k]
        if ch in ends:
            span = spans.get(k)
            if span is not None and span[1] == k + 1:
                span = None  # "…。」彼は": the quote closes right after the end mark
            if span is None or (k - span[0] >= _LONG_QUOTE and span[1] - k >= _LONG_QUOTE):
                end = k + 1
                while end < n and text[end] in ends:
                    end += 1
                while (
                    end < n
                    and text[end] in _TRAILERS
                    and text[end] not in _OPEN
                    and (span is None or end != span[1])
                ):
                    end += 1
                if _is_end(text, start, k, end, lang):
                    out.append(text[start:end].strip())
                    start = k = end
                    continue
        k += 1
    out.append(text[start:].strip())
    return [s for s in out if s]


def _quote_spans(text: str) -> dict[int, tuple[int, int]]:
    """For each position inside quotes/brackets: (opening index, closing index) of the
    outermost pair around it. An unbalanced opener is ignored (treated as closed at once)."""
    spans: dict[int, tuple[int, int]] = {}
    stack: list[tuple[str, int]] = []
    for k, ch in enumerate(text):
        if _closes([c for c, _ in stack], ch):
            _, opened = stack.pop()
            if not stack:
                for pos in range(opened + 1, k):
                    spans[pos] = (opened, k)
        elif ch in _DOUBLE or ch in _OPEN:
            stack.append((ch, k))
    return spans


def _closes(stack: list[str], ch: str) -> bool:
    """Does ``ch`` close the innermost open quote or bracket?"""
    if not stack:
        return False
    top = stack[-1]
    if top in _DOUBLE:
        # Translators mix "…” and “…": any double quote closes any other.
        return ch in _DOUBLE and ch != "“"
    return _OPEN.get(top) == ch


def _is_end(text: str, start: int, k: int, end: int, lang: str) -> bool:
    if end >= len(text):
        return True
    if lang == "ja":
        # "。」と述べた" was handled by the quote stack; a closing bracket followed by
        # a quotation particle is still mid-sentence.
        return text[end] not in "とっのはがをにもや、"
    if not text[end].isspace():
        return False  # "3.5", "U.S.A", "다.”라고"
    return not (text[k] == "." and _KO_NOT_END.search(text[start : k + 1]))


def _kind_of_line(line: str, lang: str) -> str | None:
    if _FOOTER.search(line):
        return "footer"
    if _DEBRIS.search(line) or _is_widget(line) or _is_timestamp(line):
        return "debris"
    if _CAPTION.search(line) or _is_noun_caption(line, lang):
        return "caption"
    if not _CJK.search(line) or _is_gloss_line(line, lang):
        return "debris"  # English page furniture on a Korean/Japanese page
    if _JA_CREDIT.match(line) or _CREDIT_SENTENCE.match(line):
        return "credit"  # "（共同）" closing a Japanese story; a broadcast sign-on
    stripped = _EMAIL.sub("", line).strip()
    if _EMAIL.search(line) and len(stripped) <= 20:
        return "credit"  # "홍길동 기자 gildong@yna.co.kr"
    return None


def is_vocabulary_gloss(text: str, lang: str) -> bool:
    """A learner's note glossing English terms ("*launch: 발사하다"), not body text: one
    bulleted or colon-led term without a sentence end, or a run of "term : rendering"."""
    if len(_GLOSS_PAIR.findall(text)) >= 2:
        return True
    single = _GLOSS_BULLETED.match(text) or _GLOSS_COLON.match(text)
    return bool(single) and not _ends_sentence(text, lang)


def _is_gloss_line(line: str, lang: str) -> bool:
    # A line of sentences with a gloss run on after them is cut first (segment_cjk).
    return is_vocabulary_gloss(line, lang) and len(split_sentences(line, lang)) == 1


def _ends_sentence(line: str, lang: str) -> bool:
    text = line.strip().rstrip(_TRAILERS)
    return bool(text) and text[-1] in (_JA_ENDS if lang == "ja" else _KO_ENDS)


def _is_widget(line: str) -> bool:
    return len(line) <= 60 and bool(_WIDGET.search(line))


def _is_timestamp(line: str) -> bool:
    """A line of dates and times with at most a label ("입력", "更新")."""
    return bool(re.search(r"\d", line)) and not _TIMESTAMP.sub("", line).strip(".-/")


def _is_label(line: str, lang: str) -> bool:
    return (
        len("".join(line.split())) <= _LABEL_CHARS
        and not _ends_sentence(line, lang)
        and not line.rstrip().endswith((":", "："))
    )


# Longest heading-like line: Japanese packs more into a character than Korean.
_HEADING_CHARS = {"ko": 32, "ja": 40}


def _is_heading_like(line: str, lang: str = "ko") -> bool:
    """A short line below the headline that is no sentence and introduces nothing
    (no final ":"): a photo caption ("주요 7개국 정상회의를 계기로 만난 …"), a section
    heading or a link to a video ("【ノーカット】…"), not body text."""
    text = line.strip()
    return (
        len(text) <= _HEADING_CHARS.get(lang, 32)
        and not _ends_sentence(text, lang)
        and not (lang == "ko" and text.endswith("다"))
        and not text.endswith((":", "："))
        and not _lead(text, lang)[0]
    )


def _is_noun_caption(line: str, lang: str) -> bool:
    """A Korean line naming a person or a scene, "토니 블링컨 미국 국무장관.", not a sentence:
    short, and its final "." does not follow a verb ending."""
    text = line.strip()
    return (
        lang == "ko"
        and len(text) <= 40
        and text.endswith(".")
        and len(text) > 1
        and text[-2] not in "다요죠까니음함됨임"
    )


def _lead(line: str, lang: str) -> tuple[list[tuple[str, str]], str]:
    """Split a dateline and a credit off the start of a body paragraph."""
    lead: list[tuple[str, str]] = []
    patterns = (
        ((_KO_DATELINE, "dateline"), (_KO_CREDIT, "credit"))
        if lang == "ko"
        else ((_JA_DATELINE, "dateline"), (_JA_DATELINE_PAREN, "dateline"))
    )
    for pattern, kind in patterns:
        m = pattern.match(line)
        if m:
            lead.append((kind, m.group(0).strip()))
            line = line[m.end() :]
    return lead, line


def _looks_like_title(line: str, lang: str) -> bool:
    text = line.strip().rstrip(_TRAILERS)
    return bool(text) and len(text) <= 80 and not _ends_sentence(line, lang)


def segment_cjk(text: str, lang: str, title: str | None = None) -> list[Segment]:
    """Segments of a Korean ("ko") or Japanese ("ja") article."""
    segments: list[Segment] = []

    def add(kind: str, body: str, paragraph: int) -> None:
        if body.strip():
            segments.append(Segment(len(segments), kind, body.strip(), paragraph))

    lines = [ln.strip() for ln in text.replace("\r\n", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    if title:
        add("title", title, 0)
    looking_for_title = title is None and len(lines) > 1
    first_heading: int | None = None  # the first heading-like line typed a caption
    for number, line in enumerate(lines, start=1):
        kind = _kind_of_line(line, lang)
        if looking_for_title and kind is None and _is_label(line, lang):
            kind = "debris"  # menu items and section labels above the headline
        if looking_for_title and kind is None:
            looking_for_title = False
            if _looks_like_title(line, lang):
                add("title", line, 0)
                continue
        if kind is None and _is_label(line, lang) and not _lead(line, lang)[0]:
            kind = "debris"
        if kind is None and segments and _is_heading_like(line, lang):
            # A heading above all of the page's text is its headline (below a site
            # banner the first line was taken for); one among the text is a caption.
            kind = "caption" if any(s.kind == "body" for s in segments) else "title"
            if kind == "caption" and first_heading is None:
                first_heading = len(segments)
        if kind:
            add(kind, line, number)
            continue
        lead, rest = _lead(line, lang)
        for lead_kind, lead_text in lead:
            add(lead_kind, lead_text, number)
        end_mark = _END_MARK.search(rest)
        if end_mark:
            rest = rest[: end_mark.start()]
        for sentence in split_sentences(rest, lang):
            if is_vocabulary_gloss(sentence, lang):
                add("debris", sentence, number)  # a gloss run on after the translation
                continue
            add("credit" if _CREDIT_SENTENCE.match(sentence) else "body", sentence, number)
        if end_mark:
            add("footer", end_mark.group(0), number)
    if first_heading is not None and not any(s.kind == "title" for s in segments):
        # A page with no headline above its text (a blog's introduction comes first):
        # its first heading is the headline.
        head = segments[first_heading]
        segments[first_heading] = Segment(head.position, "title", head.text, head.paragraph)
    return segments


def segment_korean(text: str, title: str | None = None) -> list[Segment]:
    return segment_cjk(text, "ko", title)


def segment_japanese(text: str, title: str | None = None) -> list[Segment]:
    return segment_cjk(text, "ja", title)


def segment_target(text: str, lang: str, title: str | None = None) -> list[Segment]:
    """The segmenter for a target language ("ko" or "ja")."""
    if lang not in TARGET_LANGS:
        raise ValueError(f"no segmenter for {lang!r}")
    return segment_cjk(text, lang, title)
