"""Korean particles that follow an inserted term: agree with the term's last sound.

No maintained PyPI library does this on arbitrary text ending in Latin letters or
digits (the josa packages take a bare word and guess only Hangul), so the rule
table lives here.
"""

from __future__ import annotations

import re

# (after a final consonant, after a vowel). Longest forms are tried first. 으로-type
# particles are handled apart because ㄹ takes the vowel form.
PAIRS: tuple[tuple[str, str], ...] = (
    ("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("이나", "나"),
    ("이랑", "랑"), ("아", "야"), ("이에요", "예요"), ("이었", "였"),
    ("이다", "다"), ("이며", "며"), ("이고", "고"), ("이라", "라"), ("이지만", "지만"),
    ("이란", "란"), ("이든", "든"),
)
RO_PAIRS: tuple[tuple[str, str], ...] = (("으로", "로"),)

_FORMS: list[tuple[str, tuple[str, str], bool]] = sorted(
    [(f, p, False) for p in PAIRS for f in p] + [(f, p, True) for p in RO_PAIRS for f in p],
    key=lambda x: -len(x[0]),
)

# How Latin letters are read in Korean (the final sound of each letter name):
# "V" vowel, "L" ㄹ, "C" another consonant.
_LETTER = {**{c: "V" for c in "ABCDEFGHIJKOPQSTUVWXYZ"}, "L": "L", "M": "C", "N": "C",
           "R": "L"}
# Digits: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구.
_DIGIT = dict(zip("0123456789", "CLVCVVCLLV", strict=True))
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3


def final_sound(term: str) -> str | None:
    """"V" (vowel), "L" (ㄹ), "C" (other final consonant) or None when unknown.

    A trailing parenthesis is skipped: the particle after "국가정보원(국정원)" agrees with
    the word before the parentheses. Latin letters and digits go by how they are read
    (AP = 에이피, 3 = 삼; 10 = 십, 100 = 백, 1000 = 천, 10000 = 만).
    """
    t = re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", term.strip()) or term.strip()
    t = t.rstrip(".,'\"’”」』)）")
    if not t:
        return None
    ch = t[-1]
    code = ord(ch)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        jong = (code - _HANGUL_FIRST) % 28
        return "V" if jong == 0 else ("L" if jong == 8 else "C")
    if ch.isdigit():
        digits = re.search(r"\d+$", t).group(0).lstrip("0")
        if not digits:
            return "C"  # 영
        zeros = len(digits) - len(digits.rstrip("0"))
        return "C" if zeros else _DIGIT[digits[-1]]  # 십 백 천 만 all end in a consonant
    if "A" <= ch <= "Z":
        return _LETTER[ch]
    if "a" <= ch <= "z":
        # A lowercase word: read roughly as spelled (Apple 애플, Google 구글).
        return "V" if ch in "aeiouy" else ("L" if ch == "l" else "C")
    return None


def choose(pair: tuple[str, str], sound: str, ro: bool = False) -> str:
    if ro:
        return pair[0] if sound == "C" else pair[1]
    return pair[1] if sound == "V" else pair[0]


def fix_particle(term: str, following: str) -> tuple[str, int]:
    """The particle that should start ``following`` after ``term``, and how many
    characters of ``following`` it replaces ("" and 0 when no particle starts it)."""
    sound = final_sound(term)
    if sound is None:
        return "", 0
    for form, pair, ro in _FORMS:
        if following.startswith(form):
            return choose(pair, sound, ro), len(form)
    return "", 0


def agree(term: str, following: str) -> str:
    """``following`` with its leading particle (if any) in agreement with ``term``."""
    particle, n = fix_particle(term, following)
    return particle + following[n:] if n else following
