"""The year a text presents as now and the one year its lead names: the years of figures
the text tells nothing else of (a guide to the 2019 exams; 今年…2011年将…)."""
from __future__ import annotations

from functools import cache

from ._data import config
from .clauses import DocText
from .time_words import YEAR_DIGITS, TimeExpr, current_word_pattern, current_words, is_compared
from .tokens import tag


def presents_current(text: str, lead: tuple[int, int]) -> bool:
    """Whether the text reports its figures as current: its lead says 今天, 今年, 目前, 日前,
    近日... (a report that looks back on a year's work says 目前 somewhere, not up front)."""
    a = lead[0]
    b = min(lead[1], a + int(config()["time"]["current_chars"]))
    return current_word_pattern().search(text, a, b) is not None


def present_year(doc: DocText, times: list[TimeExpr], lead: tuple[int, int] = (0, 0)) -> int | None:
    """The latest year an undated text presents as current, when it says so: the year after
    the latest year it names when that year only starts a time running to now (从2010年开始)
    or closes a run of years before 今年 (2016年…2017年…2018年…今年 → 2019); the latest
    year itself when the text speaks of it as now or ahead (2011年将…, 2006年全省高考将…,
    今年…2011年), or when the lead names it, in any form (《2006年招生工作规定》, 2006高招),
    in a sentence that says 今年, 日前. A year named in passing (旧版(1999年颁布)) says
    nothing of now: None."""
    norm = doc.norm
    # a target (到2020年, 以2020年为目标, 迎接2010年世博会) is ahead of now, not now
    ahead = _targets()
    years = [t for t in times if t.year is not None and not (
        norm.endswith(ahead, max(0, t.start - 3), t.start) or norm.startswith("为目标", t.end))]
    since = current_words()[1]
    current = current_word_pattern().search
    in_lead = _lead_now(doc, lead)
    if not years:
        return in_lead
    latest = max(t.year for t in years)
    at = [t for t in years if t.year == latest]
    named = {t.year for t in years}
    now = next((t.start for t in times if t.offset == 0), -1)
    if all(norm.startswith(since, t.end) for t in at) or (
            latest - 1 in named and now > at[-1].end):
        return latest + 1
    for t in at:
        a, b = doc.sentence(t.start)
        if norm.startswith(("将", "要", "起将"), t.end) or current(norm, a, b) is not None:
            return latest
        c1 = doc.clause(t.start)[1]
        if any(norm.find(w, t.end, c1) >= 0 for w in _AHEAD):
            return latest  # 2006年全省高考将实行…: a plan for that year
    return in_lead if in_lead is not None and in_lead >= latest else None


@cache
def _targets() -> tuple[str, ...]:
    return tuple(config()["time"]["targets_before"])


_AHEAD = ("将", "即将")


_SPAN_MARKS = frozenset("／/—–-－~～至到")


def _names_year(doc: DocText, start: int, end: int) -> bool:
    """Whether the four digits at [start, end) name a year the text is in: within a 《》 title
    (《2006年…规定》), or bare before a noun (2006高招); not a cohort (1997级), a base of
    comparison or a time before another (2005年以前)."""
    norm = doc.norm
    if is_compared(norm, start, end):
        return False
    nxt = norm[end:end + 1]
    if norm[start - 1:start] in _SPAN_MARKS or norm[end:end + 1] in _SPAN_MARKS:
        return False  # 2009／2010学年: a span, not one year
    if nxt == "年":
        return not norm.startswith(("年前", "年以前", "年之前", "年代"), end)
    return doc.in_title_marks(start, end) or ("\u4e00" <= nxt <= "\u9fff" and nxt not in "级届")


def _lead_now(doc: DocText, lead: tuple[int, int]) -> int | None:
    """The one year, in any form (《2006年…规定》, 2006高招), that the first sentence of the
    lead holding a current word (今年, 日前) names, if exactly one."""
    a = lead[0]
    b = min(lead[1], a + int(config()["time"]["current_chars"]))
    norm = doc.norm
    current = current_word_pattern().search
    while a < b:
        s0, s1 = doc.sentence(a)
        s1 = min(s1, b)
        if current(norm, s0, s1) is not None:
            found = {m.group(1) for m in YEAR_DIGITS.finditer(norm, s0, s1) if _names_year(doc, m.start(), m.end())}
            return int(found.pop()) if len(found) == 1 else None
        a = max(s1, a) + 1
    return None


def lead_year(doc: DocText, lead: tuple[int, int], times: list[TimeExpr]) -> int | None:
    """The one year the lead names (a guide to the 2019 exams, the 2012 ranking): the first
    few sentences of the first paragraph of body text, when they name exactly one year."""
    cfg = config()["time"]
    a, b = lead
    end = min(b, a + int(cfg["lead_chars"]))
    k = 0
    pos = a
    while k < int(cfg["lead_sentences"]) and pos < end:
        pos = doc.sentence(pos)[1] + 1
        k += 1
    end = min(end, pos)
    norm = doc.norm
    years = {t.year for t in times if a <= t.start < end and t.year is not None}
    if len(years) != 1:
        return None
    # the year names what the report is about (2012年美国大学排名, 2006高招新政策), not when
    # something happened (2023年招聘教师50名) or where a change starts (从2016年的68%)
    for t in times:
        if a <= t.start < end and t.year is not None:
            if t.start > 0 and norm[t.start - 1] == "从":
                return None
            words = tag(norm[t.end:t.end + 8])
            if not words or words[0][1] in _NOT_ABOUT or not words[0][0][0].isalnum():
                return None
    return years.pop()


_NOT_ABOUT = frozenset({"v", "x", "uj", "ul", "p", "c", "m", "q", "r", "zg"})


def one_year(times: list[TimeExpr]) -> int | None:
    """The one calendar year the text names, if it names exactly one."""
    found = {t.year for t in times if t.year is not None}
    return found.pop() if len(found) == 1 else None
