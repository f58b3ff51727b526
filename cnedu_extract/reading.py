"""Reading one match of the figure grammar into a raw record: the numeral, its unit, the
qualifier words before and after it, currencies, halves, ranks and bare people counts.

extractor.py finds the matches and turns the raw records into Measurements.
"""
from __future__ import annotations

from fractions import Fraction
from functools import cache, partial
from typing import NamedTuple

import regex

from . import regexes
from .grammar import ENGLISH_SCALES, Groups, ends_of, groups, pieces, prefix_words, quantity, suffix_words
from .lexicon import PatternError, Unit, exclusions, load_toml, numerals, qualifiers, units
from .numerals import Reading, read_number
from .text import Sentences

LOOKBACK = 6  # characters searched before a figure for qualifier words
_ARABIC_ONLY = regexes.compile(r"[0-9.,]+")
_RANK_TAIL = regexes.compile(r"[，,。；;、）)\s的强“”\"‘’]|$")
BIG_CHARS = regexes.compile("[万亿萬億]")
_SUFFIXES = regexes.compile(r"(?<=[0-9])[kKwW]")
_SUFFIX_UNITS = {"k": "千", "K": "千", "w": "万", "W": "万"}
_NO_SIGN_AFTER = frozenset("正.\x1f%")  # 正负 is ±; after a digit, a mask or a % a dash is a range
_LEADING_DIGITS = regex.compile(r"^(?:[0-9.,]+|[^十百千万亿拾佰仟萬億兆])")  # what a range's upper end shares
_BIG_TAIL = regex.compile(r"[万亿萬億兆]+$")
_BARE_TAIL = regexes.compile(r"[，,。；;、）)\s\x1f!?！？]|左右|以上|$")


class Raw(NamedTuple):
    start: int
    end: int
    value: Fraction
    value_max: Fraction | None
    unit: str
    kind: str
    qualifier: str
    numeral: str     # the numeral as written, for the article-一 rule
    sentence: tuple[int, int]


# Raw((...)) without the Python-level __new__ of a named tuple: once for every figure read
_new_raw = partial(tuple.__new__, Raw)


@cache
def figure_rules() -> dict:
    """Compiled rule pieces from patterns/ (built once per process)."""
    q = qualifiers()
    ex = exclusions()
    t = numerals()
    people = "|".join(regex.escape(w) for w in sorted(ex["people_nouns"], key=len, reverse=True))
    mods = "|".join(regex.escape(w) for w in sorted(ex["people_modifiers"], key=len, reverse=True))
    metrics = "|".join(regex.escape(w) for w in sorted(ex["people_metrics"], key=len, reverse=True))
    verbs = "|".join(regex.escape(w) for w in sorted(ex["linking_verbs"], key=len, reverse=True))
    adverbs = "|".join(regex.escape(w) for w in sorted(ex["people_adverbs"], key=len, reverse=True))
    currencies = "|".join(regex.escape(u) for u in sorted(
        (k for k, v in units().items() if v.kind == "money" and len(k) > 1 and v.factor == 1), key=len, reverse=True))
    return {
        "prefix": prefix_words(tuple(q.prefix)),
        "prefix_ends": ends_of(q.prefix),
        "suffix": suffix_words(tuple(q.suffix)),
        "suffix_starts": frozenset(w[0] for w in q.suffix),
        "window_prefix": prefix_words(tuple(q.window_prefix)),
        "window_suffix": suffix_words(tuple(q.window_suffix)),
        "duration_name": suffix_words(tuple(ex["duration_name_suffixes"])),
        "meta_noun": suffix_words(tuple(ex["meta_nouns"])),
        "meta_noun_starts": frozenset(w[0] for w in ex["meta_nouns"]),
        "keeper": prefix_words(tuple(ex["article_one_keepers"])),
        "keeper_ends": ends_of(ex["article_one_keepers"]),
        "rank_verb": prefix_words(tuple(v + "第" for v in ex["rank_verbs"])),
        "rank_change": prefix_words(tuple(ex["rank_change_verbs"])),
        "unit_first": frozenset(u[0] for u in units()),
        "scaled": frozenset(u for u, v in units().items() if v.factor != 1),
        "name_digits": t.name_digits,
        "people_after": regexes.compile(rf"(?:{mods})?(?:{people})"),
        "people_starts": frozenset(w[0] for w in [*ex["people_modifiers"], *ex["people_nouns"]]),
        "people_before": regexes.compile(rf"(?:{metrics})(?:{adverbs})?(?:{verbs})?$"),
        **_bridged_rules(),
        "editor_note": regexes.compile("|".join(regex.escape(w) for w in ex["editor_note_markers"])),
        "unit_chars": frozenset([*t.small_units, *t.big_units]),
        "cn_digits": frozenset(t.digits),
        "currency_before": regexes.compile(rf"({currencies}) ?$"),
        "half_tail": suffix_words(tuple(u[1:] for u, v in units().items()
                                        if u[0] in "个個" and len(u) > 1 and v.kind == "duration")),
        "compound": {(a, b): Fraction(n) for a, b, n in load_toml("units.toml")["compound_durations"]["pairs"]},
        "compound_joiners": tuple(load_toml("units.toml")["compound_durations"]["joiners"]),
        "subunit": regexes.compile(rf"又?(?:(?P<jiao>{pieces()['numeral']})[角毛](?:(?P<fen>{pieces()['numeral']})分)?"
                                 rf"|(?P<fen2>{pieces()['numeral']})(?:分(?!钟)|美分))钱?"),
    }

def _bridged_rules() -> dict:
    """patterns/qualifiers.toml [bridged]: the pattern and the characters a bridge ends with."""
    b = load_toml("qualifiers.toml")["bridged"]
    prefix = qualifiers().prefix
    unknown = [w for w in b["words"] if w not in prefix]
    if unknown:
        raise PatternError(f"patterns/qualifiers.toml [bridged] words {unknown}: not [prefix] words")
    words = "|".join(regex.escape(w) for w in sorted(b["words"], key=len, reverse=True))
    bridges = "|".join(regex.escape(w) for w in sorted(b["bridges"], key=len, reverse=True))
    return {"bridged": regexes.compile(rf"(?<![{regex.escape(b['not_after'])}])({words})(?:{bridges})$"),
            "bridge_ends": frozenset(w[-1] for w in b["bridges"])}


def bridged_qualifier(s: str, start: int, floor: int, rules: dict) -> str | None:
    """The qualifier of a word that stands before the figure's verb (约有700名 → approx,
    至少要四五十分钟 → over, 超过了4万人 → over), or None. Only words after the record before
    (``floor``) count: 约有700名、800名 qualifies the first alone."""
    if start <= floor or s[start - 1] not in rules["bridge_ends"]:
        return None
    m = rules["bridged"].search(s, max(floor, start - 8), start)
    return None if m is None else qualifiers().prefix[m.group(1)]


def read(m: regex.Match[str], s: str, sentences: Sentences, rules: dict, floor: int,
         g: Groups | None = None) -> Raw | None:
    """The record of a match of the figure grammar (``g``: its groups, if taken), or None; words
    before it are looked for from ``floor`` on (the end of the record before)."""
    if g is None:
        g = groups(m.groups())
    if g.share is not None:
        return _read_share_word(m, s, sentences, rules)
    if g.den is not None:
        return _read_fraction(m, s, sentences, rules, floor)
    num = _expand_suffixes(g.num)
    all_units = units()
    written_unit = g.unit
    surface: str = written_unit or ("个百分点" if g.pp else "")
    unit = all_units[surface] if surface else None
    unit_end = m.end()
    if unit is not None and g.num2 is None and g.unit1:
        unit = None
    while unit is not None and (unit.arabic_only or unit.not_before) and _blocked(unit, s, unit_end, num):
        # 18万余个班级: 个班 is blocked by 级, the shorter 个 is the unit
        surface = surface[:-1]
        unit_end -= 1
        unit = all_units.get(surface) if surface else None
    if unit is None:
        unit_end = m.start("unit") if written_unit else m.end()
        return _read_bare(m, s, sentences, rules, unit_end, floor, g)
    start = m.start()
    negative = start > floor and s[start - 1] in "-负負" and _negative(s, start, floor)
    half = False
    if surface in ("个", "個") and s.startswith("半", unit_end):
        tail = rules["half_tail"].match(s, unit_end + 1)
        if tail:  # 一个半小时, 两个半月: the half joins a duration counted with 个
            surface, unit_end, half = surface + tail.group(), tail.end(), True
            unit = all_units[surface]
    role = unit.role
    if role == "zhe" and len(num) == 2 and all(ch in rules["cn_digits"] for ch in num):
        reading = Reading(Fraction(read_number(num[0]).value * 10 + read_number(num[1]).value, 10))  # 五五折
    else:
        reading = _reading(g, num, negative)
    end = unit_end
    if s.startswith(surface[-1], end):
        return None  # 一首首, 一个个: a reduplicated measure word means "many"
    if num in rules["name_digits"] and unit.kind != "money":
        return None  # 陆家嘴, 伍家岗: a name
    if s[start - 1:start] == "每" and all(ch in rules["unit_chars"] for ch in num):
        return None  # 每万人, 每百名: a rate's base, not a count
    value, value_max = reading.value, reading.value_max
    if unit.surface in rules["scaled"]:  # factor != 1, without a Fraction comparison
        value = value * unit.factor
        value_max = None if value_max is None else value_max * unit.factor
    if half:
        value += unit.factor / 2
    kind, unit_name = unit.kind, unit.unit
    prefix = _prefix(s, start, num, rules, floor)
    qualifier = None
    if not role:  # most units: the chain of roles below ends in this test for them
        if s[start - 1:start] == "第":
            return None  # 排在第四批: an ordinal the ranking-verb mask let through
    elif role == "zhe" and 10 <= reading.value < 100 and reading.value.denominator == 1:
        value = reading.value  # 75折 is 75%
    elif role == "cheng" or role == "zhe":
        if reading.value > 10 or reading.value <= 0 or (role == "zhe" and reading.value >= 10):
            return None
        if role == "cheng" and end < len(s) and s[end] in rules["cn_digits"]:
            value += read_number(s[end]).value
            end += 1
    elif role == "subunit":
        if not surface.endswith("钱") and surface != "美分":
            return None
    elif role == "standalone_money":
        if end < len(s) and "\u4e00" <= s[end] <= "\u9fff" and not rules["subunit"].match(s, end):
            return None
    elif role == "rank_or_people":
        if start > floor and s[start - 1] == "第":
            kind, unit_name, qualifier, start = "rank", "名", "exact", start - 1
        elif prefix == "前":
            kind, unit_name = "rank", "名"
        elif surface == "位" and rules["rank_change"].search(s, max(0, start - LOOKBACK), start):
            kind, unit_name = "rank", "名"  # 连升3位: places in a ranking, not people
    elif s[start - 1:start] == "第":
        return None  # 排在第四批: an ordinal the ranking-verb mask let through
    elif role == "year":
        if _is_window(s, start, end, prefix, rules) or (
                unit.unit == "年" and reading.value >= 1000 and reading.value.denominator == 1
                and num.isdigit()):
            return None
    if negative:
        start -= 1
    if unit.kind == "money":
        end, value = _money_tail(s, end, value, rules)
        currency = rules["currency_before"].search(s, max(floor, start - 6), start)
        if currency and prefix is None:
            start = currency.start()  # 港币两千九百六十元, 新台币 177.1 亿元
            if unit_name == "元":
                unit_name = all_units[currency.group(1)].unit
    elif end < len(s) and s[end] == "半" and kind not in ("count", "people", "institution"):
        value += unit.factor / 2  # 两米半, 一年半, 三成半
        end, half = end + 1, True
    if prefix is None and not negative and kind == "other" and s[max(floor, start - 2):start] == "零下":
        start, value = start - 2, -value  # 零下三十多度: below zero
        value_max = None if value_max is None else -value_max
    if prefix and not (prefix == "前" and kind != "rank"):
        start -= len(prefix)
        qualifier = qualifier or qualifiers().prefix[prefix]
    end, qualifier = _tail(s, end, qualifier, rules)
    qualifier = qualifier or _inner_qualifier(g, reading.approximate)
    if (kind in ("count", "people", "institution") and s[end:end + 1] in rules["meta_noun_starts"]
            and rules["meta_noun"].match(s, end)):
        return None
    numeral = num + "半" if half else num  # 一年半 is no article 一
    return _new_raw((start, end, value, value_max, unit_name, kind, qualifier, numeral, sentences.span(start)))


def _expand_suffixes(num: str) -> str:
    """15k → 15千, 30w → 30万 (suffixes of salaries and prices)."""
    if num[-1] in "kKwW" or "k" in num or "w" in num:
        return _SUFFIXES.sub(lambda x: _SUFFIX_UNITS[x.group()], num)
    return num


def _negative(s: str, start: int, floor: int) -> bool:
    """-22.2%, 负3.9%, 同比增长-5.2%: a minus sign before the figure, unless it joins a range or
    a code (5-3, A-5, a masked date), or stands in 正负 (±)."""
    if start <= floor or s[start - 1] not in "-负負":
        return False
    before = s[start - 2] if start >= 2 else ""
    return not (before and ((before.isascii() and before.isalnum()) or before in _NO_SIGN_AFTER
                            or before in figure_rules()["unit_chars"] or before in figure_rules()["cn_digits"]))


def _reading(g: Groups, num: str, negative: bool = False) -> Reading:
    """The number of a match (its groups) with its scale (20多亿 → 20亿) and a range's shared
    unit. ``negative``: a minus stands before it (同比增长-5.2%); of a range it signs the lower
    end only (负5到10%), the upper end has its own (-5到-2%)."""
    scale, num2 = (ENGLISH_SCALES.get(g.scale, g.scale) if g.scale else ""), g.num2
    approximate = bool(g.inner or g.inner2)
    unit_chars = figure_rules()["unit_chars"]
    if num and num[0] in unit_chars and num[0] not in "十拾" and all(ch in unit_chars for ch in num):
        num = "一" + num  # 上万, 上百: a bare unit of ten counts one of it
        approximate = True
    if num2 is None:
        r = read_number(num + scale)
        if negative:  # 负三四百 is −400 to −300
            r = Reading(-r.value, None, r.approximate) if r.value_max is None else Reading(
                -r.value_max, -r.value, r.approximate)
        return r if r.approximate or not approximate else Reading(r.value, r.value_max, True)
    lo_sign, hi_sign = (-1 if negative else 1), (-1 if g.neg2 else 1)
    hi_text = _expand_suffixes(num2) + scale
    hi = _times(read_number(hi_text), hi_sign)
    lo = _times(read_number(num), lo_sign)
    # 3-5万, 两到三仟, 八到九百亿: a lower end without units shares the units of the upper end
    rest = _LEADING_DIGITS.sub("", hi_text)
    candidate = ""
    if rest and rest != hi_text and all(ch in figure_rules()["unit_chars"] for ch in rest) and not any(
            ch in figure_rules()["unit_chars"] for ch in num):
        candidate = num + rest
    elif not any(ch in "万亿萬億兆" for ch in num):
        big_tail = _BIG_TAIL.search(hi_text)
        candidate = num + big_tail.group() if big_tail else ""
    if candidate:
        scaled = _times(read_number(candidate), lo_sign)
        if scaled.value <= hi.value:
            lo = scaled
    if lo.value >= hi.value:
        raise ValueError("a range must grow")
    return Reading(lo.value, hi.value, approximate or lo.approximate or hi.approximate)


def _times(r: Reading, sign: int) -> Reading:
    """A single reading (a range's end) with a sign."""
    return r if sign > 0 else Reading(-r.value, None if r.value_max is None else -r.value_max, r.approximate)


def _blocked(unit: Unit, s: str, end: int, num: str) -> bool:
    if unit.arabic_only and not _ARABIC_ONLY.fullmatch(num):
        return True
    return s.startswith(unit.not_before, end)


def _prefix(s: str, start: int, num: str, rules: dict, floor: int) -> str | None:
    lo = max(floor, start - LOOKBACK)
    if start <= lo or s[start - 1] not in rules["prefix_ends"]:
        return None  # no prefix word ends here: one set test instead of a search
    m = rules["prefix"].search(s, lo, start)
    if m is None:
        return None
    word = m.group()
    if word == "上" and not all(ch in rules["unit_chars"] for ch in num):
        return None  # 在此基础上3所: 上 qualifies only 上万, 上百
    return word


def _is_window(s: str, start: int, end: int, prefix: str | None, rules: dict) -> bool:
    """近三年, 2018年以来, 9年前, 三年行动计划: a time window or a name, not a duration."""
    before = s[max(0, start - LOOKBACK):start]
    if prefix not in ("连续", "超过", "超", "逾", "约", "不少于", "至少", "长达") and rules["window_prefix"].search(before):
        return True
    return bool(rules["window_suffix"].match(s, end) or rules["duration_name"].match(s, end))


def _money_tail(s: str, end: int, value: Fraction, rules: dict) -> tuple[int, Fraction]:
    """123元1角1分: the 角 and 分 after 元 belong to the same amount."""
    m = rules["subunit"].match(s, end)
    if m is None:
        return end, value
    try:
        if m["jiao"]:
            value += read_number(m["jiao"]).value / 10
            if m["fen"]:
                value += read_number(m["fen"]).value / 100
        else:
            value += read_number(m["fen2"]).value / 100
    except ValueError:
        return end, value
    return m.end(), value


def _read_fraction(m: regex.Match[str], s: str, sentences: Sentences, rules: dict, floor: int) -> Raw | None:
    den_text = m["den"].replace(" ", "")
    if all(ch in rules["unit_chars"] for ch in den_text):
        den_text = "一" + den_text  # 百分之, 千分之, 万分之
    den = read_number(den_text).value
    if den == 0:
        return None
    frac, end = _expand_suffixes(m["frac"]), m.end("frac")
    while frac:  # 百分之七十百分位: the numerator is 七十
        try:
            numerator = read_number(frac).value
            break
        except ValueError:
            frac, end = frac[:-1], end - 1
    else:
        return None
    value = numerator / den * 100
    start = m.start("den")
    qualifier = None
    prefix = _prefix(s, start, m["den"], rules, floor)
    if prefix and prefix not in ("前", "上", "连续"):
        start -= len(prefix)
        qualifier = qualifiers().prefix[prefix]
    end, qualifier = _tail(s, end, qualifier, rules)
    return Raw(start, end, value, None, "%", "percent", qualifier or "exact", m["frac"], sentences.span(start))


def _read_share_word(m: regex.Match[str], s: str, sentences: Sentences, rules: dict) -> Raw | None:
    """一半以上, 过半, 半成: shares without digits (patterns/numerals.toml [share_words]).
    One that ends in a unit (半成, 对折) is none where that unit is blocked: 半成品, 减半折算."""
    unit = units().get(m["share"][-1])
    if unit is not None and s.startswith(unit.not_before, m.end()):
        return None
    value, qualifier = numerals().share_words[m["share"]]
    end, tail_qualifier = _tail(s, m.end(), None if qualifier == "exact" else qualifier, rules)
    return Raw(m.start(), end, value, None, "%", "percent", tail_qualifier or "exact", m["share"],
                sentences.span(m.start()))


def _read_bare(m: regex.Match[str], s: str, sentences: Sentences, rules: dict, end: int,
               floor: int, g: Groups) -> Raw | None:
    """A number with no measure word: people (130万教师, 考生有51万) or a rank (前三)."""
    num = _expand_suffixes(g.num)
    if g.num2 is not None or g.unit1:
        return None
    start = m.start()
    before = s[max(0, start - 8):start]
    if before.endswith("第") and start > floor:
        # 排名第四, 并列第五, 顺延第10: a place in a ranking (the mask spares 第 after these verbs)
        if g.scale or not rules["rank_verb"].search(before) or s[end:end + 1] in rules["unit_first"]:
            return None
        r = read_number(num)
        if r.value_max is None and r.value >= 1 and r.value.denominator == 1:
            return Raw(start - 1, end, r.value, None, "名", "rank", "exact", num, sentences.span(start))
        return None
    if before.endswith("前") and start > floor and _RANK_TAIL.match(s, end) and not g.scale:
        r = read_number(num)
        if r.value_max is None and 1 <= r.value <= 100:
            return Raw(start - 1, end, r.value, None, "名", "rank", "under", num, sentences.span(start))
        return None
    big = bool(g.scale) or any(ch in "万亿萬億" for ch in num)
    if big and s[end:end + 1] == "、":
        shared = _shared_unit(s, end + 1, sentences, rules)
        if shared is not None:  # 分别增加18.9万、32.2万人: the list shares its last unit
            r = _reading(g, num)
            qualifier = _inner_qualifier(g, r.approximate)
            return Raw(start, end, r.value, r.value_max, shared.unit, shared.kind, qualifier, num,
                        sentences.span(start))
    people_after = rules["people_after"].match(s, end)
    people_before = big and rules["people_before"].search(before) and _BARE_TAIL.match(s, end)
    if not (people_after or people_before):
        return None
    r = _reading(g, num)
    if not big and (r.value < 100 or not _ARABIC_ONLY.fullmatch(num)):
        return None
    prefix = _prefix(s, start, num, rules, floor)
    qualifier = None
    if prefix and prefix not in ("前", "连续"):
        start -= len(prefix)
        qualifier = qualifiers().prefix[prefix]
    if not people_after:  # 3000多万孩子: the noun, not a qualifier word, follows
        end, qualifier = _tail(s, end, qualifier, rules)
    qualifier = qualifier or _inner_qualifier(g, r.approximate)
    return Raw(start, end, r.value, r.value_max, "人", "people", qualifier, num, sentences.span(start))


def _shared_unit(s: str, pos: int, sentences: Sentences, rules: dict) -> Raw | None:
    """The figure at ``pos`` after a bare 万/亿 number and 、, when it has a plain unit (factor
    1, not a rank) the bare number shares: 18.9万、32.2万人, 3万、5万元."""
    m = quantity().match(s, pos)
    if m is None or not (m["scale"] or BIG_CHARS.search(m["num"] or "")) or m["unit1"]:
        return None
    surface = m["unit"]
    if surface is not None and units()[surface].factor != 1:
        return None
    try:
        raw = read(m, s, sentences, rules, pos)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    return raw if raw is not None and raw.kind not in ("rank", "percent") else None


def _tail(s: str, end: int, qualifier: str | None, rules: dict) -> tuple[int, str | None]:
    """A qualifier word after a figure (以上, 左右, 余) joins its span; it sets the qualifier
    unless a word before the figure already did."""
    if s[end:end + 1] not in rules["suffix_starts"]:
        return end, qualifier  # no qualifier word starts here: one set test instead of a match
    tail = rules["suffix"].match(s, end)
    if tail is None:
        return end, qualifier
    return tail.end(), qualifier or qualifiers().suffix[tail.group()]


def _inner_qualifier(g: Groups, approximate: bool) -> str:
    """The qualifier a figure carries inside: 4万余名, 二十来个, or an unknown digit (十几)."""
    inner = g.inner or g.inner2
    return qualifiers().inner[inner] if inner else ("over" if approximate else "exact")
