"""The document model: a text's structure and the topics its parts set, read in one pass.

Real news names what it is about once (in the title, the dateline, the first words of a
paragraph) and then reports figure after figure about it. This module finds, in one linear
pass over the whole text:

- paragraphs (lines, ``<p>``/``<br>`` blocks), and among them the *lead* (the first paragraph
  of body text; with the lines before it, ``in_lead``), the *headline* (the title line before
  it, not a source line), the *opening* (the title line and the first sentence's paragraph,
  wrapped lines too: where the document's topic is named), *headings* (short lines without a
  sentence end, or lines led by a list marker such as 一、 （二） 3． ●) and *list items*;
- sentences and their parts between semicolons (from ``DocText``);
- *sections*: the stretch from one heading or dateline to the next (a CCTV transcript holds
  several items, each with its own dateline or lead);

and keeps, per field, the *topics* that the field's linker sets on it: a value that holds from
where the text names it to the end of its scope (sentence, paragraph, section, document). A
topic holds until the text moves on: a later topic of the same field and level replaces it
(a topic whose value is None ends the earlier one without naming another: a list of places).

``Document.topic(field, pos)`` answers "the nearest scope before ``pos`` that tells ``field``":
sentence, then paragraph, section, document; the caller falls back to the home region or the
document's date itself. Lookups are bisections, so every figure costs a few steps.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, partial
from operator import itemgetter
from typing import Any, NamedTuple

from ._data import config
from .clauses import DocText

LEVELS = ("sentence", "part", "paragraph", "section", "document")

# Paragraph breaks: line ends and the HTML blocks of the CCTV transcripts.
_BREAK = re.compile(r"\n|<p\b[^>]{0,200}>|</p>|<br\s*/?>|</?div\b[^>]{0,200}>", re.IGNORECASE)
_SENTENCE_END = "。！？!?；;”」）)"
_FULL_STOP = re.compile("[。！？]")  # the end of a full sentence (the opening's first)
_MARKUP = re.compile(r"<[^<>]{0,40}>|&[a-z]{2,6};")  # inline markup and entities in a line
_CLAUSE_MARKS = "。！？!?；;，,：:…\r>\n"
# A list item run inline in a paragraph: a sentence or semicolon part led by 一是, （三）, 4.
# (the mark is matched, not looked behind at, so that the engine can skip to it; the item is
# group 1, and an item never ends with the mark that the next one needs)
_INLINE_ITEM = re.compile(r"[。；;]([ \t\u3000]*(?:[一二三四五六七八九十]是|[(（][一二三四五六七八九十]{1,2}[)）]"
                          r"|[0-9]{1,2}[.、．](?![0-9])))")
_LAST_MARK = re.compile(f"[{_CLAUSE_MARKS}][^{_CLAUSE_MARKS}]*\\Z")  # the clause start before a place
_HEAD_REACH = 24  # characters before a clause's subject that opening words may fill


class Span(NamedTuple):
    start: int
    end: int


class Topic(NamedTuple):
    """A value a field takes from ``start`` to ``end`` (the end of the scope that set it)."""

    start: int
    end: int
    value: Any
    level: str


@cache
def _markers() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    cfg = config()["scope"]
    item = re.compile(cfg["list_item"])
    dateline = re.compile("|".join(f"(?:{p})" for p in cfg["item_datelines"]))
    return item, dateline, int(cfg["heading_max_chars"])


@cache
def _opening_chars() -> int:
    return int(config()["scope"]["opening_chars"])


@cache
def _source_starts() -> tuple[str, ...]:
    return tuple(config()["scope"]["source_line_starts"])


@cache
def _link_marks() -> tuple[str, ...]:
    return tuple(config()["scope"]["link_line_marks"])


def _is_link(line: str) -> bool:
    """Whether a line is a web page's link (>>图书推荐：…), which no title line is."""
    return any(m in line for m in _link_marks())


@cache
def _headline_max() -> int:
    return int(config()["scope"]["headline_max_chars"])


@cache
def _item_firsts() -> frozenset[str]:
    """Characters a list item can start with (the item pattern is tried only there)."""
    return frozenset("一二三四五六七八九十（(0123456789●◆■□▲△★☆◇○•·变关第")


@cache
def _continuations() -> tuple[str, ...]:
    return tuple(config()["scope"]["continuations"])


@cache
def _head_ends() -> frozenset[str]:
    openers = config()["scope"]["topic_openers"]
    return frozenset(_CLAUSE_MARKS + "年月日底初末 \t\u3000\xa0\r" + "".join(w[-1] for w in openers))


@cache
def _head_pattern() -> re.Pattern[str]:
    openers = "|".join(map(re.escape, sorted(config()["scope"]["topic_openers"], key=len, reverse=True)))
    time = r"(?:19|20)[0-9]{2}年(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?(?:底|初|末)?|[0-9]{1,2}月(?:[0-9]{1,2}日)?"
    return re.compile(rf"(?:<[^<>]{{0,200}}>|[\s\u3000，,]|{openers}|{time})*")


@dataclass
class Document:
    """A text's paragraphs, sections and topics (built by ``Document.read``).

    Paragraphs are split when the model is read; what kind each is (lead, heading, item,
    body) is told on demand, paragraph by paragraph: the lead is usually among the first
    two, and sections are asked for only where a heading sets a topic."""

    text: str
    doc: DocText
    title: str | None  # the title given, else ``title_line`` (the one reading of a title)
    paragraphs: list[Span]
    lead: Span = Span(0, 0)   # the lead paragraph (first paragraph of body text), or (0, 0)
    _para_starts: list[int] = field(default_factory=list, repr=False)
    _kinds: list[str | None] = field(default_factory=list, repr=False)
    _sections: tuple[list[int], list[Span]] | None = field(default=None, repr=False)
    # field -> level -> (starts, topics)
    _topics: dict[str, dict[str, tuple[list[int], list[Topic]]]] = field(default_factory=dict, repr=False)
    _opening: Span | None = field(default=None, repr=False)  # see ``opening``
    _headline: Span | None = field(default=None, repr=False)  # see ``headline``

    @classmethod
    def read(cls, text: str, doc: DocText | None = None, title: str | None = None) -> "Document":
        """The model of ``text``: one pass for the breaks, then the paragraphs up to the lead."""
        doc = doc or DocText.of(text)
        paragraphs: list[Span] = []
        if "<" in text:
            pos = 0
            for m in _BREAK.finditer(text):
                _add_paragraph(text[pos:m.start()], pos, paragraphs)
                pos = m.end()
            _add_paragraph(text[pos:], pos, paragraphs)
        else:  # plain text: line ends alone, the lines' spans without blanks found at C level
            paragraphs = list(map(_new_span, map(_span_of, _LINE.finditer(text))))
        d = cls(text, doc, title, paragraphs, Span(0, 0), list(map(_first, paragraphs)),
                [None] * len(paragraphs))
        for k in range(len(paragraphs)):
            if d._kind_of(k) == "body":
                d._kinds[k] = "lead"  # the first paragraph of body text
                d.lead = paragraphs[k]
                break
        d.title = title or d.title_line
        return d

    def _kind_of(self, k: int) -> str:
        """The kind of paragraph ``k``: lead (the first of body text), heading, item or body."""
        got = self._kinds[k]
        if got is not None:
            return got
        item_re, _, heading_max = _markers()
        text = self.text
        a, b = self.paragraphs[k]
        kind = "body"
        if text[a] in _item_firsts() and item_re.match(text, a, b):
            kind = "item" if b - a > heading_max else "heading"
        elif b - a <= heading_max and text[b - 1] not in _SENTENCE_END and not _has_figure(text, a, b):
            kind = "heading"
        elif k == 0 and b - a <= 2 * heading_max and b < len(text.rstrip()) and text[b - 1] not in "。；;":
            kind = "heading"  # the first line of a text with more is its title
        self._kinds[k] = kind
        return kind

    @property
    def kinds(self) -> list[str]:
        """The kind of every paragraph."""
        return [self._kind_of(k) for k in range(len(self.paragraphs))]

    def _structure(self) -> tuple[list[int], list[Span]]:
        """Section starts and datelines: a heading, or a dateline after the first paragraph,
        opens a section (a CCTV transcript holds several items)."""
        if self._sections is not None:
            return self._sections
        _, dateline_re, _ = _markers()
        text = self.text
        sections, datelines = [0], []
        for k, (a, b) in enumerate(self.paragraphs):
            head_end = min(b, a + 60)
            d = dateline_re.search(text, a, head_end) if _may_date(text, a, head_end) else None
            if d is not None and d.start() - a <= 12:
                datelines.append(Span(*d.span()))
                if k:
                    sections.append(a)
            elif a > 0 and self._kind_of(k) == "heading":
                sections.append(a)
        self._sections = (sorted(set(sections)), datelines)
        return self._sections

    @property
    def sections(self) -> list[int]:
        """Starts of sections (0 first), sorted."""
        return self._structure()[0]

    @property
    def datelines(self) -> list[Span]:
        return self._structure()[1]

    # -- structure ---------------------------------------------------------------------------

    def paragraph_index(self, pos: int) -> int:
        """Index of the paragraph holding ``pos`` (the one before it when ``pos`` is a break)."""
        return max(0, bisect_right(self._para_starts, pos) - 1)

    def paragraph(self, pos: int) -> Span:
        if not self.paragraphs:
            return Span(0, len(self.text))
        return self.paragraphs[self.paragraph_index(pos)]

    def kind(self, pos: int) -> str:
        return self._kind_of(self.paragraph_index(pos)) if self.paragraphs else "body"

    def section(self, pos: int) -> Span:
        sections = self.sections
        k = bisect_right(sections, pos) - 1
        end = sections[k + 1] if k + 1 < len(sections) else len(self.text)
        return Span(sections[max(k, 0)], end)

    def in_lead(self, pos: int) -> bool:
        """Whether ``pos`` lies in the lead or in a heading before it (the title line)."""
        return pos < self.lead.end or (self.lead == (0, 0) and pos < len(self.text))

    @property
    def headline(self) -> Span:
        """The title line the text opens with: the first paragraph before the lead that is not a
        source line (【来源…】) or a link (>>图书推荐), unless longer than a title
        (``headline_max_chars``); (0, 0) if none.
        What it names is what the whole text is about (a school of the title holds throughout)."""
        if self._headline is None:
            self._headline = Span(0, 0)
            for a, b in self.paragraphs:
                if a >= self.lead.start:
                    break
                head = _MARKUP.sub("", self.text[a:b]) if "<" in self.text[a:b] else self.text[a:b]
                head = head.strip(" \t\n\u3000")
                if not head.startswith(_source_starts()) and not _is_link(head):
                    self._headline = Span(a, b) if b - a <= _headline_max() else Span(0, 0)
                    break
        return self._headline

    @property
    def title_line(self) -> str | None:
        """The title the linkers read when none is given: the ``headline``, else the first
        paragraph when it is no longer than a title and more follow. The fallback is wider
        than ``headline`` on purpose: a source line or a short first sentence still tells the
        home region and the one year a text reports on, though not a topic for every part."""
        a, b = self.headline
        if b == a and len(self.paragraphs) > 1:
            a, b = self.paragraphs[0]
        return self.text[a:b] if a < b <= a + _headline_max() and not _is_link(self.text[a:b]) else None

    @property
    def opening(self) -> Span:
        """The title line and the lead as one stretch from the text's start: up to the end of
        the paragraph of the first full sentence (。！？), its hard-wrapped lines too, at most
        ``opening_chars`` characters. What it names (a program) is what the document is about.

        It is not ``lead``, on purpose: ``lead`` is the one paragraph of body text that the
        time and region topics read (a heading-sized title line, a list item before it and
        the wrapped lines after it are not its text), while a document's topic is named in the
        title or in the first sentence wherever the lines break, and, in a text without a
        sentence end early on, within its first characters. Computed once, when first asked."""
        if self._opening is None:
            text, cut = self.text, _opening_chars()
            m = _FULL_STOP.search(text, 0, cut)
            self._opening = Span(0, min(self.wrapped_end(m.start()), cut) if m is not None else min(cut, len(text)))
        return self._opening

    def scope_end(self, level: str, pos: int) -> int:
        """Where the scope of ``level`` holding ``pos`` ends."""
        if level == "sentence":
            return self.doc.sentence(pos)[1] + 1
        if level == "part":
            return self.doc.semi(pos)[1] + 1
        if level == "paragraph":
            k = self.paragraph_index(pos)
            # a paragraph that opens with 其中, 此外... goes on with the one before it
            while k + 1 < len(self.paragraphs) and self.text.startswith(_continuations(), self.paragraphs[k + 1].start):
                k += 1
            return self.paragraphs[k].end if self.paragraphs else len(self.text)
        if level == "section":
            return self.section(pos).end
        return len(self.text)

    def heads_clause(self, pos: int) -> bool:
        """Whether only opening words stand between the start of the clause holding ``pos``
        and ``pos`` (在, 而在, 据, 截至, a date, markup): what stands at ``pos`` is what the
        clause is about."""
        lo = pos - _HEAD_REACH
        if lo <= 0:
            m = _LAST_MARK.search(self.text, 0, pos)
            c0 = m.start() + 1 if m is not None else 0
        else:
            m = _LAST_MARK.search(self.text, lo, pos)
            if m is None:
                return False  # (opening words are short: the clause started long before)
            c0 = m.start() + 1
        return c0 == pos or _head_pattern().fullmatch(self.text, c0, pos) is not None

    def closes_place_phrase(self, start: int, end: int) -> bool:
        """Whether what stands at [start, end) ends a clause that opens with 在 (在地处偏远的甘肃定西，
        …): a place phrase set before its clause's subject, which the text then reports on."""
        text = self.text
        if end >= len(text) or text[end] not in "，,":
            return False
        lo = max(0, start - _HEAD_REACH)
        m = _LAST_MARK.search(text, lo, start)
        if m is None and lo > 0:
            return False
        c0 = m.start() + 1 if m is not None else 0
        k = text.find("在", c0, start)
        # 在 opens the clause: after opening words (而在, 今年在), or after a blank (a dateline)
        return k >= 0 and (text[k - 1:k] in _BLANK or _head_pattern().fullmatch(text, c0, k) is not None)

    @staticmethod
    def head_ends() -> frozenset[str]:
        """The characters that can stand right before what heads a clause: a clause mark, the
        last character of an opening word or of a date, markup and blanks."""
        return _head_ends()

    def heads_paragraph(self, pos: int) -> bool:
        """Whether only opening words stand between the start of the paragraph and ``pos``."""
        a = self.paragraph(pos).start
        return a == pos or (pos - a <= _HEAD_REACH and _head_pattern().fullmatch(self.text, a, pos) is not None)

    def wrapped_end(self, pos: int) -> int:
        """The end of the paragraph holding ``pos`` with the lines a hard-wrapped text goes on
        with: a line that starts flush after a line without a sentence end."""
        paras, text = self.paragraphs, self.text
        if not paras:
            return len(text)
        k = self.paragraph_index(pos)
        while k + 1 < len(paras):
            b, c = paras[k].end, paras[k + 1].start
            if text[b - 1] in "。！？!?" or text[b:c].strip("\r") != "\n":
                break
            k += 1
        return paras[k].end

    def inline_item(self, pos: int) -> Span:
        """The list item run inline in a paragraph (…。一是…。二是…) that holds ``pos``, or the
        stretch of the paragraph before its first item: where what a text reports on changes
        inside one paragraph (searched for on demand, from the paragraph's start)."""
        a, b = self.paragraph(pos)
        start, end = a, b
        for m in _INLINE_ITEM.finditer(self.text, max(0, a - 1), b):  # (its mark may stand before a)
            item = m.start(1)
            if item > pos:
                end = item
                break
            start = item
        return Span(start, end)

    def follows_heading(self, pos: int) -> bool:
        """Whether the paragraph holding ``pos`` is the first after a heading (a section's first)."""
        k = self.paragraph_index(pos)
        return k > 0 and self._kind_of(k - 1) == "heading"

    # -- topics ------------------------------------------------------------------------------

    def set_topic(self, name: str, pos: int, value: Any, level: str) -> None:
        """``name`` is ``value`` from ``pos`` to the end of the ``level`` scope holding it
        (call in text order per field and level)."""
        by_level = self._topics.get(name)
        if by_level is None:
            by_level = self._topics[name] = {}
        got = by_level.get(level)  # (not setdefault: it would build the empty lists every call)
        if got is None:
            got = by_level[level] = ([], [])
        starts, topics = got
        topic = Topic(pos, self.scope_end(level, pos), value, level)
        if topics and topics[-1].start > pos:
            k = bisect_right(starts, pos)
            starts.insert(k, pos)
            topics.insert(k, topic)
            return
        starts.append(pos)
        topics.append(topic)

    def topic(self, name: str, pos: int, levels: tuple[str, ...] = LEVELS) -> Topic | None:
        """The topic of ``name`` that holds at ``pos`` from the nearest scope that tells it:
        the latest topic of the narrowest level set before ``pos`` whose scope still holds.
        A topic whose value is None ends the earlier ones of its level."""
        by_level = self._topics.get(name)
        if not by_level:
            return None
        for level in levels:
            got = by_level.get(level)
            if got is None:
                continue
            starts, topics = got
            k = bisect_right(starts, pos - 1) - 1
            if k >= 0 and topics[k].end >= pos:
                if topics[k].value is None:
                    continue
                return topics[k]
        return None

    def topics(self, name: str) -> list[Topic]:
        """Every topic of ``name``, all levels, in text order (for tools and tests)."""
        out = [t for _, ts in self._topics.get(name, {}).values() for t in ts]
        return sorted(out)


def _may_date(text: str, a: int, b: int) -> bool:
    """Whether a paragraph's head may hold a dateline (电, 讯, 消息): most do not, and a
    search for two characters is cheaper than one for the datelines."""
    return text.find("电", a, b) >= 0 or text.find("讯", a, b) >= 0 or text.find("消息", a, b) >= 0


_BLANK = " \t\r\u3000\xa0"
# a line without the blanks around it, if any is left (what _add_paragraph keeps of a line)
_LINE = re.compile(f"[^\n{_BLANK}](?:[^\n]*[^\n{_BLANK}])?")
_new_span = partial(tuple.__new__, Span)  # Span(a, b) from (a, b), without a Python call
_span_of = re.Match.span
_first = itemgetter(0)


def _add_paragraph(line: str, pos: int, out: list[Span]) -> None:
    """Add ``line`` (at ``pos`` in the text) without its surrounding blanks, if any is left."""
    stripped = line.strip(_BLANK)
    if stripped:
        a = pos + len(line) - len(line.lstrip(_BLANK))
        out.append(Span(a, a + len(stripped)))


def _has_figure(text: str, a: int, b: int) -> bool:
    """Whether a short line is a figure, not a heading: a table cell (42571人, 共12所)."""
    return text[a].isdigit() or text[b - 1].isdigit()
