"""Text structure for the linker: sentences, clauses, quoted and titled spans, digit folding.

Everything here is computed once per document with a few regex scans; lookups are by bisect.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from ..text import SENTENCE_MARKS, mark_positions

# Full-width digits and letters fold to ASCII so that one pattern serves both (same length).
_FOLD_PAIRS = tuple({chr(0xFF10 + i): str(i) for i in range(10)}.items()) + \
    (("．", "."), ("－", "-"), ("／", "/"), ("　", " "))
_INNER_END = re.compile(r"[；;，,：:…]")  # clause marks that do not end a sentence (… ends a clause)
_QUOTED = re.compile(r"“[^“”\n]{1,40}”|「[^「」\n]{1,40}」|\"[^\"\n]{1,40}\"")
_CURLY_QUOTED = re.compile(r"“[^“”\n]{1,40}”")  # the same where “ is the only opening mark
_TITLED = re.compile(r"《[^《》\n]{1,80}》")
OPEN_PAREN = "(（"
CLOSE_PAREN = ")）"
# how far before or after a figure the linkers look inside one sentence part: news sentences
# are shorter; a run-on text of a megabyte stays linear
WINDOW = 400


_match_start = re.Match.start  # (mapped over matches: no Python frame per mark)
_WIDE = "　" + "".join(w for w, _ in _FOLD_PAIRS if w != "　")  # what fold replaces, the commonest first


def fold(text: str) -> str:
    """``text`` with full-width digits and a few symbols as ASCII; same length, same offsets."""
    for wide in _WIDE:  # (a C-level ``in`` per character beats one regex scan of the text)
        if wide in text:
            break
    else:
        return text
    # a few C-level replaces beat translate's per-character lookups on long texts
    for wide, narrow in _FOLD_PAIRS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


class Sentence(NamedTuple):
    """A sentence with the marks inside it, computed once per sentence and shared by every
    linker (``DocText.sentence_of``)."""

    start: int
    end: int            # its end mark excluded
    semis: list[int]    # offsets of its ；; marks
    marks: list[int]    # offsets of its ；;，,：:… marks (clause ends)


_Parts = tuple[tuple[int, int], tuple[int, int], tuple[int, int]]


@dataclass
class DocText:
    """A document with its boundaries: ``text`` as given, ``norm`` folded to ASCII digits.

    Sentence ends are found once; the semicolons, commas and colons inside a sentence only
    when a position in that sentence is asked about (figures are in a part of the sentences),
    once per sentence, for every linker.
    """

    text: str
    norm: str = ""
    sentence_ends: list[int] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # “…” spans, marks included
    titled: list[tuple[int, int]] = field(default_factory=list)  # 《…》 spans, marks included
    _sentences: dict[int, Sentence] = field(default_factory=dict, repr=False)  # by sentence index
    _at: dict[int, _Parts] = field(default_factory=dict, repr=False)  # by position
    _quoted_starts: list[int] = field(default_factory=list, repr=False)  # for bisect on ints
    _titled_starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def of(cls, text: str) -> "DocText":
        norm = fold(text)
        sentence = _sentence_ends(text)
        if "「" in text or '"' in text:
            quoted = [m.span() for m in _QUOTED.finditer(text)]
        else:
            quoted = [m.span() for m in _CURLY_QUOTED.finditer(text)] if "“" in text else []
        titled = [m.span() for m in _TITLED.finditer(text)] if "《" in text else []
        return cls(text, norm, sentence, quoted, titled, _quoted_starts=[a for a, _ in quoted],
                   _titled_starts=[a for a, _ in titled])

    def sentence_of(self, pos: int) -> Sentence:
        """The sentence holding ``pos`` with its marks (found once per sentence)."""
        i = bisect_left(self.sentence_ends, pos)
        got = self._sentences.get(i)
        return got if got is not None else self._read_sentence(i)

    def _read_sentence(self, i: int) -> Sentence:
        """Sentence ``i`` with its marks, remembered."""
        ends = self.sentence_ends
        start = ends[i - 1] + 1 if i > 0 else 0
        end = ends[i] if i < len(ends) else len(self.text)
        text = self.text
        marks = list(map(_match_start, _INNER_END.finditer(text, start, end)))
        semis = [k for k in marks if text[k] in "；;"] if (
            text.find("；", start, end) >= 0 or text.find(";", start, end) >= 0) else []
        got = self._sentences[i] = Sentence(start, end, semis, marks)
        return got

    def sentences_at(self, positions: Iterable[int]) -> list[tuple[int, int]]:
        """The spans of the sentences holding ``positions``, sorted, each once (a sentence of
        ten figures is bisected for each, but built once)."""
        ends, n = self.sentence_ends, len(self.text)
        last = len(ends)
        return [((ends[i - 1] + 1 if i > 0 else 0), (ends[i] if i < last else n))
                for i in sorted({bisect_left(ends, pos) for pos in positions})]

    def parts(self, pos: int) -> _Parts:
        """(sentence, semicolon part, clause) spans holding ``pos``, computed once per position."""
        got = self._at.get(pos)
        if got is not None:
            return got
        i = bisect_left(self.sentence_ends, pos)  # (``sentence_of`` inlined: once per figure)
        start, end, semis, marks = self._sentences.get(i) or self._read_sentence(i)
        sentence = (start, end)
        if marks:
            j = bisect_left(marks, pos)
            clause = (marks[j - 1] + 1 if j > 0 else start, marks[j] if j < len(marks) else end)
            if semis:
                j = bisect_left(semis, pos)
                semi = (semis[j - 1] + 1 if j > 0 else start, semis[j] if j < len(semis) else end)
            else:
                semi = sentence
        else:
            clause = semi = sentence
        got = self._at[pos] = (sentence, semi, clause)
        return got

    def sentence(self, pos: int) -> tuple[int, int]:
        """Span of the sentence (to 。！？ or line end) holding ``pos``, end mark excluded."""
        got = self._at.get(pos)
        if got is not None:
            return got[0]
        ends = self.sentence_ends  # (its commas are not needed)
        i = bisect_left(ends, pos)
        return (ends[i - 1] + 1 if i > 0 else 0), (ends[i] if i < len(ends) else len(self.text))

    def semi(self, pos: int) -> tuple[int, int]:
        """Span of the part of a sentence between semicolons holding ``pos``."""
        got = self._at.get(pos)
        return got[1] if got is not None else self.parts(pos)[1]

    def clause(self, pos: int) -> tuple[int, int]:
        """Span of the clause (between commas, colons, semicolons, sentence ends) holding ``pos``."""
        got = self._at.get(pos)
        return got[2] if got is not None else self.parts(pos)[2]

    def in_quotes(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside “…” or 《…》."""
        return bool(self.quoted) and _inside(self.quoted, self._quoted_starts, start, end) or \
            bool(self.titled) and _inside(self.titled, self._titled_starts, start, end)

    def in_title_marks(self, start: int, end: int) -> bool:
        return bool(self.titled) and _inside(self.titled, self._titled_starts, start, end)


def _sentence_ends(text: str) -> list[int]:
    """Offsets of the sentence-end marks (。！？!? and line ends)."""
    return mark_positions(text, SENTENCE_MARKS)


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of the sorted, disjoint ``spans`` (``starts``:
    their starts), marks excluded."""
    i = bisect_right(starts, start) - 1
    return i >= 0 and spans[i][0] < start and end <= spans[i][1]


def paren_start(text: str, start: int, pos: int) -> int:
    """Where the window [start, pos) should begin when ``pos`` sits inside an open parenthesis."""
    seg = text[start:pos]
    if "(" not in seg and "（" not in seg:
        return start  # no opening parenthesis: the walk below would end at ``start``
    depth = 0
    for i in range(pos - 1, start - 1, -1):
        ch = text[i]
        if ch in CLOSE_PAREN:
            depth += 1
        elif ch in OPEN_PAREN:
            if depth == 0:
                return i + 1
            depth -= 1
    return start


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping union of spans."""
    out: list[tuple[int, int]] = []
    if not spans:
        return out
    ordered = sorted(spans)
    lo, hi = ordered[0]
    for a, b in ordered:  # (the open span in two locals, not read back from the list)
        if a <= hi:
            if b > hi:
                hi = b
        else:
            out.append((lo, hi))
            lo, hi = a, b
    out.append((lo, hi))
    return out
