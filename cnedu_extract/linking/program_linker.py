"""Which program a figure belongs to: its own sentence, its paragraph, or the document's topic.

A figure takes the nearest program before it in its semicolon part of the sentence, or one
after it in its clause (8人入选“…培养奖励计划”). A sentence that names only a program's ending
(省级试点资金) refers back to the last program with that ending.

Whole documents (SPEC): a figure whose sentence names none takes the program of its paragraph
(the last one it names, when the text names it again or the paragraph's first sentence is about
it), else the document's topic: the program the title or lead names (a plan, works or project
with words of its own, a quoted name or a document; not a reform or policy named by its ending,
an enrolment quota or a law). The topic holds until a later paragraph names another such
program (unless the figure's sentence refers back: 该计划, 此次活动) or a new dateline starts
another report; a statistic of the whole place (全国…, 全市共有…) takes none. ``Scopes`` finds
the lead, paragraphs, list items and datelines; the document model of ``linking`` can replace it.
The names themselves are found in ``program_names.py``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from .clauses import WINDOW, DocText
from .gazetteer import gazetteer
from .program_names import _NAME_RUN, Program, _patterns, find_programs
from .tokens import tag


# a paragraph or a list item ends: a <p> or <br> of a transcript, a line break before an indented
# line or after a sentence end, a sentence that opens an item (一是, 二是, （三）, 4.)
_BREAK = re.compile(r"</?[pP]>|<br\s*/?>|\n(?=[\s<])|[。！？：”」][ \t\u3000]*\r?\n"
                    r"|[。；;](?=[一二三四五六七八九十]是|[(（][一二三四五六七八九十]{1,2}[)）]|[0-9]{1,2}[.、．])")


_SENTENCE_END = re.compile("[。！？]")


class Scopes:
    """Where a program named in the title or the lead stops holding: paragraphs (a line break
    before an indented line or after a sentence end, a <p> or <br> of a transcript, a sentence
    that opens a list item) and items (a new dateline in a transcript of several reports). The
    lead is found at once; the rest with one scan, when a figure first asks (the document model
    of ``linking`` can stand in for it)."""

    def __init__(self, text: str) -> None:
        self.text = text
        cut = _patterns()["lead_chars"]
        # the lead: the paragraph of the first full sentence (after a title line, which ends
        # with no 。), at most lead_chars long
        m = _SENTENCE_END.search(text, 0, cut)
        self.first = first = m.start() if m is not None else cut
        m = _BREAK.search(text, first, cut)
        self.lead = (0, min(m.end() if m is not None else cut, len(text)))
        self._breaks: list[int] | None = None
        self._items: list[int] = []

    @property
    def breaks(self) -> list[int]:
        if self._breaks is None:
            text, first = self.text, self.first
            self._breaks = [m.end() for m in _BREAK.finditer(text)]
            items = _patterns()["items"]  # datelines after the lead's first sentence start new reports
            self._items = [m.start() for m in items.finditer(text, first)] if items.search(text, first) else []
        return self._breaks

    def paragraph_start(self, pos: int) -> int:
        breaks = self.breaks
        k = bisect_right(breaks, pos) - 1
        return breaks[k] if k >= 0 else 0

    def same_item(self, a: int, b: int) -> bool:
        """Whether no dateline starts a new report between offsets a <= b."""
        self.breaks  # noqa: B018 - the items are found with the breaks
        return bisect_right(self._items, a) == bisect_right(self._items, b)


def _may_name(text: str, a: int, b: int, quotes: bool = True) -> bool:
    """Whether text[a:b] can name a program (an ending, a 《》 title, a quote unless ``quotes``
    is False: a title's quotes are mostly slogans): a cheap test before a search."""
    return (_patterns()["suffix"].search(text, a, b) is not None or text.find("《", a, b) >= 0
            or quotes and (text.find("“", a, b) >= 0 or text.find('"', a, b) >= 0))


def _marked(text: str, f: Program) -> bool:
    """Whether the text marks ``f`` as a name: quoted, in 《》 or Latin (“海外研修”项目, EB-5项目)."""
    return text[f.start] in "“「《\"" or text[f.start].isascii()


def _topical(f: Program, marked: bool) -> bool:
    """Whether a program of the title or lead can be the document's topic: a plan, works or
    project with words of its own (营养改善计划), or a quoted name or document; a reform, an
    action or a policy named by its ending only (教育改革, 以实际行动, 就业政策) describes, and
    a law (《义务教育法》) governs everything."""
    p = _patterns()
    if marked:
        return not f.name.endswith(p["not_topics"])
    return (f.head.endswith(p["topic_heads"]) and not any(w in f.name for w in p["quota_plans"])
            and _specific(f.name, f.head) and not _names_a_goal(f.name, f.head))


@lru_cache(maxsize=4096)
def _names_a_goal(name: str, head: str) -> bool:
    """Whether a policy's words do not name one policy: one word besides places names a domain's
    policies (江苏高考政策); a verb first opens a verb phrase (促进高校毕业生就业政策, 举行国务院
    政策例行吹风会); a bare or resulting verb last takes the policy as object (送政策, 打出政策).
    高考便利政策 and 学前教育资助政策 name one."""
    if not head.endswith(_patterns()["goal_heads"]):
        return False
    words = [(w, t) for w, t in tag(name[:len(name) - len(head)]) if t != "ns"]
    if len(words) < 2:
        return True
    if words[0][1] == "v" and (len(words) > 2 or words[-1][1] != "a"):
        return True  # (高考便利: a verb-like noun and an adjective name a kind of help)
    last, t = words[-1]
    return t == "v" and (len(last) == 1 or last.endswith(tuple(_patterns()["result_chars"])))


@lru_cache(maxsize=4096)
def _specific(name: str, head: str) -> bool:
    """Whether a name says which program it is: a quoted or Latin name, a document, or words of
    its own before its ending (泗县“十三五”期间教育项目工程 names only a kind of works: a place,
    a time, generic words and endings)."""
    if not head or not _NAME_RUN.match(name) or name[:1].isascii():
        return True
    p = _patterns()
    core = name[:len(name) - len(head)]
    return any(w not in p["units"] and w not in p["generic"] and not p["suffix_end"].search(w) and t[0] not in "mtfr"
               and t != "ns" for w, t in tag(core))


class ProgramLinker:
    """Per-document program attachment: the program named in a figure's own sentence; else the
    last one named before it in its paragraph; else the document's topic, the program its title
    or lead names, until a later paragraph names another or a new dateline starts a new report."""

    def __init__(self, doc: DocText, programs: list[Program], figure_starts: list[int],
                 title: str | None = None) -> None:
        self.doc, self.programs = doc, programs
        self.figures = sorted(figure_starts)
        self._honour = _patterns()["honour"]
        self._starts = [f.start for f in programs]
        self._anaphora = _patterns()["anaphora"]
        self._referring = _patterns()["referring"]
        self._passing = _patterns()["passing"]
        # (an honour verb the text never writes holds no program: one search instead of a clause each)
        honoured = bool(programs) and self._honour.search(doc.text) is not None
        self._held = [honoured and self._held_by_people(f) for f in programs]
        # “双减”工作等热点问题: a program given as an example in a list is no topic
        listed = _patterns()["listed"]
        self._listed = [listed.match(doc.text, f.end) is not None for f in programs]
        # a program named again, before or after, is the text's subject
        self._times: dict[str, int] = {}
        for f in programs:
            self._times[f.name] = self._times.get(f.name, 0) + 1
        for name, n in self._times.items():
            if n == 1:
                self._times[name] = doc.text.count(name)
        self.scopes = Scopes(doc.text) if doc.text else None
        self.topic, self._topic_end = self._topic(title) if self.scopes else (None, -1)

    def _topic(self, title: str | None) -> tuple[Program | None, int]:
        """The program the title names, else the first the lead names (not a title a person holds),
        with the offset where the lead names it (-1 for the title's)."""
        pattern = gazetteer().pattern
        if title and _may_name(title, 0, len(title), quotes=False) and \
                title not in self.doc.text[:len(title) + 8]:
            named = [f for f in find_programs(DocText.of(title), pattern)
                     if _topical(f, title[f.start] in "“「《\"" or title[f.start].isascii())]
            if named:
                return named[0], -1
        lead = self.scopes.lead
        k = bisect_left(self._starts, lead[0])
        named = [f for f, held in zip(self.programs[k:], self._held[k:]) if f.end <= lead[1] and not held]
        if not named and (k == len(self.programs) or self.programs[k].start >= lead[1]) and \
                _may_name(self.doc.text, *lead):
            named = [f for f in find_programs(self.doc, pattern, [lead]) if not self._held_by_people(f)]
        marked = [f for f in named if _marked(self.doc.text, f) and _topical(f, True)]
        if marked:
            return marked[0], marked[0].end  # a document or a quoted campaign before a plan named in passing
        named = [f for f in named if _topical(f, _marked(self.doc.text, f))]
        return (named[0], named[0].end) if named else (None, -1)

    def attach(self, start: int, end: int) -> str | None:
        if not self.programs and self.topic is None:
            return None  # nothing to attach, nothing to refer back to
        doc = self.doc
        _, (s0, s1), (_, c1) = doc.parts(start)
        s0, s1 = max(s0, start - WINDOW), min(s1, end + WINDOW)  # linear on run-on text
        i = bisect_left(self._starts, start) - 1
        while i >= 0 and self.programs[i].start >= s0:
            f = self.programs[i]
            if f.end <= start and not self._held[i]:
                return f.name
            i -= 1
        if c1 < end:  # a clause mark inside the figure (1,000): the clause of its end
            _, c1 = doc.clause(end)
        j = bisect_left(self._starts, end)
        if j < len(self.programs) and self.programs[j].start < c1:
            return self.programs[j].name
        # anaphora: the semicolon part uses an ending alone (省级试点资金)
        for m in self._anaphora.finditer(doc.text, s0, s1):
            if any(f.start <= m.start() < f.end for f in self.programs):
                continue
            if not doc.text.endswith(_patterns()["levels"], s0, m.start()):
                continue  # 高职计划总量: a bare ending refers back only after a level (省级试点)
            k = bisect_left(self._starts, s0) - 1
            while k >= 0 and s0 - self.programs[k].end < 600:
                if self.programs[k].head == m.group():
                    return self.programs[k].name
                k -= 1
        return self._carried(start, end, s0)

    def _carried(self, start: int, end: int, s0: int) -> str | None:
        """The program of the figure's paragraph, or the document's topic while it holds."""
        if self.doc.text.endswith(_patterns()["age_units"], start, end):
            return None  # 82岁的老师: a person's age is no figure of the program
        c0, _ = self.doc.clause(start)
        if self._passing.search(self.doc.text, c0, start) is not None:
            return None  # 全市共有中小学120所: a statistic of the place, not of its program
        scopes = self.scopes
        p0 = scopes.paragraph_start(start)
        i = bisect_left(self._starts, s0) - 1
        while i >= 0 and self.programs[i].start >= p0:
            f = self.programs[i]
            if not self._held[i] and not self._listed[i] and scopes.same_item(f.start, start):
                # the last program the paragraph names; one named once, in passing, ends the
                # paragraph's topic rather than carrying on
                # a program named again, or one that the paragraph's first sentence names as a
                # plan, a project, a document, a quoted name or a named policy (今年对退役军人的
                # 加分投档政策也有调整。例如…加10分)
                opens = self.doc.sentence(f.start)[0] <= p0 + 2 and (
                    f.head in _patterns()["strict"] or _topical(f, _marked(self.doc.text, f)))
                carried = ((self._times[f.name] > 1 or opens) and not f.name.endswith(_patterns()["not_topics"])
                           and _specific(f.name, f.head))
                return f.name if carried else None
            i -= 1
        topic = self.topic
        if topic is None or not scopes.same_item(0, start):
            return None
        if start < self._topic_end and (self._topic_end <= self.doc.sentence(start)[1]
                                        or topic.head in _patterns()["strict"]):
            # a figure of the sentence that names the program, before it, is not yet about it;
            # nor is a figure before a policy the lead names late (国家助学贷款累计发放4000多亿元
            # …国家出台助学贷款免息及本金延期偿还政策)
            return None
        lead_end = scopes.lead[1]
        if start < lead_end:
            return topic.name
        # the text has moved on when a paragraph after the lead names another program, unless
        # the figure's sentence refers back to the topic (该计划, 这项政策, 此次活动)
        k = bisect_left(self._starts, lead_end)
        # (a policy named later is mostly a provision of the topic: 加分投档政策 of a 招生工作规定)
        moved = any(f.name != topic.name and not held and f.head not in _patterns()["strict"]
                    and _topical(f, _marked(self.doc.text, f))
                    for f, held in zip(self.programs[k:i + 1], self._held[k:i + 1]))
        if moved and self._referring.search(self.doc.text, s0, start) is None:
            return None
        return topic.name

    def _held_by_people(self, f: Program) -> bool:
        """Whether ``f`` is a title people hold (入选“千人计划”的人才): an honour verb before it in
        its clause. It is the program of a figure after it in that clause only (8人入选“…计划”)."""
        c0, _ = self.doc.clause(f.start)
        return self._honour.search(self.doc.text, c0, f.start) is not None
