"""Training the piece-labelling CRF from hand gold (used by bench/train_segment_model.py).

A piece's gold label is the kind of the gold segment that starts where the
piece starts, or ``join`` when the piece starts inside a gold segment.  A gold
segment that starts inside a piece cannot be found by any labelling: those are
counted (``unreachable``) so that the cutting in ``en_pieces`` can be judged
apart from the model.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from .en_features import piece_features
from .en_model import JOIN
from .en_pieces import Piece, normalise, pieces
from .page_gold import GoldSegment, Page
from .page_score import gold_spans

# L1 and L2 weights of the CRF, chosen by leave-one-outlet-out cross-validation
# on the development half (see bench/train_segment_model.py --cv).
C1 = 0.3  # 1.0 for the second-round model (bench/train_segment_model.py --second-round)
C2 = 0.01
MAX_ITERATIONS = 300
# crfsuite's training settings beyond c1/c2 (fifth round: tried by CV in
# bench/train_segment_model.py --algorithm/--possible-states/--no-possible-transitions).
ALGORITHM = "lbfgs"
TRAINER_SETTINGS: dict[str, object] = {"feature.possible_transitions": True}


@dataclass(frozen=True)
class LabelledPage:
    name: str
    text: str
    pieces: list[Piece]
    labels: list[str]
    unreachable: int


def _squeezed_starts(text: str, found: Sequence[Piece]) -> list[int]:
    squeezed = "".join(normalise(text).split())
    starts: list[int] = []
    cursor = 0
    for piece in found:
        key = "".join(piece.text.split())
        at = squeezed.find(key, cursor)
        if at == -1:
            raise ValueError(f"piece not found in order: {piece.text[:60]!r}")
        starts.append(at)
        cursor = at + len(key)
    return starts


def label_page(page: Page) -> LabelledPage:
    """The page's pieces with their gold labels."""
    found = pieces(page.content)
    kind_at = {span.start: span.kind for span in gold_spans(page)}
    starts = _squeezed_starts(page.content, found)
    labels = [kind_at.get(start, JOIN) for start in starts]
    unreachable = len(set(kind_at) - set(starts))
    return LabelledPage(page.name, page.content, found, labels, unreachable)


def train(
    pages: Sequence[LabelledPage],
    model: Path,
    c1: float = C1,
    c2: float = C2,
    max_iterations: int = MAX_ITERATIONS,
) -> None:
    """Train the CRF on ``pages`` and write it to ``model`` (deterministic)."""
    trainer = pycrfsuite.Trainer(algorithm=ALGORITHM, verbose=False)
    for page in pages:
        trainer.append(piece_features(page.text, page.pieces), page.labels)
    params: dict[str, object] = {"max_iterations": max_iterations, **TRAINER_SETTINGS}
    if ALGORITHM == "lbfgs":
        params.update({"c1": c1, "c2": c2})
    elif ALGORITHM == "l2sgd":
        params["c2"] = c2
    trainer.set_params(params)
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))


# --- Augmentation: more pages from the same gold ------------------------------
#
# ~30 pages teach the model where things stand on those pages: chrome first,
# headline second.  Two kinds of made-up pages, built only from the training
# pages' own lines and gold, teach it what things are wherever they stand:
# windows (a page cut at line boundaries, so that it starts with a headline,
# a dateline or the middle of the copy; or only its first lines), clean copies
# (the page without its lines of chrome), hard-wrapped copies (72 columns, as
# wire copy is sent), clean articles composed of real segments and insertions
# (a whole-line segment
# of one page, a footer, byline, caption or piece of chrome, put between two
# paragraphs of another).
WINDOWS_PER_PAGE = 3
INSERTIONS_PER_PAGE = 3
_INSERTED_KINDS = frozenset({"footer", "credit", "caption", "debris"})


def _free_line_breaks(page: Page) -> list[int]:
    """Offsets (in ``page.text``) of line starts that no gold segment crosses."""
    text = page.text
    starts = [page.body_start] + [
        i + 1 for i in range(page.body_start, len(text)) if text[i] == "\n"
    ]
    crossing = [(seg.start, seg.end) for seg in page.gold]
    return [s for s in starts if not any(a < s < b for a, b in crossing)] + [len(text)]


def _sub_page(page: Page, name: str, start: int, end: int) -> Page:
    gold = tuple(
        GoldSegment(seg.kind, seg.text, seg.start - start, seg.end - start)
        for seg in page.gold
        if start <= seg.start and seg.end <= end
    )
    return Page(name, page.text[start:end], 0, gold)


def _whole_lines(page: Page) -> list[GoldSegment]:
    """Gold segments that are a whole line of their page, of an inserted kind."""
    text = page.text
    found = []
    for seg in page.gold:
        line_start = text.rfind("\n", 0, seg.start) + 1
        line_end = text.find("\n", seg.end)
        line_end = len(text) if line_end == -1 else line_end
        whole = not text[line_start : seg.start].strip() and not text[seg.end : line_end].strip()
        if whole and seg.kind in _INSERTED_KINDS:
            found.append(seg)
    return found


def _without_chrome(page: Page) -> Page | None:
    """The page with its lines of nothing but debris taken out: the clean
    article a user pastes, headline first.  None when it has no such line."""
    text = page.text[page.body_start :]
    keep: list[tuple[int, int]] = []  # (start, end) of kept lines, in ``text``
    gold = [(seg.kind, seg.start - page.body_start, seg.end - page.body_start)
            for seg in page.gold]
    dropped = False
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        inside = [kind for kind, a, b in gold if a < end and b > start]
        if line.strip() and inside and all(kind == "debris" for kind in inside) and all(
            start <= a and b <= end for kind, a, b in gold if a < end and b > start
        ):
            dropped = True
        else:
            keep.append((start, end))
        start = end + 1
    if not dropped:
        return None
    new_text = "\n".join(text[a:b] for a, b in keep)
    shift: list[tuple[int, int, int]] = []  # old line span -> new start
    cursor = 0
    for a, b in keep:
        shift.append((a, b, cursor))
        cursor += b - a + 1
    segments = []
    for seg in page.gold:
        a = seg.start - page.body_start
        for line_start, line_end, new_start in shift:
            if line_start <= a <= line_end:
                new = new_start + a - line_start
                if new_text[new : new + len(seg.text)] == seg.text:
                    segments.append(GoldSegment(seg.kind, seg.text, new, new + len(seg.text)))
                break
    return Page(f"{page.name}~clean", new_text, 0, tuple(segments))


WRAP_COLUMNS = 72


def _hard_wrapped(page: Page) -> Page | None:
    """The page as 72-column wire copy: long lines broken at spaces.  A space
    becomes a line break, so offsets stay and only whitespace changes."""
    text = list(page.text[page.body_start :])
    column = 0
    last_space = -1
    wrapped = False
    for i, char in enumerate(text):
        if char == "\n":
            column, last_space = 0, -1
            continue
        column += 1
        if char == " ":
            last_space = i
        if column > WRAP_COLUMNS and last_space != -1:
            text[last_space] = "\n"
            column = i - last_space
            last_space = -1
            wrapped = True
    if not wrapped:
        return None
    new_text = "".join(text)
    gold = tuple(
        GoldSegment(seg.kind, new_text[seg.start - page.body_start : seg.end - page.body_start],
                    seg.start - page.body_start, seg.end - page.body_start)
        for seg in page.gold
    )
    return Page(f"{page.name}~wrap", new_text, 0, gold)


# Eleventh round: the page with its blank lines taken out, as the aligner and
# paste-in users send text (one line a unit); the real pages mostly keep
# theirs, so a headline's evidence learned with a blank line under it was
# missing there. On in bench/train_segment_model.py --second-round (the shipped
# model's training).
SQUEEZED_BLANK_LINES = False
_BLANK_RUN = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def _squeezed(page: Page) -> Page | None:
    """The page with every run of blank lines cut to one line break."""
    content = page.text[page.body_start :]
    kept: list[int] = []  # kept[i]: new offset of old offset i
    pieces: list[str] = []
    at = new = 0
    for match in _BLANK_RUN.finditer(content):
        chunk = content[at : match.start()] + "\n"
        kept.extend(range(new, new + match.start() - at))
        kept.extend([new + match.start() - at] * (match.end() - match.start()))
        pieces.append(chunk)
        new += len(chunk)
        at = match.end()
    if at == 0:
        return None
    pieces.append(content[at:])
    kept.extend(range(new, new + len(content) - at + 1))
    new_text = "".join(pieces)
    gold = []
    for seg in page.gold:
        start, end = kept[seg.start - page.body_start], kept[seg.end - page.body_start]
        gold.append(GoldSegment(seg.kind, new_text[start:end], start, end))
    return Page(f"{page.name}~squeezed", new_text, 0, tuple(gold))


COMPOSED_ARTICLES = 150
# Fourth round (chosen by cross-validation): sign-offs glued to the last
# sentence are rare on real pages, so the made-up pages also glue the real
# pages' own short sign-offs ("(Yonhap)", "– Reuters", "(END)") to a page's
# last sentence and to composed articles, not "(END)" alone.
GLUED_SIGN_OFFS = False
_SIGN_OFF_START = ("(", "-", "–", "—")
# The wires' own sign-offs, in both forms, beside those found on the pages.
_AGENCIES = ("AP", "AFP", "Kyodo", "Yonhap", "Reuters", "Jiji", "UPI", "Xinhua", "KCNA", "AJP")
WIRE_SIGN_OFFS = False


def _sign_offs(pages: Sequence[Page]) -> list[str]:
    """The short footers of ``pages`` that are sign-offs, sorted (deterministic)."""
    found = {
        seg.text for page in pages for seg in page.gold
        if seg.kind == "footer" and "\n" not in seg.text and len(seg.text.split()) <= 4
        and seg.text.startswith(_SIGN_OFF_START)
    }
    if WIRE_SIGN_OFFS:
        found |= {f"({agency})" for agency in _AGENCIES} | {f"– {agency}" for agency in _AGENCIES}
    return sorted(found | {"(END)"})


def _signed_off(page: Page, sign_off: str) -> Page | None:
    """The page with ``sign_off`` glued after its last body sentence that ends
    a line (None when no body sentence ends a line)."""
    text = page.text[page.body_start :]
    shift = page.body_start
    last = None
    for seg in page.gold:
        end = seg.end - shift
        if seg.kind == "body" and (end == len(text) or text[end] == "\n"):
            last = seg
    if last is None:
        return None
    at = last.end - shift
    insert = f" {sign_off}"
    new_text = text[:at] + insert + text[at:]
    gold = []
    for seg in page.gold:
        start, end = seg.start - shift, seg.end - shift
        moved = len(insert) if start >= at else 0
        gold.append(GoldSegment(seg.kind, seg.text, start + moved, end + moved))
    gold.append(GoldSegment("footer", sign_off, at + 1, at + 1 + len(sign_off)))
    gold.sort(key=lambda g: g.start)
    return Page(f"{page.name}~signed", new_text, 0, tuple(gold))


def _paragraphs(page: Page) -> list[list[GoldSegment]]:
    """Runs of body sentences of one line each (a paragraph) on a page."""
    runs: list[list[GoldSegment]] = []
    text = page.text
    for seg in page.gold:
        same_line = runs and seg.kind == "body" and runs[-1][-1].kind == "body" and (
            "\n" not in text[runs[-1][-1].end : seg.start]
        )
        if same_line:
            runs[-1].append(seg)
        elif seg.kind == "body":
            runs.append([seg])
    return runs


def _composed(pages: Sequence[Page], count: int, rng: random.Random) -> list[Page]:
    """Clean articles put together from real segments of the training pages:
    a headline, maybe a byline, a dateline opening the first paragraph, more
    paragraphs, maybe a caption, a piece of chrome or a footer between or after
    them, maybe an end mark glued to the last paragraph."""
    whole: dict[str, list[str]] = {}
    for page in pages:
        for seg in _whole_lines(page) + [s for s in page.gold if s.kind == "title"]:
            if "\n" not in seg.text:
                whole.setdefault(seg.kind, []).append(seg.text)
    datelines = [s.text for p in pages for s in p.gold if s.kind == "dateline"]
    paragraphs = [[s.text for s in run] for p in pages for run in _paragraphs(p)]
    paragraphs = [run for run in paragraphs if all("\n" not in t for t in run)]
    sign_offs = _sign_offs(pages)
    made: list[Page] = []
    for n in range(count):
        parts: list[tuple[str, str, str]] = []  # (kind, text, glue before it)
        parts.append(("title", rng.choice(whole["title"]), ""))
        if rng.random() < 0.4:
            parts.append(("credit", rng.choice(whole["credit"]), "\n\n"))
        for k in range(rng.randint(1, 4)):
            run = rng.choice(paragraphs)
            glue = "\n\n"
            if k == 0 and rng.random() < 0.7:
                parts.append(("dateline", rng.choice(datelines), glue))
                glue = " "
            for i, sentence in enumerate(run):
                parts.append(("body", sentence, glue if i == 0 else " "))
            if rng.random() < 0.3:
                kind = rng.choice(sorted(whole.keys() & _INSERTED_KINDS))
                parts.append((kind, rng.choice(whole[kind]), "\n\n"))
        if rng.random() < 0.2:
            parts.append(("footer", rng.choice(sign_offs) if GLUED_SIGN_OFFS else "(END)", " "))
        text = ""
        gold: list[GoldSegment] = []
        for kind, segment_text, glue in parts:
            text += glue
            gold.append(GoldSegment(kind, segment_text, len(text), len(text) + len(segment_text)))
            text += segment_text
        made.append(Page(f"composed-{n}", text, 0, tuple(gold)))
    return made


def augment(pages: Sequence[Page], seed: int = 8) -> list[Page]:
    """Made-up training pages from ``pages`` (deterministic for a seed)."""
    rng = random.Random(seed)
    lines = [seg for page in pages for seg in _whole_lines(page)]
    sign_offs = _sign_offs(pages)
    made: list[Page] = []
    for page in pages:
        clean = _without_chrome(page)
        if clean is not None and clean.gold:
            made.append(clean)
        if GLUED_SIGN_OFFS:
            signed = _signed_off(page, rng.choice(sign_offs))
            if signed is not None:
                made.append(signed)
        squeezed = _squeezed(page) if SQUEEZED_BLANK_LINES else None
        if squeezed is not None:
            made.append(squeezed)
        wrapped = _hard_wrapped(page)
        if wrapped is not None:
            made.append(wrapped)
        breaks = _free_line_breaks(page)
        # The opening lines alone: a short article, headline first.
        for n, size in enumerate((2, 3, 5)):
            if len(breaks) > size:
                start = clean if clean is not None and clean.gold else page
                start_breaks = _free_line_breaks(start)
                if len(start_breaks) > size:
                    window = _sub_page(start, f"{page.name}~p{n}", start_breaks[0],
                                       start_breaks[size])
                    if window.gold:
                        made.append(window)
        for n in range(WINDOWS_PER_PAGE):
            if len(breaks) < 3:
                break
            a, b = sorted(rng.sample(range(len(breaks)), 2))
            window = _sub_page(page, f"{page.name}~w{n}", breaks[a], breaks[b])
            if window.gold:
                made.append(window)
        for n in range(INSERTIONS_PER_PAGE):
            if not lines or len(breaks) < 2:
                break
            at = rng.choice(breaks[1:-1] or breaks[:1])
            seg = rng.choice(lines)
            insert = f"\n{seg.text}\n\n"
            body = page.text[page.body_start :]
            cut = at - page.body_start
            text = body[:cut] + insert + body[cut:]
            gold = []
            for old in page.gold:
                shift = len(insert) if old.start >= at else 0
                gold.append(GoldSegment(old.kind, old.text, old.start - page.body_start + shift,
                                        old.end - page.body_start + shift))
            gold.append(GoldSegment(seg.kind, seg.text, cut + 1, cut + 1 + len(seg.text)))
            gold.sort(key=lambda g: g.start)
            made.append(Page(f"{page.name}~i{n}", text, 0, tuple(gold)))
    return made + _composed(pages, COMPOSED_ARTICLES, rng)
