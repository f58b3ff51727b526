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
from typing import NamedTuple, Sequence

from ._data import config, prefiltered
from .clauses import DocText
from .document import Document
from .tokens import tag

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# a year is the first four characters of a match (no groups: the engine can skip to its digits)
_YEAR = prefiltered(r"(?<![0-9.\-])(?:19|20)[0-9]{2}(?:\s*年(?!代|以来|\s*[—–\-~至到])|届)|"
                    r"[〇零一二三四五六七八九]{4}年(?!代)")
_DATE_YEAR = re.compile(r"\s*((?:19|20)[0-9]{2})")
_SPAN = re.compile(r"(?:从|自)?((?:19|20)[0-9]{2})年?\s*(?:到|至|—|–|-|~)\s*((?:19|20)[0-9]{2})年")
_RESPECTIVELY = "分别"
_BLANKS = " \t\r\n\u3000\xa0"
_LIST_GAP = 5  # characters between two figures of a list (、, 和, ，增长到, 和最高峰)
_MONTH = re.compile(r"\s*[0-9]{1,2}月")
_AS_OF = ("截至", "截止", "到")
_TITLE_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


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
        title = ""
    years = {int(m.group(1)) for m in _TITLE_YEAR.finditer(title.translate(_FOLD_DIGITS))}
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
                y = _TITLE_YEAR.search(norm, ts, te)
                if y is not None and norm.find("年", y.end(), y.end() + 1) < 0:
                    out.append(TimeExpr(y.start(), y.end(), int(y.group(1)), None, False, None))
    for m in _period_pattern().finditer(norm, a, b):
        ms, me = m.span()
        if titled and doc.in_title_marks(ms, me):
            continue
        if _compared(norm, ms, me):
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
        if _compared(norm, ms, me):
            continue  # 比2009年增加: a base of comparison, not the figure's year
        y = int(norm[ms:ms + 4].translate(_CN_DIGITS))
        out.append(TimeExpr(m.start(), m.end(), y, None, False, None))
    out.sort(key=lambda t: t.start)
    return out


def _since(doc: DocText, t: TimeExpr) -> bool:
    """Whether the clause of the year ``t`` runs from it to now (2014年…以来, 从2010年开始)."""
    since = _current_words()[1]
    if doc.norm.startswith(since, t.end):
        return True
    c1 = doc.clause(t.start)[1]  # (later in the clause only the words of two characters: 一起 is no 起)
    if any(len(w) > 1 and doc.norm.find(w, t.end, c1) >= 0 for w in since):
        return True
    # 从2007年报名人数达到高峰后，…: from then on
    return t.start > 0 and doc.norm[t.start - 1] in "从自" and doc.norm.find("后", t.end, c1) >= 0


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


def _report_title(doc: DocText, pos: int) -> bool:
    """Whether ``pos`` lies in a 《…》 title of a report about one year (《2013…就业报告》)."""
    k = bisect_left(doc.titled, (pos + 1,)) - 1
    if k < 0 or not doc.titled[k][0] < pos < doc.titled[k][1]:
        return False
    ts, te = doc.titled[k]
    inner = doc.norm[ts + 1:te - 1]
    return inner.endswith(_report_words()) and len({y.group(1) for y in _TITLE_YEAR.finditer(inner)}) == 1


@cache
def _report_words() -> tuple[str, ...]:
    return tuple(config()["time"]["report_titles"])


def _compared(norm: str, start: int, end: int) -> bool:
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


def _from_to(norm: str, ys: int, ye: int, start: int) -> bool:
    """Whether the year at [ys, ye) opens a change (从2012年的85%) that has reached its other
    end (提高至, 到) before ``start``: the year is the change's start, not the figure's."""
    return ys > 0 and norm[ys - 1] == "从" and (norm.find("到", ye, start) >= 0 or norm.find("至", ye, start) >= 0)


@cache
def _current_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    t = config()["time"]
    return tuple(t["current_words"]), tuple(t["since_words"])


def dated_item(text: str, date: str | None) -> bool:
    """Whether the text is a dated news item: a ``date`` is given, or its head is a date."""
    return bool(date) or any(re.match(p, text[:80]) for p in config()["time"]["item_dates"])


def presents_current(text: str, lead: tuple[int, int]) -> bool:
    """Whether the text reports its figures as current: its lead says 今天, 今年, 目前, 日前,
    近日... (a report that looks back on a year's work says 目前 somewhere, not up front)."""
    a = lead[0]
    head = text[a:min(lead[1], a + int(config()["time"]["current_chars"]))]
    return any(w in head for w in _current_words()[0])


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
    words, since = _current_words()
    in_lead = _lead_now(doc, lead, words)
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
        if norm.startswith(("将", "要", "起将"), t.end) or any(norm.find(w, a, b) >= 0 for w in words):
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
    if _compared(norm, start, end):
        return False
    nxt = norm[end:end + 1]
    if norm[start - 1:start] in _SPAN_MARKS or norm[end:end + 1] in _SPAN_MARKS:
        return False  # 2009／2010学年: a span, not one year
    if nxt == "年":
        return not norm.startswith(("年前", "年以前", "年之前", "年代"), end)
    return doc.in_title_marks(start, end) or ("\u4e00" <= nxt <= "\u9fff" and nxt not in "级届")


def _lead_now(doc: DocText, lead: tuple[int, int], words: tuple[str, ...]) -> int | None:
    """The one year, in any form (《2006年…规定》, 2006高招), that the first sentence of the
    lead holding a current word (今年, 日前) names, if exactly one."""
    a = lead[0]
    b = min(lead[1], a + int(config()["time"]["current_chars"]))
    norm = doc.norm
    while a < b:
        s0, s1 = doc.sentence(a)
        s1 = min(s1, b)
        if any(norm.find(w, s0, s1) >= 0 for w in words):
            found = {m.group(1) for m in _TITLE_YEAR.finditer(norm, s0, s1) if _names_year(doc, m.start(), m.end())}
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


def set_year_topics(document: Document, times: list[TimeExpr], now_year: int | None) -> None:
    """Set the ``year`` topics: a year at the head of a paragraph (2023年，全市…; 截至2017年10月
    底，) holds for the paragraph and the paragraphs that go on from it (其中…), or for its
    part when its sentence is a list set with semicolons; 目前, 今年 at the head of a
    paragraph bring the text back to now."""
    doc = document.doc
    for t in times:
        if t.year is None and t.offset is None and t.period is not None:
            continue  # a window (近三年) tells no year
        if not document.heads_clause(t.start):
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
        if not document.heads_paragraph(t.start):
            continue  # a year inside a paragraph holds for its sentence (TimeLinker.attach)
        if t.year is not None and _MONTH.match(doc.norm, t.end) and not doc.norm.startswith(
                _AS_OF, max(0, t.start - 2)):
            continue  # 2023年3月, 江西省启动…: the date of an event, not the year of a paragraph
        level = "part" if doc.semi(t.start) != doc.sentence(t.start) else "paragraph"
        document.set_topic("year", t.start, year, level)


def _one_year(times: list[TimeExpr]) -> int | None:
    """The one calendar year the text names, if it names exactly one."""
    found = {t.year for t in times if t.year is not None}
    return found.pop() if len(found) == 1 else None


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
                one = _one_year(times)
                now = one if one is not None and present_year(doc, times, document.lead) == one else None
        self.now_year = own_year if own_year is not None else now
        if report_year is not None:
            self.default = report_year
        elif own_year is not None and dated:
            self.default = own_year  # a dated item: its figures are of its year unless placed elsewhere
        elif lead is not None:
            self.default = lead
        elif own_year is None and (current or now is not None and _one_year(times) == now):
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
