"""The checks that send a machine pair to review, and why."""

from __future__ import annotations

import pytest

from service.quality import pair_flags, status_for

SOURCE = "North Korea fired a ballistic missile into the East Sea on Tuesday, the military said."


@pytest.mark.parametrize(("target", "lang", "stand_in", "flags"), [
    ("북한은 화요일 동해상으로 탄도미사일을 발사했다고 군이 밝혔다.", "ko", False, []),
    ("北朝鮮は火曜日、日本海に弾道ミサイルを発射したと軍が明らかにした。", "ja", False, []),
    ("", "ko", False, ["empty_output"]),
    ("북한.", "ko", False, ["length_ratio"]),
    ("북한은 fired a ballistic missile 발사했다.", "ko", False, ["untranslated_english"]),
    (SOURCE, "ko", True, ["stand_in"]),
    (SOURCE[:12], "ko", True, ["stand_in", "length_ratio"]),  # a copy cut short
    ("", "ja", True, ["stand_in", "empty_output"]),
])
def test_flags(target, lang, stand_in, flags):
    assert pair_flags(SOURCE, target, lang, stand_in=stand_in) == flags


def test_status_follows_the_serious_flags():
    assert status_for([]) == "machine"
    assert status_for(["stand_in"]) == "machine"
    assert status_for(["stand_in", "length_ratio"]) == "needs_review"
    assert status_for(["glossary_miss:jake-sullivan"]) == "needs_review"
