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
    r"無断複製|著作権|Copyright|All rights reserved",
    re.I,
)
_CAPTION = re.compile(
    r"^\s*[▲△▶■□◆◇☞※]|[(（](?:사진|그래픽|자료사진|写真|撮影)\s*[=＝:][^)）]*[)）]\s*$|"
    r"^\s*[(（]?(?:写真|사진)\s*[)）]?\s*[=＝:]|^\s*【写真】"
)
_DEBRIS = re.compile(
    r"^\s*(?:https?://\S+|관련\s*기사|기사\s*제보|▶\s*제보|関連記事|"
    r"[\[【]関連[\]】])",
    re.I,
)
_JA_CREDIT = re.compile(
    r"^\s*[(（](?:共同|時事|ロイター|AFP|AP|聯合|新華社)[=＝]?[^()（）]{0,10}[)）]\s*$"
)
_END_MARK = re.compile(r"\s*[(（]끝[)）]\s*$")


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


def _kind_of_line(line: str) -> str | None:
    if _FOOTER.search(line):
        return "footer"
    if _DEBRIS.search(line):
        return "debris"
    if _CAPTION.search(line):
        return "caption"
    if _JA_CREDIT.match(line):
        return "credit"  # "（共同）" closing a Japanese story
    stripped = _EMAIL.sub("", line).strip()
    if _EMAIL.search(line) and len(stripped) <= 20:
        return "credit"  # "홍길동 기자 gildong@yna.co.kr"
    return None


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
    ends = _JA_ENDS if lang == "ja" else _KO_ENDS
    text = line.strip().rstrip(_TRAILERS)
    return bool(text) and len(text) <= 80 and text[-1] not in ends


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
    elif len(lines) > 1 and _looks_like_title(lines[0], lang) and _kind_of_line(lines[0]) is None:
        add("title", lines.pop(0), 0)
    for number, line in enumerate(lines, start=1):
        kind = _kind_of_line(line)
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
            add("body", sentence, number)
        if end_mark:
            add("footer", end_mark.group(0), number)
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
