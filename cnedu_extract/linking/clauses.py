"""Text structure for the linker: sentences, clauses, quoted and titled spans, digit folding.

Everything here is computed once per document with a few regex scans; lookups are by bisect.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

# Full-width digits and letters fold to ASCII so that one pattern serves both (same length).
_FOLD = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} |
                      {"．": ".", "－": "-", "／": "/", "　": " "})
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_SEMI_END = re.compile(r"[。！？!?\n；;]")
_CLAUSE_END = re.compile(r"[。！？!?\n；;，,：:]")
_QUOTED = re.compile(r"“[^“”\n]{1,40}”|「[^「」\n]{1,40}」|\"[^\"\n]{1,40}\"")
_TITLED = re.compile(r"《[^《》\n]{1,80}》")
OPEN_PAREN = "(（"
CLOSE_PAREN = ")）"


_NEEDS_FOLD = re.compile("[０-９．－／　]")


def fold(text: str) -> str:
    """``text`` with full-width digits and a few symbols as ASCII; same length, same offsets."""
    return text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text


@dataclass
class DocText:
    """A document with its boundaries: ``text`` as given, ``norm`` folded to ASCII digits."""

    text: str
    norm: str = ""
    sentence_ends: list[int] = field(default_factory=list)
    semi_ends: list[int] = field(default_factory=list)
    clause_ends: list[int] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # “…” spans, marks included
    titled: list[tuple[int, int]] = field(default_factory=list)  # 《…》 spans, marks included

    @classmethod
    def of(cls, text: str) -> "DocText":
        norm = fold(text)
        clause, semi, sentence = [], [], []
        for m in _CLAUSE_END.finditer(text):  # one scan; each level keeps its own marks
            i = m.start()
            clause.append(i)
            ch = text[i]
            if ch not in "，,：:":
                semi.append(i)
                if ch not in "；;":
                    sentence.append(i)
        quoted = [m.span() for m in _QUOTED.finditer(text)] if "“" in text or "「" in text or '"' in text else []
        titled = [m.span() for m in _TITLED.finditer(text)] if "《" in text else []
        return cls(text, norm, sentence, semi, clause, quoted, titled)

    @staticmethod
    def _span(ends: list[int], pos: int, n: int) -> tuple[int, int]:
        i = bisect_left(ends, pos)
        start = ends[i - 1] + 1 if i > 0 else 0
        end = ends[i] if i < len(ends) else n
        return start, end

    def sentence(self, pos: int) -> tuple[int, int]:
        """Span of the sentence (to 。！？ or line end) holding ``pos``, end mark excluded."""
        return self._span(self.sentence_ends, pos, len(self.text))

    def semi(self, pos: int) -> tuple[int, int]:
        """Span of the part of a sentence between semicolons holding ``pos``."""
        return self._span(self.semi_ends, pos, len(self.text))

    def clause(self, pos: int) -> tuple[int, int]:
        """Span of the clause (between commas, colons, semicolons, sentence ends) holding ``pos``."""
        return self._span(self.clause_ends, pos, len(self.text))

    def in_quotes(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside “…” or 《…》."""
        return _inside(self.quoted, start, end) or _inside(self.titled, start, end)

    def in_title_marks(self, start: int, end: int) -> bool:
        return _inside(self.titled, start, end)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(spans, (start, 1 << 62)) - 1
    return i >= 0 and spans[i][0] < start and end <= spans[i][1]


def paren_start(text: str, start: int, pos: int) -> int:
    """Where the window [start, pos) should begin when ``pos`` sits inside an open parenthesis."""
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
