"""Time of a figure: its calendar year and the window (period) it is counted over.

The nearest time expression before a figure in its sentence decides: a year (2023年) gives
the year; a window (近三年, 2018年以来, 每年) gives the period and no year, unless it lies
within one year (今年秋季, 全年), which keeps a year from the document's date or an earlier
year in the sentence. A figure without any takes the year of a report about one year (a title
with 2023). Relative years resolve against the document's own date, never the clock.
A year after 比/较 is a base of comparison (比2009年增加), and the year a change starts from
(从2016年的68%提高到87%) is not the year of the figure it reaches.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from typing import Sequence

from ._data import config
from .clauses import DocText
from .document import Document
from .present_year import lead_year, one_year, present_year, presents_current
from .time_words import TimeExpr, current_words

__all__ = ["TimeLinker", "set_year_topics"]

_SPAN = re.compile(r"(?:从|自)?((?:19|20)[0-9]{2})年?\s*(?:到|至|—|–|-|~)\s*((?:19|20)[0-9]{2})年")
_RESPECTIVELY = "分别"
_BLANKS = " \t\r\n\u3000\xa0"
_LIST_GAP = 5  # characters between two figures of a list (、, 和, ，增长到, 和最高峰)
_MONTH = re.compile(r"\s*[0-9]{1,2}月")
_AS_OF = ("截至", "截止", "到")


@cache
def _since_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The since words, and those of them of two characters or more."""
    since = current_words()[1]
    return since, tuple(w for w in since if len(w) > 1)


def _since(doc: DocText, t: TimeExpr) -> bool:
    """Whether the clause of the year ``t`` runs from it to now (2014年…以来, 从2010年开始)."""
    since, long_since = _since_words()
    norm = doc.norm
    if norm.startswith(since, t.end):
        return True
    c1 = doc.clause(t.start)[1]  # (later in the clause only the words of two characters: 一起 is no 起)
    for w in long_since:
        if norm.find(w, t.end, c1) >= 0:
            return True
    # 从2007年报名人数达到高峰后，…: from then on
    return t.start > 0 and norm[t.start - 1] in "从自" and norm.find("后", t.end, c1) >= 0


def _that_year(doc: DocText, times: list[TimeExpr], k: int, para_start: int) -> int | None:
    """The year 当年, 那年 (``times[k]``) refers to: the nearest year named before it in its
    paragraph (2015年，国家出台规定……当年就有近千名考生 → 2015)."""
    for j in range(k - 1, -1, -1):
        t = times[j]
        if t.start < para_start:
            break
        if t.year is not None:
            return t.year
    return None


@cache
def _that_words() -> frozenset[str]:
    return frozenset(config()["time"]["that_year"])


def _from_to(norm: str, ys: int, ye: int, start: int) -> bool:
    """Whether the year at [ys, ye) opens a change (从2012年的85%) that has reached its other
    end (提高至, 到) before ``start``: the year is the change's start, not the figure's."""
    return ys > 0 and norm[ys - 1] == "从" and (norm.find("到", ye, start) >= 0 or norm.find("至", ye, start) >= 0)


def set_year_topics(document: Document, times: list[TimeExpr], now_year: int | None) -> None:
    """Set the ``year`` topics: a year at the head of a paragraph (2023年，全市…; 截至2017年10月
    底，) holds for the paragraph and the paragraphs that go on from it (其中…), or for its
    part when its sentence is a list set with semicolons; 目前, 今年 at the head of a
    paragraph bring the text back to now."""
    doc = document.doc
    for t in times:
        if t.year is None and t.offset is None and t.period is not None:
            continue  # a window (近三年) tells no year
        # (the tests below are pure and all must hold: the rarest, a time at a paragraph's
        # head, is asked first)
        if not document.heads_paragraph(t.start) or not document.heads_clause(t.start):
            continue
        if t.year is not None:
            if _from_to(doc.norm, t.start, t.end, doc.sentence(t.start)[1]):
                continue
            if _since(doc, t):
                continue  # 2014年凉山州开展精准扶贫以来，…: a time running to now, no one year
            year = t.year
        elif t.offset is not None:
            year = now_year + t.offset if now_year is not None else None
        else:
            year = now_year  # 目前, 现在
        # (a year inside a paragraph holds for its sentence: TimeLinker.attach)
        if t.year is not None and _MONTH.match(doc.norm, t.end) and not doc.norm.startswith(
                _AS_OF, max(0, t.start - 2)):
            continue  # 2023年3月, 江西省启动…: the date of an event, not the year of a paragraph
        level = "part" if doc.semi(t.start) != doc.sentence(t.start) else "paragraph"
        document.set_topic("year", t.start, year, level)


class TimeLinker:
    """Per-document time attachment."""

    def __init__(self, doc: DocText, times: list[TimeExpr], own_year: int | None,
                 report_year: int | None, document: Document | None = None,
                 dated: bool = False) -> None:
        self.doc, self.times = doc, times
        self._starts = [t.start for t in times]
        if report_year is not None and own_year is not None and report_year > own_year:
            report_year = None  # a title year after the text's own date is a target (追梦2035), not a report's
        self.own_year, self.report_year = own_year, report_year
        self.document, self.dated = document, dated
        self._series: dict[int, tuple[int, str | None]] = {}
        # the year of figures the text tells nothing else of: a report about one year (its
        # title), a dated item that reports as current, the one year of the lead, the
        # latest year an undated text presents as current
        current = document is not None and presents_current(doc.text, document.lead)
        lead = lead_year(doc, document.lead, times) if document is not None else None
        now = None
        if own_year is None and document is not None:
            if current:
                now = present_year(doc, times, document.lead)
            elif any(t.offset == 0 for t in times):
                # 今年 further on, in a text that names one year only and speaks of it as now
                # or ahead (a guide: 我省今年将…; 2006年全省高考将…): that year is now
                one = one_year(times)
                now = one if one is not None and present_year(doc, times, document.lead) == one else None
        self.now_year = own_year if own_year is not None else now
        if report_year is not None:
            self.default = report_year
        elif own_year is not None and dated:
            self.default = own_year  # a dated item: its figures are of its year unless placed elsewhere
        elif lead is not None:
            self.default = lead
        elif own_year is None and (current or now is not None and one_year(times) == now):
            # an undated text that reports as current, or that names one year only and
            # speaks of it as now (a guide to the 2006 exams): its figures are of now
            self.default = self.now_year
        else:
            self.default = None  # a date in a source line says nothing of the figures' time
        if document is None:
            self.default, self.now_year = report_year, own_year

    def series(self, figures: Sequence[tuple[int, int, str]]) -> None:
        """Read the figures ((start, end, unit), sorted) listed after a span of years
        (从2000年到2005年，…分别为a、b、c…): the k-th figure of a list, up to the next year of
        the sentence, is of the k-th year, when the list holds at least two figures of one
        unit, a few characters apart, and no more figures than years."""
        starts = [f[0] for f in figures]
        k = 0
        for t in self.times:
            if t.period is None:
                continue
            m = _SPAN.fullmatch(self.doc.norm, t.start, t.end)
            if m is None:
                continue
            first, last = int(m.group(1)), int(m.group(2))
            end = self._list_end(t.end)
            nxt = bisect_right(self._starts, t.start)
            while nxt < len(self.times) and self.times[nxt].year is None and self.times[nxt].period is None:
                nxt += 1
            if nxt < len(self.times):
                end = min(end, self.times[nxt].start)
            k = bisect_left(starts, t.end)
            listed = []
            while k < len(figures) and figures[k][0] < end:
                listed.append(figures[k])
                k += 1
            if not 2 <= len(listed) <= last - first + 1 or len({f[2] for f in listed}) > 1 or any(
                    b[0] - a[1] > _LIST_GAP for a, b in zip(listed, listed[1:])):
                continue
            for n, f in enumerate(listed):
                self._series[f[0]] = (first + n, t.period)

    def _list_end(self, pos: int) -> int:
        """Where the list of figures read after a span of years ending at ``pos`` ends: its
        sentence, or the next one when that opens with 分别 and this one holds no figure
        (从2000年到2005年，在校生持续走低。分别为…)."""
        norm = self.doc.norm
        end = self.doc.sentence(pos)[1]
        nxt = end + 1
        while nxt < len(norm) and norm[nxt] in _BLANKS:
            nxt += 1
        if norm.startswith(_RESPECTIVELY, nxt) and not any(c.isdigit() for c in norm[pos:end]):
            return self.doc.sentence(nxt)[1]
        return end

    def attach(self, start: int) -> tuple[int | None, str | None]:
        """(year, period) of a figure starting at ``start``."""
        if self._series:
            got = self._series.get(start)
            if got is not None:
                return got
        (s0, _), (semi0, _), _ = self.doc.parts(start)
        i = bisect_left(self._starts, start) - 1
        period: str | None = None
        while i >= 0 and self.times[i].start >= s0:
            t = self.times[i]
            i -= 1
            if t.end > start:
                continue
            if t.year is None and t.period is None:
                return (self._now() if period is None else None), period  # 目前
            if t.year is not None:
                if t.start < semi0 and not self._introduces(t):
                    continue  # a year reaches over commas, not over semicolons
                if t.start > 1 and self.doc.norm[t.start - 1] in "和、与及" and self.doc.norm[t.start - 2] == "年":
                    return None, period  # 1988年和1989年先后有248名: of both years, not one
                if _since(self.doc, t):
                    return None, period  # 2014年开展扶贫以来，累计…: a time running to now
                if _from_to(self.doc.norm, t.start, t.end, start):
                    return self._fallback(start), period  # 从2012年的85%提高至91.4%: 91.4% is not of 2012
                return t.year, period
            if period is not None:
                continue  # an earlier window does not replace the nearer one
            if t.period in _that_words() and self.document is not None:
                year = _that_year(self.doc, self.times, i + 1, self.document.paragraph(t.start).start)
                if year is None:  # the year of its paragraph or section, or of a report about one year
                    topic = self.document.topic("year", t.start, ("part", "paragraph", "section"))
                    year = topic.value if topic is not None else self.report_year
                if year is not None:
                    return year, None  # 当年 after 2015年: that year
            period = t.period
            if not t.within_year:
                return None, period
            if t.offset is not None:
                year = self.now_year + t.offset if self.now_year is not None else None
                return year, period
        return self._fallback(start), period

    def _introduces(self, t: TimeExpr) -> bool:
        """Whether the year's clause opens its sentence and ends with a colon: what follows,
        semicolons and all, is what the year introduces (2005年规定：“…10分；…20分”; not
        出生年月：1965年职位：…；…)."""
        (s0, _), _, (c0, c1) = self.doc.parts(t.start)
        return c0 == s0 and c1 < len(self.doc.norm) and self.doc.norm[c1] in "：:"

    def _now(self) -> int | None:
        """The year of a figure its sentence reports as current (目前, 现有)."""
        if self.report_year is not None:
            return self.report_year
        return self.now_year if self.dated or self.own_year is None else None

    def _fallback(self, start: int) -> int | None:
        """The year of a figure whose sentence tells none: its paragraph's, else the document's."""
        if self.document is not None:
            t = self.document.topic("year", start, ("part", "paragraph", "section"))
            if t is not None:
                return t.value
        return self.default
