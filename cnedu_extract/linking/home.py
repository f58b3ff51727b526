"""The home region of a document: the place it is about, when it names one.

The title, the header and footer (datelines, source lines) and the body weigh the region
names they hold; support flows up the hierarchy, and the most specific unit that holds most
of its parent's support wins. A foreign country is home only when the text names it up
front; a text whose head keeps to the whole country, or comes from a national outlet or a
capital dateline, is national.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cache, lru_cache

from ._data import Anchored, config
from .gazetteer import Gazetteer, Region, gazetteer
from .regions import Mention, find_mentions, origin, passing, venue


@cache
def _dateline_patterns() -> list[Anchored]:
    return [Anchored(p) for p in config()["home"]["datelines"]]


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


def home_region(text: str, title: str | None, mentions: list[Mention],
                every: list[Mention] | None = None) -> Region | None:
    """The region a document is about, or None when nothing in it says so. ``mentions`` are
    those that weigh (the figures' sentences, header and footer); ``every`` all of the text's,
    where it is read whole for how often it names the whole country."""
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
    # A news agency's dateline in the capital (新华社北京…电, 本报北京…讯) says where the
    # desk sits: national news is filed there. It weighs nothing for the capital itself.
    capital_lines: list[tuple[int, int]] = []
    for zone, offset in ((text[:head], 0), (text[foot:] if foot > head else "", foot)):
        for p in _dateline_patterns():
            for dm in p.finditer(zone):
                place = dm.group("place")
                if dm.group(0).endswith(("电", "讯")) and place.strip() in cfg["capital_datelines"]:
                    capital_lines.append((offset + dm.start(), offset + dm.end()))
                    continue
                for m in find_mentions(place):
                    if m.scope is None:
                        add(m.form, cfg["header_weight"])
    for m in mentions:
        if m.scope == "nation":
            support[g.nation] += cfg["body_weight"]  # 全国, 我国: national news stays national
        if m.scope is not None or venue(text, m.start, m.end) or origin(text, m.start, m.end):
            continue  # (a meeting held in 北京人民大会堂 is not about Beijing, 来自英国的专家 not about Britain)
        if capital_lines and any(a <= m.start < b for a, b in capital_lines):
            continue
        w = cfg["header_weight"] if m.start < head or m.start >= foot else cfg["body_weight"]
        add(m.form, w)
    home = _descend(g, support, cfg["descend_share"])
    if home is not None and home.level not in ("country", "nation") and _reports_from_many(text, mentions, head, home):
        home = None  # 记者在天津、南京、甘肃等地采访时发现: no one of them is the text's place
    if home is not None and home.level == "country" and not _named_up_front(text, title, home, cfg):
        # a country named only in the body (交给美国的院校, 美国管理学硕士) is where some
        # figures go or come from, not what the text is about
        return None
    if home is None and (capital_lines or any(w in text[:head] for w in config()["scope"]["national_sources"])):
        return g.nation
    if home is None and (any(m.scope == "nation" and m.start < head for m in mentions)
                         or _keeps_to_nation(text, mentions if every is None else every, cfg)):
        # news whose head names the whole country (全国, 我国, 中国), or whose body keeps
        # coming back to it (国内, 我国), and no place of its own: its figures are national,
        # unless another country weighs more
        china = support.get(g.nation, 0.0)
        if all(w <= china for r, w in support.items() if r.level == "country"):
            return g.nation
    return home


def _reports_from_many(text: str, mentions: list[Mention], head: int, home: Region) -> bool:
    """Whether the head of the text lists places in several provinces (天津、南京、甘肃等地)
    that the home does not hold all of: a story gathered across the country (places
    listed as destinations, 分赴北京、上海等地, are not where the text's figures are)."""
    g = gazetteer()
    run: list[Mention] = []
    for m in mentions:
        if m.start >= head:
            break
        if m.scope is None and run and text[run[-1].end:m.start] == "、":
            run.append(m)
        else:
            run = [m] if m.scope is None else []
        if len(run) >= 2 and text.startswith("等", m.end) and not passing(text, run[0].start, run[0].end):
            places = [g.resolve(x.form, None) for x in run]
            provinces = {g.province_of(r) for r in places if r is not None}
            if len(provinces) >= 2 and not all(r is not None and g.contains(home, r) for r in places):
                return True
    return False


def _keeps_to_nation(text: str, mentions: list[Mention], cfg: dict) -> bool:
    """Whether the body keeps naming the whole country: often (per thousand characters), and
    with words that can only mean it (全国, 我国, 国内), not only 中国, which names schools,
    people and comparisons (中国人, 中国协和医科大学, 中国大学与美国大学)."""
    nation = [m for m in mentions if m.scope == "nation"]
    name = gazetteer().nation.name
    own = sum(m.form != name for m in nation)
    return own >= cfg["nation_mentions"] and len(nation) * 1000 >= cfg["nation_per_1000"] * len(text)


def _named_up_front(text: str, title: str | None, country: Region, cfg: dict) -> bool:
    """Whether the title or the first characters of the text name the country."""
    head = (title or "") + text[:int(cfg["country_head_chars"])]
    return any(m.scope is None and gazetteer().resolve(m.form, None) == country for m in find_mentions(head))


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
        if any(support[r] == support[best] and r.code != best.code and r.current for r in kids):
            break  # two places weigh the same (河南、陕西等地): neither is home
        current = best
    return current if current is not g.nation else None
