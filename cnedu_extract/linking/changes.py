"""Changes: whether a figure is an amount (level), a difference (change) or a relative change
(growth), which way it moves, what it is compared with, and what changes.

Statistics bulletins write most figures as a level followed by its change and growth against
a base: ``全市共有幼儿园482所,比上年增加17所,增长3.7%``. The words are data
(``patterns/changes.toml``); this step runs after the other linkers, on the records of one
document in text order, and reads only the short stretch before each figure:

- a verb of change right before the figure (增加17所, 同比增长5.5%, 降低了0.04个百分点, 连升3位)
  makes a change, or a growth when the figure is in % or 倍; a noun of growth (增幅18%,
  增幅分别为：6.71%、9.13%) a growth; a verb that reaches (提高到96.4%, 降至1%以下, 增长到
  2023年的7.04亿元) leaves a level;
- the base is the nearest 比上年, 较2019年, 与去年相比, 同比 (上年同期) since the level the figure
  follows; ``base_year`` resolves a time base against the figure's year;
- ``是去年的两倍``, ``为原担保金的70%`` are levels with a base; ``比上年的38888.39亿元`` is the
  base's own level, of the base's year;
- a change or growth whose clause names no noun of its own takes the metric of the figure it
  follows (the level, or the change before it), so all three figures above are 幼儿园's.

The sign of a growth decides its direction: ``增长-5.2%`` and ``负增长2.1%`` are down. The value
keeps the sign the extractor gives it; a minus written before the figure is read here too.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, NamedTuple, Sequence

from ..numerals import to_number
from ..record import Measurement
from .change_words import PUNCT as _PUNCT, Rules as _Rules, rules as _rules
from .clauses import DocText

_YEAR_BASE = re.compile(r"((?:19|20)\d\d)年")
_YEARS_AGO = re.compile(r"(\d{1,2}|[一二两三四五六七八九十]{1,3})年前")  # 比10年前, 比五年前
_BASE_TAIL = "的要还都也"  # 比过去要少一半: the base is 过去
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _is_marker(text: str, pos: int, word: str, not_marker: tuple[str, ...]) -> bool:
    """Whether ``word`` at ``pos`` compares (比上年), not a part of 比例, 占比, 较多."""
    for w in not_marker:
        k = w.find(word)
        while k >= 0:
            if text.startswith(w, pos - k):
                return False
            k = w.find(word, k + 1)
    return True


def _find_base(r: _Rules, seg: str, a: int) -> tuple[int, int, int] | None:
    """(mark start, base start, base end) of the last base written in ``seg`` (the text from
    offset ``a``), or None; a base from ``same_period`` has its mark's span as its base."""
    found: list[tuple[int, int, int]] = []
    for m in r.same_re.finditer(seg):
        found.append((m.start(), m.start(), m.end()))
    for m in r.around.finditer(seg):
        found.append((m.start(), m.start("base"), m.end("base")))
    for m in r.from_base.finditer(seg):
        found.append((m.start(), m.start("base"), m.end("base")))
    for m in r.marker.finditer(seg):
        if _is_marker(seg, m.start(), m.group(), r.not_marker):
            n = _base_after(r, seg, m.end(), timed=False)
            if n:
                found.append((m.start(), m.end(), m.end() + n))
    for m in r.time_marker.finditer(seg):
        n = _base_after(r, seg, m.end(), timed=True)
        if n:
            found.append((m.start(), m.end(), m.end() + n))
    if not found:
        return None
    best = max(found)
    return a + best[0], a + best[1], a + best[2]


def _base_after(r: _Rules, seg: str, k: int, *, timed: bool) -> int:
    """Length of the base written at seg[k:] after a mark (比上年增加 → 上年), 0 for none: a
    base runs to its verb (or to the end of ``seg``, which ends at the verb) and holds no mark
    or digit but a year's; after 与/同 (``timed``) only a time is a base."""
    rest = seg[k:k + r.max_chars + 4]
    y = _YEAR_BASE.match(rest) or _YEARS_AGO.match(rest)
    if y:
        n = y.end() + (2 if rest.startswith("同期", y.end()) else 0)
        return n
    s = r.stop.search(rest)
    bad = r.cut.search(rest)
    if s is not None and (bad is None or s.start() < bad.start()):
        n = s.start()
    elif bad is None and k + len(rest) == len(seg):
        n = len(rest)
    else:
        return 0
    while n and rest[n - 1] in _BASE_TAIL:
        n -= 1
    if n > r.max_chars or (timed and rest[:n] not in r.base_years):
        return 0
    return n


def base_year(base: str | None, year: int | None) -> int | None:
    """The calendar year of a base that is a time: 上年 of a 2021 figure → 2020; 2019年 → 2019."""
    if not base:
        return None
    base = base.translate(_rules().trad).strip()
    back = _rules().base_years.get(base)
    if back is not None:
        return None if year is None else year - back
    folded = base.translate(_FOLD)
    m = _YEAR_BASE.match(folded)
    if m and len(base) <= m.end() + 2:  # 2019年, 2019年同期, 2019年底
        return int(m.group(1))
    m = _YEARS_AGO.fullmatch(folded)
    if m and year is not None:
        return year - int(to_number(m.group(1)))
    return None


_FOLD = str.maketrans("０１２３４５６７８９", "0123456789")


class _Read(NamedTuple):
    aspect: str
    direction: str | None
    base: tuple[int, int] | None  # its span; None: search the text before ``until`` for one
    until: int                    # where the words of change begin
    kind: str                     # "change" (a change or growth), "list", "base_level", "reached", "level"


def _aspect(m: Measurement, verb: str, r: _Rules) -> str:
    if m.unit == "%":
        return "growth"
    if m.unit == "倍":
        return "growth" if verb in r.multiple or r.direction.get(verb) else "change"
    return "change"


def _read(r: _Rules, m: Measurement, prev: Measurement | None, left: str, a: int,
          text: str, base_found: Callable[[], bool]) -> _Read | None:
    """How the words before the figure (``left``, starting at offset ``a``) relate it to a base;
    ``base_found()`` says whether a base is written before it (asked for comparatives only)."""
    if prev is not None and prev.aspect != "level" and left.strip(" 　") in ("、", "和", "及", "以及", "与"):
        return _Read(prev.aspect, prev.direction, None, m.start, "list")
    cut = max(left.rfind("，"), left.rfind(","))
    lc, lc_a = left[cut + 1:], a + cut + 1
    neg = m.value < 0 or (m.start > 0 and text[m.start - 1] in "-−－" and m.value > 0)
    ends_of = lc.rstrip().endswith("的")  # 比上年的, 是去年的
    if ends_of and (g := r.base_level.search(lc)) is not None and not left.endswith(("是", "为")):
        return _Read("level", None, (lc_a + g.start("base"), lc_a + g.end("base")), m.start, "base_level")
    if ("幅" in lc or "速" in lc or "率" in lc) and (g := r.growth_noun.search(lc)) is not None:
        way = r.direction[g.group("w")]
        if neg:
            way = "down" if way == "up" else "up"
        return _Read("growth" if m.unit in ("%", "倍") else "change", way, None, lc_a + g.start(), "change")
    if (r.reach_chars.search(lc) is not None and r.reach.search(lc) is not None) or lc.endswith(("从", "由")) \
            or ("从" in lc and r.from_base.search(lc) is not None):
        return _Read("level", None, None, m.start, "reached")  # 提高到96.4%, 从76.7%下降到
    hit = r.verb.search(lc)
    if hit is not None and lc[:hit.start("w")].endswith("新"):
        return None  # 新增加考点49个: a flow, a level
    if hit is None and (s := r.single.search(lc)) is not None:
        if not any(lc[:s.end("w")].endswith(nv) for nv in r.not_verbs):
            hit = s
    base: tuple[int, int] | None = None
    if hit is None and (c := r.comparative.search(lc)) is not None and base_found():
        if not any(lc[:c.end("w")].endswith(nv) for nv in r.not_verbs):
            hit = c
    if hit is None and (c := r.with_base.search(lc)) is not None and not r.comparative_head.match(m.text):
        hit, base = c, (lc_a + c.start("base"), lc_a + c.end("base"))
    if hit is None and (c := r.objected.search(lc)) is not None:
        obj = c.group("obj")
        if not r.change_words.search(obj) and not any(nv in obj for nv in r.not_verbs):
            hit = c
    if hit is not None and _modal(r, lc, hit.start()):
        return None  # 可在总分的基础上增加10分: what a rule allows, a level
    if hit is not None:
        w = hit.group("w")
        way = r.direction[w]
        if neg != bool(hit.groupdict().get("neg")):
            way = "down" if way == "up" else "up"
        return _Read(_aspect(m, w, r), way, base, lc_a + hit.start(), "change")
    if m.unit in ("倍", "%") or m.kind == "percent":
        if ends_of and (g := r.of_base.search(lc)) is not None and not g.group("base").startswith("占"):
            return _Read("level", None, (lc_a + g.start("base"), lc_a + g.end("base")), m.start, "level")
    return None


def _modal(r: _Rules, lc: str, end: int) -> bool:
    """Whether a modal (可, 可以, 必须) stands in lc[:end], not inside 可能, 可持续."""
    for g in r.modal.finditer(lc, 0, end):
        if _is_marker(lc, g.start(), g.group(), r.not_modal):
            return True
    return False


def _own_noun(r: _Rules, between: str) -> bool:
    """Whether the words between the figure before and this one name a noun of their own
    (其中专任教师…减少10人), not only a base, a verb and fillers (，比上年增加)."""
    s = r.same_re.sub("", between)
    s = r.around.sub("", s)
    s = r.from_base.sub("", s)
    s = _YEAR_BASE.sub("", s)
    for bw in sorted(r.base_years, key=len, reverse=True):
        s = s.replace(bw, "")
    s = r.marker.sub("", s)
    s = r.change_words.sub("", s)
    s = r.fillers.sub("", s)
    return len(_CJK.findall(s)) >= 2


def _clean_metric(r: _Rules, metric: str | None) -> str | None:
    """A metric without the words of change and the base at its ends (人口总数下降了 → 人口总数,
    减少贫困人口 → 贫困人口, 巩固率比上年 → 巩固率); None when nothing else is left (增长)."""
    if not metric:
        return metric
    t = metric.translate(r.trad)
    a, b = 0, len(t)
    changed = True
    while changed and a < b:
        changed = False
        g = r.change_words.match(t, a, b)
        if g is not None and g.end() > a:
            a, changed = g.end(), True
        for g in r.change_words.finditer(t, a, b):
            if g.end() == b and g.start() > a:
                if g.end() - g.start() == 1 and t[g.start() - 1] in "最更很较":
                    break  # 报考人数最多: a superlative, no verb
                b, changed = g.start(), True
                break
        found = _find_base(r, t[a:b], a)
        if found is not None and found[2] == b:
            if found[0] == a:
                return None  # only a base (比我现在的工作): no quantity
            b, changed = found[0], True
        for bw in r.base_years:
            if t.endswith(bw, a, b) and b - len(bw) > a:
                b, changed = b - len(bw), True
                break
        f = r.fillers.search(t, a, b)
        while f is not None and f.end() == b and f.start() > a:
            b, changed = f.start(), True
            f = r.fillers.search(t, a, b)
    out = metric[a:b].strip(_PUNCT)
    return out if _CJK.search(out) else None


_WINDOW = 40   # characters before a figure that can hold its words of change
_REACH = 200   # characters before a figure that can hold its base (after the level it follows)


def read_changes(doc: DocText, records: Sequence[Measurement]) -> list[Measurement]:
    """The records with ``aspect``, ``direction``, ``base`` and ``base_year`` filled, and the
    metric of each change or growth set to the quantity that changes. Records keep their order."""
    r = _rules()
    out = list(records)
    order = sorted(range(len(out)), key=lambda k: out[k].start)
    prev: Measurement | None = None
    anchor = -1  # end of the last plain level: a base is looked for after it
    norm, text = doc.norm, doc.text
    trad_chars, trad = r.trad_chars.search, r.trad

    def region(x: int, y: int) -> str:
        """norm[x:y] as simplified as the words of change need (same length); only the
        stretches read are searched for traditional forms, not the whole text."""
        seg = norm[x:y]
        return seg.translate(trad) if trad_chars(seg) is not None else seg

    for i in order:
        m = out[i]
        sa, _ = doc.semi(m.start)
        p = prev if prev is not None and sa <= prev.start and prev.end <= m.start else None
        lo = max(sa, anchor, m.start - _REACH)  # where the base of this figure may be written
        a = max(lo, p.end if p else lo, m.start - _WINDOW)
        left = region(a, m.start)
        if ((p is None or p.aspect == "level") and not left.endswith(("的", "从", "由")) and "从" not in left
                and r.trigger.search(left, max(0, len(left) - r.trigger_reach)) is None):
            anchor, prev = m.end, m  # no word of change before it: most figures, a level
            continue
        got = _read(r, m, p, left, a, norm,
                    lambda: lo < m.start and _find_base(r, region(lo, m.start), lo) is not None)
        new = m
        if got is None:
            anchor = m.end
        elif got.kind == "list":
            new = replace(m, aspect=got.aspect, direction=got.direction, base=p.base if p else None,
                          base_year=p.base_year if p else None)
        elif got.kind == "level":  # 是去年的两倍: a level with a base
            anchor = m.end
            base = text[got.base[0]:got.base[1]] if got.base else None
            new = replace(m, base=base, base_year=base_year(base, m.year))
        elif got.kind != "reached":
            base = text[got.base[0]:got.base[1]] if got.base else None
            cut = max(left.rfind("，"), left.rfind(","))
            own = _own_noun(r, left[cut + 1:])
            # a clause that names its own noun has its own base (a new subject: 减少贫困人口…)
            b0 = a if own else lo
            if got.kind == "change" and base is None and got.until > b0:
                found = _find_base(r, region(b0, got.until), b0)
                if found is not None:
                    mk, bs, be = found
                    # 同比 is written for 上年同期
                    base = r.same_period.get(region(bs, be), text[bs:be]) if bs == mk else text[bs:be]
            if got.kind == "change" and base is None and m.unit in r.rule_units:
                out[i] = prev = m  # 降低20分投档: what a rule grants
                anchor = m.end
                continue
            metric = m.metric
            named_after = (metric is not None and metric != "" and text.startswith(metric, m.end, m.end + len(metric) + 1)
                           and _clean_metric(r, metric) == metric)
            if named_after:
                pass  # 增加1000所幼儿园: the count's own noun names what changes
            elif p is not None and not own and p.kind != "duration":  # 连续三年每年递增10%: not of 三年
                metric = _clean_metric(r, p.metric) or _clean_metric(r, metric)
            elif got.kind == "change":
                metric = _clean_metric(r, metric)
            if got.kind == "base_level":
                y = base_year(base, m.year)
                new = replace(m, metric=metric, year=y if y is not None else m.year)
            else:
                new = replace(m, aspect=got.aspect, direction=got.direction, base=base,
                              base_year=base_year(base, m.year), metric=metric)
        out[i] = prev = new
    return out
