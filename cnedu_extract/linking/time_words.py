"""Time expressions in a text (years 2023年, windows 近三年, 今年秋季, 目前) and the years of
a document as a whole: its own date, the one year its title names, whether it is a dated item.

A year or window after 比/较 is a base of comparison (比2009年增加), not found as a time.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from typing import NamedTuple

from ._data import config, prefiltered
from .clauses import DocText, fold

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# a year is the first four characters of a match (no groups: the engine can skip to its digits)
_YEAR = prefiltered(r"(?<![0-9.\-])(?:19|20)[0-9]{2}(?:\s*年(?!代|以来|\s*[—–\-~至到])|届)|"
                    r"[〇零一二三四五六七八九]{4}年(?!代)")
_DATE_YEAR = re.compile(r"\s*((?:19|20)[0-9]{2})")
# four digits of a year standing alone, 年 or not (串联2023“美好教育”, 《2013…报告》, 2006高招)
YEAR_DIGITS = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


class TimeExpr(NamedTuple):
    """A time expression (a tuple: built for every one in the figures' sentences)."""

    start: int
    end: int
    year: int | None      # a calendar year (2023年) or None for a window
    period: str | None    # the window as written
    within_year: bool     # a window inside one year (今年秋季, 全年)
    offset: int | None    # relative year offset (今年 0, 去年 -1) when the window says so


@cache
def _period_pattern() -> re.Pattern[str]:
    return prefiltered("|".join(f"(?:{p})" for p in config()["time"]["periods"]))


@cache
def _date_patterns() -> list[re.Pattern[str]]:
    return [re.compile(p) for p in config()["time"]["dates"]]


def doc_year(text: str, date: str | None, head: int = 200, foot: int = 200) -> int | None:
    """The year of the document's own date: the ``date`` argument, else a date in the header
    or footer (a dateline, a source line like 漳平市教育局2024-04-03)."""
    if date:
        m = _DATE_YEAR.match(date.translate(_FOLD_DIGITS))
        if m:
            return int(m.group(1))
    for zone in (text[:head], text[-foot:]):
        for p in _date_patterns():
            m = p.search(zone)
            if m and 1 <= int(m.group(2)) <= 12:
                return int(m.group(1))
    return None


_FOLD_DIGITS = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})


def title_year(title: str | None) -> int | None:
    """The single year a title names (串联2023“美好教育” → 2023), if exactly one."""
    if not title:
        return None
    # (``fold`` turns full-width digits to ASCII, as the year needs, and tests before it copies)
    years = {int(m.group(1)) for m in YEAR_DIGITS.finditer(fold(title))}
    return years.pop() if len(years) == 1 else None


def find_times(doc: DocText, spans: list[tuple[int, int]] | None = None) -> list[TimeExpr]:
    """Years and windows in the text (or within ``spans``) outside 《》 titles, in order."""
    spans = spans or [(0, len(doc.text))]
    out: list[TimeExpr] = []
    for a, b in spans:
        out += _find_times(doc, a, b)
    return out


@cache
def _time_words() -> tuple[tuple[str, ...], tuple[tuple[str, int], ...], tuple[str, ...],
                           re.Pattern[str] | None]:
    cfg = config()["time"]
    now = tuple(cfg["now_words"])
    return tuple(cfg["within_year"]), tuple(cfg["relative"].items()), now, _every_start(now)


def _every_start(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for the words: searched again from each match's start + 1 it finds each
    occurrence of each word, as a ``str.find`` loop per word does, when no word starts
    another (one word per start) and no word overlaps itself (abab in ababab); else None.
    A plain alternation of literals lets the engine skip to their first characters."""
    for w in words:
        if not w or any(v != w and v.startswith(w) for v in words) or \
                any(w.endswith(w[:k]) for k in range(1, len(w))):
            return None
    return re.compile("|".join(map(re.escape, words))) if words else None


def _find_times(doc: DocText, a: int, b: int) -> list[TimeExpr]:
    within, relative, now_words, now_re = _time_words()
    out: list[TimeExpr] = []
    norm = doc.norm
    titled = doc.titled
    if titled:
        for ts, te in doc.titled:  # 《2013…报告》: a report about its year, written without 年
            if a <= ts < b and _report_title(doc, ts + 1):
                y = YEAR_DIGITS.search(norm, ts, te)
                if y is not None and norm.find("年", y.end(), y.end() + 1) < 0:
                    out.append(TimeExpr(y.start(), y.end(), int(y.group(1)), None, False, None))
    for m in _period_pattern().finditer(norm, a, b):
        ms, me = m.span()
        if titled and doc.in_title_marks(ms, me):
            continue
        if is_compared(norm, ms, me):
            continue  # 比去年增加: a base of comparison, not the figure's window
        p = doc.text[ms:me]
        offset = next((v for k, v in relative if p.startswith(k)), None)
        out.append(TimeExpr(ms, me, None, p, p.startswith(within), offset))
    if now_re is not None:
        nm = now_re.search(norm, a, b)
        while nm is not None:  # every start, as the loop below gives them
            out.append(TimeExpr(nm.start(), nm.end(), None, None, False, None))
            nm = now_re.search(norm, nm.start() + 1, b)
    else:
        for w in now_words:
            i = norm.find(w, a, b)
            while i >= 0:
                out.append(TimeExpr(i, i + len(w), None, None, False, None))
                i = norm.find(w, i + len(w), b)
    taken = [(t.start, t.end) for t in out]
    # every year is written with 年: a span without one is not scanned
    for m in _YEAR.finditer(norm, a, b) if norm.find("年", a, b) >= 0 or norm.find("届", a, b) >= 0 else ():
        ms, me = m.span()
        if any(x < me and ms < y for x, y in taken):
            continue
        if titled and doc.in_title_marks(ms, me) and not _report_title(doc, ms):
            continue
        if is_compared(norm, ms, me):
            continue  # 比2009年增加: a base of comparison, not the figure's year
        y = int(norm[ms:ms + 4].translate(_CN_DIGITS))
        out.append(TimeExpr(m.start(), m.end(), y, None, False, None))
    out.sort(key=lambda t: t.start)
    return out


def _report_title(doc: DocText, pos: int) -> bool:
    """Whether ``pos`` lies in a 《…》 title of a report about one year (《2013…就业报告》)."""
    k = bisect_left(doc.titled, (pos + 1,)) - 1
    if k < 0 or not doc.titled[k][0] < pos < doc.titled[k][1]:
        return False
    ts, te = doc.titled[k]
    inner = doc.norm[ts + 1:te - 1]
    return inner.endswith(_report_words()) and len({y.group(1) for y in YEAR_DIGITS.finditer(inner)}) == 1


@cache
def _report_words() -> tuple[str, ...]:
    return tuple(config()["time"]["report_titles"])


def is_compared(norm: str, start: int, end: int) -> bool:
    """Whether the time at [start, end) is the base of a comparison (比去年, 较之去年, 与去年相比,
    与去年基本持平, 略低于去年, 收视率是去年的两倍: after 是, before 的 and a figure it is what the figure is compared with;
    in 就是今年的考试时间 it is not)."""
    if start == 0:
        return False
    before = norm[max(0, start - 2):start]
    if before.endswith(("与", "和", "同")) and (norm.startswith(("相比", "相较", "比较"), end) or
                                              norm.find("持平", end, end + 6) >= 0):
        return True  # 与去年相比, 与去年基本持平
    return before.endswith(("比", "较", "较之", "低于", "高于", "多于", "少于")) or (
        before.endswith("是") and norm.startswith("的", end) and norm[end + 1:end + 2] in _FIGURE_STARTS)


_FIGURE_STARTS = frozenset("0123456789一二三四五六七八九十两百千万半几")  # (not "": the text's end)


@cache
def current_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    t = config()["time"]
    return tuple(t["current_words"]), tuple(t["since_words"])


@cache
def current_word_pattern() -> re.Pattern[str]:
    """Any of the current words (今年, 目前, 日前…): one search tells whether a stretch holds
    one, where a ``find`` per word took fifteen."""
    return re.compile("|".join(map(re.escape, current_words()[0])))


@cache
def _item_dates() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in config()["time"]["item_dates"])


def dated_item(text: str, date: str | None) -> bool:
    """Whether the text is a dated news item: a ``date`` is given, or its head is a date."""
    if date:
        return True
    head = text[:80]
    return any(p.match(head) for p in _item_dates())
