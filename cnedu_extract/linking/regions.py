"""Regions: mentions in a text, the document's home region, and the region of each figure.

- A *mention* is a written region name (萍乡, 芦溪县, 美国) or a scope word (我市, 全省, 全国)
  that resolves through the home region.
- The *home* region weighs mentions in the title, the header and footer (datelines, source
  lines) and the body; support flows up the hierarchy, and the most specific unit that holds
  most of its parent's support wins.
- A figure belongs to the nearest mention before it in its sentence that is not where it is
  ranked or honoured (位居全省…, 被评为龙岩市…) and not inside quotes or 《》; else to home.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import cache, lru_cache
from typing import NamedTuple

from ._data import Anchored, config, longest_first
from .clauses import WINDOW, DocText
from .gazetteer import Gazetteer, Region, gazetteer
from .tokens import word_starts


class Mention(NamedTuple):
    """A written region name or scope word (a tuple: documents hold thousands)."""

    start: int
    end: int
    form: str
    scope: str | None  # None for a name; city/province/county/district/nation for scope words


@cache
def _scope_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    cfg = config()["scope"]
    kinds: dict[str, str] = {}
    for kind in ("city", "province", "county", "district", "nation"):
        for w in cfg[kind]:
            kinds.setdefault(w, kind)
    return re.compile("|".join(map(re.escape, longest_first(list(kinds))))), kinds


@cache
def _target_pattern() -> re.Pattern[str]:
    verbs = config()["scope"]["target_verbs"]
    return re.compile("(?:" + "|".join(map(re.escape, longest_first(verbs))) + r")(?:了|为|于|到|在)?$")


@cache
def _dateline_patterns() -> list[Anchored]:
    return [Anchored(p) for p in config()["home"]["datelines"]]


def find_mentions(text: str, spans: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Region names and scope words in ``text`` (or only within ``spans``), in order."""
    g = gazetteer()
    scope_re, kinds = _scope_pattern()
    spans = spans or [(0, len(text))]
    out: list[Mention] = []
    words = word_starts()
    for s, e in spans:
        scopes = [Mention(*m.span(), m.group(), kinds[m.group()]) for m in scope_re.finditer(text, s, e)]
        out += scopes
        # scope words do not overlap, so their ends grow with their starts: the last one to
        # start before a name's end is the only one that may overlap it (linear, not n²)
        scope_starts = [x.start for x in scopes]
        for m in g.finditer(text, s, e):
            a, b = m.span()
            # A two-character name whose first character closes a word with the one before
            # it is part of that word (示范县 is not 范县, 完成县级 not 成县).
            if b - a <= 2 and a > 0 and text[a - 1:a + 1] in words:
                continue
            # A scope word wins over a name it overlaps (全国 vs 国..., 中国 is both).
            k = bisect_left(scope_starts, b) - 1
            if k >= 0 and a < scopes[k].end:
                continue
            out.append(Mention(a, b, m.group(), None))
    out.sort(key=lambda m: m.start)
    return out


@lru_cache(maxsize=8192)
def _form_support(form: str) -> tuple[int, tuple[Region, ...]]:
    """(how many regions a form may name; each of them and the units above it, one chain
    after the other).

    A form that names a unit and a namesake inside it (湘潭: 湘潭市 and its 湘潭县) counts
    for the outer one, as ``Gazetteer.resolve`` reads it without a home: otherwise every
    mention of the city would also lift the county to half the city's weight."""
    g = gazetteer()
    chains = [g.chain(r) for r, _short in g.forms.get(form, ())]
    outer = {c[0] for c in chains}
    chains = [c for c in chains if not any(x in outer for x in c[1:])]
    return len(chains), tuple(x for chain in chains for x in chain)


def home_region(text: str, title: str | None, mentions: list[Mention]) -> Region | None:
    """The region a document is about, or None when nothing in it says so."""
    g = gazetteer()
    cfg = config()["home"]
    support: dict[Region, float] = defaultdict(float)
    head, foot = cfg["header_chars"], len(text) - cfg["footer_chars"]

    def add(form: str, weight: float) -> None:
        n, regions = _form_support(form)
        if not n:
            return
        # An ambiguous short form counts for each namesake a little; resolution comes later.
        share = weight / n
        for x in regions:
            support[x] += share

    if title:
        for m in find_mentions(title):
            if m.scope is None:
                add(m.form, cfg["title_weight"])
    for m in mentions:
        if m.scope == "nation":
            support[g.nation] += cfg["body_weight"]  # 全国, 我国: national news stays national
        if m.scope is not None:
            continue
        w = cfg["header_weight"] if m.start < head or m.start >= foot else cfg["body_weight"]
        add(m.form, w)
    for zone in (text[:head], text[foot:] if foot > head else ""):
        for p in _dateline_patterns():
            for dm in p.finditer(zone):
                for m in find_mentions(dm.group("place")):
                    if m.scope is None:
                        add(m.form, cfg["header_weight"])
    home = _descend(g, support, cfg["descend_share"])
    if home is None and any(w in text[:head] for w in config()["scope"]["national_sources"]):
        return g.nation
    return home


def _descend(g: Gazetteer, support: dict[Region, float], share: float) -> Region | None:
    if not support:
        return None
    countries = [r for r in support if r.level == "country"]
    china = support.get(g.nation, 0.0)
    best_country = max(countries, key=support.__getitem__, default=None)
    if best_country is not None and support[best_country] > china:
        return best_country if support[best_country] >= 2 else None
    current = g.nation
    while True:
        kids = [r for r in support if r.parent == current.code and r.level not in ("country", "nation")]
        if not kids:
            break
        best = max(kids, key=lambda r: (support[r], r.current))
        if support[best] < 2 or support[best] < share * support[current]:
            break
        current = best
    return current if current is not g.nation else None


def resolve_scope(kind: str, home: Region | None) -> Region | None:
    """The region a scope word names in a document whose home is ``home``."""
    g = gazetteer()
    if kind == "nation":
        return g.nation
    if home is None or home.level in ("country", "nation"):
        return None
    if kind == "province":
        return g.province_of(home)
    if kind == "city":
        return g.city_of(home)
    if kind == "county":
        return home if home.level == "county" and home.name.endswith(("县", "旗")) else None
    # 全区: a district home, else an autonomous region (广西, 西藏...) as province
    if home.level == "county" and home.name.endswith("区"):
        return home
    prov = g.province_of(home)
    return prov if prov is not None and prov.name.endswith("自治区") else None


_LIST_MARKS = "、和与及"


def _alone(text: str, start: int, end: int) -> bool:
    """Whether the school name at [start, end) stands outside a list of names."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return not (before and before in _LIST_MARKS) and not (after and after in _LIST_MARKS + "等")


class RegionLinker:
    """Per-document region attachment: built once, asked once per figure."""

    def __init__(self, doc: DocText, mentions: list[Mention], home: Region | None,
                 masked: list[tuple[int, int]]) -> None:
        self.doc, self.home = doc, home
        target = _target_pattern()
        text = doc.text
        self.usable: list[Mention] = []
        masked = sorted(masked)
        mask_starts = [a for a, _ in masked]
        # school names do not overlap (find_schools keeps the longer of two), so only the
        # last one starting at or before a mention can hold it
        ordered = all(masked[k][1] <= masked[k + 1][0] for k in range(len(masked) - 1))
        # Where a document has no home below the nation, a lone school's province or city is
        # where its figures are (河南科技大学的15位大学生); in a list of schools it is not the
        # list's, and a county's short form or a country inside a name is often no place at
        # all (江汉大学, 哥伦比亚大学).
        national = home is None or home.level in ("nation", "country")
        for m in mentions:
            if ordered:
                k = bisect_right(mask_starts, m.start) - 1
                school = masked[k] if k >= 0 and m.end <= masked[k][1] else None
            else:
                school = next(((a, b) for a, b in masked if a <= m.start and m.end <= b), None)
            if school is not None and not (national and m.start == school[0] and _alone(text, *school)
                                           and self._is_city_or_province(m)):
                continue  # inside a school name: 醴陵市一中 is not about 醴陵市
            if doc.in_quotes(m.start, m.end):
                continue
            if target.search(text, max(0, m.start - 5), m.start):
                continue
            self.usable.append(m)
        self._starts = [m.start for m in self.usable]

    def region_of(self, m: Mention) -> Region | None:
        if m.scope is not None:
            return resolve_scope(m.scope, self.home)
        return gazetteer().resolve(m.form, self.home)

    def attach(self, start: int, prev_end: int = -1) -> str | None:
        """The region name of a figure starting at ``start``.

        Scope words (全省, 全国) and countries reach over the commas of their sentence part; a
        named Chinese region only over its own clause (渌口区扎根乡村26年). Words between an
        earlier figure of the clause and this one describe the earlier figure (100所全国…学校和47个).
        """
        _, (s0, _), (c0, _) = self.doc.parts(start)
        s0 = max(s0, start - WINDOW)  # a sentence part of a megabyte stays linear
        if prev_end > c0:
            skip = (prev_end, start)
        else:
            skip = (start, start)
        i = bisect_left(self._starts, start) - 1
        while i >= 0 and self.usable[i].start >= s0:
            m = self.usable[i]
            i -= 1
            if m.end > start or skip[0] <= m.start < skip[1]:
                continue
            if m.scope is None and m.start < c0 and not self._is_country(m):
                continue
            if self.doc.text.startswith(("平均", "的平均"), m.end):
                continue  # 全省平均水平的两倍: a base of comparison
            r = self.region_of(m)
            if r is not None:
                return r.name
        return self.home.name if self.home is not None else None

    @staticmethod
    def _is_city_or_province(m: Mention) -> bool:
        cands = gazetteer().forms.get(m.form, [])
        return len(cands) == 1 and cands[0][0].level in ("province", "prefecture")

    @staticmethod
    def _is_country(m: Mention) -> bool:
        cands = gazetteer().forms.get(m.form, [])
        return bool(cands) and cands[0][0].level == "country"
