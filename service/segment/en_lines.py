"""What one line of English wire copy is: the rules for each kind of line.

Wire copy pasted from a news site is a sequence of lines: the headline, bylines
and time stamps, a dateline opening the first paragraph, body paragraphs,
photo captions, a copyright footer, and the site's furniture (share buttons,
section labels, related-article lists, editors' notes).  Each rule below
recognises one of those by the conventions of Yonhap, AP, Reuters, Kyodo,
Jiji and AJP copy.  No library knows these conventions, hence our own rules.
"""

from __future__ import annotations

import re

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DASH = r"(?:-{1,2}|–|—|―)"


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _phrase_set(phrases: str) -> frozenset[str]:
    return frozenset(phrase.lower() for phrase in phrases.split("|"))


# --- Dateline: "SEOUL, Oct. 26 (Yonhap) --", "TOKYO (Kyodo) --" ----------------

# A place is one to four capitalised words: "SEOUL", "Washington D.C.",
# "ST. PETERSBURG", "UNITED NATIONS".
_PLACE_WORD = r"[A-Z][A-Za-z'’.\-]*"
_PLACE = rf"{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}}"
DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})"
    rf"(?:, (?!{_MONTH}\b)(?P<region>{_PLACE}))?"  # AP: "SEOUL, South Korea"
    rf"(?:,? (?P<date>{_MONTH}\.? \d{{1,2}}(?:, \d{{4}})?))?"  # "Oct. 26", "October 26"
    r"(?: ?\((?P<agency>[^()]{2,40})\))?"  # "(Yonhap)", "(Jiji Press)"
    rf"\s*{_DASH}(?=\s*\S)"  # the dash that ends every dateline
)


def dateline_end(line: str) -> int:
    """Length of the dateline that opens ``line``, or 0 when there is none.

    Without an agency or a date the place must be in capitals ("SEOUL --"),
    so that "Kim Jong-un - the leader" is not taken for a dateline.
    """
    match = DATELINE.match(line)
    if not match:
        return 0
    place = match.group("place")
    if match.group("agency") or match.group("date") or (place.isupper() and len(place) >= 3):
        return match.end()
    return 0


# --- Footer: copyright notices and the end mark ------------------------------

_FOOTER = re.compile(
    # "Copyright ⓒ Aju Press", "Copyright 2024 The Associated Press", "© 2024 Kyodo";
    # not "Copyright cases rose ...", a sentence about copyright.
    r"^(?:Copyright\s*(?:©|ⓒ|\([cC]\)|\d{4}\b|by\b)|©|ⓒ|\([cC]\)\s)"
    r"|All [Rr]ights [Rr]eserved"
    r"|^\(END\)$"  # Yonhap's end mark
    r"|^This material may not be published"  # AP's rider
)
# Yonhap glues "(END)" to the last paragraph: "... he said. (END)"
TRAILING_END_MARK = re.compile(r"\s*\(END\)\s*$")


def is_footer(line: str) -> bool:
    return bool(_FOOTER.search(line))


# --- Credit: bylines, time stamps, contributor lines -------------------------

_BYLINE = re.compile(r"^By [A-Z]")
_STAMP = re.compile(r"\b(?:Posted|Updated|Published|Last updated|Modified|Date)\s*:", re.I)
# Reuters' trailer "(Reporting by ...; Editing by ...)": in brackets, or at
# least not ending like a sentence ("Translated by volunteers, the book ... .").
_TRAILER = re.compile(
    r"^(?:\((?:Additional )?(?:Reporting|Writing|Editing|Compiled) by\b.*\)"
    r"|(?:Additional )?(?:Reporting|Writing|Editing|Compiled) by\b.*[^.!?])$",
    re.I,
)
_CONTRIBUTOR = re.compile(
    r"\bcontributed to this (?:report|story)\.?$"  # AP
    r"|^[\w.+-]+@[\w-]+\.[\w.]+$",  # a reporter's e-mail alone on a line
    re.I,
)
# "KYODO NEWS - Oct 26, 2024 - 14:57", "2024-10-26 14:57": a time stamp line.
_TIME_STAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{4}[-./]\d{1,2}[-./]\d{1,2}\b")


def is_credit(line: str) -> bool:
    if _STAMP.search(line) or _TRAILER.match(line) or _CONTRIBUTOR.search(line):
        return True
    words = line.split()
    if _BYLINE.match(line):
        # "By Kim Tong-hyung", "By KIM TONG-HYUNG and MARI YAMAGUCHI Associated Press";
        # a sentence such as "By the end of the year, ..." is longer and ends with a mark.
        return len(words) <= 10 and not line.endswith((".", "!", "?", '"', "”"))
    return bool(_TIME_STAMP.search(line)) and len(words) <= 15 and not ends_sentence(line)


# --- Caption: photo lines ending with their credit ----------------------------

_AGENCY = (
    r"(?:AP|AFP|EPA|Reuters|Yonhap|YONHAP|Kyodo|KYODO|Jiji|Xinhua|UPI|Newsis|News1|"
    r"KCNA|Getty Images|Bloomberg|Pool|Korea Herald|AJP)"
)
# The forms a photo credit takes at the end of a caption.
_CREDIT_FORMS = {
    "slash": rf"/\s*{_AGENCY}(?:-Yonhap)?",  # "Jake Sullivan/ AP-Yonhap"
    "via Yonhap": rf"\b{_AGENCY}-Yonhap",  # "... June 19, 2024. AP-Yonhap"
    "agency": rf"\({_AGENCY}(?: News| Photo)?\)|\[{_AGENCY}\]",  # "(Kyodo)", "[Yonhap]"
    # "(AP Photo/Ahn Young-joon)", "(Kyodo News via AP)", "[Photo courtesy of ...]"
    "photo in brackets": r"\([^()]*(?:[Pp]hoto|via |/|[Cc]ourtesy)[^()]*\)"
    r"|\[[^\[\]]*(?:[Pp]hoto|/|[Cc]ourtesy)[^\[\]]*\]",
    "photo by": r"\b(?:Photo|Photos|Image) (?:by|courtesy of|provided by) [^.]{2,60}",
}
_CAPTION_CREDIT = re.compile("(?:" + "|".join(_CREDIT_FORMS.values()) + r")\s*$")
# Korean-press photo lines start with a triangle: "▲ President Yoon ... (Yonhap)"
_CAPTION_MARK = re.compile(r"^[▲△]")


def is_caption(line: str) -> bool:
    return bool(_CAPTION_MARK.match(line) or _CAPTION_CREDIT.search(line))


# --- Debris: the news site's furniture ---------------------------------------

# Share buttons and page tools; a line made only of these words is debris.
_BUTTON_WORDS = _word_set(
    """
    share facebook twitter x kakaotalk kakao line email e-mail print comments
    comment tweet copy link url save listen subscribe advertisement ad reddit
    linkedin whatsapp telegram naver band more font size a+ a- aa top scrap
    """
)
_BUTTON_SEPARATORS = re.compile(r"[\s|·•/,]+|\(\d+\)|\d+")
# Section labels news sites print above the headline.
_SECTION_PHRASES = _phrase_set(
    "Politics|Economy|Business|World|National|Society|Culture|Sports|Opinion|Diplomacy|"
    "Defense|Defence|Tech|Science|Entertainment|Lifestyle|Asia|Japan|Korea|North Korea|"
    "South Korea|Korean Peninsula|News|Top News|Latest News|Editorial|Column|Columns|"
    "Features|Feature|Breaking News|World News|International|Asia-Pacific|"
    "Foreign Affairs|Home|Photos|Video|Videos|Gallery"
)
# Headers of the related-link lists that follow or interrupt an article.
RELATED_HEADER = re.compile(
    r"^(?:Related(?: (?:articles?|news|stories|links|coverage|content))?|"
    r"Most (?:viewed|read|popular)|"
    r"Popular (?:news|articles)|Latest (?:news|articles)|Recommended(?: articles)?|"
    r"You may also like|Read more|More (?:from|on|news)\b.*|Top stories|Trending)\s*:?$",
    re.I,
)
# Editors' notes and version tags of the wire: "(ATTN: UPDATES with ...)",
# "(LEAD)", "(2nd LD)", "(URGENT)", "(CORRECTED)".
EDITORS_NOTE = re.compile(r"^\((?:ATTN|EDITORS?|EDS?|REFILE|CORRECTS?)\b[^()]*\)$", re.I)
VERSION_TAG = re.compile(
    r"^\((?:LEAD|\d+(?:st|nd|rd|th) LD|URGENT|UPDATE ?\d*|CORRECTED|REFILE)[^()]*\)\s*"
)
_BREADCRUMB = re.compile(r"^(?:Home|HOME)\s*[>›»]")


def is_debris(line: str) -> bool:
    lowered = line.lower().strip(" :")
    if lowered in _SECTION_PHRASES or RELATED_HEADER.match(line):
        return True
    if EDITORS_NOTE.match(line) or VERSION_TAG.fullmatch(line) or _BREADCRUMB.match(line):
        return True
    words = [w for w in _BUTTON_SEPARATORS.split(lowered) if w]
    if all(w in _BUTTON_WORDS for w in words):
        return True  # "Share", "Facebook Twitter", "Comments (3)", "A+ A-", "0"
    # A short line in capitals ("POLITICS", "NORTH KOREA") is a section label.
    return line.isupper() and len(words) <= 3 and not ends_sentence(line)


# --- Shared helpers --------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


# Headlines end without a full stop, except on an abbreviation: "N. Korea slams U.S."
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")
_MAX_HEADLINE_WORDS = 30


def looks_like_headline(line: str) -> bool:
    """A headline: no dateline, not too long, no closing full stop."""
    if dateline_end(line) or len(line.split()) > _MAX_HEADLINE_WORDS:
        return False
    return not line.endswith(".") or bool(_ABBREVIATION_END.search(line))
