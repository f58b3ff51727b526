"""Which program a figure belongs to: its own sentence, else the topic the document model holds.

A figure takes the nearest program before it in its semicolon part of the sentence (not over a
bullet of a line of them: ●…●…), or one after it in its clause (8人入选“…培养奖励计划”). A
sentence that names only a program's ending (省级试点资金) refers back to the last program with
that ending.

Whole documents (SPEC): the linker sets the ``program`` topics of the document model
(``Document.set_topic``) once, in text order, at the level the text sets them, and a figure
whose sentence names none asks ``Document.topic`` once per sentence part:

- *document*: the program the title or lead names (a plan, works or project with words of its
  own, a quoted name or a document, a title that is a document's name; not a reform or policy
  named by its ending, an enrolment quota or a law). It ends (a topic of no program) where a
  later paragraph names another such program or a new dateline starts another report;
- *paragraph*: the last program a paragraph, or an item it runs inline (一是…二是…), names
  holds for the rest of it when the text names it again or the paragraph's (item's) first
  sentence is about it; one named once, in passing, ends the paragraph's topic without giving
  one. A program in a part of a list set with semicolons, or a reform named by its ending only,
  holds for its own sentence part and sets no topic.

A sentence that refers back (该计划, 这项政策, 此次活动) takes the document's program even after
the text has moved on; a statistic of the whole place (全国…, 全市共有…) and a person's age
take none. The names themselves are found in ``program_names.py``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache

from .clauses import WINDOW, DocText
from .document import Document, Span, Topic
from .gazetteer import gazetteer
from .program_names import NAME_RUN, Program, program_patterns, find_programs
from .tokens import tag

_QUOTE = re.compile("“[^“”]+”")
_NO_PROGRAM = ""  # the value of a topic that ends the one before it without naming a program


@cache
def _titled_document() -> re.Pattern[str]:
    """A title that is a policy document's name without 《》: 关于…的 and a document's ending."""
    docs = "|".join(map(re.escape, program_patterns()["docs"]))
    return re.compile(f"关于[^《》“”]{{4,60}}的(?:{docs})\\s*$")


def _may_name(text: str, a: int, b: int, quotes: bool = True) -> bool:
    """Whether text[a:b] can name a program (an ending, a 《》 title, a quote unless ``quotes``
    is False: a title's quotes are mostly slogans): a cheap test before a search."""
    return (program_patterns()["suffix"].search(text, a, b) is not None or text.find("《", a, b) >= 0
            or quotes and (text.find("“", a, b) >= 0 or text.find('"', a, b) >= 0))


def _marked(text: str, f: Program) -> bool:
    """Whether the text marks ``f`` as a name: quoted, in 《》 or Latin (“海外研修”项目, EB-5项目,
    “民企高校携手促就业行动”: the quote marks stand outside a name found by its ending)."""
    return text[f.start] in "“「《\"" or text[f.start].isascii() or text[f.start - 1:f.start] in ("“", "「")


def _topical(f: Program, marked: bool) -> bool:
    """Whether a program of the title or lead can be the document's topic: a plan, works or
    project with words of its own (营养改善计划), or a quoted name or document; a reform, an
    action or a policy named by its ending only (教育改革, 以实际行动, 就业政策) describes, and
    a law (《义务教育法》) governs everything."""
    p = program_patterns()
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
    if not head.endswith(program_patterns()["goal_heads"]):
        return False
    words = [(w, t) for w, t in tag(name[:len(name) - len(head)]) if t != "ns"]
    if len(words) < 2:
        return True
    if words[0][1] == "v" and (len(words) > 2 or words[-1][1] != "a"):
        return True  # (高考便利: a verb-like noun and an adjective name a kind of help)
    last, t = words[-1]
    return t == "v" and (len(last) == 1 or last.endswith(tuple(program_patterns()["result_chars"])))


@lru_cache(maxsize=4096)
def _specific(name: str, head: str) -> bool:
    """Whether a name says which program it is: a quoted or Latin name, a document, or words of
    its own before its ending (泗县“十三五”期间教育项目工程 names only a kind of works: a place,
    a time, generic words and endings)."""
    if not head or not NAME_RUN.match(name) or name[:1].isascii():
        return True
    p = program_patterns()
    core = name[:len(name) - len(head)]
    return any(w not in p["units"] and w not in p["generic"] and not p["suffix_end"].search(w) and t[0] not in "mtfr"
               and t != "ns" for w, t in tag(core))


class ProgramLinker:
    """Per-document program attachment: the program named in a figure's own sentence, else the
    topic of the document model (paragraph, then document) that the linker sets when built."""

    def __init__(self, document: Document, programs: list[Program], title: str | None = None) -> None:
        self.document, self.doc, self.programs = document, document.doc, programs
        p = program_patterns()
        text = self.doc.text
        self._starts = [f.start for f in programs]
        self._anaphora, self._referring, self._passing = p["anaphora"], p["referring"], p["passing"]
        self._honour = p["honour"]
        self._bullet_marks: dict[tuple[int, int], list[int]] = {}  # per sentence part
        self._item_at = Span(0, 0)  # the last inline item asked for (see ``_inline_item``)
        # (an honour verb the text never writes holds no program: one search instead of a clause each)
        honoured = bool(programs) and self._honour.search(text) is not None
        self._held = [honoured and self._held_by_people(f) for f in programs]
        self._lead_end = document.opening.end  # the title and lead name the document's program
        # what the title quotes (“2012希望工程圆梦行动”大型公益助学活动) is marked as a name
        self._title_quotes = "".join(_QUOTE.findall(title)) if title and "“" in title else ""
        self.topic, self._topic_end = self._topic(title) if text else (None, -1)
        self._anaphoric: dict[tuple[int, int], str | None] = {}  # per sentence part
        self._held_at: dict[int, tuple[Topic | None, Topic | None]] = {}  # per sentence part
        # the bullets of a line of them (●…●…) matter only where there is a program to attach:
        # most texts have none, and need not be searched for them
        self._bullets = None
        if programs or self.topic is not None:
            bullets = p["bullets"]
            self._bullets = bullets if bullets.search(text) is not None else None
            self._set_topics()

    def _topic(self, title: str | None) -> tuple[Program | None, int]:
        """The program the title names, else the first the lead names (not a title a person holds),
        with the offset where the lead names it (-1 for the title's)."""
        text = self.doc.text
        m = _titled_document().search(title) if title and "关于" in title else None
        if m is not None and title not in text[:len(title) + 8]:
            return Program(m.start(), m.end(), m.group(), ""), -1  # 中共中央 国务院关于…的意见
        if title and _may_name(title, 0, len(title), quotes=False) and title not in text[:len(title) + 8]:
            named = [f for f in find_programs(DocText.of(title), gazetteer().pattern)
                     if _topical(f, title[f.start] in "“「《\"" or title[f.start].isascii())]
            if named:
                return named[0], -1
        k = bisect_left(self._starts, self._lead_end)
        named = [f for f, held in zip(self.programs[:k], self._held[:k]) if not held]
        marked = [f for f in named if _marked(text, f) and _topical(f, True)]
        if marked:
            return marked[0], marked[0].end  # a document or a quoted campaign before a plan named in passing
        named = [f for f in named if _topical(f, _marked(text, f))]
        return (named[0], named[0].end) if named else (None, -1)

    def _set_topics(self) -> None:
        """The topics of the document model, in one pass over the programs (see the module)."""
        document, text, p = self.document, self.doc.text, program_patterns()
        listed = p["listed"]
        times: dict[str, int] = {}  # a program named again, before or after, is the text's subject
        for f in self.programs:
            times[f.name] = times.get(f.name, 0) + 1
        topic = self.topic
        if topic is not None:
            document.set_topic("program", 0, topic.name, "document")
            # a new dateline starts another report (a transcript of several)
            # (a dateline holds 电, 讯 or 消息: most texts need not have their structure read)
            late = any(text.find(w, self._lead_end) >= 0 for w in ("电", "讯", "消息"))
            for d in document.datelines if late else ():
                if d.start >= self._lead_end:
                    document.set_topic("program", d.start, _NO_PROGRAM, "document")
        for f, held in zip(self.programs, self._held):
            if held:
                continue  # a title people hold
            if self.doc.semi(f.start) != self.doc.sentence(f.start):
                continue  # a part of a list set with semicolons reports on its own subject
            marked = _marked(text, f) or f.name in self._title_quotes
            if listed.match(text, f.end) is None:  # (an example in a list: “双减”工作等热点问题)
                self._paragraph_topic(f, marked, times)
            # the text moves on from the document's topic where a paragraph after the lead names
            # another program (a policy named later is mostly a provision of the topic: 加分投档
            # 政策 of a 招生工作规定)
            if topic is not None and f.start >= self._lead_end and f.name != topic.name and \
                    f.head not in p["strict"] and _topical(f, marked):
                document.set_topic("program", f.start, _NO_PROGRAM, "document")

    def _paragraph_topic(self, f: Program, marked: bool, times: dict[str, int]) -> None:
        """The last program a paragraph (or an item it runs inline: …。二是…) names holds for the
        rest of it when named again or named by its first sentence as a plan, a project, a
        document, a quoted name or a named policy (今年对退役军人的加分投档政策也有调整。例如…加10分);
        one named once, in passing, ends the paragraph's topic."""
        document, text, p = self.document, self.doc.text, program_patterns()
        s0 = self.doc.sentence(f.start)[0]
        para = document.paragraph(f.start)
        item = None
        first = s0 <= para.start + 2
        if not first:
            item = self._inline_item(f.start)
            first = s0 <= item.start + 2
        opens = first and (f.head in p["strict"] or _topical(f, marked))
        n = times[f.name]
        if n == 1:
            n = times[f.name] = text.count(f.name)
        if not (marked or f.head.endswith(p["topic_heads"])):
            # a reform, action or drive named by its ending only, unquoted, describes (深化企业改革
            # 的重要条件): it holds for its own sentence only and leaves the paragraph's topic be
            return
        carried = (n > 1 or opens) and not f.name.endswith(p["not_topics"]) and _specific(f.name, f.head)
        document.set_topic("program", f.start, f.name if carried else _NO_PROGRAM, "paragraph")
        if carried:
            end = (item or self._inline_item(f.start)).end
            bullet = self._bullets.search(text, f.end, end) if self._bullets else None
            if bullet is not None:
                end = bullet.start()
            if end < para.end:
                # the next item moves on to what the wider scopes tell (None ends a topic only)
                document.set_topic("program", end, None, "paragraph")

    def _inline_item(self, pos: int) -> Span:
        """``Document.inline_item``, asked once per item: the programs come in text order, and
        every position inside the item last found lies in that same item (no item starts
        within it)."""
        got = self._item_at
        if got.start <= pos < got.end:
            return got
        got = self._item_at = self.document.inline_item(pos)
        return got

    def attach(self, start: int, end: int) -> str | None:
        if not self.programs and self.topic is None:
            return None  # nothing to attach, nothing to refer back to
        doc = self.doc
        _, (s0, s1), (_, c1) = doc.parts(start)
        s0, s1 = max(s0, start - WINDOW), min(s1, end + WINDOW)  # linear on run-on text
        if self._bullets:  # a bullet in a line of them (●…●…) starts another item
            s0, s1 = self._item(s0, s1, start)
            c1 = min(c1, s1)
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
        key = (s0, s1)
        if key not in self._anaphoric:
            self._anaphoric[key] = self._bare_ending(s0, s1)
        return self._anaphoric[key] or self._carried(start, end, s0)

    def _item(self, s0: int, s1: int, pos: int) -> tuple[int, int]:
        """The stretch of [s0, s1) between the bullets (●…●…) around ``pos``."""
        marks = self._bullet_marks.get((s0, s1))
        if marks is None:
            marks = self._bullet_marks[(s0, s1)] = [m.start() for m in self._bullets.finditer(self.doc.text, s0, s1)]
        k = bisect_left(marks, pos)
        return (marks[k - 1] + 1 if k else s0), (marks[k] if k < len(marks) else s1)

    def _bare_ending(self, s0: int, s1: int) -> str | None:
        """The program a sentence part refers back to with its ending alone (省级试点资金)."""
        text = self.doc.text
        for m in self._anaphora.finditer(text, s0, s1):
            if any(f.start <= m.start() < f.end for f in self.programs):
                continue
            if not text.endswith(program_patterns()["levels"], s0, m.start()):
                continue  # 高职计划总量: a bare ending refers back only after a level (省级试点)
            k = bisect_left(self._starts, s0) - 1
            while k >= 0 and s0 - self.programs[k].end < 600:
                if self.programs[k].head == m.group():
                    return self.programs[k].name
                k -= 1
        return None

    def _carried(self, start: int, end: int, s0: int) -> str | None:
        """The topic of the document model that holds for the figure's sentence part."""
        text = self.doc.text
        if text.endswith(program_patterns()["age_units"], start, end):
            return None  # 82岁的老师: a person's age is no figure of the program
        c0, _ = self.doc.clause(start)
        if self._passing.search(text, c0, start) is not None:
            return None  # 全市共有中小学120所: a statistic of the place, not of its program
        # the topics set up to the part's start (an item's start ends one), asked once per part;
        # a sentence may start before its paragraph (</p> ends no sentence)
        q = max(s0, self.document.paragraph(start).start) + 1
        held = self._held_at.get(q)
        if held is None:
            held = self._held_at[q] = (self.document.topic("program", q, ("paragraph",)),
                                       self.document.topic("program", q, ("document",)))
        got = held[0]
        if got is not None:
            return got.value or None
        got = held[1]
        topic = self.topic
        if got is None or not got.value:
            ref = self._referring.search(text, s0, start)
            if ref is None:
                return None
            if topic is not None and got is not None:
                return topic.name  # the sentence refers back to the topic (该计划, 这项政策, 此次活动)
            # else to the last program of the kind it names (该计划 → …计划), in its section
            k = bisect_left(self._starts, s0) - 1
            kind, sec = ref.group()[-2:], self.document.section(start).start
            while k >= 0 and self.programs[k].start >= sec:
                if self.programs[k].head.endswith(kind) and not self._held[k]:
                    return self.programs[k].name
                k -= 1
            return None
        if topic is not None and got.value == topic.name and start < self._topic_end and (
                self._topic_end <= self.doc.sentence(start)[1] or topic.head in program_patterns()["strict"]):
            # a figure of the sentence that names the program, before it, is not yet about it;
            # nor is a figure before a policy the lead names late (国家助学贷款累计发放4000多亿元
            # …国家出台助学贷款免息及本金延期偿还政策)
            return None
        return got.value

    def _held_by_people(self, f: Program) -> bool:
        """Whether ``f`` is a title people hold (入选“千人计划”的人才): an honour verb before it in
        its clause. It is the program of a figure after it in that clause only (8人入选“…计划”)."""
        c0, _ = self.doc.clause(f.start)
        return self._honour.search(self.doc.text, c0, f.start) is not None
