"""Terms through the engine: placeholders, verification, recovery and flags.

Engine test doubles (allowed for this part) copy their input and misbehave on
purpose with the placeholder characters, as real models do (Post et al.).
"""

from __future__ import annotations

import re

import pytest

from service.glossary import GlossaryOutcome, load_glossary, translate_with_glossary
from service.glossary.find import find_mentions

PUA = re.compile("[\ue000-\uf8ff]")

SEGMENTS = [
    "NK, Russia deepen ties",
    "SEOUL, Oct. 26 (AJP) - National Security Advisor Shin Won-sik met Jake Sullivan.",
    "Shin said North Korea's troops were in Russia, and Sullivan agreed.",
    "The U.N. Security Council will meet, the White House said.",
]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


class Engine:
    """Copies its input; subclasses misbehave. Records every call (one list = one batch)."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, texts: list[str]) -> list[str]:
        self.calls.append(list(texts))
        protected = any(PUA.search(t) for t in texts)
        return [self.main(t) if protected else self.plain(t) for t in texts]

    def main(self, text: str) -> str:
        return text

    def plain(self, text: str) -> str:
        return text


class Drop(Engine):
    def main(self, text):
        return PUA.sub("", text)


class DropAndMangle(Drop):
    """Drops placeholders, and without them writes every capitalised word its own way."""

    def plain(self, text):
        return re.sub(r"\b[A-Z][\w.-]*", lambda m: m.group(0)[::-1].lower(), text)


class Duplicate(Engine):
    def main(self, text):
        slots = PUA.findall(text)
        return f"{text} {slots[0]}" if slots else text


class DuplicateAndMangle(Duplicate, DropAndMangle):
    main = Duplicate.main


class Reorder(Engine):
    """Moves placeholders: their order in the output is reversed."""

    def main(self, text):
        slots = PUA.findall(text)
        it = iter(reversed(slots))
        return PUA.sub(lambda m: next(it), text)


class Garble(DropAndMangle):
    """Placeholders come back as SentencePiece's unknown mark."""

    def main(self, text):
        return PUA.sub(" ⁇ ", text)


class KnowsTerms(Drop):
    """Drops placeholders but, translating plainly, writes some renderings itself."""

    def plain(self, text):
        return text.replace("North Korea", "북한").replace("Russia", "러시아")


def check_no_silent_loss(glossary, sources, outcomes: list[GlossaryOutcome], target):
    mentions = find_mentions(sources, glossary)
    for src, ms, out in zip(sources, mentions, outcomes, strict=True):
        assert not PUA.search(out.target), out.target
        assert [(t.entry_id, t.source_span) for t in out.terms] == [
            (m.entry_id, (m.start, m.end)) for m in ms]
        for t in out.terms:
            assert src[t.source_span[0]:t.source_span[1]] == t.source_text
            if t.enforced:
                assert out.target[t.target_span[0]:t.target_span[1]] == t.rendering
            elif t.method == "suggested":  # unverified: reported, never enforced or flagged
                assert t.target_span is None and glossary[t.entry_id].status == "unverified"
            else:
                assert t.target_span is None
                assert f"glossary_miss:{t.entry_id}" in out.flags
        missed = {t.entry_id for t in out.terms if not t.enforced and t.method != "suggested"}
        assert {f.split(":", 1)[1] for f in out.flags} == missed


@pytest.mark.parametrize("target", ["ko", "ja"])
def test_copy_engine_enforces_every_term_in_one_call(glossary, target):
    engine = Engine()
    outs = translate_with_glossary(SEGMENTS, target, engine, glossary)
    assert len(engine.calls) == 1 and len(engine.calls[0]) == len(SEGMENTS)
    check_no_silent_loss(glossary, SEGMENTS, outs, target)
    assert all(t.enforced and t.method == "placeholder"
               for o in outs for t in o.terms if t.method != "suggested")
    assert all(not o.flags for o in outs)


def test_renderings_first_later_and_particles_in_korean(glossary):
    outs = translate_with_glossary(SEGMENTS, "ko", Engine(), glossary)
    assert outs[0].target == "북한, 러시아 deepen ties"
    assert outs[1].target == ("서울, Oct. 26 (AJP) - 신원식 국가안보실장 met 제이크 설리번.")
    assert outs[2].target == "신 실장 said 북한's troops were in 러시아, and 설리번 보좌관 agreed."
    assert outs[3].target == "The 유엔 안전보장이사회(안보리) will meet, the 백악관 said."


def test_japanese_renderings_keep_full_width_parentheses(glossary):
    outs = translate_with_glossary(SEGMENTS, "ja", Engine(), glossary)
    assert "申源湜（シン・ウォンシク）国家安保室長 met ジェイク・サリバン." in outs[1].target
    assert outs[2].target.startswith("申氏 said 北朝鮮's")
    assert "国連安全保障理事会（安保理）" in outs[3].target


@pytest.mark.parametrize("target", ["ko", "ja"])
def test_dropped_placeholders_are_recovered_by_substitution(glossary, target):
    engine = Drop()
    outs = translate_with_glossary(SEGMENTS, target, engine, glossary)
    assert len(engine.calls) == 2  # one main batch, one recovery batch
    assert engine.calls[1] == SEGMENTS  # every segment had a term; all retried at once
    check_no_silent_loss(glossary, SEGMENTS, outs, target)
    methods = {(t.entry_id, t.method) for o in outs for t in o.terms
               if t.enforced or t.method == "suggested"}
    assert all(not o.flags for o in outs)
    # "AJP" is unverified: only suggested, whatever the engine does.
    assert {m for e, m in methods if e != "ajp"} == {"recovery-substitute"}
    assert ("ajp", "suggested") in methods


@pytest.mark.parametrize("engine_cls", [DropAndMangle, Garble, DuplicateAndMangle])
@pytest.mark.parametrize("target", ["ko", "ja"])
def test_unrecoverable_terms_are_flagged_with_the_right_entry(glossary, engine_cls, target):
    engine = engine_cls()
    outs = translate_with_glossary(SEGMENTS, target, engine, glossary)
    assert len(engine.calls) == 2
    check_no_silent_loss(glossary, SEGMENTS, outs, target)
    expected = [[f"glossary_miss:{e}" for e in dict.fromkeys(m.entry_id for m in ms)
                 if glossary[e].status == "verified"]  # unverified ones are only suggested
                for ms in find_mentions(SEGMENTS, glossary)]
    if engine_cls is DuplicateAndMangle:
        # Only the first slot of each segment is duplicated: the others were enforced.
        expected = [[f[0]] if f else [] for f in expected]
        assert {t.method for o in outs for t in o.terms} == {"placeholder", "duplicated",
                                                             "suggested"}
    assert [o.flags for o in outs] == expected


def test_duplicated_placeholder_is_recovered(glossary):
    engine = Duplicate()
    outs = translate_with_glossary(SEGMENTS, "ko", engine, glossary)
    check_no_silent_loss(glossary, SEGMENTS, outs, "ko")
    assert all(not o.flags for o in outs)
    methods = [{t.method for t in o.terms if t.entry_id != "ajp"} for o in outs]
    assert methods == [{"recovery-substitute"}] * len(SEGMENTS)


def test_moved_placeholders_keep_their_own_terms(glossary):
    outs = translate_with_glossary(SEGMENTS, "ko", Reorder(), glossary)
    check_no_silent_loss(glossary, SEGMENTS, outs, "ko")
    assert outs[0].target == "러시아, 북한 deepen ties"
    by_entry = {t.entry_id: t for t in outs[0].terms}
    assert outs[0].target[slice(*by_entry["dprk"].target_span)] == "북한"
    assert all(t.enforced and t.method == "placeholder"
               for o in outs for t in o.terms if t.method != "suggested")


def test_recovery_uses_the_models_own_rendering(glossary):
    segs = ["North Korea and Russia signed a treaty."]
    outs = translate_with_glossary(segs, "ko", KnowsTerms(), glossary)
    check_no_silent_loss(glossary, segs, outs, "ko")
    assert outs[0].target == "북한 and 러시아 signed a treaty."
    assert [t.method for t in outs[0].terms] == ["recovery-plain", "recovery-plain"]


def test_no_glossary_is_plain_translation(glossary):
    engine = Engine()
    outs = translate_with_glossary(SEGMENTS, "ko", engine, None)
    assert [o.target for o in outs] == SEGMENTS
    assert all(o.terms == [] and o.flags == [] for o in outs)
    assert len(engine.calls) == 1


def test_korean_particle_after_a_placeholder_agrees():
    g = load_glossary()

    def engine(texts):
        return [PUA.sub(lambda m: m.group(0) + "은", t.replace(" said.", "")) + " 말했다."
                if PUA.search(t) else t for t in texts]

    segs = ["John Kirby said.", "Jake Sullivan said.", "Seoul said."]
    outs = translate_with_glossary(segs, "ko", engine, g)
    assert [o.target for o in outs] == ["존 커비는 말했다.", "제이크 설리번은 말했다.",
                                        "서울은 말했다."]

    def spaced(texts):  # the model separates the particle from the placeholder
        return [PUA.sub(lambda m: m.group(0) + " 를", t) for t in texts]

    [out] = translate_with_glossary(["They met Jake Sullivan"], "ko", spaced, g)
    assert out.target == "They met 제이크 설리번을"

    def demonstrative(texts):  # "이" standing alone is "this", not a particle
        return [PUA.sub(lambda m: m.group(0) + " 이 문제", t) for t in texts]

    [out] = translate_with_glossary(["John Kirby"], "ko", demonstrative, g)
    assert out.target == "존 커비 이 문제"


def test_japanese_has_no_spaces_around_inserted_terms():
    g = load_glossary()
    # The model put spaces around the placeholder between Japanese words.
    [out] = translate_with_glossary(["Shin Won-sik said."], "ja", lambda ts: [
        "会談で " + PUA.findall(ts[0])[0] + " は述べた"], g)
    assert out.target == "会談で申源湜（シン・ウォンシク）は述べた"
    assert out.terms[0].enforced


def test_wrong_number_of_outputs_is_an_error(glossary):
    with pytest.raises(ValueError, match="returned 0 texts"):
        translate_with_glossary(SEGMENTS, "ko", lambda ts: [], glossary)
    with pytest.raises(ValueError, match="unknown target"):
        translate_with_glossary(SEGMENTS, "fr", Engine(), glossary)


def test_substitution_respects_case_rules(glossary):
    segs = ["Let us see what the US does."]
    outs = translate_with_glossary(segs, "ko", Drop(), glossary)
    assert outs[0].target == "Let us see what the 미국 does."
    assert [t.method for t in outs[0].terms] == ["recovery-substitute"]


def test_garbled_slot_characters_never_reach_the_target(glossary):
    class Shift(DropAndMangle):  # every slot comes back as another Private-Use-Area char
        def main(self, text):
            return PUA.sub(lambda m: chr(ord(m.group(0)) + 100), text)

    outs = translate_with_glossary(SEGMENTS, "ja", Shift(), glossary)
    check_no_silent_loss(glossary, SEGMENTS, outs, "ja")  # no PUA in any target
    assert all(t.method == "missing" for o in outs for t in o.terms if t.entry_id != "ajp")
    assert all(o.flags for o in outs)


def test_private_use_characters_of_the_source_pass_through(glossary):
    segs = ["Logo \ue000 of North Korea"]
    outs = translate_with_glossary(segs, "ko", Engine(), glossary)
    assert outs[0].target == "Logo \ue000 of 북한"
    assert outs[0].terms[0].method == "placeholder"
