"""How glossary entries become patterns: every English form compiled once per glossary.

``matcher_for(glossary)`` gives the ``Matcher`` the finder (``find.py``) reads: each
form's regular expression with the word that must be in a segment for it to match, the
titles that may stand beside a person, the parenthesised abbreviations, country groups,
owners, surnames and ships' short names. Nothing here is compiled per article.
"""

from __future__ import annotations

import re

import ahocorasick

from .model import TARGETS, Entry, Glossary

# A consonant then a vowel: where McCune-Reischauer may put an apostrophe (Pyong'an).
_CONSONANT_VOWEL = re.compile(r"[b-df-hj-np-tv-z][aeiou]", re.IGNORECASE)
# The prefix of a ship's name ("USS", "ROKS", "JS"): the name without it is found only
# in a ship's context.
SHIP_PREFIX = re.compile(r"^(?:USS|USNS|HMS|HMAS|HMCS|INS|ROKS|JS|JDS|RFS|CNS)\s+(?=\S)")
# Another office than the entry's title names: "Vice President Joe Biden".
OTHER_OFFICE = re.compile(r"(?<!\w)(?:Vice|Deputy)[ -]$", re.IGNORECASE)

# A military rank written between an office and its holder's name.
_RANK = (r"(?:(?:Lt\.?|Lieutenant|Vice|Rear|Maj\.?|Major|Brig\.?)\s+)?"
         r"(?:Gen\.?|General|Adm\.?|Admiral)")

# Lower-case words inside a name's capitalised words ("Ministry of Foreign Affairs").
_SMALL_WORDS = frozenset({"of", "and", "for", "the", "on", "in"})

# A form starts after no word character, and after a dot only when the dot ends a
# sentence glued to the next ("Monday.Pyongyang", "13.North Korea"), never inside an
# abbreviation ("U.S.Japan") or a domain.
_LEAD = r"(?<!\w)(?<![^a-z0-9]\.)"


# British and American spellings of one word in a name are one name: "National Defence
# Strategy" = "National Defense Strategy", "Defence Buildup Programme", "Korea Centre".
# Each word's pattern, and the stem both spellings share (the word index's anchor).
_SPELLINGS = {
    "defense": (r"[Dd]efen[cs]e", "defen"), "defence": (r"[Dd]efen[cs]e", "defen"),
    "program": (r"[Pp]rogram(?:me)?", "program"), "programme": (r"[Pp]rogram(?:me)?", "program"),
    "center": (r"[Cc]ent(?:er|re)", "cent"), "centre": (r"[Cc]ent(?:er|re)", "cent"),
    "organization": (r"[Oo]rgani[sz]ation", "organi"),
    "organisation": (r"[Oo]rgani[sz]ation", "organi"),
}
_SPELLING_WORD = re.compile(r"(?<!\w)(" + "|".join(_SPELLINGS) + r")(?!\w)", re.IGNORECASE)


def anchor_of(form: str) -> str:
    """The longest word of ``form``, lower-cased and with a spelt word reduced to the stem
    its British and American spellings share: a segment that lacks it cannot hold the form."""
    low = _SPELLING_WORD.sub(lambda m: _SPELLINGS[m.group(1).lower()][1], form.lower())
    return max(re.findall(r"[a-z0-9]+", low), key=len, default="")


# The head of a base's name: "Yokota Air Base", "Yokosuka Naval Base", "Iwakuni Air Station".
_BASE_HEAD = re.compile(r" (?:Air Base|Naval Base|Air Station|Naval Air Station)$")


def _form_regex(form: str, tolerant: bool) -> str:
    parts = []
    spelt = {m.start(): m.end() for m in _SPELLING_WORD.finditer(form)} if tolerant else {}
    skip_to = 0
    for i, ch in enumerate(form):
        if i < skip_to:
            continue
        if i in spelt:
            parts.append(_SPELLINGS[form[i:spelt[i]].lower()][0])
            skip_to = spelt[i]
            continue
        if ch == "." and form[i + 1:i + 2] == " " and re.fullmatch(r"\.[A-Z]", form[i - 2:i]):
            # An initialism's last stop before the rest of a name may be missing in scraped
            # copy: "U.S Navy" = "U.S. Navy" (gloss19). Not a bare "U.S", which a name does
            # not follow.
            parts.append(r"\.?")
        elif ch.isspace() and form[i - 1:i] == ".":
            parts.append(r"\s*")  # "N. Korean" = "N.Korean", "U.N. Command" = "U.N.Command"
        elif ch == "." and form[i + 1:i + 2].isalpha() and form[i - 1:i].isupper():
            parts.append(r"\.[ ]?")  # initials with a space: "U. S." = "U.S."
        elif ch.isspace() and tolerant and form[i + 1:i + 5] == "and " and "," in form[:i]:
            # A list in a name with or without the serial comma: "Ministry of Economy,
            # Trade and Industry" = "Ministry of Economy, Trade, and Industry".
            parts.append(r",?\s+")
        elif ch.isspace():
            parts.append(r"\s+")
        elif ch in "-‐‑" and form[i - 1:i] == ".":
            # After initials the hyphen joins two names ("U.S.-Japan"): a dash, spaced or
            # not, never a bare space ("U.S. Japan Korea" is a tag list, not the trio).
            parts.append(r"[ \t]?[-‐‑–][ \t]?")
        elif ch in "-‐‑":
            # Tolerant names: "Kim Jong-un" = "Kim Jong Un" = "Kim Jongun".
            # A spaced dash in scraped copy: "Asia - Pacific" = "Asia-Pacific".
            parts.append(r"(?:[ \t]?[-‐‑–][ \t]?|\s)?" if tolerant else r"[-‐‑]")
        elif ch in "'’":
            parts.append(r" ?['’]")  # "Democratic People 's Republic" in scraped copy
        else:
            parts.append(re.escape(ch))
            if tolerant and _CONSONANT_VOWEL.fullmatch(form[i:i + 2]):
                # McCune-Reischauer marks aspiration and syllable breaks with an
                # apostrophe: "North Pyong'an" = "North Pyongan", "Ch'ongjin" = "Chongjin".
                parts.append(r"['’]?")
            elif tolerant and ch in "ou" and form[i + 1:i + 2].isalpha():
                # ... and copy without breves writes its ŏ and ŭ with an apostrophe after
                # the vowel: "Kim Cho’ng-u’n" = "Kim Chong-un", "Ku’msusan" = "Kumsusan"
                # (gloss19).
                parts.append(r"['’]?")
    body = "".join(parts)
    tail = r"(?!\w)" if form[-1].isalnum() else ""
    return rf"{_LEAD}{body}{tail}" if form[0].isalnum() else body + tail


def _form_body(form: str, tolerant: bool) -> str:
    """``_form_regex`` without its lead, to place the form after other words."""
    rx = _form_regex(form, tolerant)
    return rx[len(_LEAD):] if rx.startswith(_LEAD) else rx


def is_exact_form(form: str, entry: Entry) -> bool:
    # Acronyms ("US", "U.N.", "DPRK") always match case-sensitively, so "us" is never the
    # United States; other forms follow the entry's case rule.
    return entry.case == "exact" or not any(c.islower() for c in form)


def _compile_form(form: str, entry: Entry) -> re.Pattern[str]:
    if form.startswith("the "):
        # "the North", "the South": only "the"/"The" is free, the name keeps its case, so
        # "in the north of the country" is no mention.
        rest = form[4:]
        # Nor when it begins a longer name: "the North Korean Central News Agency".
        return re.compile(_LEAD + r"[Tt]he\s+" + _form_body(rest, False)
                          + r"(?![ \t]+[A-Z])")
    exact = is_exact_form(form, entry)
    if exact and form.isalpha() and form.isupper() and len(form) >= 4:
        # An acronym spoken as a word is written in title case by some outlets ("Nato",
        # "Asean", "Thaad"): that spelling too, still case-sensitive.
        return re.compile(f"(?:{_form_regex(form, False)}|{_form_regex(form.capitalize(), False)})")
    return re.compile(_form_regex(form, not exact), 0 if exact else re.IGNORECASE)


def _headless(form: str, forms: tuple[str, ...] | list[str]) -> bool:
    """Whether ``form`` is another form of its entry without the words naming its owner."""
    tail = form.casefold()
    return any(f.casefold().endswith((" " + tail, "'s " + tail, "’s " + tail))
               for f in forms if f.casefold() != tail)


def plain(form: str) -> str:
    """A form compared as words: case, apostrophe shape and spacing aside."""
    return re.sub(r"\s+", " ", form.casefold().replace("’", "'")).strip()


def _country_group_index(glossary: Glossary) -> dict[frozenset[str], Entry]:
    """Pair and trilateral entries ("South Korea-United States", "South Korea-US-Japan")
    keyed by the ids of the countries their canonical name joins."""
    by_form = {f.casefold(): e.id for e in glossary if e.kind == "place"
               for f in e.english_forms}
    groups: dict[frozenset[str], Entry] = {}
    for e in glossary:
        if e.kind != "term":
            continue
        parts = [by_form.get(p.strip().casefold()) for p in re.split(r"(?<=\w)-(?=[A-Z])", e.en)]
        if len(parts) >= 2 and all(parts) and len(set(parts)) == len(parts):
            groups.setdefault(frozenset(parts), e)  # type: ignore[arg-type]
    return groups


class Matcher:
    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        # Each form with its longest word, lower-cased: a segment that lacks it as a
        # substring cannot hold the form, so its regex is not run (hyphens and case aside,
        # the word survives every spelling the regex allows).
        self.forms: list[tuple[re.Pattern[str], Entry, str]] = []
        # Forms that are a longer form of their entry without its owner ("Security Council"
        # of "UN Security Council", "presidential office" of "South Korea's presidential
        # office"): a name only when capitalised; in lower case they are common nouns
        # ("appoints Bulyga to security council", "the presidential office said").
        self.headless: set[int] = set()
        # Ships' names without their prefix, found only in a ship's context.
        self.ship_names: list[tuple[re.Pattern[str], Entry, str]] = []
        # The last word of a ship's name of two words or more ("Vinson" of "USS Carl
        # Vinson"), found only after "the" once the article has named the ship.
        self.ship_short: list[tuple[re.Pattern[str], Entry, str]] = []
        # A base's name without its head ("Yokota" of "Yokota Air Base"), found only once
        # the article has named the base in full (gloss19).
        self.base_short: list[tuple[re.Pattern[str], Entry, str]] = []
        all_forms = {f.casefold() for e in glossary for f in e.english_forms}
        # Every English form, case-folded: an abbreviation an article defines is taken
        # only when no entry already holds it (find._defined_abbreviations).
        self.form_words: frozenset[str] = frozenset(all_forms)
        for e in glossary:
            for form in sorted(set(e.english_forms), key=len, reverse=True):
                if form:
                    anchor = anchor_of(form)
                    rx = _compile_form(form, e)
                    self.forms.append((rx, e, anchor))
                    if _headless(form, e.english_forms):
                        self.headless.add(id(rx))
                    bare = SHIP_PREFIX.sub("", form)
                    if bare != form and bare.casefold() not in all_forms:
                        self.ship_names.append((_compile_form(bare, e), e, anchor))
                    last = bare.split()[-1] if bare != form and " " in bare.strip() else ""
                    if re.fullmatch(r"[A-Z][a-z][\w'’]+", last) \
                            and last.casefold() not in all_forms:
                        # "the Vinson" once the article named "USS Carl Vinson".
                        self.ship_short.append((_compile_form(last, e), e, last.lower()))
        for e in glossary:
            head = _BASE_HEAD.search(e.en) if e.kind == "place" else None
            name = e.en[:head.start()] if head else ""
            if name and name.casefold() not in all_forms and re.fullmatch(r"[A-Z][a-z]+", name):
                self.base_short.append((_compile_form(name, e), e, name.lower()))
        self.left_title: dict[str, re.Pattern[str]] = {}
        self.right_title: dict[str, re.Pattern[str]] = {}
        self.paren: dict[str, re.Pattern[str]] = {}
        for e in glossary:
            if e.en_title:
                alts = "|".join(_form_regex(t, True) for t in sorted(e.en_title, key=len,
                                                                      reverse=True))
                # A rank may stand between the title and the name: "Chairman of the Joint
                # Chiefs of Staff, General Joseph F. Dunford Jr.".
                self.left_title[e.id] = re.compile(
                    rf"(?:{alts})[ \t]*,?\s+(?-i:{_RANK}\s+)?$", re.IGNORECASE)
                # An appositive title ends the phrase: "Putin, President Xi" is a list.
                self.right_title[e.id] = re.compile(
                    rf"^,\s*(?:{alts})(?=\s*(?:[,.;:)\"'”’]|$)|(?-i:\s+[a-z]))", re.IGNORECASE)
            # Straight or curly apostrophes, as in names: "DPRK (Democratic People’s ...)".
            alts = "|".join(re.escape(f).replace("'", "['’]")
                            for f in sorted(e.english_forms, key=len, reverse=True))
            self.paren[e.id] = re.compile(rf"^\s*[(（]\s*(?:{alts})\s*[)）]")
        self.groups = _country_group_index(glossary)
        self.grouped = frozenset(i for key in self.groups for i in key)
        self.members = {e.id: key for key, e in self.groups.items()}
        self.country_by_form = {f.casefold(): e.id for e in glossary if e.id in self.grouped
                                for f in e.english_forms if not f.startswith("the ")}
        alts = "|".join(re.escape(f) for f in sorted(self.country_by_form, key=len,
                                                     reverse=True))
        self.country_lead = re.compile(rf"({alts})(?:['’]s)?\s+(?=\S)", re.IGNORECASE) \
            if alts else re.compile(r"(?!)")
        # The same country right before a match ("Japan's self-defense forces").
        self.country_before = re.compile(rf"(?<![\w.])({alts})(?:['’]s)?\s+$", re.IGNORECASE) \
            if alts else re.compile(r"(?!)")

        # The country or body an organisation or term belongs to, as its own English forms
        # name it ("UN Security Council" -> united-nations, "Japanese Self-Defense Forces"
        # -> japan): another country right before a bare form names another body
        # ("Russia's Security Council" is not the UN's).
        owner_rx = re.compile(rf"^({alts})(?:['’]s)?\s+(?=\S)", re.IGNORECASE) if alts else None
        un_forms = {f.casefold(): e.id for e in glossary if e.id == "united-nations"
                    for f in e.english_forms}
        self.owners: dict[str, frozenset[str]] = {}
        for e in glossary:
            if e.kind in ("person", "place"):
                continue
            own = set()
            for f in e.english_forms:
                hit = owner_rx.match(f) if owner_rx else None
                if hit:
                    own.add(self.country_by_form[hit.group(1).casefold()])
                lead = re.match(r"^(U\.?N\.?|United Nations)\s", f)
                if lead and lead.group(1).casefold() in un_forms:
                    own.add(un_forms[lead.group(1).casefold()])
            if own:
                self.owners[e.id] = frozenset(own)
        # A span that opens with its own owner's name ("UN Security Council") is that
        # owner's body even after another country ("North Korea's UN Security Council-
        # proscribed programs").
        self._owner_lead: dict[str, re.Pattern[str]] = {}
        for eid, own in self.owners.items():
            lead_forms = sorted({f for o in own for f in glossary[o].english_forms
                                 if not f.startswith("the ")}, key=len, reverse=True)
            if lead_forms:
                self._owner_lead[eid] = re.compile(
                    "|".join(_form_regex(f, False) for f in lead_forms) + r"(?:['’]s)?\s")
        # A body's name that begins with its country, written in lower case or as one word
        # after that country: "South Korea's defence ministry" (of "South Korea's Defence
        # Ministry", an exact-case entry), "China's coastguard" and "Chinese coast guard" (of
        # "China Coast Guard"). Only names (capitalised tails) and only spellings other than
        # the name's own: "Japan's Self-Defense Forces" stays the country plus the force. The
        # country keeps its case (so "us" is never the US). The match takes the country in
        # when the entry's rendering names it (중국 해경국); otherwise it is the tail alone,
        # found only right after its owner (the country is then a mention of its own).
        self.owned_only: set[int] = set()
        forms_of: dict[str, set[str]] = {}
        for f, cid in self.country_by_form.items():
            forms_of.setdefault(cid, set()).update(
                g for g in glossary[cid].english_forms if g.casefold() == f)
        for e in glossary:
            if e.kind in ("person", "place"):
                continue
            tails: dict[str, set[str]] = {}
            for f in e.english_forms:
                hit = owner_rx.match(f) if owner_rx else None
                tail = f[hit.end():] if hit else ""
                if " " in tail.strip() and all(w[0].isupper() or w in _SMALL_WORDS
                                               for w in tail.split()):
                    tails.setdefault(tail, set()).add(
                        self.country_by_form[hit.group(1).casefold()])  # type: ignore[union-attr]
            for tail, cids in sorted(tails.items()):
                body = _form_body(tail, True)
                # "coast guard" = "coastguard"; never the name as the entry writes it.
                body = body.replace(r"\s+", r"\s*")
                loose = rf"(?!{re.escape(tail)}(?!\w))(?i:{body})"
                anchor = anchor_of(tail)
                named = any(getattr(e, lang).startswith(getattr(glossary[cid], lang))
                            for cid in cids for lang in TARGETS)
                if named:
                    owners_alts = "|".join(
                        _form_body(c, False)
                        for c in sorted({g for cid in cids for g in forms_of.get(cid, ())},
                                        key=len, reverse=True))
                    rx = re.compile(rf"{_LEAD}(?:{owners_alts})(?:['’]s)?\s+{loose}")
                else:
                    rx = re.compile(rf"{_LEAD}{loose}")
                    self.owned_only.add(id(rx))
                self.forms.append((rx, e, anchor))
                # The owner after the name, as official styles write it: "Ministry of
                # Foreign Affairs of Japan" (of "Japan's Ministry of Foreign Affairs") is the
                # ministry, not the country inside a longer name.
                owner_forms = sorted({g for cid in cids for g in forms_of.get(cid, ())
                                      if not g.startswith("the ")}, key=len, reverse=True)
                if owner_forms:
                    name = _form_body(tail.strip(), True)
                    after = "|".join(_form_body(c, False) for c in owner_forms)
                    self.forms.append((re.compile(
                        rf"{_LEAD}(?i:{name})\s+of\s+(?:the\s+)?(?:{after})(?!\w)"), e, anchor))
        # Which forms each anchor opens, and one Aho-Corasick automaton over the anchors:
        # a single pass over a segment finds every anchor in it, overlapping ones too
        # ("korea" inside "korean"), which one regex alternation cannot. Testing every
        # anchor against every segment was most of the finder's time once the glossary
        # passed 1,400 forms; a per-word index of our own cost ~15x more than the automaton
        # on words it had not met (a fresh process, new names) and grew with every word.
        self._forms_by_anchor: dict[str, list[int]] = {}
        for i, (_rx, _e, anchor) in enumerate(self.forms):
            self._forms_by_anchor.setdefault(anchor, []).append(i)
        self._always_tried = tuple(self._forms_by_anchor.get("", ()))  # forms without an anchor
        self._anchors = ahocorasick.Automaton()
        for anchor, ids in self._forms_by_anchor.items():
            if anchor:
                self._anchors.add_word(anchor, tuple(ids))
        if len(self._anchors):
            self._anchors.make_automaton()
        # A bare form of a body ("Security Council" of the UN's) that another country's
        # body has as "<country>'s <form>" ("Russia's Security Council"): which body a bare
        # mention means is decided per article (see _bare_bodies).
        self.headless_forms: dict[str, frozenset[str]] = {}
        for e in glossary:
            tails = {plain(f) for f in e.english_forms if _headless(f, e.english_forms)}
            if tails:
                self.headless_forms[e.id] = frozenset(tails)
        all_tails = {t for tails in self.headless_forms.values() for t in tails}
        self.owned_tail: dict[str, list[Entry]] = {}
        for e in glossary:
            if e.kind in ("person", "place"):
                continue
            for f in e.english_forms:
                hit = owner_rx.match(f) if owner_rx else None
                tail = plain(f[hit.end():]) if hit else ""
                if tail in all_tails and e not in self.owned_tail.get(tail, []):
                    self.owned_tail.setdefault(tail, []).append(e)
        self.persons_by_surname: dict[str, list[Entry]] = {}
        for e in glossary:
            if e.kind == "person":
                for s in e.en_surname:
                    self.persons_by_surname.setdefault(s, []).append(e)
        # A bare surname as a word of its own; compiled once per glossary, not per article
        # (there are hundreds, more than re's own cache holds).
        self.surname_rx = {s: re.compile(rf"(?<!\w){re.escape(s)}(?![\w-])")
                           for s in self.persons_by_surname}

    def forms_in(self, low: str) -> list[tuple[re.Pattern[str], Entry, str]]:
        """The forms whose anchor is in ``low`` (a lower-cased segment), in glossary order."""
        found = set(self._always_tried)
        if len(self._anchors):
            for _end, ids in self._anchors.iter(low):
                found.update(ids)
        return [self.forms[i] for i in sorted(found)]

    def owner_before(self, text: str, start: int, entry: Entry) -> bool:
        """Whether the country that owns ``entry`` stands right before ``start``
        ("Japan's self-defense forces", "Japanese self-defense forces")."""
        hit = self.country_before.search(text[max(0, start - 40):start])
        return bool(hit) and self.country_by_form[hit.group(1).casefold()] \
            in self.owners.get(entry.id, ())

    def names_owner(self, span: str, entry: Entry) -> bool:
        """Whether a matched span begins with the name of its entry's owner ("UN Security
        Council", "U.S. Joint Chiefs of Staff")."""
        lead = self._owner_lead.get(entry.id)
        return bool(lead and lead.match(span))

    def leading_country(self, span: str) -> str:
        """The country a matched span begins with ("South Korea's Ministry of National
        Defense" -> south-korea), else ""."""
        hit = self.country_lead.match(span)
        return self.country_by_form[hit.group(1).casefold()] if hit else ""

    def countries(self, entry: Entry) -> frozenset[str]:
        """The countries a mention stands for: itself, or the members of a pair entry."""
        if entry.id in self.members:
            return self.members[entry.id]
        return frozenset({entry.id}) if entry.id in self.grouped else frozenset()

    def extend_title(self, text: str, start: int, end: int, entry: Entry) -> tuple[int, int, bool]:
        left = self.left_title.get(entry.id)
        if left is None:
            return start, end, False
        window = max(0, start - 160)
        m = left.search(text[window:start])
        # "Vice President Joe Biden" holds another office than the entry's title names.
        if m and not OTHER_OFFICE.search(text[:window + m.start()]):
            return window + m.start(), end, True
        m = self.right_title[entry.id].match(text[end:])
        if m:
            return start, end + m.end(), True
        return start, end, False



_CACHE: dict[str, Matcher] = {}


def matcher_for(glossary: Glossary) -> Matcher:
    key = glossary.version
    if key not in _CACHE:
        _CACHE.clear()  # one glossary in use at a time; keep memory flat
        _CACHE[key] = Matcher(glossary)
    return _CACHE[key]
