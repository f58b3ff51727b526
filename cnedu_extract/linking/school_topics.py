"""The school a text is about, as a topic of the document model (``document.py``).

A school the text is about is named in the title or the lead's first sentence, or three
times, or named and then referred to (该校, 校方; 学校 opening a clause). It is set as the
``school`` topic of the ``Document`` (title, lead and datelines come from the model) and is
carried to the later figures of sentences that refer to it (its name, 该校, 学校, a kind that
opens a clause: 大学共有7个学院) and of the two sentences after one, until the text turns to
another such school or a new item starts (a dateline); a school of the title holds for the whole
text. ``SchoolLinker`` asks ``SchoolTopics.carried`` when a figure's own clause and sentence name
no school.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache
from typing import Sequence

from ._data import config, longest_first
from .document import Document
from .gazetteer import gazetteer
from .schools import School, school_patterns, owned, proper_part
from .tokens import has_word, tag
from .universities import universities

SUBJECT_LEAD = re.compile(r"(?:[0-9０-９]{4}年|今年|去年|目前|截至目前|其中|同时)?")
# what can stand right before a clause's subject: a clause mark, a blank, markup, the last
# character of a word of SUBJECT_LEAD
_SUBJECT_BEFORE = frozenset("。！？!?；;，,：:…、\r\n \t\u3000\xa0>;年前中时")
_DATELINE_WORDS = ("电", "讯", "消息")  # a dateline holds one (document.py reads them)
LIST_SEPS = ("、", "和", "与", "及", "以及")
_PASSING_SEPS = LIST_SEPS + ("或",)  # (joints of a list a school is named in passing in)


class SchoolTopics:
    """The ``school`` topics of one document, set on its first question."""

    def __init__(self, document: Document, schools: list[School], titled: Sequence[School] = ()) -> None:
        """``schools``: every school named in the text, in order; ``titled``: those named in a
        title given apart from the text (batch metadata), which the text is about from its start."""
        self.document, self.doc, self.schools = document, document.doc, schools
        self._ends = [s.end for s in schools]
        self._titled = list(titled)
        self._set = False  # whether the school topics are set on the document
        self._headline: set[str] = set()
        self._keys: dict[str, str] = {}
        self._windows: dict[int, int] = {}
        self._placed_at: dict[int, bool] = {}

    def carried(self, start: int) -> str | None:
        """The school the text is about at ``start`` (``Document.topic``), if the figure's
        sentence or one just before it refers to it (unless its scope holds without one)."""
        if not self._titled and (not self._ends or self._ends[0] > start):
            return None  # no school named before the figure: no topic yet
        if not self._set:
            self._set_topics()
        t = self.document.topic("school", start, _LEVELS)
        if t is None:
            return None
        name, key = t.value
        if t.level != "sentence" and key not in self._headline and t.start < self._window(start):
            return None  # named or referred to too long before (a school of the title holds)
        if self._placed(start):
            return None  # 全国…112所, 为广州军区培养80个: the clause is about a place
        return proper_part(name)

    def _window(self, start: int) -> int:
        """Start of the figure's sentence and the ``reference_lookback`` sentences before it:
        a section's topic is carried to a figure only if named or referred to there."""
        s0 = self.doc.sentence(start)[0]
        got = self._windows.get(s0)
        if got is None:
            got = s0
            if school_patterns()["needs_reference"]:
                for _ in range(school_patterns()["lookback"]):
                    if got >= 2:
                        got = self.doc.sentence(got - 2)[0]
            else:
                got = 0
            self._windows[s0] = got
        return got

    def _set_topics(self) -> None:
        """Set the ``school`` topics of the document, in one pass over the schools a text is
        about (see ``_about``), the words that refer to them and the datelines:

        - a school of the title holds for the document;
        - another (named in the lead's first sentence, three times, or referred to) holds
          until another is named, carried to the figures of a sentence that names it or
          refers to it (该校, 校方; 学校 opening a clause) and of the two sentences after;
        - 学校 inside a clause refers back within its own sentence only;
        - a dateline that opens a new item ends them all."""
        self._set = True
        d, text, p = self.document, self.doc.text, school_patterns()
        topics, headline_end, lead_end = self._about()
        if not topics:
            return
        events: list[tuple[int, int, object]] = [(sc.start, 1, sc) for sc in topics]
        events += [(m.start(), 2, m.group()) for m in p["anaphora"].finditer(text, topics[0].end)]
        events += [(m.start(), 3, m.group()) for m in p["kind_anaphora"].finditer(text, topics[0].end)]
        if any(text.find(w, lead_end) >= 0 for w in _DATELINE_WORDS):  # (most texts hold none)
            events += [(a, 0, None) for a, _ in d.datelines if a > lead_end and d.paragraph_index(a) > 0]
        events.sort(key=lambda e: (e[0], e[1]))
        last: tuple[str, str] | None = None
        for pos, kind, what in events:
            if kind == 0:  # a new item
                last = None
                d.set_topic("school", pos, None, "document")
                continue
            if kind == 1:
                sc = what  # type: ignore[assignment]
                last = (sc.name, self._keys[sc.key])
                d.set_topic("school", pos, last, "document")
                d.set_topic("school", pos, None, "sentence")  # the text moved on to it
                continue
            if last is None:
                continue
            if kind == 3:  # 大学共有7个学院 in a text about a university: the one it is about
                if last[0].endswith(what) and self._subject(pos) and not has_word(text[pos:pos + len(what) + 1]):
                    d.set_topic("school", pos, last, "document")  # (not 大学生, 小学生)
                continue
            if what not in p["weak_anaphora"] or self._subject(pos):
                d.set_topic("school", pos, last, "document")
            else:
                d.set_topic("school", pos, last, "sentence")  # 学校 within the sentence that names it

    def _about(self) -> tuple[list[School], int, int]:
        """The mentions of the schools a text is about, and the ends of its title and of its
        lead's first sentence (from the document model). A school is about when named in the
        title (a title given apart from the text counts as a mention at its start) or the
        lead's first sentence, named three times, or named and then referred to (该校; 学校
        opening a clause of the same sentence). A name in a list (A、B和C, A等) is an example,
        never what the text is about."""
        d = self.document
        lead = d.lead
        headline_end = d.headline.end
        lead_end = self.doc.sentence(lead.start)[1] if lead != (0, 0) else 0
        mentions = [School(0, 0, t.name, t.key) for t in self._titled] + [
            sc for k, sc in enumerate(self.schools) if not self._in_list(k)]
        aliases = _alias_keys(sorted({sc.key for sc in mentions}))
        count: dict[str, int] = {}
        about: set[str] = set()
        no_carry = school_patterns()["no_carry"]
        for k, sc in enumerate(mentions):
            if sc.name.endswith(no_carry) or not trusted(sc):
                continue  # (a 研究院 is a source; 图书赠学校 of a headline is no name)
            key = aliases[sc.key]
            count[key] = count.get(key, 0) + 1
            if key not in about and (sc.end <= lead_end or count[key] >= 3 or
                                     self._referred(sc, mentions[k + 1:k + 2])):
                about.add(key)  # (a school already about asks no more)
        self._headline = {aliases[sc.key] for sc in mentions if sc.end <= headline_end}
        self._keys = aliases
        return [sc for sc in mentions if aliases[sc.key] in about], headline_end, lead_end

    def _placed(self, start: int) -> bool:
        """Whether the figure's clause names a region or a scope (全国, 我省, 北京市, 美国) outside
        a school's name: the figure is then about the place, not the school carried (decided
        once per clause)."""
        c0, c1 = self.doc.clause(start)
        got = self._placed_at.get(c0)
        if got is None:
            got = self._placed_at[c0] = self._names_place(c0, c1)
        return got

    def _names_place(self, c0: int, c1: int) -> bool:
        text = self.doc.text
        if _scope_words().search(text, self.doc.sentence(c0)[0], c1):
            return True  # (我国开始实施…，4年来共培训教师493万人次)
        rank = school_patterns()["rank_scope"]
        for m in gazetteer().finditer(text, c0, c1):
            if self.doc.in_quotes(m.start(), m.end()):
                continue  # (《太原工业大学校报》)
            k = bisect_left(self._ends, m.end())
            if k < len(self.schools) and self.schools[k].start <= m.start():
                continue  # inside a school's name
            if any(text.find(w, c0, m.start()) >= 0 for w in rank):
                continue  # where it is ranked (排名列为澳洲大学的第五名)
            if any(a <= m.start() and m.end() <= b for a, b in self.document.datelines):
                continue  # the place of a dateline (新华社重庆5月19日电)
            return True
        return False

    def _in_list(self, k: int) -> bool:
        """Whether the school ``k`` is named in passing: in a list (joined to a neighbour by
        、和与及或, or followed by 等) or as where students go (考上清华)."""
        text, sc = self.doc.text, self.schools[k]
        if text[sc.end:sc.end + 1] == "等" or text.endswith(school_patterns()["destination"], 0, sc.start):
            return True  # (考上清华, 被复旦录取: where students go, not what the text is about)
        # (a joint is at most two characters: the text between two schools far apart is not read)
        before = self.schools[k - 1].end if k > 0 else -9
        if sc.start - before <= 2 and text[before:sc.start] in _PASSING_SEPS:
            return True
        after = self.schools[k + 1].start if k + 1 < len(self.schools) else len(text) + 9
        return after - sc.end <= 2 and text[sc.end:after] in _PASSING_SEPS

    def _referred(self, sc: School, after: list[School]) -> bool:
        """Whether a school word refers back to ``sc`` before the next school is named: a
        strong one (该校, 校方) in this sentence or the next, 学校 in this sentence."""
        p = school_patterns()
        text = self.doc.text
        _, s1 = self.doc.sentence(sc.end)
        end = self.doc.sentence(s1 + 1)[1] if s1 + 1 < len(text) else s1
        if after and after[0].start < end:
            end = after[0].start
        for m in p["anaphora"].finditer(text, sc.end, end):
            if m.group() not in p["weak_anaphora"]:
                return True
            if m.start() < s1 and self._subject(m.start()):
                return True
        return False

    def _subject(self, pos: int) -> bool:
        """Whether a word at ``pos`` opens its clause (only a time word before it): 学校 there
        is the school just named (1998年学校撤并), not schools in general (构建学校、家庭…)."""
        if pos > 0 and self.doc.text[pos - 1] not in _SUBJECT_BEFORE:
            return False  # (the character before is no mark, blank, markup or time word's last)
        c0, _ = self.doc.clause(pos)
        return SUBJECT_LEAD.fullmatch(clause_lead(self.doc.text, c0, pos)) is not None


@cache
def _scope_words() -> re.Pattern[str]:
    sc = config()["scope"]
    words = [w for k in ("city", "province", "county", "district", "nation") for w in sc[k]]
    return re.compile("|".join(map(re.escape, longest_first(words))))


_NAME_TAGS = frozenset({"ns", "nr", "nz", "nt", "x", "j", "nrt", "nrfg"})


def trusted(sc: School) -> bool:
    """Whether a name is sure enough to be what a text is about: a listed university, a
    numbered school (萍乡六中), or a name with a place or a proper word of two characters or
    more before its ending (达祖小学; not 图书赠学校, 印大学, whose prefix is one loose character)."""
    return _trusted_name(sc.name, sc.key)


@lru_cache(maxsize=8192)
def _trusted_name(name: str, key: str) -> bool:
    """``trusted`` of a name and its key (remembered: the same schools recur across texts)."""
    if key in universities().by_name or name in universities().forms:
        return True
    p = school_patterns()
    if p["numbered"].search(name) or has_word(name) and tag(name) == ((name, "nt"),):
        return True  # (格致中学: jieba knows it as an organisation)
    m = p["suffix"].search(name)
    while m is not None and m.end() != len(name):
        m = p["suffix"].search(name, m.start() + 1)
    if m is None:
        return False
    prefix = name[:m.start()]
    if owned(prefix, name[m.start():]):
        return True  # named by the body that runs it (海军医学专科学校)
    rm = gazetteer().pattern.match(prefix)
    if rm is not None and rm.end() >= 2:
        return True
    return any(len(w) >= 2 and t in _NAME_TAGS and w not in p["generic"] for w, t in tag(prefix))


def clause_lead(text: str, start: int, end: int) -> str:
    """What stands in a clause before a name, without markup and indentation (<p>　　)."""
    seg = text[start:end]
    if "<" in seg:
        seg = _MARKUP.sub("", seg)
    return seg.strip(" \t\n\u3000")


_MARKUP = re.compile(r"<[^<>]{0,40}>|&[a-z]{2,6};")
_LEVELS = ("sentence", "document")  # the scopes school topics are set at


def _alias_keys(keys: list[str]) -> dict[str, str]:
    """Each key mapped to the longest key naming the same school: one holds the other's
    characters in order and they share their last two (草桥小学 → 草桥实验小学, 景山学校 →
    北京景山学校)."""
    out = {k: k for k in keys}
    by_len = sorted(keys, key=len, reverse=True)
    listed = universities().by_name
    for k in keys:
        for longer in by_len:
            if len(longer) <= len(k):
                break
            if k in listed and longer in listed:
                continue  # 河北大学 and 河北农业大学 are two universities
            if longer[-2:] == k[-2:] and _subsequence(k, longer):
                out[k] = longer
                break
    return out


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)
