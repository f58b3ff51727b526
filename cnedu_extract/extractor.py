"""extract(): find every figure of a text and read it into a Measurement.

The pass is character-level (regexes over the prepared text, no tokeniser), so it runs on
millions of documents: prepare (mask) → match the figure grammar → read the numeral and its
unit → apply qualifier words and exclusion rules → link context (linking package).
"""
from __future__ import annotations

import logging
import re
from fractions import Fraction
from functools import cache, partial

from . import linking, regexes, script
from .grammar import find_quantities, groups
from .lexicon import load_toml
from .reading import BIG_CHARS, LOOKBACK, Raw, bridged_qualifier, figure_rules, read
from .record import Found, Measurement
from .text import OffsetMap, Sentences, prepare, replace_surrogates, strip_markup
from .unwrap import unwrap

log = logging.getLogger(__name__)

_LONGEST = 64  # characters of the longest figure expression read
_HUGE = 1e30  # larger values are digit runs, not quantities
_CONTEXT = 200  # characters of the sentence kept on each side of a figure (SPEC: sentence)
_ARTICLE_KINDS = frozenset({"count", "people", "institution", "duration"})
_DEMONSTRATIVES = frozenset("这那哪這")


def extract(text: str, doc_id: str | None = None, *, title: str | None = None,
            date: str | None = None) -> list[Measurement]:
    """Every measurement of ``text``, sorted by start (SPEC section 3).

    ``title`` and ``date`` (metadata of a corpus) help the linker find the home region and
    the year. Never raises on a ``str``; anything else is a TypeError.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs a str, not {type(text).__name__}")
    if not text:
        return []
    if script.is_plain(text):
        return _extract_read(text, doc_id, title, date, surrogates=False)  # nothing to fold
    folded = script.fold(text)
    if folded is not None:
        # 全國, 萬, 學校: read as simplified (same offsets); quoted fields come back as written
        return script.as_written(text, folded, _extract_read(folded, doc_id, script.fold(title) or title, date))
    return _extract_read(text, doc_id, title, date)


def _extract_read(text: str, doc_id: str | None, title: str | None, date: str | None,
                  surrogates: bool = True) -> list[Measurement]:
    """The records of ``text`` read as prose: surrogates replaced (unless the caller knows there
    are none), markup stripped, hard-wrapped lines joined; every record's offsets map back into
    ``text``."""
    # lone surrogates (a broken decoder, a JSON \udc80) cannot be encoded: U+FFFD, same length
    work = replace_surrogates(text) if surrogates else text
    maps: list[OffsetMap | list[int]] = []  # from the text read back to the caller's, last first
    stripped = strip_markup(work)
    if stripped is not None:
        work, markup = stripped  # <b>5</b>亿元 reads as 5亿元, &nbsp; as a space
        maps.append(markup)
    wrapped = unwrap(work)
    if wrapped is not None:
        work, joined = wrapped  # the prose as it was written
        maps.insert(0, joined)
    if not maps:
        return _extract(work, doc_id, title, date, text)

    def back(pos: int) -> int:
        for offsets in maps:
            pos = offsets[pos]
        return pos

    # the records point into the caller's text
    out = []
    for m in _extract(work, doc_id, title, date, work):
        start, end = back(m.start), back(m.end - 1) + 1
        out.append(m.moved(start, end, text[start:end]))
    return out

def _local_currency(text: str) -> str | None:
    """The currency bare 元 stands for in a text relayed from a newspaper abroad, or None."""
    table = load_toml("units.toml")["reported_from"]
    m = _reported_from().search(text, 0, int(table["opening_chars"]))
    if m is None or any(w in text for w in table["renminbi"]):
        return None
    return table["countries"][m.group(1)]


@cache
def _reported_from() -> re.Pattern[str]:
    """据澳洲《星岛日报》报道 (patterns/units.toml [reported_from]): the group names the country."""
    countries = load_toml("units.toml")["reported_from"]["countries"]
    names = "|".join(re.escape(c) for c in sorted(countries, key=len, reverse=True))
    return regexes.compile(rf"据({names})[^，。《》]{{0,8}}《[^《》]{{1,20}}》")


def _extract(text: str, doc_id: str | None, title: str | None, date: str | None,
             original: str) -> list[Measurement]:
    """The records of ``text`` (surrogates replaced, markup stripped, unwrapped); their
    ``text`` is sliced from ``original``, which has the same length when offsets are shared."""
    s = prepare(text)
    raws = _find(s, Sentences(s), text)
    if any(r.unit == "元" for r in raws):
        local = _local_currency(text)
        if local is not None:
            raws = [r._replace(unit=local) if r.unit == "元" else r for r in raws]
    found = []
    for start, end, value, value_max, unit, kind, qualifier, _, (first, last) in raws:
        value = _as_float(value)
        if value_max is not None:
            value_max = _as_float(value_max)
            if value_max < value:
                log.debug("skipped %r: a range that falls", text[start:end])
                continue  # SPEC: value_max is never below value
        if abs(value) < _HUGE and (value_max is None or abs(value_max) < _HUGE):
            # a sentence without marks (one long line) is cut to _CONTEXT characters each side
            a, b = max(first, start - _CONTEXT), min(last, end + _CONTEXT)
            found.append(_new_found((doc_id, start, end, original[start:end], value, value_max, unit,
                                     kind, qualifier, text[a:b].strip())))
    # the linker builds each Measurement once, with its context
    return linking.link(text, found, title=title, date=date) if found else []


_new_found = partial(tuple.__new__, Found)  # Found(...) without the Python-level __new__


def _as_float(value: Fraction | float) -> float:
    """float(value): for a Fraction the same division of its integers, made directly
    (float() of a Fraction goes through numbers.Rational, several calls)."""
    return value.numerator / value.denominator if type(value) is Fraction else float(value)


def _find(s: str, sentences: Sentences, text: str | None = None) -> list[Raw]:
    rules = figure_rules()
    out: list[Raw] = []
    consumed = 0
    people_after, people_starts = rules["people_after"].match, rules["people_starts"]
    for m in find_quantities(s):
        start, end = m.span()
        if start < consumed or end - start > _LONGEST:
            continue  # no real figure is that long: 万万万…, digit runs
        g = groups(m.groups())
        if (g.unit is None and g.pp is None and g.share is None and g.den is None and not g.scale
                and BIG_CHARS.search(g.num) is None
                and s[start - 1:start] not in ("前", "第")
                and (s[end:end + 1] not in people_starts or not people_after(s, end))):
            continue  # a bare number is a figure only as 前N, with 万/亿, or before people (_read_bare)
        try:
            # words before a figure (约, 负, 港币, 第) are its own only after the last record
            raw = read(m, s, sentences, rules, consumed, g)
        except (ValueError, ZeroDivisionError, OverflowError) as e:
            log.debug("skipped %r: %s", m.group(), e)
            continue
        if raw is None or raw.start < consumed:
            continue  # no two records overlap
        out.append(raw)
        consumed = raw.end
    return _bridged(_drop_articles(_join_durations(out, s, rules), s, rules, s if text is None else text),
                    s, rules)


def _bridged(raws: list[Raw], s: str, rules: dict) -> list[Raw]:
    """约有700名, 至少要四五十分钟: a qualifier word before the figure's verb qualifies it (after
    the article rule: 至少有一个 stays an article)."""
    floor = 0
    ends = rules["bridge_ends"]
    for k, r in enumerate(raws):
        start = r[0]
        # the end of a bridge before the figure is tested here, before a call to read it
        if r.qualifier == "exact" and start > floor and s[start - 1] in ends:
            q = bridged_qualifier(s, start, floor, rules)
            if q is not None:
                raws[k] = r._replace(qualifier=q)
        floor = r[1]
    return raws


def _join_durations(raws: list[Raw], s: str, rules: dict) -> list[Raw]:
    """一小时五分钟 → 65 分钟, 两年零三个月 → 27 月: a duration and the smaller one right after
    it are one figure (patterns/units.toml [compound_durations])."""
    if not any(r.kind == "duration" for r in raws):
        return raws  # the common case: no duration to join, and no list to build
    out: list[Raw] = []
    for r in raws:
        prev = out[-1] if out else None
        if (prev is not None and r.kind == "duration" and prev.kind == "duration"
                and (prev.unit, r.unit) in rules["compound"] and prev.value_max is None
                and r.value_max is None and s[prev.end:r.start] in rules["compound_joiners"]
                and 0 < r.value < rules["compound"][prev.unit, r.unit]):
            value = prev.value * rules["compound"][prev.unit, r.unit] + r.value
            qualifier = r.qualifier if r.qualifier != "exact" else prev.qualifier
            out[-1] = Raw(prev.start, r.end, value, None, r.unit, "duration", qualifier,
                           prev.numeral + r.numeral, prev.sentence)
            continue
        out.append(r)
    return out


def _drop_articles(raws: list[Raw], s: str, rules: dict, text: str) -> list[Raw]:
    """一 as an article (成为一名教师) and counts in an editor's note are no measurements."""
    out = []
    counted = {(o.unit, o.sentence) for o in raws if o.numeral != "一"}
    note_in: dict[tuple[int, int], bool] = {}  # sentence -> whether it is an editor's note
    for r in raws:
        start, _, _, _, unit, kind, qualifier, numeral, sentence = r  # one unpacking, not 9 lookups
        if numeral == "一" and s[start - 1:start] in _DEMONSTRATIVES:
            continue  # 管理这一块, 最前面的那一所: 一 after 这/那 points, it does not count
        if kind in ("count", "people", "institution"):
            note = note_in.get(sentence)
            if note is None:
                note = note_in[sentence] = rules["editor_note"].search(s, *sentence) is not None
            if note:
                continue  # a count in an editor's note is about the article
        if numeral == "一" and kind in _ARTICLE_KINDS and qualifier == "exact":
            # keepers are read in the text as written: 唯一 of 唯一一所 is masked in ``s``
            kept = text[start - 1:start] in rules["keeper_ends"] and rules["keeper"].search(
                text, max(0, start - LOOKBACK), start)
            if not (kept or (unit, sentence) in counted):  # 一所…两所: the count is the point
                continue
        out.append(r)
    return out
