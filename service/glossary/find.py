"""Finding glossary terms in English wire copy, article-wide.

Hand-written regular expressions rather than a library: Aho-Corasick packages match
strings but know nothing of the rules here (word boundaries across hyphens and
apostrophes, per-variant case, titles next to names, surname resolution, names inside
longer names, country pairs and lists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .common_words import word_zipf
from .forms import OTHER_OFFICE, SHIP_PREFIX, Matcher, matcher_for, plain
from .model import TARGETS, Entry, Glossary

# Spans where a term is never looked for: URLs, bare domains, e-mail addresses,
# @handles and #hashtags.
_EXCLUDED = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w.])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|int|gov|edu|kr|jp|io|info|co|ru)"
    r"(?![\w])(?:/\S*)?"
    r"|[@#]\w+"
    # A currency: "US$150 billion", "U.S.$5", "HK$2" name a dollar, not a country.
    r"|(?<![\w.$])(?:[A-Z]{1,3}|U\.S\.)\$"
)
_HONORIFIC = re.compile(r"(?<!\w)(?:Mr|Mrs|Ms|Dr)\.?\s+$")
# Capitalised words that may stand before a surname without being a given name.
_STARTERS = frozenset({
    "But", "And", "Then", "When", "While", "After", "Before", "If", "As", "So", "Yet",
    "Meanwhile", "However", "Also", "The", "Both", "Later", "Earlier", "Separately", "Still",
    "Since", "Although", "Though", "Where", "Why", "How", "What", "Only", "Even", "Now",
    "Today", "Yesterday", "On", "In", "At", "For", "With", "Without", "By", "From", "To",
    "Of", "That", "This",
    # Prepositions opening a sentence ("Alongside Han, former First Lady ...").
    "Alongside", "Besides", "Despite", "Like", "Unlike", "Under", "Among", "Against",
    "Including", "Amid",
    # Pronouns are never part of a name ("He Japanese government", in translated copy).
    "He", "She", "It", "They", "We", "I", "His", "Her", "Its", "Their", "Our",
    # Words that date an office before its title ("Former President Yoon", "New Foreign
    # Minister Iwaya"): they qualify the title, never a given name.
    "Former", "Late", "Outgoing", "Incoming", "Acting", "Interim", "New", "Ex",
})
# Capitalised words that may follow a name without making it part of another name
# ("in Washington Tuesday", "US President", "DPRK Foreign Ministry", "Joe Biden Jr.").
_MAY_FOLLOW = frozenset({
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan.", "Feb.", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.", "President", "Prime", "Premier", "Foreign", "Defense", "Defence", "Vice",
    "Deputy", "Minister", "Ambassador", "Secretary", "Chairman", "Leader", "Envoy",
    "Special", "Senior", "Supreme", "Chief", "National", "First", "Lady", "Gen.", "Adm.",
    "Jr.", "Jr", "Sr.", "II", "III",
    # A pronoun after a name begins the next clause: "Pyongyang It delimited two areas".
    "He", "She", "It", "They", "We",
    # Administrative words after a place: "Okinawa Prefecture", "Kursk Region".
    "Prefecture", "Pref.", "Province", "Oblast", "Region",
    # An official's title after a place: "Okinawa Gov. Denny Tamaki", "Seoul Mayor".
    "Gov.", "Governor", "Mayor",
    "All",  # "Copyright (c) Aju Press All rights reserved."
    # An office of the body named: "U.S. Indo-Pacific Command Public Affairs said".
    "Public",
    # A body's act after its name: "UN Security Council Resolutions", "Resolution 2397".
    "Resolution", "Resolutions",
    # A body's sitting after its name: "the UN General Assembly Plenary Session"; a
    # summit named after the body or place that holds it keeps that name ("the NATO
    # Summit", "the G7 Summit in Canada": 나토 정상회의 / NATO首脳会議), as does a part of a
    # pact ("AUKUS Pillar II").
    "Plenary", "Session", "Summit", "Summits", "Pillar",
    # Missile classes after a missile's name ("the Hwasong-17 ICBM"), and a defence
    # system's role after its name ("Aegis BMD capability").
    "ICBM", "ICBMs", "IRBM", "IRBMs", "MRBM", "MRBMs", "SRBM", "SRBMs", "SLBM", "SLBMs",
    "BMD", "Interceptor", "Interceptors",
    # A credit: "(AFP Photo / ...)", "Yonhap Photo".
    "Photo", "Photos",
    # A rank after a service: "U.S. Air Force Lt. Gen. Stephen Jost".
    "Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Brig.", "Sgt.",
})
# A capitalised word ending a sentence ("... near Pyongyang. Sunan is"): initials
# ("U.S."), a word of four letters or more, the month of May ("since May. Pyongyang
# claims") or a Roman numeral ("World War II. Tokyo holds"); "Mt." or "St." may begin a name.
_SENTENCE_END = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][\w'’-]{3,}\.|May\.|[IVX]+\.")
# Capitalised words that may stand right before a place, organisation or term without
# making it part of a longer name ("President Yoon", "Tuesday Seoul", "Gen. ...").
_MAY_PRECEDE = (_STARTERS | _MAY_FOLLOW) - {"National", "Special", "Senior", "First"} | frozenset({
    "Photo", "Source", "Sen.", "Rep.", "Gov.", "Lt.", "Col.", "Maj.", "Adm", "Gen",
    "Former", "Acting", "Interim", "General", "Admiral", "Commander", "Director", "A", "An",
    # An ordinal of a party body or a session: "the party's Eighth Central Committee".
    "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
    # The kind of event before an exercise's name: "as part of Exercise Pacific Vanguard".
    "Exercise",
})
# A demonym before a sea, ocean or other feature names that place, not the nationality:
# "Indian Ocean" (인도양 / インド洋), "Arabian Sea", "Caspian Sea"; and before "People's" it
# opens a body's or event's name ("Chinese People's Volunteers", "Chinese People's War of
# Resistance Against Japanese Aggression").
_FEATURE_AFTER_DEMONYM = re.compile(
    r"\s+(?:Ocean|Sea|Seas|Gulf|Bay|Peninsula|Subcontinent|Plateau|Archipelago|Alps|"
    r"People['’]s)(?![\w'’-])")
# A city after "Metro" or "Greater" names its metropolitan region, another place
# ("Metro Manila": 마닐라 수도권 / マニラ首都圏; "Greater Tokyo").
_METRO_BEFORE = re.compile(r"(?<![\w.'’-])(?:Metro|Greater)\s+$")
# A regime's epithet before a country's name: "Communist China", "Imperial Japan". Not
# before a demonym, which may be a noun ("the Communist Chinese don't take aggressive
# action", unmarked as a plural) as well as an adjective.
_EPITHETS = frozenset({"Communist", "Imperial"})
# Prefixes that make a following name part of another name: ships ("USS George
# Washington"), operations, camps and forts.
_NAME_PREFIX = re.compile(
    r"(?<![\w.])(?:USS|USNS|HMS|HMAS|HMCS|INS|ROKS|JS|JDS|RFS|CNS|Operation|Camp|Fort|"
    r"Project)\s+(?:(?:[A-Z]\.|[A-Z][\w'’-]*)\s+)*$")  # "USS John S. McCain", never "Inouye. The"
# Demonyms and adjectives ("South Korean", "Japanese"): a capitalised word after them
# is the noun they qualify ("Japanese Maritime Self-Defense Force"), not a longer name.
_ADJECTIVE = re.compile(r"(?:ean|ian|ese|can|ish|ch|man|ino)$")
# "then-South Korean President": a prefix of time, the adjective keeps its country.
_TIME_PREFIX = re.compile(r"(?<![\w-])(?:then|ex|former|now)-$", re.IGNORECASE)
# A ship named without its prefix ("boarded the Theodore Roosevelt", "the aircraft
# carrier Theodore Roosevelt") is the ship only right after "the" or a kind of ship.
# "the" alone only before a name of two words or more: "the Kentucky" is the state.
_SHIP_CONTEXT = re.compile(
    r"(?:carrier|destroyer|frigate|cruiser|submarine|warship|vessel|ship)\s+$", re.IGNORECASE)
_THE_SHIP = re.compile(r"(?<!\w)[Tt]he\s+$")
# ... or right before its kind, alone or in a list: "the Ise helicopter destroyer", "the
# Inazuma and Makinami destroyers".
_SHIP_KIND_AFTER = re.compile(
    r"(?:(?:,|\s+and)\s+[A-Z][\w'’-]*)*"
    r"\s+(?:[a-z]+[ -])?(?:carrier|destroyer|frigate|cruiser|submarine|warship)s?(?!\w)")
_NOT_THE_SHIP = re.compile(r"[\s-]class(?!\w)|['’]s?\s+(?:administration|government)"
                           r"|\s+(?:administration|government|era)\b")
# An alphanumeric designator after a name ("U.S. Air Force B-1B bombers", "USAF F-16s",
# "Republic of Korea Air Force KF-16 fighter jets") qualifies it; it does not continue it.
_DESIGNATOR = re.compile(r"[A-Z]{1,4}-?\d[\w-]*")
_CLOSERS = "\"'”’)]）」 \t"
# Letters matched as their Latin look-alikes, one character for one so that spans stay
# those of the page: Cyrillic homoglyphs in scraped copy ("Vostochny Сosmodrome" with a
# Cyrillic С) and macron vowels of romanised Japanese ("Shinzō Abe").
# McCune-Reischauer breves too ("P'yŏngyang", "Kaesŏng").
_FOLD = str.maketrans("АВСЕНІЈКМОРТХаеорсхуіјōūŌŪāēīŏŭŎŬ", "ABCEHIJKMOPTXaeopcxyijouOUaeiouOU")
# Segment kinds whose mentions never consume the first mention and are always rendered
# in full: a photo caption or credit stands apart from the story it illustrates.
STANDALONE_KINDS = frozenset({"caption", "credit"})
# Separators inside a hyphenated pair or trilateral ("US-South Korea", "Japan - ROK - US")
# and inside a spelt-out list ("South Korea, the US and Japan").
_DASH_SEP = re.compile(r"\s*[-‐‑–—/]\s*")
_GROUP_SEP = re.compile(r"[-‐‑–—/,&]|\band\b")
# An em dash with spaces both sides breaks a clause (after a dateline, around an aside);
# wire copy joins a pair with a hyphen or an en dash.
_CLAUSE_DASH = re.compile(r"\s+[—―]\s+")
# Any spaced dash after a country in capitals ends a dateline too (glossaries/README.md,
# "Thirteenth fresh batch").
_SPACED_DASH = re.compile(r"[ \t]+[-‐‑–—―][ \t]+")
# "And"/"The" in Title Case headlines too ("South Korea, US, And Japan Launch ...").
_LIST_SEP = re.compile(r"(?:,\s*(?:[Aa]nd\s+)?|\s+[Aa]nd\s+)(?:[Tt]he\s+)?")
# A list after a preposition of place names three places, not the trilateral grouping:
# "targets in South Korea, Japan and the US mainland" (not 한미일).
_PLACES_LIST = re.compile(r"(?<!\w)(?:in|into|to|toward|towards|across|over|near|reach)\s+$",
                          re.IGNORECASE)
_GOVERNMENT = re.compile(
    r"(['’]s)?\s+((?i:a)dministration|(?i:g)overnment|(?i:c)abinet)(?!\w)")
# A generational suffix after a bare surname ("Marcos Jr."): part of the person's name
# when the person's own forms end with it.
_GENERATION = re.compile(r",?[ \t]+(Jr|Sr)\.?(?!\w)")
_THE = re.compile(r"(?<!\w)[Tt]he\s+$")
# "the new Biden administration", "the then Moon government": "the" and up to two
# lower-case words before the name.
_THE_GOVERNMENT = re.compile(r"(?<!\w)[Tt]he\s+(?:[a-z]+[ \t]+){0,2}$")
# Titles that may stand right before a bare surname ("with Secretary Hegseth"): not a
# given name of someone else.
_TITLE_WORDS = frozenset({
    "President", "Secretary", "Minister", "Chairman", "Chairwoman", "Ambassador", "Envoy",
    "Leader", "Premier", "Spokesman", "Spokeswoman", "Spokesperson", "Commander", "Director",
    "Chancellor", "Senator", "General", "Admiral", "Governor", "Mayor", "Chief",
    # Ranks abbreviated without a full stop in British-style copy ("Gen LaCamera said").
    "Gen", "Adm",
    # Headline abbreviations of offices ("Row with PM Takaichi", "FM Cho").
    "PM", "FM",
    # An academic's title ("Professor Salmón holds a PhD"): no given name of another person.
    "Professor", "Prof.",
    # "the UN High Commissioner's report": the body's office, not a longer name.
    "Commissioner",
})
# An office named "<title> of/for <capitalised words>" right before a bare surname
# ("Minister for Foreign Affairs Kishida", "Secretary of State Tillerson"): the words
# before the surname end the office, they are no given name.
_OFFICE_PHRASE_BEFORE = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(_TITLE_WORDS)) + r")(?:[ \t]+General)?[ \t]+(?:of|for)"
    r"[ \t]+(?:the[ \t]+)?(?:[A-Z][\w.'’-]*[ \t]+(?:and[ \t]+)?){1,4}$")
# An office of a body named by up to two capitalised words before a title word: "White
# House Budget Director", "State Department Deputy Spokesperson".
_OFFICE_AFTER = re.compile(
    r"(?:\s+[A-Z][a-z]+){1,2}\s+(?:" + "|".join(sorted(_TITLE_WORDS)) + r")(?![\w-])")
# An envoy's post names the country it is to; the holder's name may follow it.
_POST_TO = re.compile(r"(?<!\w)(?:[Aa]mbassador|[Ee]nvoy|[Cc]onsul(?:[ -][Gg]eneral)?)"
                      r"\s+(?:to|in)\s+(?:the\s+)?$")
_ARTICLE_BEFORE = re.compile(r"(?<!\w)(?:[Tt]he|[Aa]n?)\s+$")
# Surnames that are also English words at a sentence's start ("No one knew"): never
# resolved alone.
_WORD_SURNAMES = frozenset({"No", "So", "Oh", "Do", "Go", "An", "Ha", "Ma"})


# An institution named after its country: "Security Service of Ukraine", "Bank of Japan"
# ("Government of Japan" is the country's government and keeps the country).
_INSTITUTION_OF = re.compile(
    r"(?<![\w.'’-])[A-Z][\w'’-]*\s+(?:Service|Bureau|Agency|Bank|Ministry|Department|Office|"
    r"Council|Committee|Commission|Court|Institute|University|Academy|Command|Guard)\s+of\s+"
    r"(?:the\s+)?$")
# ... also with a field between the body and its country: "Institute for Studies of
# Japan", "Center for Strategic Studies of Korea".
# A body's name may also end in "by" and its country ("Association of Families of Victims
# Kidnapped by North Korea"), with "of" between its capitalised words.
_INSTITUTION_FOR = re.compile(
    r"(?<![\w.'’-])(?:Institute|Institutes|University|Academy|Center|Centre|Foundation|"
    r"Society|Association|School|College)\s+(?:for|of|on)\s+"
    r"(?:[A-Z][\w'’-]*\s+(?:(?:and|of)\s+)?)+(?:of|in|by)\s+(?:the\s+)?$")
# Head nouns that end the name of a building, school or square: a person's or place's
# name before them, even across other capitalised words, is part of that name ("Kim
# Jong-un National Defence University", "Kim Il Sung Square").
_PLACE_NAMED_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'’-]*){0,4}\s+(?:University|Institute|Academy|College|School|Square|"
    r"Stadium|Street|Avenue|Bridge|Airport|Hospital|Foundation|Center|Centre|Museum|"
    r"Memorial|Prize|Award|Library|Park|Hall|Palace)(?!\w)")
# A capitalised word that qualifies a class of ship or aircraft after a name ("Japan
# Maritime Self-Defense Force Maya class destroyer"): no part of the name before it.
_CLASS_AFTER = re.compile(r"(?:\s+[A-Z][\w'’-]*){0,3}[\s-]class(?!\w)", re.IGNORECASE)
# A ship's prefix opens a new name: "US Navy USS Blue Ridge" is the navy, then its ship.
_SHIP_PREFIX_WORDS = frozenset({"USS", "USNS", "HMS", "HMAS", "HMCS", "INS", "ROKS", "JS",
                                "JDS", "RFS", "CNS"})
# A person's name before "faction" names the party faction: "the Abe faction" (아베파 /
# 安倍派), "Kishida Faction" in a headline; never the person.
_FACTION_AFTER = re.compile(r"\s+[Ff]action(?!\w)")
# A body named after an office's title, "Chairman of the Joint Chiefs of Staff", "President
# of the Presidium of ...": the capitalised words after the body are its holder's name.
_TITLE_OF = re.compile(r"(?<![\w-])(?:President|Chairman|Chairwoman|Chair|Secretary|"
                       r"Director|Commander|Chief|Minister|Head|Leader|Spokesperson|"
                       r"Spokesman|Spokeswoman)\s+of\s+(?:the\s+)?$")
# A body's seat after its name is still the body: "Republic of Korea Fleet Headquarters".
_SEAT_WORDS = frozenset({"Headquarters", "HQ"})
# A place's port or municipal body after its name is still that place's ("Donghae Harbor",
# "Donghae Municipal Assembly": the port city, as "Port of Donghae" is; gloss20).
_PLACE_SEAT_WORDS = frozenset({"Harbor", "Harbour", "Port", "Municipal"})
# A demonym inside the name of an endowed chair, a prize or an award is part of that name
# ("Langone Chair in American Leadership"), never the nationality (gloss20).
_HONOUR_BEFORE = re.compile(
    r"(?<![\w.'’-])[A-Z][\w'’-]*\s+(?:Chair|Professorship|Prize|Award|Medal|Fellowship|"
    r"Scholarship|Lectureship)\s+(?:in|of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+)*$")
# A place joined by a hyphen to a capitalised word is the first half of a compound name
# ("Austria-Hungary", "Asia-Pacific" without its entry) unless that word begins another
# mention ("Japan-ROK").
_COMPOUND_DASH = re.compile(r"[-‐‑–](?=[A-Z])")
# A country pair right before a document's name qualifies it: "Japan-South Korea Claims
# Agreement" (한일 청구권협정) is the agreement, whose name holds the pair; so does a
# standing meeting's or dialogue's name ("ROK-U.S. Military Committee Meeting",
# "Korea-U.S. Integrated Defense Dialogue").
_DOCUMENT_AFTER = re.compile(
    r"\s+(?:[A-Z][\w'’-]*\s+){0,4}?(?:Agreement|Treaty|Accord|Pact|Declaration|Communiqu[eé]|"
    r"Convention|Charter|Meeting|Dialogue)s?(?!\w)")
# A body's name going on with "for the" and a capitalised word: "Democratic Party for the
# People" (Japan's DPFP) is not the Democratic Party, "Committee for the Peaceful
# Reunification of the Fatherland" not a committee of the glossary. Not "for" alone: "the
# EU and NATO for Macedonia", "worked in the White House for Mr Bush".
_FOR_NAME = re.compile(r"\s+for\s+the\s+([A-Z][\w'’-]*)")
# "South and North Korea", "North and South Korea": the first word is the other Korea.
_ELLIPTIC_KOREA = re.compile(
    r"(?<![\w-])(South|North)(?=\s+and\s+(?!\1)(?:North|South)\s+Korea(?!\w))")
# A quotation in title case around a match: "Make American Shipbuilding Great Again".
_QUOTE_OPEN = re.compile(r"[“\"‘]([^”\"’“‘\n]{0,60})$")
# A curly apostrophe inside a word ("People’s") closes no quotation.
_QUOTE_CLOSE = re.compile(r"((?:[^”\"’“‘\n]|’(?=\w)){0,60})(?:[”\"]|’(?!\w))")
# English words a hyphen may join to a person's full name ("Kim Jong Un-led"); any other
# lower-case tail continues a romanised given name ("Cho Hyun-mook" is not Cho Hyun).
_NAME_SUFFIX_WORDS = frozenset({"led", "era", "backed", "style", "like", "type", "based",
                                "linked", "allied", "aligned", "friendly", "ordered"})
_NAME_HEADS = frozenset({"Times", "Post", "Herald", "Daily", "Today", "Shimbun", "Ilbo",
                         "Airlines", "Airways", "University", "Institute", "Academy",
                         "Square", "Stadium", "Airport",
                         # A venue's head ends its name too ("Sapporo Dome" in a results
                         # line): the building, not the city.
                         "Dome", "Arena",
                         # Schools end a name in a title-case line too ("Brussels School
                         # of Governance" in an author's affiliation).
                         "School", "College"})
_AND = re.compile(r"\s+and\s+")
_PLURAL_HEAD = re.compile(r"\s+([A-Z][a-z]+s)(?![\w'’-])")


def _shares_a_plural_head(text: str, end: int, starts: set[int], ends: set[int]) -> bool:
    """Whether the match ending at ``end`` and the mention after "and" share a capitalised
    plural head: "the Moscow and Pyongyang Declarations". Not "NHK and Kyodo News" (the
    head is part of the second mention), nor "Joe Biden and Vermont Senator Bernie Sanders"
    (no mention right after "and")."""
    conj = _AND.match(text, end)
    if conj is None or conj.end() not in starts:
        return False
    for e in ends:
        if conj.end() < e <= conj.end() + 60:
            head = _PLURAL_HEAD.match(text, e)
            if head and head.group(1) not in _MAY_FOLLOW \
                    and not _ADJECTIVE.search(head.group(1)[:-1]) and head.end(1) not in ends:
                return True
    return False


def _government_form(text: str, start: int, end: int) -> re.Match[str] | None:
    """"the Biden administration" or "Kishida's government" right at ``end``."""
    gov = _GOVERNMENT.match(text[end:])
    # A capitalised "Cabinet" names the leader's cabinet without "the": "join Kishida
    # Cabinet" (기시다 내각 / 岸田内閣), as Japanese copy in English writes it (gloss19).
    if gov and (gov.group(1) or _THE_GOVERNMENT.search(text[:start])
                or gov.group(2) == "Cabinet"):
        return gov
    return None


@dataclass(frozen=True)
class Mention:
    """One term found in one segment. ``first`` is article-wide; ``titled`` says the
    English span includes the person's title; ``by`` is "name" or "surname"; ``form``
    is "administration" or "government" for "the Biden administration" and "Kishida's
    government" (rendered as the bare name with 행정부/政権), else empty; ``carries`` is the
    country the mention took in because the entry's rendering names it ("Japan's National
    Security Secretariat" -> 일본 국가안전보장국), else empty."""

    segment: int
    start: int
    end: int
    text: str
    entry_id: str
    first: bool = True
    titled: bool = False
    by: str = "name"
    form: str = ""
    carries: str = ""


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    entry: Entry
    titled: bool = False
    by: str = "name"
    form: str = ""
    carries: str = ""  # the country absorbed before it ("Japan's National Security ...")


def _excluded(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _EXCLUDED.finditer(text)]


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _trim_final_dot(text: str, start: int, end: int) -> int:
    # "... in the U.S." at the end of a sentence: the dot is also the full stop, keep it
    # outside the term.
    if text[end - 1] == "." and end - start > 1 and not text[end:].strip(_CLOSERS):
        return end - 1
    return end


# Longer function words a title-case headline may leave in lower case ("Drills With",
# "Missile into East Sea").
_TITLE_CASE_LOWER = frozenset({
    "with", "from", "into", "onto", "over", "upon", "than", "that", "amid", "after",
    "about", "under", "near", "past", "this", "says", "said", "will", "were", "been", "have",
})


# A byline: a writer's name, then a title and an affiliation; its capitals are names.
_BYLINE = re.compile(r"\s*By\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+\s*,")


def _title_case(text: str) -> bool:
    """Whether a segment is written in title case (a headline), where capitals no longer
    tell a longer name. A sentence crowded with names ("the United Nations Human Rights
    Council in Geneva ... named eight people") is not: it has two or more lower-case
    content words, which a title-case headline does not."""
    if _BYLINE.match(text):
        return False  # "By Takuya Nishimura, Senior Fellow, Asia Policy Point": names
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text)[1:] if len(w) > 3]
    lower = [w for w in words if w[0].islower() and w.lower() not in _TITLE_CASE_LOWER]
    return bool(words) and len(lower) < 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _title_case_next(text: str, end: int) -> bool:
    """Whether the capitalised word after a bare surname is only the headline's title case
    ("Lee and Xi Agree: ...", "New PM Ishiba Unveils Cabinet"): in a title-case line, an
    ordinary English word (wordfreq Zipf >= 3) of five letters or more, so no romanised
    syllable of a given name ("Yong", "Jong", "Hee"), and no head of a place's name
    ("Sullivan County", "Kim Il Sung Square")."""
    nxt = re.match(r"\s+([A-Z][a-z]{4,})(?![\w'’-])", text[end:])
    return nxt is not None and _title_case(text) and nxt.group(1) != "County" \
        and not _PLACE_NAMED_AFTER.match(text[end:]) and word_zipf(nxt.group(1).lower()) >= 3.0


def _given_name_after(text: str, end: int) -> bool:
    """Whether a capitalised word right after a bare surname is a given name written after
    it (Chinese and Korean order: "Zhang Tianxiong", "Kim Joon-pyo"): a word no English
    text uses (wordfreq Zipf < 3), so neither a sentence's next word ("Zhang Said") nor a
    body ("Ishiba Cabinet")."""
    nxt = re.match(r"\s+([A-Z][a-z]+(?:-[a-z]+)?)(?![\w'’])", text[end:])
    return nxt is not None and word_zipf(nxt.group(1).split("-")[0].lower()) < 3.0


def _heading(text: str) -> bool:
    """Whether a segment is shaped as a headline or subheading: a few words (at most 14)
    that do not end in a full stop. Wire copy names people by surname there before the
    paragraph under it names them in full ("Kato gets finance portfolio ...")."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return 0 < len(words) <= 14 and not re.search(r"[.!?]\W*$", text.strip())


def _in_capitals_run(text: str, start: int, end: int) -> bool:
    """Whether a match in capitals stands in a run of three or more words in capitals
    ("THREATS FROM NORTH KOREA: Chinese ..."): a kicker or a shouted headline, where
    capitals no longer tell a longer name, as in title case."""
    if re.search(r"[a-z]", text[start:end]):
        return False
    left = re.search(r"(?:(?<![\w.'’-])[A-Z][A-Z'’.-]+[ \t]+)+$", text[:start])
    right = re.match(r"(?:[ \t]+[A-Z][A-Z'’.-]+(?![\w'’-]))+", text[end:])
    words = len(text[start:end].split()) + sum(len(x.group(0).split()) for x in (left, right) if x)
    return bool(left or right) and words >= 3


def _inside_title_case_quote(text: str, start: int, end: int) -> bool:
    """Whether the match lies inside a quotation of three or more words, all capitalised,
    that is more than the match itself: a slogan or a work's title."""
    opened = _QUOTE_OPEN.search(text[:start])
    closed = _QUOTE_CLOSE.match(text[end:]) if opened else None
    if closed is None:
        return False
    words = re.findall(r"[A-Za-z][\w'’.-]*", opened.group(1) + text[start:end] + closed.group(1))
    return len(words) >= 3 and all(w[0].isupper() for w in words) \
        and bool((opened.group(1) + closed.group(1)).strip(" \t,.;:()"))


def _inside_longer_name(text: str, start: int, end: int, entry: Entry, title_case: bool,
                        starts: set[int], ends: set[int], pair: bool = False) -> bool:
    """Whether a match is a piece of a longer proper name: a ship, operation or camp
    ("USS George Washington", "Camp David" aside when it is an entry), a name followed by
    another capitalised word ("Washington Post", "Kim Il Sung Square"), or a place or
    organisation right after a capitalised word that is no title, weekday or other
    mention ("George Washington"). Not decidable in title-case headlines. A country pair
    (``pair``) qualifies the name after it ("ROK-Japan General Security of Military
    Information Agreement"), and a capitalised compound with a lower-case tail
    ("Kanagawa Prefecture-based USS Ronald Reagan") is an adjective, not a name."""
    if _NAME_PREFIX.search(text[:start]):
        return True
    if entry.kind == "place" and _ADJECTIVE.search(text[start:end]) \
            and _FEATURE_AFTER_DEMONYM.match(text, end) and end + 1 not in starts:
        return True  # "Indian Ocean Rim Association": the ocean, not India
    if entry.kind == "place" and _METRO_BEFORE.search(text[:start]):
        return True  # "Metro Manila": the region, not the city
    if entry.kind == "place" and (_INSTITUTION_OF.search(text[:start])
                                  or _INSTITUTION_FOR.search(text[:start])) \
            and not re.match(r"['’]s(?!\w)", text[end:]):
        # Not before a possessive: "Commission of the North’s Workers’ Party" is the
        # party's commission, and the North its owner (gloss19).
        return True  # "Security Service of Ukraine", "Bank of Japan": the institution's name
    if entry.kind == "person" and _FACTION_AFTER.match(text, end):
        return True  # "the Abe faction": the party faction (아베파 / 安倍派), not the person
    if entry.kind == "person" and " " in text[start:end].strip():
        tail = re.match(r"[-‐‑]([a-z]+)(?![\w-])", text[end:])
        if tail and tail.group(1) not in _NAME_SUFFIX_WORDS:
            return True  # "Cho Hyun-mook": another person's given name goes on
    quoted = re.match(r"([^”\"’]{1,60})[”\"’]", text[end:]) \
        if re.search(r"[“\"‘]$", text[:start]) else None
    if quoted and all(w[0].isupper() for w in quoted.group(1).split()):
        return True  # “America First”: a slogan or a work's title in quotes, not the country
    if entry.kind == "place" and not title_case and _inside_title_case_quote(text, start, end):
        return True  # “Make American Shipbuilding Great Again”: the slogan, not the country
    if _PLACE_NAMED_AFTER.match(text[end:]) and not title_case:
        return True  # "Kim Jong-un National Defence University"
    if entry.kind == "place" and not pair:
        dash = _COMPOUND_DASH.match(text[end:])  # unspaced: "Korea - Sailors" is a dateline
        if dash and end + dash.end() not in starts:
            return True  # "Asia - Pacific": a compound name, not Asia
    if not title_case and _shares_a_plural_head(text, end, starts, ends):
        return True  # "the Moscow and Pyongyang Declarations": one name each
    if _ADJECTIVE.search(text[start:end]) and re.search(r"[a-z]-$", text[:start]) \
            and not _TIME_PREFIX.search(text[:start]):
        return True  # "un-American", "anti-Japanese": another adjective ("then-" is none)
    if _ADJECTIVE.search(text[start:end]) and _HONOUR_BEFORE.search(text[:start]) \
            and re.match(r"\s+[A-Z]", text[end:]):
        return True  # "Langone Chair in American Leadership": the chair's name
    if entry.kind not in ("person", "place") and not title_case:
        goes_on = _FOR_NAME.match(text, end)
        if goes_on and goes_on.start(1) not in starts:
            return True  # "Democratic Party for the People": another party's name
    if title_case and pair:
        # In title case a document's or meeting's name is one only when its abbreviation
        # follows in parentheses: "ROK-U.S. Military Committee Meeting (MCM)."
        doc = _DOCUMENT_AFTER.match(text, end)
        if doc and re.match(r"\s*\([A-Z]{2,}\)", text[doc.end():]):
            return True
    if title_case:
        # Title case hides most longer names, not those whose next word can only end one:
        # "Japan Times Reports ...", "Singapore Airlines Reroutes ...".
        # A qualifier institutions' names carry may stand between ("Seoul National
        # University" in an affiliation line, gloss19).
        head = re.match(r"\s+(?:(?:National|State|International|Metropolitan)\s+)?"
                        r"([A-Z][a-zA-Z]+)(?!\w)", text[end:])  # "THE JAPAN TIMES" too
        return bool(head and head.group(1).capitalize() in _NAME_HEADS
                    and end + head.start(1) not in starts)
    if pair:
        doc = _DOCUMENT_AFTER.match(text, end)
        if doc and end + len(doc.group(0)) - len(doc.group(0).lstrip()) not in starts:
            return True  # "Japan-South Korea Claims Agreement"; not "ROK-Japan GSOMIA"
    nxt = None if pair else re.match(r"\s+([A-Z][\w.'’-]*)", text[end:])
    if nxt and entry.kind == "place" and _POST_TO.search(text[:start]):
        # "Ambassador to the DPRK Alexander Matsegora": the post's country, then its holder.
        nxt = None
    if nxt and entry.kind == "organisation" and (
            nxt.group(1) in _TITLE_WORDS or _OFFICE_AFTER.match(text, end)):
        # "MDA Director Lt. Gen. Sam Greaves", "White House Budget Director Russell
        # Vought": the body's office, not a longer name
        nxt = None
    if nxt and entry.kind == "organisation" and _TITLE_OF.search(text[:start]):
        # "President of the Presidium of the Supreme People’s Assembly Kim Yong-nam": the
        # title's body, then its holder's name (gloss19)
        nxt = None
    if nxt and (nxt.group(1) in _SHIP_PREFIX_WORDS
                or (entry.kind == "organisation" and nxt.group(1) in _SEAT_WORDS)
                or (entry.kind == "place" and nxt.group(1).rstrip(".") in _PLACE_SEAT_WORDS)):
        nxt = None
    if nxt and nxt.group(1) not in _MAY_FOLLOW and nxt.group(1).rstrip(".") not in _MAY_FOLLOW \
            and end + nxt.start(1) not in starts and not _ADJECTIVE.search(text[start:end]) \
            and not re.fullmatch(r"(?:[A-Z]\.){2,}", text[start:end]) \
            and not (text[end - 1] == "." and nxt.group(1) in _STARTERS) \
            and not _DESIGNATOR.fullmatch(nxt.group(1)) \
            and not _CLASS_AFTER.match(text[end + nxt.end(1):]):
        return True
    if entry.kind == "person":
        return False
    prev = re.search(r"(?<![\w.'’-])([A-Z][\w.'’-]*) $", text[:start])
    # Not after a word that begins another mention ("North" of "North Korean Central News
    # Agency"): the longer of the two wins in _select.
    if prev and re.search(r"People['’]s$", prev.group(1)):
        return True  # "(Democratic)People's Republic of Korea": the DPRK's name, not the ROK
    if prev and prev.group(1) == "Royal" and _ADJECTIVE.search(text[start:end]):
        return True  # "Royal Australian Navy": a crown service's name, not the nationality
    if prev and prev.group(1) in _EPITHETS and not _ADJECTIVE.search(text[start:end]):
        return False  # "from Communist China"
    if not prev or prev.group(1) in _MAY_PRECEDE or prev.end(1) in ends \
            or prev.start(1) in starts \
            or re.search(r"['’]s$|s['’]$", prev.group(1)) or prev.end(1) - 2 in ends \
            or re.search(r"[a-z0-9]\.[A-Z]", prev.group(1)) \
            or re.search(r"-[a-z]+$", prev.group(1)) \
            or _SENTENCE_END.fullmatch(prev.group(1)):  # "Wednesday.The JCS", "KCNA. Moscow"
        return False
    # A capitalised word that opens a sentence or item ("Despite South Korea's ...",
    # "• Contact NK News") is no name.
    return not re.search(r"(?:^|[.!?:;\"“(—–•·*-])\s*$", text[:prev.start(1)])


def _name_candidates(text: str, m: Matcher) -> list[_Cand]:
    raw = []
    # Apostrophes out of the prefilter's copy: a form may match across one ("Pyong'an").
    low = text.lower().replace("'", "").replace("’", "")
    for rx, entry, _anchor in m.forms_in(low):
        for hit in rx.finditer(text):
            if id(rx) in m.headless and not any(c.isupper() for c in hit.group(0)) \
                    and not m.owner_before(text, hit.start(), entry):
                continue  # a common noun, unless its owner's name says whose it is
            if id(rx) in m.owned_only and not m.owner_before(text, hit.start(), entry):
                continue  # "defence ministry" alone: whose, the words do not say
            raw.append((hit.start(), hit.end(), entry))
    for rx, entry, anchor in m.ship_names:
        if anchor not in low:
            continue
        for hit in rx.finditer(text):
            before = text[:hit.start()]
            context = _SHIP_CONTEXT.search(before) or (
                _THE_SHIP.search(before) and " " in hit.group(0).strip()) \
                or _SHIP_KIND_AFTER.match(text[hit.end():])
            if context and not _NOT_THE_SHIP.match(text[hit.end():]):
                raw.append((hit.start(), hit.end(), entry))
    for hit in _ELLIPTIC_KOREA.finditer(text):
        korea = m.country_by_form.get(f"{hit.group(1).lower()} korea")
        if korea is not None:
            raw.append((hit.start(), hit.end(), m.glossary[korea]))
    starts = {s for s, _e, _n in raw}
    ends = {e for _s, e, _n in raw}
    title_case = _title_case(text)
    out = []
    dropped: list[tuple[int, int]] = []
    for start, end, entry in raw:
        if _inside_longer_name(text, start, end, entry,
                               title_case or _in_capitals_run(text, start, end), starts, ends,
                               pair=entry.id in m.members) \
                or (entry.id in m.members and not _GROUP_SEP.search(text[start:end])):
            # A pair or trilateral needs its separators: "U.S. Japan Korea" is a tag list.
            dropped.append((start, end))
            continue
        pm = m.paren[entry.id].match(text[end:])
        if pm:  # "Democratic People's Republic of Korea (DPRK)" is one mention
            nxt = re.match(r"[ \t]+([A-Z][\w'’-]*)", text[end + pm.end():])
            office = entry.kind == "organisation" and nxt is not None and (
                nxt.group(1) in _TITLE_WORDS
                or _OFFICE_AFTER.match(text, end + pm.end() + nxt.start(1) - 1))
            if nxt and not title_case and nxt.group(1) not in _MAY_FOLLOW and not office \
                    and end + pm.end() + nxt.start(1) not in starts:
                dropped.append((start, end + pm.end()))
                continue  # "Republic of Korea (ROK) Navy": the navy's name; not "(IAEA)
                # General Director Rafael Grossi", the body's office
            end += pm.end()
        gov = _government_form(text, start, end) if entry.kind == "person" else None
        if gov:  # "the Yoon Suk Yeol administration": bare name, never the titled form
            out.append(_Cand(start, end + gov.end(), entry, form=gov.group(2).lower()))
            continue
        start, end, titled = m.extend_title(text, start, end, entry)
        out.append(_Cand(start, end, entry, titled))
    # A piece of a name that is itself part of a longer name is too: "Japan" of "Japan
    # Maritime Self-Defense Force Foo", once the force's name is found to go on. Not when
    # another mention cut that name short: "US" of "US Senate Armed Services Committee"
    # ("US Senate" goes on into the committee's name, which is a mention of its own).
    cut = [(s, e) for s, e in dropped
           if any(c.start < e < c.end and s < c.start for c in out)]
    return [c for c in out if not any(s <= c.start and c.end <= e and (s, e) != (c.start, c.end)
                                      and (s, e) not in cut for s, e in dropped)]


def _across_dateline(text: str, c: _Cand) -> bool:
    """Whether a match runs across a dateline's dash: "JAPAN – North Korea" is no pair."""
    span = text[c.start:c.end]
    dash = _SPACED_DASH.search(span)
    return bool(dash) and span[:dash.start()].isupper() and not span[dash.end():].isupper()


def _select(cands: list[_Cand], taken: list[tuple[int, int]]) -> list[_Cand]:
    """Longest match first; a shorter candidate overlapping a longer one is dropped."""
    chosen = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if not _overlaps((c.start, c.end), taken):
            taken.append((c.start, c.end))
            chosen.append(c)
    return chosen


def _merge_groups(text: str, cands: list[_Cand], m: Matcher) -> list[_Cand]:
    """Country pairs and trilateral lists as one mention: "US-South Korea" (한미/米韓),
    "Japan, the U.S. and South Korea" (한미일/日米韓), whatever forms the wire used.
    A pair needs a dash ("South Korea and the US" stays two countries); a spelt-out list
    must be exactly the three countries, not part of a longer list."""
    cands = sorted(cands, key=lambda c: c.start)
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        j = i
        seps: list[str] = []
        while j + 1 < len(cands) and m.countries(cands[j].entry) \
                and m.countries(cands[j + 1].entry):
            gap = text[cands[j].end:cands[j + 1].start]
            if _CLAUSE_DASH.fullmatch(gap):
                break  # "SADO, Japan — South Korea paid tribute": a dateline, not 한일
            if _SPACED_DASH.fullmatch(gap) and text[cands[j].start:cands[j].end].isupper() \
                    and not text[cands[j + 1].start:cands[j + 1].end].isupper():
                break  # "TOKYO, JAPAN – North Korea has fired": the dateline's country
            if _DASH_SEP.fullmatch(gap):
                seps.append("dash")
            elif _LIST_SEP.fullmatch(gap):
                seps.append("list")
            else:
                break
            j += 1
        run = cands[i:j + 1]
        ids = [i for c in run for i in m.countries(c.entry)]
        group = m.groups.get(frozenset(ids)) if len(set(ids)) == len(ids) > 1 < len(run) else None
        if group is not None and "list" in seps:
            before = text[:run[0].start]
            after = text[run[-1].end:]
            # Another item before or after: "Canada, Japan, the US and South Korea".
            longer = (re.search(r"(?:[A-Z][\w.]*\s*,|\b[Aa]nd)\s*(?:[Tt]he\s+)?$", before)
                      or re.match(r"\s*,?\s*[Aa]nd\b|\s*,\s*(?:[Tt]he\s+)?[A-Z]", after))
            # A list of commas alone that the segment cuts off ("exercises with U.S.,
            # Japanese, South Korean" at the end of an excerpt) may go on: not closed.
            unclosed = not re.search(r"\b[Aa]nd\b|&", text[run[0].end:run[-1].start]) \
                and not after.strip()
            if len(ids) < 3 or longer or unclosed or _PLACES_LIST.search(before):
                group = None
        if group is None:
            out.append(cands[i])
            i += 1
            continue
        out.append(_Cand(run[0].start, run[-1].end, group))
        i = j + 1
    return out


def _absorb_countries(text: str, cands: list[_Cand], m: Matcher) -> list[_Cand]:
    """"Japan's National Security Secretariat" when the entry's rendering already names
    the country (일본 국가안전보장국): one mention, so the country is not inserted twice;
    likewise a country pair ("South Korea-U.S. Combined Forces Command": 한미연합사령부).
    A variant that itself begins with the country ("South Korea's Ministry of National
    Defense") records that it carries it."""
    cands = sorted(cands, key=lambda c: c.start)
    out: list[_Cand] = []
    for c in cands:
        if not c.carries and c.entry.kind not in ("person", "place"):
            c = replace(c, carries=m.leading_country(text[c.start:c.end]))
        prev = out[-1] if out else None
        owners = m.owners.get(c.entry.id)
        if prev is not None and owners and prev.entry.id in m.grouped and not c.carries \
                and prev.entry.id not in owners \
                and not m.names_owner(text[c.start:c.end], c.entry) \
                and re.fullmatch(r"(?:['’]s)?\s+", text[prev.end:c.start]):
            continue  # "Russia's Security Council": another country's body, not this entry
        if prev is not None and (prev.entry.kind == "place" or prev.entry.id in m.members) \
                and c.entry.kind != "person" \
                and re.fullmatch(r"(?:['’]s)?\s+", text[prev.end:c.start]) \
                and any(getattr(c.entry, lang).startswith(getattr(prev.entry, lang))
                        and getattr(c.entry, lang) != getattr(prev.entry, lang)
                        for lang in TARGETS):
            out[-1] = replace(c, start=prev.start, carries=prev.entry.id)
            continue
        out.append(c)
    return out


def _surname_candidates(text: str, m: Matcher, surnames: dict[str, Entry],
                        government: dict[str, Entry],
                        taken: list[tuple[int, int]]) -> list[_Cand]:
    """Bare surnames of persons named in full (``surnames``), and "the X administration"
    / "X's government" for the surnames in ``government``."""
    out = []
    low = text.lower()
    for surname in sorted(set(surnames) | set(government)):
        if surname.lower() not in low or surname in _WORD_SURNAMES:
            continue
        for form in (surname, surname.upper()):
            for hit in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                start, end = hit.span()
                if _overlaps((start, end), taken) \
                        or not _paired_hyphens(text, start, end, surnames) \
                        or _FACTION_AFTER.match(text, end):
                    continue  # "the Abe faction": the party faction, not the person
                gov = _government_form(text, start, end)
                if gov:
                    entry = surnames.get(surname) or government.get(surname)
                    if entry is not None:
                        out.append(_Cand(start, end + gov.end(), entry, by="surname",
                                         form=gov.group(2).lower()))
                    continue
                entry = surnames.get(surname)
                suffix = _GENERATION.match(text, end) if entry is not None else None
                if suffix and any(f.rstrip(".").endswith(" " + suffix.group(1))
                                  for f in entry.english_forms):  # type: ignore[union-attr]
                    end = suffix.end()  # "Marcos Jr.": the suffix of his own name, no other
                elif entry is None or (re.match(r"\s+[A-Z][a-z]", text[end:])
                                       and not _title_case_next(text, end)):
                    continue  # "Kim Yong-chol", "Sullivan County": another name
                start, end, titled = m.extend_title(text, start, end, entry)
                h = _HONORIFIC.search(text[:start])
                # A hyphenated given name counts whole: "Reporting by Ju-min Park".
                prev = re.search(r"(?<![\w.'’-])([A-Z][\w.'’-]*)\s+$", text[:start])
                if h:
                    start = h.start()
                elif prev and prev.group(1) not in _STARTERS | _TITLE_WORDS \
                        and not _SENTENCE_END.fullmatch(prev.group(1)) \
                        and not re.fullmatch(r"[A-Z][a-z]{2,}\.", prev.group(1)) \
                        and not _overlaps(prev.span(1), taken) \
                        and not _OFFICE_PHRASE_BEFORE.search(text[:start]):
                    # "Jane Sullivan": someone else ("Korea. Price said" is not, nor is
                    # another mention: "DPRK leader Kim").
                    continue
                out.append(_Cand(start, end, entry, titled, "surname"))
    return out


def _named_ship_candidates(text: str, seg: int, m: Matcher,
                           named: dict[str, tuple[int, int]],
                           prefixed: frozenset[str] = frozenset()) -> list[_Cand]:
    """"the McCampbell" after the article named "USS McCampbell": a one-word name after
    "the" is the ship only once the article has named it with its prefix; so is the last
    word of a longer name ("the Vinson" after "USS Carl Vinson"), and a bare name in a list
    whose other names the article wrote with a ship's prefix (``prefixed``): "Lassen,
    Fitzgerald, John S. McCain and McCampbell are a part of Destroyer Squadron 15"."""
    out = []
    for rx, entry, _anchor in m.base_short:
        if entry.id not in named:
            continue
        for hit in rx.finditer(text):
            prev = re.search(r"([A-Z][\w.'’-]*)\s+$", text[:hit.start()])
            if (seg, hit.start()) > named[entry.id] \
                    and not (prev and prev.group(1) not in _MAY_PRECEDE) \
                    and not re.match(r"\s+[A-Z]|[-‐‑–]", text[hit.end():]):
                out.append(_Cand(hit.start(), hit.end(), entry))  # "at Yokota"
    for rx, entry, _anchor in (*m.ship_names, *m.ship_short):
        if entry.id not in named:
            continue
        for hit in rx.finditer(text):
            if (seg, hit.start()) > named[entry.id] \
                    and (_THE_SHIP.search(text[:hit.start()])
                         or _in_a_list_of_ships(text, hit.start(), hit.end(), prefixed)) \
                    and not _NOT_THE_SHIP.match(text[hit.end():]) \
                    and not re.match(r"\s+[A-Z]|[-‐‑–]", text[hit.end():]):
                out.append(_Cand(hit.start(), hit.end(), entry))
    return out


# A list of capitalised names: "Lassen, Fitzgerald, John S. McCain and McCampbell".
_LIST_ITEM = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*)*"
_NAME_LIST = re.compile(rf"{_LIST_ITEM}(?:,[ \t]+{_LIST_ITEM})*,?[ \t]+and[ \t]+{_LIST_ITEM}")
_LIST_SPLIT = re.compile(r",?[ \t]+and[ \t]+|,[ \t]+")


def _in_a_list_of_ships(text: str, start: int, end: int, prefixed: frozenset[str]) -> bool:
    """Whether text[start:end] is a whole item of a list of names of which another item
    is a name the article wrote after a ship's prefix (gloss19)."""
    for lst in _NAME_LIST.finditer(text):
        if lst.start() <= start and end <= lst.end():
            items = _LIST_SPLIT.split(lst.group(0))
            name = text[start:end]
            return name in items and any(i != name and i in prefixed for i in items)
    return False


_PREFIXED_SHIP = re.compile(r"(?<!\w)(?:" + "|".join(sorted(_SHIP_PREFIX_WORDS)) +
                            rf")[ \t]+({_LIST_ITEM})")


def _prefixed_ship_names(segments: list[str]) -> frozenset[str]:
    """Names an article writes after a ship's prefix ("USS Lassen" gives "Lassen"), with
    a hull number in brackets left off."""
    return frozenset(h.group(1) for seg in segments for h in _PREFIXED_SHIP.finditer(seg))


def _paired_hyphens(text: str, start: int, end: int, surnames: dict[str, Entry]) -> bool:
    """A surname touches a hyphen only in a pair of resolved surnames ("the Putin-Kim
    summit", "Trump-Kim talks") or before a lower-case word ("Biden-era"); "Jong-un" or
    "Thomas-Greenfield" are pieces of a name."""
    before = re.search(r"([A-Z][\w'’]*)-$", text[:start])
    if text[:start].endswith("-") and (before is None or before.group(1) not in surnames):
        return False
    after = re.match(r"-([A-Z][\w'’]*)(?![\w-])", text[end:])
    if re.match(r"-[a-z]+(?![\w-])", text[end:]):
        return True  # "Biden-era", "Kim-led"
    return not text[end:].startswith("-") or (after is not None and after.group(1) in surnames)


# Offices whose holders wire copy names by surname alone, even once and without the
# given name ("Since Kim and Putin signed ...", "Putin says ..." in a headline): heads of
# state and government.
_LEADER_TITLE = re.compile(r"(?<![\w-])(?:President|Prime Minister|Premier|Chancellor)(?![\w-])")


def _is_leader(entry: Entry) -> bool:
    return any(_LEADER_TITLE.search(t) and not re.search(r"(?i)\b(?:former|vice|deputy)\b", t)
               for t in entry.en_title)


def _repeated_surnames(segments: list[str], m: Matcher, named: set[str],
                       taken: list[list[tuple[int, int]]]) -> dict[str, Entry]:
    """Surnames of one glossary person each, not shared by anyone named in full, that the
    article uses bare at least twice, or once for a head of state or government (not after
    a given name, an article, or before another capitalised word)."""
    out = {}
    joined = "\n".join(segments)
    for surname, people in m.persons_by_surname.items():
        if len(people) != 1 or surname in named or surname in _WORD_SURNAMES:
            continue
        # The count first: most surnames are absent, and asking whether the person leads
        # a government for each of them cost half of this function (166 an article).
        seen = joined.count(surname)
        if not seen or seen < (1 if _is_leader(people[0]) else 2):
            continue
        count = 0
        rx = m.surname_rx[surname]
        own_title = m.left_title.get(people[0].id)
        other = False  # someone else of that surname, or the word in its common use
        other_office = False  # after a title that is not the person's own
        for i, text in enumerate(segments):
            if re.search(rf"(?<!\w){re.escape(surname.lower())}(?!\w)", text):
                other = True  # "price", "moon": the article uses the word as a word
            for hit in rx.finditer(text) if surname in text else ():
                before = text[:hit.start()]
                prev = re.search(r"(?<![\w.'’-])([A-Z][\w.'’-]*)\s+$", before)
                if prev and prev.group(1) not in _STARTERS | _TITLE_WORDS \
                        and not _SENTENCE_END.fullmatch(prev.group(1)) \
                        and not _HONORIFIC.search(before) \
                        and not _OFFICE_PHRASE_BEFORE.search(before) \
                        and not _overlaps(hit.span(), taken[i]):
                    other = True  # "Tom Harris": another person of that surname
                if _ARTICLE_BEFORE.search(before):
                    other = True  # "the Moon": a noun
                if _given_name_after(text, hit.end()) and not _overlaps(hit.span(), taken[i]):
                    other = True  # "Zhang Tianxiong": someone else, named surname first
                if prev and prev.group(1) in _TITLE_WORDS and not _overlaps(hit.span(), taken[i]) \
                        and not (own_title and own_title.search(text[max(0, hit.start() - 160):
                                                                     hit.start()])):
                    other_office = True  # "Vice Minister Kishida": maybe another Kishida
                if _overlaps(hit.span(), taken[i]) or before.endswith("-") \
                        or re.match(r"\s+[A-Z][a-z]", text[hit.end():]):
                    continue
                count += 1
        # Once is enough for a head of state or government, unless another office's title
        # stands before it: no one else is named so.
        if not other and (count >= 2 or (count == 1 and _is_leader(people[0])
                                         and not other_office)):
            out[surname] = people[0]
    return out


def _titled_surnames(segments: list[str], m: Matcher, named: set[str],
                     taken: list[list[tuple[int, int]]]) -> dict[str, Entry]:
    """Surnames of one glossary person each, not shared by anyone named in full, that the
    article puts right after one of that person's own titles ("Prime Minister Kishida",
    "Secretary of State Tillerson"): the title names the office, the surname the holder."""
    out = {}
    joined = "\n".join(segments)
    for surname, people in m.persons_by_surname.items():
        entry = people[0]
        left = m.left_title.get(entry.id)
        if len(people) != 1 or left is None or surname in named or surname in _WORD_SURNAMES \
                or surname not in joined:
            continue
        rx = m.surname_rx[surname]
        for i, text in enumerate(segments):
            for hit in rx.finditer(text) if surname in text else ():
                before = text[max(0, hit.start() - 160):hit.start()]
                title = left.search(before)
                if title and not _overlaps(hit.span(), taken[i]) \
                        and not re.match(r"\s+[A-Z][a-z]", text[hit.end():]) \
                        and not OTHER_OFFICE.search(before[:title.start()]):
                    out[surname] = entry
    return out


def _government_surnames(m: Matcher, named: set[str]) -> dict[str, Entry]:
    """Surnames that "the Biden administration" may use before the full name: the one
    person of that surname named in the article, else the one in the glossary."""
    out = {}
    for surname, people in m.persons_by_surname.items():
        in_article = [p for p in people if p.id in named]
        pick = in_article if in_article else people
        if len(pick) == 1:
            out[surname] = pick[0]
    return out


# An abbreviation the article defines in brackets right after a name ("State Affairs
# Commission (SAC)") stands for that name from there on (glossaries/README.md, "Thirteenth
# fresh batch"); only one no entry holds as a form, so a known "SPA" keeps its own entry.
_DEFINED_ABBREVIATION = re.compile(r"[ \t]*\(([A-Z]{2,6})\)")


def _fits_initials(abbreviation: str, name: str) -> bool:
    """Whether each letter of an abbreviation is an initial of a word of the name, each
    word used once ("Multilateral Sanctions Monitoring Team (MSTM)", "Medium-Range Air to
    Air Missiles (MRAAM)"): a wire's own code after a dateline's country ("Republic of
    Korea (NNS)", the Navy News Service) abbreviates no name."""
    initials = [w[0].upper() for w in re.findall(r"[A-Za-z][\w'’]*", name)]
    for letter in abbreviation.upper():
        if letter not in initials:
            return False
        initials.remove(letter)
    return True


def _defined_abbreviations(segments: list[str], found: list[list[_Cand]],
                           taken: list[list[tuple[int, int]]], m: Matcher) -> None:
    """Add the later uses of abbreviations defined in brackets after a body's name (in
    place); people are left out: initials after a name ("Kim Jong Un (KJU)") are a
    site's habit, not the wire's."""
    defined: dict[str, tuple[Entry, int, int]] = {}
    for i, seg in enumerate(found):
        for c in sorted(seg, key=lambda c: c.start):
            bracket = _DEFINED_ABBREVIATION.match(segments[i], c.end)
            if bracket and c.entry.kind != "person" \
                    and bracket.group(1).casefold() not in m.form_words \
                    and _fits_initials(bracket.group(1), segments[i][c.start:c.end]):
                defined.setdefault(bracket.group(1), (c.entry, i, bracket.start(1)))
    for abbreviation, (entry, first_seg, first_start) in defined.items():
        use = re.compile(rf"(?<![\w.'’-]){abbreviation}(?![\w'’-])")
        for i in range(first_seg, len(segments)):
            for hit in use.finditer(segments[i]):
                if (i, hit.start()) < (first_seg, first_start) \
                        or _overlaps(hit.span(), taken[i]):
                    continue
                taken[i].append(hit.span())
                found[i].append(_Cand(hit.start(), hit.end(), entry))


def _bare_bodies(segments: list[str], found: list[list[_Cand]], m: Matcher) -> None:
    """A bare body name in an article that names another country's body of that name and
    never the entry's own full form is that body: "Russia's Security Council ... the
    Security Council's secretary" is Russia's council throughout, not the UN's (in place)."""
    def bare(i: int, c: _Cand) -> bool:
        return plain(segments[i][c.start:c.end]) in m.headless_forms.get(c.entry.id, ())

    named = {c.entry.id for seg in found for c in seg}
    in_full = {c.entry.id for i, seg in enumerate(found) for c in seg if not bare(i, c)}
    for i, seg in enumerate(found):
        for k, c in enumerate(seg):
            if c.entry.id in in_full or not bare(i, c):
                continue
            others = {o.id: o for o in m.owned_tail.get(plain(segments[i][c.start:c.end]), ())
                      if o.id in named and o.id != c.entry.id}
            if len(others) == 1:
                seg[k] = replace(c, entry=next(iter(others.values())))


# A chamber named generically is another country's as often as Japan's ("House of
# Representatives" is also the US House; any parliament has an "Upper House"): it is
# Japan's chamber in an article that names Japan's parliament or its parties and no other
# country's legislature (glossaries/README.md, "Eleventh fresh batch").
_JAPANESE_CHAMBERS = {"House of Representatives": "house-of-representatives-of-japan",
                      "Lower House": "house-of-representatives-of-japan",
                      "Upper House": "house-of-councillors"}
_JAPANESE_PARLIAMENT = frozenset({
    "national-diet", "house-of-representatives-of-japan", "house-of-councillors", "ldp",
    "komeito", "constitutional-democratic-party-of-japan", "nippon-ishin-no-kai",
    "democratic-party-for-the-people", "sanseito"})
_OTHER_LEGISLATURES = frozenset({"national-assembly", "us-senate", "us-congress",
                                 "supreme-peoples-assembly", "state-duma"})
_CHAMBER_RX = re.compile(r"(?<![\w.'’-])(House of Representatives|Lower House|Upper House)"
                         r"(?![\w'’-])")


def _japanese_chambers(segments: list[str], found: list[list[_Cand]],
                       taken: list[list[tuple[int, int]]], glossary: Glossary) -> None:
    """Generic chamber names as Japan's chambers, in an article about Japan's parliament
    (in place)."""
    named = {c.entry.id for seg in found for c in seg}
    if not named & _JAPANESE_PARLIAMENT or named & _OTHER_LEGISLATURES:
        return
    for i, text in enumerate(segments):
        for hit in _CHAMBER_RX.finditer(text):
            entry = glossary.get(_JAPANESE_CHAMBERS[hit.group(1)])
            if entry is None or _overlaps(hit.span(), taken[i]):
                continue
            found[i].append(_Cand(hit.start(), hit.end(), entry))
            taken[i].append(hit.span())


def find_mentions(segments: list[str], glossary: Glossary,
                  kinds: list[str] | None = None) -> list[list[Mention]]:
    """All glossary mentions in one article's segments (in order), per segment.

    Names and variants are found first; a later bare surname ("Sullivan said") is then
    resolved to the one glossary person of that surname named in full earlier in the
    article (in the headline: anywhere in the article), and left alone when none or
    several persons of that surname were named. ``kinds`` gives each segment's kind
    ("title", "body", "caption", ...): the first mention is counted from the first title
    or body segment, and mentions in captions and credits are always rendered in full.
    Without ``kinds`` every segment counts and the first segment is the headline.
    """
    if kinds is not None and len(kinds) != len(segments):
        raise ValueError(f"{len(kinds)} kinds for {len(segments)} segments")
    m = matcher_for(glossary)
    as_given = segments
    segments = [s.translate(_FOLD) for s in segments]  # same lengths, so same spans
    found: list[list[_Cand]] = []
    taken_per_seg: list[list[tuple[int, int]]] = []
    for text in segments:
        taken = list(_excluded(text))
        chosen = _select([c for c in _name_candidates(text, m)
                          if not _across_dateline(text, c)], taken)
        chosen = _absorb_countries(text, _merge_groups(text, chosen, m), m)
        found.append(chosen)
        taken_per_seg.append(taken)

    _bare_bodies(segments, found, m)
    _defined_abbreviations(segments, found, taken_per_seg, m)
    _japanese_chambers(segments, found, taken_per_seg, glossary)

    first_full: dict[str, tuple[int, int]] = {}
    # Ships named with their prefix ("USS McCampbell"): a later "the McCampbell" is the ship.
    ships_named: dict[str, tuple[int, int]] = {}
    # Bases named in full ("Yokota Air Base"): a later bare "Yokota" is the base (gloss19).
    bases = {e.id for _rx, e, _a in m.base_short}
    for i, seg in enumerate(found):
        for c in sorted(seg, key=lambda c: c.start):
            if SHIP_PREFIX.match(segments[i][c.start:c.end]):
                ships_named.setdefault(c.entry.id, (i, c.start))
            if c.entry.id in bases:
                ships_named.setdefault(c.entry.id, (i, c.start))
    for i, seg in enumerate(found):
        for c in sorted(seg, key=lambda c: c.start):
            if c.entry.kind == "person" and c.by == "name":
                first_full.setdefault(c.entry.id, (i, c.start))
    owners: dict[str, list[Entry]] = {}
    for entry_id in first_full:
        entry = glossary[entry_id]
        for s in entry.en_surname:
            owners.setdefault(s, []).append(entry)
    surnames = {s: es[0] for s, es in owners.items() if len(es) == 1}
    # A surname the article repeats bare, that only one glossary person bears and no one
    # named in full shares, is that person even when the excerpt never names him in full
    # ("Nakatani and Hegseth confirmed ... Nakatani said"): one bare mention is too weak.
    repeated = _repeated_surnames(segments, m, set(owners), taken_per_seg)
    surnames.update(repeated)
    for surname, entry in _titled_surnames(segments, m, set(owners), taken_per_seg).items():
        surnames.setdefault(surname, entry)
    government = _government_surnames(m, set(first_full))

    def headline(i: int) -> bool:
        # A title, or a heading-shaped line of the text (a subheading, or the headline
        # after a site's widget line: "print PRINT" then "After reshuffle, Abe remains ...").
        if kinds is not None:
            return kinds[i] == "title" or (kinds[i] == "body" and _heading(segments[i]))
        return i == 0 or _heading(segments[i])

    result: list[list[Mention]] = []
    seen: set[str] = set()
    prefixed_ships = _prefixed_ship_names(segments)
    for i, text in enumerate(segments):
        cands = _surname_candidates(text, m, surnames, government, taken_per_seg[i])
        # A surname resolves after the full name, or in the headline, where wire copy
        # names people by surname before the body names them in full; "the Biden
        # administration" resolves on its own (see _government_surnames).
        # A surname after one of the person's own titles ("President Lee's absence ...
        # President Lee Jae-myung, who") resolves before the full name too: an analysis
        # may name its subject in full only further down, and the title says who.
        cands = [c for c in cands
                 if c.form or headline(i) or c.titled or c.entry.id not in first_full
                 or (i, c.start) > first_full[c.entry.id]]
        cands += _named_ship_candidates(text, i, m, ships_named, prefixed_ships)
        # A bare surname's title may name a country or a body ("U.S. Secretary of State
        # Tillerson", "Secretary General of the National Security Secretariat Yachi"): the
        # titled mention takes them in, as a titled full name does.
        for c in cands:
            inner = [f for f in found[i] if c.titled and c.start <= f.start and f.end <= c.end
                     and f.entry.kind != "person"]
            if inner and all(not _overlaps((c.start, c.end), [(f.start, f.end)])
                             or f in inner for f in found[i]):
                for f in inner:
                    found[i].remove(f)
                    taken_per_seg[i].remove((f.start, f.end))
        later = _select(cands, taken_per_seg[i])
        standalone = kinds is not None and kinds[i] in STANDALONE_KINDS
        mentions = []
        for c in sorted(found[i] + later, key=lambda c: c.start):
            end = _trim_final_dot(text, c.start, c.end)
            # A bare surname or "the X administration" is never the first mention.
            counts = c.by == "name" and not c.form
            first = standalone or (counts and c.entry.id not in seen)
            mentions.append(Mention(i, c.start, end, as_given[i][c.start:end], c.entry.id,
                                    first=first if not c.form else False, titled=c.titled,
                                    by=c.by, form=c.form, carries=c.carries))
            if counts and not standalone:
                seen.add(c.entry.id)
        result.append(mentions)
    return result

