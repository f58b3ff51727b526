"""``finditer`` of a pattern whose matches all end with one of a few pairs of characters.

The numbered school names (萍乡六中, 十一中, 一小) match a pattern that would be tried at every
position of a text, though its matches are rare: every one ends with a numeral and a kind (六中,
一中). A small automaton finds those pairs in the UTF-8 text (far faster than the pattern is tried
at each character), and the pattern is tried only in the few characters before each.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from re import _constants as _C, _parser as _P  # type: ignore[attr-defined]

import ahocorasick_rs


class EndAnchored:
    """The matches of ``compiled`` (the pattern ``source``, or one with the same matches) as its
    ``finditer`` gives them; the whole text is searched where ``end_pairs`` cannot read the
    pairs from the pattern."""

    def __init__(self, source: str, compiled: re.Pattern[str]) -> None:
        self.pattern = compiled
        pairs = end_pairs(source)
        low, high = _P.parse(source).getwidth()
        self._width = high
        self._automaton = None
        self._overlapping = False
        if pairs and low >= 2 and high <= 64:
            # pairs overlap only where a character can stand first in one and second in another;
            # where none can, the leftmost-first search (with its fast prefilter) finds them all
            self._overlapping = bool({x[0] for x in pairs} & {x[1] for x in pairs})
            kind = ahocorasick_rs.MatchKind.Standard if self._overlapping else ahocorasick_rs.MatchKind.LeftmostFirst
            self._automaton = ahocorasick_rs.BytesAhoCorasick([x.encode() for x in pairs], matchkind=kind)

    def finditer(self, text: str, spans: list[tuple[int, int]]) -> list[re.Match[str]]:
        """The matches inside each of the sorted, disjoint ``spans`` (``finditer(text, a, b)``)."""
        pattern = self.pattern
        if self._automaton is None:
            return [m for a, b in spans for m in pattern.finditer(text, a, b)]
        raw = text.encode()
        hits = sorted(s for _, s, _ in self._automaton.find_matches_as_indexes(raw, overlapping=self._overlapping))
        if not hits:
            return []
        pairs: list[int] = []  # where each pair stands in ``text`` (bytes counted as characters)
        at = chars = 0
        for s in hits:
            chars += len(raw[at:s].decode())
            at = s
            pairs.append(chars)
        out: list[re.Match[str]] = []
        for a, b in spans:
            pos = a
            # a pair before ``a`` ends no match inside the span: start at the first one after it
            # (the spans are sorted, so many spans cost a search each, not a walk over every pair)
            for q in pairs[bisect_left(pairs, a):]:
                # a match ends with a pair and is at most ``width`` long, so it starts in
                # [q - width + 2, q]: pairs and starts tried in order give the leftmost match first
                if q + 2 > b:
                    break
                for k in range(max(pos, q - self._width + 2), q + 1):
                    m = pattern.match(text, k, b)
                    if m is not None:
                        out.append(m)
                        pos = m.end()
                        break
        return out


def end_pairs(pattern: str) -> list[str] | None:
    """The two characters every match of ``pattern`` ends with, read from its parse tree where it
    ends with a class repeated at least once, then a class, then only look-arounds
    (第?[一二…十]{1,3}[中小职高](?!…): 六中 and 十一中 end with 六中, 一中); else None."""
    items = list(_P.parse(pattern))
    while items and items[-1][0] in (_C.ASSERT, _C.ASSERT_NOT):
        items.pop()
    if len(items) < 2:
        return None
    op, av = items[-2]
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        before = _chars(av[2][0]) if av[0] >= 1 and len(av[2]) == 1 else None
    else:
        before = _chars(items[-2])
    last = _chars(items[-1])
    if before is None or last is None:
        return None
    return [x + y for x in before for y in last]


def _chars(item: tuple) -> list[str] | None:
    """The characters a one-character item matches (a literal, a class of literals), else None."""
    op, av = item
    if op is _C.LITERAL:
        return [chr(av)]
    if op is _C.IN and all(o is _C.LITERAL for o, _ in av):
        return [chr(v) for _, v in av]
    return None
