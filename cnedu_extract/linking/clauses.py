"""Text structure for the linker: sentences, clauses, quoted and titled spans, digit folding.

Everything here is computed once per document with a few regex scans; lookups are by bisect.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

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


_NEEDS_FOLD = re.compile("[０-９．－／　]")


def fold(text: str) -> str:
    """``text`` with full-width digits and a few symbols as ASCII; same length, same offsets."""
    if not _NEEDS_FOLD.search(text):
        return text
    # a few C-level replaces beat translate's per-character lookups on long texts
    for wide, narrow in _FOLD_PAIRS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


@dataclass
class DocText:
    """A document with its boundaries: ``text`` as given, ``norm`` folded to ASCII digits.

    Sentence ends are found once; the semicolons, commas and colons inside a sentence only
    when a position in that sentence is asked about (figures are in a part of the sentences).
    """

    text: str
    norm: str = ""
    sentence_ends: list[int] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # “…” spans, marks included
    titled: list[tuple[int, int]] = field(default_factory=list)  # 《…》 spans, marks included
    # sentence index -> (its ；; marks, its ；;，,：: marks)
    _inner: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict, repr=False)
    _at: dict[int, tuple[tuple[int, int], tuple[int, int], tuple[int, int]]] = field(
        default_factory=dict, repr=False)

    @classmethod
    def of(cls, text: str) -> "DocText":
        norm = fold(text)
        sentence = _sentence_ends(text)
        if "「" in text or '"' in text:
            quoted = [m.span() for m in _QUOTED.finditer(text)]
        else:
            quoted = [m.span() for m in _CURLY_QUOTED.finditer(text)] if "“" in text else []
        titled = [m.span() for m in _TITLED.finditer(text)] if "《" in text else []
        return cls(text, norm, sentence, quoted, titled)

    def _sentence_at(self, pos: int) -> tuple[int, int, int]:
        ends = self.sentence_ends
        i = bisect_left(ends, pos)
        start = ends[i - 1] + 1 if i > 0 else 0
        end = ends[i] if i < len(ends) else len(self.text)
        return i, start, end

    def parts(self, pos: int) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
        """(sentence, semicolon part, clause) spans holding ``pos``, computed once per position."""
        got = self._at.get(pos)
        if got is not None:
            return got
        i, start, end = self._sentence_at(pos)
        marks = self._inner.get(i)
        if marks is None:
            text = self.text
            clause = [m.start() for m in _INNER_END.finditer(text, start, end)]
            semis = [k for k in clause if text[k] in "；;"] if (
                text.find("；", start, end) >= 0 or text.find(";", start, end) >= 0) else []
            marks = self._inner[i] = (semis, clause)
        spans = [(start, end)]
        for ends in marks:
            a, b = start, end
            if ends:
                j = bisect_left(ends, pos)
                if j > 0:
                    a = ends[j - 1] + 1
                if j < len(ends):
                    b = ends[j]
            spans.append((a, b))
        got = self._at[pos] = (spans[0], spans[1], spans[2])
        return got

    def sentence(self, pos: int) -> tuple[int, int]:
        """Span of the sentence (to 。！？ or line end) holding ``pos``, end mark excluded."""
        got = self._at.get(pos)
        if got is not None:
            return got[0]
        _, start, end = self._sentence_at(pos)  # (its commas are not needed)
        return start, end

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
        return _inside(self.quoted, start, end) or _inside(self.titled, start, end)

    def in_title_marks(self, start: int, end: int) -> bool:
        return _inside(self.titled, start, end)


def _sentence_ends(text: str) -> list[int]:
    """Offsets of the sentence-end marks (。！？!? and line ends)."""
    return mark_positions(text, SENTENCE_MARKS)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(spans, (start, 1 << 62)) - 1
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
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out
