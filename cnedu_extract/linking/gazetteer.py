"""The region gazetteer: China's divisions with hierarchy and short forms, plus countries.

Loaded once, lazily, from ``patterns/regions.tsv`` (written by ``build_gazetteer``),
``patterns/countries.txt`` and ``patterns/foreign_cities.tsv`` (a foreign city names its
country: 巴黎 → 法国, written by ``build_gazetteer --cities``). All written forms are compiled into one Aho–Corasick automaton
(``find``), so a document is scanned once for every region name, and into one regular
expression shaped as a trie (``pattern``) for the linkers that match names at a place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

import ahocorasick_rs

from ..regexes import trie_pattern
from ._data import config, longest_first, read_text, tsv_rows

NATION_CODE = "000000"
_LEVEL_RANK = {"nation": 0, "country": 0, "province": 1, "prefecture": 2, "county": 3}


_REGIONS: dict[tuple[str, str, str, str, bool], "Region"] = {}  # every region made, by its fields


@dataclass(frozen=True, slots=True, eq=False)
class Region:
    """One unit: 6-digit code (country codes start with 'C:'), official name, level, parent code.

    Regions are interned: two made with the same fields are one object, so equality is
    identity and hashing is the object's own, both without a Python call (the linkers weigh,
    compare and look up regions in dicts and lists a lot)."""

    code: str
    name: str
    level: str  # nation, country, province, prefecture, county
    parent: str
    current: bool = True

    def __new__(cls, code: str, name: str, level: str, parent: str, current: bool = True) -> "Region":
        key = (code, name, level, parent, current)
        got = _REGIONS.get(key)
        if got is None:
            got = _REGIONS[key] = object.__new__(cls)
        return got

    def __reduce__(self) -> tuple:
        # (a copy or an unpickled region is the interned one)
        return Region, (self.code, self.name, self.level, self.parent, self.current)

    @property
    def rank(self) -> int:
        """0 for a country, 1 province, 2 prefecture, 3 county: higher is more specific."""
        return _LEVEL_RANK[self.level]


class Gazetteer:
    """Regions by code, written forms to candidate regions, and the compiled name scanner."""

    def __init__(self) -> None:
        cfg = config()
        self.nation = Region(NATION_CODE, cfg["scope"]["nation_name"], "nation", "")
        self.by_code: dict[str, Region] = {NATION_CODE: self.nation}
        # written form -> [(region, is_short_form)]
        self.forms: dict[str, list[tuple[Region, bool]]] = {}
        unmatched = set(cfg["gazetteer"]["unmatched_names"])
        for code, name, level, parent, short, status in tsv_rows("regions.tsv"):
            r = Region(code, name, level, parent or NATION_CODE, status == "current")
            if code not in self.by_code or r.current:
                self.by_code[code] = r
            if name not in unmatched:
                self._add(name, r, False)
            for s in filter(None, short.split("|")):
                self._add(s, r, True)
        for line in read_text("countries.txt").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            names = line.split("\t")
            r = Region("C:" + names[0], names[0], "country", "")
            self.by_code[r.code] = r
            for n in names:
                self._add(n, r, False)
        self._add(self.nation.name, self.nation, False)
        # ``pattern`` and ``finditer`` (the other linkers' scanners: where a school's or a
        # metric's name starts) know China's places and the countries; ``find``, the region
        # scanner, knows foreign cities too, each a short form of its country
        names = list(self.forms)
        countries = {r.name: r for r in self.by_code.values() if r.level == "country"}
        for city, country in tsv_rows("foreign_cities.tsv"):
            if city not in self.forms:
                self._add(city, countries[country], True)
        self.pattern = re.compile(trie_pattern(names))
        # Every form has two characters or more, and few places of a text start one of the
        # forms' two-character beginnings: the scanner tries the trie only there.
        self._short = any(len(f) < 2 for f in names)
        self._pairs = frozenset(f[:2] for f in names)
        firsts = "".join(sorted({f[0] for f in names}))
        seconds = "".join(sorted({f[1] for f in names if len(f) > 1}))
        self._candidates = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """Spans of the written forms in ``text[start:end]``, leftmost-longest, not overlapping
        (the spans of ``pattern.finditer``), found by one Aho–Corasick pass."""
        if end is None:
            end = len(text)
        if start == 0 and end == len(text):
            return [(a, b) for _, a, b in self._automaton.find_matches_as_indexes(text)]
        return [(a + start, b + start) for _, a, b in self._automaton.find_matches_as_indexes(text[start:end])]

    @cached_property
    def _automaton(self) -> ahocorasick_rs.AhoCorasick:
        return ahocorasick_rs.AhoCorasick(list(self.forms), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        """The matches of ``pattern.finditer(text, start, end)``, found faster."""
        if end is None:
            end = len(text)
        if self._short:
            return list(self.pattern.finditer(text, start, end))
        out: list[re.Match[str]] = []
        pairs, match = self._pairs, self.pattern.match
        nxt = start
        for c in self._candidates.finditer(text, start, end):
            i = c.start()
            if i < nxt or text[i:i + 2] not in pairs:
                continue
            m = match(text, i, end)
            if m is not None:
                out.append(m)
                nxt = m.end()
        return out

    def _add(self, form: str, region: Region, short: bool) -> None:
        entries = self.forms.setdefault(form, [])
        if all(e[0].code != region.code or e[0].name != region.name for e in entries):
            entries.append((region, short))

    def parent(self, r: Region) -> Region | None:
        """The unit directly above (None above a province or a country)."""
        return self.by_code.get(r.parent) if r.parent else None

    def chain(self, r: Region) -> list[Region]:
        """The region and all units above it, most specific first (ends with 中国 for Chinese units)."""
        out = [r]
        while (p := self.parent(out[-1])) is not None and p not in out:
            out.append(p)
        return out

    def contains(self, outer: Region, inner: Region) -> bool:
        """Whether ``inner`` lies within (or is) ``outer``."""
        return outer in self.chain(inner)

    def province_of(self, r: Region) -> Region | None:
        return next((x for x in self.chain(r) if x.level == "province"), None)

    def city_of(self, r: Region) -> Region | None:
        """The city a 我市/全市 names: the region itself when it is a city (county-level cities
        included), else its prefecture."""
        for x in self.chain(r):
            if x.level in ("prefecture", "county") and x.name.endswith("市"):
                return x
            if x.level == "prefecture":
                return x
        return None

    def resolve(self, form: str, home: Region | None) -> Region | None:
        """The region a written form names, using the home region to pick among namesakes.

        Preference: a candidate that is the home or lies in/around it; then a full name over a
        short form; then the higher level (江西 is the province, not a county); then current units.
        """
        cands = self.forms.get(form)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0][0]
        home_chain = self.chain(home) if home else []

        def key(entry: tuple[Region, bool]) -> tuple:
            r, short = entry
            near = 0
            if home is not None:
                if r in home_chain:
                    near = 3
                elif self.contains(home, r):
                    near = 2
                elif any(p in home_chain for p in self.chain(r)[1:] if p.level != "nation"):
                    near = 1
            return (-near, short, r.rank, not r.current)

        return min(cands, key=key)[0]


@cache
def gazetteer() -> Gazetteer:
    """The shared gazetteer (built on first use, about 0.1 s)."""
    return Gazetteer()
