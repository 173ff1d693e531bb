"""Korean particles agree with the last sound of an inserted term (table-driven)."""

from __future__ import annotations

import pytest

from service.glossary.particles import PAIRS, RO_PAIRS, agree, final_sound, fix_particle

# Terms by last sound: final consonant, vowel, ㄹ.
CONSONANT = "설리번"  # 번: ㄴ
VOWEL = "커비"  # 비: no final consonant
RIEUL = "서울"  # 울: ㄹ

# (consonant form, vowel form) for every particle the issue lists, plus copula forms.
TABLE = [
    ("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("이나", "나"),
    ("이랑", "랑"), ("아", "야"), ("이에요", "예요"), ("이다", "다"), ("이었다", "였다"),
    ("이며", "며"), ("이고", "고"), ("이라고", "라고"), ("이지만", "지만"),
]


@pytest.mark.parametrize(("cons", "vow"), TABLE)
@pytest.mark.parametrize("written", ["cons", "vow"])
def test_particle_agrees_both_ways(cons, vow, written):
    tail = " 말했다."
    following = (cons if written == "cons" else vow) + tail
    assert agree(CONSONANT, following) == cons + tail
    assert agree(VOWEL, following) == vow + tail
    # ㄹ counts as a final consonant for every particle except 으로/로.
    assert agree(RIEUL, following) == cons + tail


@pytest.mark.parametrize("written", ["으로", "로"])
def test_euro_ro_with_rieul_rule(written):
    assert agree(CONSONANT, written + " 갔다") == "으로 갔다"
    assert agree(VOWEL, written + " 갔다") == "로 갔다"
    assert agree(RIEUL, written + " 갔다") == "로 갔다"  # ㄹ takes 로
    assert agree(RIEUL, written + "서 일했다") == "로서 일했다"


def test_every_pair_in_the_rule_table_is_covered():
    covered = {p for p in PAIRS for c, v in TABLE if c.startswith(p[0]) and v.startswith(p[1])}
    missing = set(PAIRS) - covered - {("이란", "란"), ("이든", "든"), ("이라", "라"),
                                      ("이었", "였")}
    assert not missing
    assert RO_PAIRS == (("으로", "로"),)


@pytest.mark.parametrize(
    ("term", "sound"),
    [
        ("AP", "V"),  # 에이피
        ("NATO", "V"),  # read as letters, O = 오
        ("IAEA", "V"),
        ("UNESCO", "V"),
        ("KCNA", "V"),
        ("NSC", "V"),  # 씨
        ("GM", "C"),  # 엠
        ("CNN", "C"),  # 엔
        ("NHL", "L"),  # 엘
        ("G7 3", "C"),  # 삼
        ("1", "L"),  # 일
        ("2", "V"),  # 이
        ("6", "C"),  # 육
        ("7", "L"),  # 칠
        ("8", "L"),  # 팔
        ("9", "V"),  # 구
        ("10", "C"),  # 십
        ("100", "C"),  # 백
        ("0", "C"),  # 영
        ("국가정보원(국정원)", "C"),  # the word before the parentheses
        ("유엔 안전보장이사회(안보리)", "V"),
        ("AP 연합뉴스", "V"),
        ("Apple", "V"),
        ("Google", "V"),
        ("Kursk", "C"),
        ("Seoul", "L"),
        ("", None),
        ("…", None),
    ],
)
def test_final_sound(term, sound):
    assert final_sound(term) == sound


def test_latin_and_digit_terms_pick_particles():
    assert agree("AP", "은 보도했다") == "는 보도했다"
    assert agree("CNN", "는 보도했다") == "은 보도했다"
    assert agree("3", "가 늘었다") == "이 늘었다"
    assert agree("2", "이 늘었다") == "가 늘었다"


def test_no_particle_leaves_text_alone():
    assert fix_particle("설리번", " 보좌관은") == ("", 0)
    assert agree("설리번", "의 발언") == "의 발언"
    assert agree("커비", "에게 물었다") == "에게 물었다"
    assert agree("…", "는") == "는"  # unknown sound: untouched
