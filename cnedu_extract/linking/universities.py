"""The university gazetteer: full names and short forms of Chinese and foreign universities.

Loaded once, lazily, from ``patterns/universities.tsv`` (written by ``build_schools``). Every
full name and short form, and the endings of school names (中学, 大学, 附小…, ``[school]
suffixes`` of linking.toml), are compiled into one Aho-Corasick automaton (``ahocorasick_rs``,
leftmost-longest: the matches a trie-shaped regular expression gives, found in one pass in
compiled code), so a document is scanned once for the universities and the school endings
(``scan``). ``school_region`` gives the place of a school for the region
linker: the city of a Chinese university (its province where the list gives no city, as for
the municipalities), the country of a foreign one.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick_rs

from ._data import config, tsv_rows


@dataclass(frozen=True, slots=True)
class University:
    name: str        # full name as listed
    country: str     # 中国 or a foreign country's common name
    province: str    # official province name (Chinese universities)
    city: str        # official city name, "" for a municipality's or where unknown


@dataclass(frozen=True, slots=True)
class Form:
    """A written form: the university it names, and whether it needs a school context."""

    university: University
    short: bool
    needs_context: bool


class Universities:
    def __init__(self) -> None:
        self.by_name: dict[str, University] = {}
        self.forms: dict[str, Form] = {}
        for name, country, province, city, anyf, ctx in tsv_rows("universities.tsv"):
            u = University(name, country, province, city)
            self.by_name.setdefault(name, u)
            self.forms.setdefault(name, Form(u, False, False))  # (every form has 2+ characters)
            for f in filter(None, anyf.split("|")):
                self.forms[f] = Form(u, True, False)
            for f in filter(None, ctx.split("|")):
                self.forms[f] = Form(u, True, True)
        self._names = list(self.forms)
        self._endings = frozenset(config()["school"]["suffixes"])
        # forms first: an ending that is also a form (none today) stays a form
        self._patterns = self._names + sorted(self._endings - set(self.forms))
        self._form_at = [p if p in self.forms else None for p in self._patterns]  # (by index)
        self._automaton = ahocorasick_rs.AhoCorasick(
            self._patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            # (a DFA is faster still but holds 25 MB; this one 2.5 MB, twice the regex scan's speed)
            implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        self._forms_only: ahocorasick_rs.AhoCorasick | None = None

    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str | None]]:
        """One pass over ``text[start:end]``: (start, end, form) of the forms as ``find`` gives
        them and (start, end, None) of the school endings outside them, leftmost-longest, in
        order (a form holds the endings inside it: the caller reads them from it)."""
        if end is None:
            end = len(text)
        form_at = self._form_at
        hits = self._automaton.find_matches_as_indexes(text if start == 0 and end == len(text) else text[start:end])
        if start == 0:
            return [(a, b, form_at[k]) for k, a, b in hits]
        return [(start + a, start + b, form_at[k]) for k, a, b in hits]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, form) of every full name and short form in ``text[start:end]``, leftmost
        first, the longest at each start, not overlapping (as a trie regex's ``finditer``)."""
        if end is None:
            end = len(text)
        if self._forms_only is None:  # (for tools and tests: the linker scans with ``scan``)
            self._forms_only = ahocorasick_rs.AhoCorasick(
                self._names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        names = self._names
        return [(start + a, start + b, names[k])
                for k, a, b in self._forms_only.find_matches_as_indexes(text[start:end])]

    def region(self, name: str) -> str | None:
        """The official region of a school written ``name`` (full name or short form)."""
        f = self.forms.get(name)
        if f is None:
            return None
        u = f.university
        if u.country != "中国":
            return u.country
        return u.city or u.province or None


@cache
def universities() -> Universities:
    return Universities()


def school_region(name: str) -> str | None:
    """The place of the school ``name`` as the region linker names places: 北京大学 → 北京市,
    吉林大学 → 长春市, 哈佛 → 美国; None for a school the gazetteer does not list. Names joined
    with 、 (a list of schools) have a place only when all of them share it."""
    g = universities()
    places = {g.region(n) for n in name.split("、")}
    return places.pop() if len(places) == 1 else None
