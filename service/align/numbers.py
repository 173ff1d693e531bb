"""Numbers, months and weekdays as language-neutral anchor tokens.

"10,000" / "1만" / "1万", "1.5 million" / "150만" / "150万", "September" / "9월" /
"9月" all become the same token, so that a sentence and its translation share
them. No library converts between English number words and Korean/Japanese
myriad units, hence this small module. The words themselves are data, in
``data/number-words.tsv``.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "number-words.tsv"


def _words(lang: str, kind: str) -> dict[str, float]:
    """``{word: value}`` of one language and kind from ``data/number-words.tsv``,
    in file order (regex alternatives keep it)."""
    return {row["word"]: float(row["value"]) for row in _ROWS
            if row["lang"] == lang and row["kind"] == kind}


with DATA.open(encoding="utf-8") as _file:
    _ROWS = list(csv.DictReader(_file, delimiter="\t", quoting=csv.QUOTE_NONE))

_EN_SCALES = _words("en", "scale")
_EN_WORDS = {word: int(value) for word, value in _words("en", "number").items()}
_EN_MONTHS = {word: int(value) for word, value in _words("en", "month").items()}
_EN_DAYS = {word: int(value) for word, value in _words("en", "weekday").items()}

_EN_NUM = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:(?:st|nd|rd|th|s)\b)?"
    r"(?:[\s-]*(thousand|million|billion|trillion|bn|mn|tn|m)\b)?",
    re.I,
)
_EN_WORD = re.compile(
    r"\b(" + "|".join(_EN_WORDS) + r")\b(?:[\s-]+(thousand|million|billion))?", re.I
)
_EN_MONTH = re.compile(r"\b(" + "|".join(_EN_MONTHS) + r")\b\.?", re.I)
_EN_DAY = re.compile(r"\b(" + "|".join(_EN_DAYS) + r")\b", re.I)

# Korean and Japanese myriad units (the same in both scripts after mapping).
_CJK_UNITS = _words("ko", "scale") | _words("ja", "scale")
_CJK_NUM = re.compile(
    r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?([만억조천백万億兆千百])?"
    r"(?:\s?(\d{1,4})\s?([만천백万千百])([만万])?)?"
)
_KO_MONTH = re.compile(r"(\d{1,2})\s?월(?!요)")
_JA_MONTH = re.compile(r"(\d{1,2})\s?月(?!曜)")
_KO_DAYS = {word: int(value) for word, value in _words("ko", "weekday").items()}
_KO_DAY = re.compile(r"([월화수목금토일])요일")
_JA_DAYS = {word: int(value) for word, value in _words("ja", "weekday").items()}
_JA_DAY = re.compile(r"([月火水木金土日])曜")
# Native Korean numerals are only numbers before a counter ("두 명", "세 차례").
_KO_NATIVE = {word: int(value) for word, value in _words("ko", "number").items()}
_KO_COUNTER = re.compile(
    r"(?<![가-힣])(" + "|".join(_KO_NATIVE) + r")\s?(명|개|가지|번|차례|살|시간|달|마리|곳|척|대|"
    r"사람|군데|배)(?![가-힣]{2})"
)
# Kanji numerals are only numbers before a counter ("二人", "三つ", "五回").
_JA_KANJI = {word: int(value) for word, value in _words("ja", "number").items()}
_JA_COUNTER = re.compile(
    r"([一二三四五六七八九十]{1,3})(人|つ|回|件|カ国|か国|ヶ国|ヵ国|度|倍|"
    r"隻|機|発|台|日間|年間|週間|カ月|か月|ヶ月)"
)


def _token(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.6g}"


def _plain(text: str) -> float:
    return float(text.replace(",", ""))


def english_anchors(text: str) -> list[str]:
    """Number, month and weekday tokens of an English sentence."""
    out: list[str] = []
    for m in _EN_NUM.finditer(text):
        scale = _EN_SCALES.get((m.group(2) or "").lower(), 1.0)
        out.append(_token(_plain(m.group(1)) * scale))
    for m in _EN_WORD.finditer(text):
        word = m.group(1).lower()
        if word in ("one",) and not m.group(2):
            continue  # "one of", "no one": too often not a number
        scale = _EN_SCALES.get((m.group(2) or "").lower(), 1.0)
        out.append(_token(_EN_WORDS[word] * scale))
    for m in _EN_MONTH.finditer(text):
        word = m.group(1)
        if word.lower() in ("may", "march") and word[0].islower():
            continue  # the verb "may", "march"
        out.append(f"month:{_EN_MONTHS[word.lower()]}")
    out.extend(f"day:{_EN_DAYS[m.group(1).lower()]}" for m in _EN_DAY.finditer(text))
    return out


def _cjk_numbers(text: str) -> list[str]:
    out: list[str] = []
    for m in _CJK_NUM.finditer(text):
        value = _plain(m.group(1)) * _CJK_UNITS.get(m.group(2) or "", 1.0)
        if m.group(3) and m.group(2) in ("억", "億", "조", "兆"):
            extra = float(m.group(3)) * _CJK_UNITS[m.group(4)]
            value += extra * (1e4 if m.group(5) else 1.0)  # "3억 5천만" -> 350000000
        out.append(_token(value))
    return out


def korean_anchors(text: str) -> list[str]:
    """Number, month and weekday tokens of a Korean sentence."""
    text = unicodedata.normalize("NFKC", text)
    months = [f"month:{int(m.group(1))}" for m in _KO_MONTH.finditer(text)]
    body = _KO_MONTH.sub(" ", text)
    out = _cjk_numbers(body) + months
    out.extend(str(_KO_NATIVE[m.group(1)]) for m in _KO_COUNTER.finditer(body))
    out.extend(f"day:{_KO_DAYS[m.group(1)]}" for m in _KO_DAY.finditer(text))
    return out


def _kanji_value(chars: str) -> int:
    total, digit = 0, 0
    for ch in chars:
        if ch == "十":
            total += (digit or 1) * 10
            digit = 0
        else:
            digit = _JA_KANJI[ch]
    return total + digit


def japanese_anchors(text: str) -> list[str]:
    """Number, month and weekday tokens of a Japanese sentence."""
    text = unicodedata.normalize("NFKC", text)
    months = [f"month:{int(m.group(1))}" for m in _JA_MONTH.finditer(text)]
    body = _JA_MONTH.sub(" ", text)
    out = _cjk_numbers(body) + months
    out.extend(str(_kanji_value(m.group(1))) for m in _JA_COUNTER.finditer(body))
    out.extend(f"day:{_JA_DAYS[m.group(1)]}" for m in _JA_DAY.finditer(text))
    return out


def number_anchors(text: str, lang: str) -> list[str]:
    """Anchor tokens for ``lang`` in ("en", "ko", "ja")."""
    if lang == "ko":
        return korean_anchors(text)
    if lang == "ja":
        return japanese_anchors(text)
    return english_anchors(text)
