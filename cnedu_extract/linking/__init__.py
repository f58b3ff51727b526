"""Linking: fill metric, region, school, program, year, period and the change fields of each record.

Interface used by the extractor and the spaCy component:

- ``link(text, records, *, title=None, date=None) -> list[Measurement]`` (records: Measurement or Found)
- ``find_entities(text, *, title=None) -> list[Entity]`` (regions, schools, programs with spans)

Each field has its own module (``regions``, ``schools``, ``program_linker``, ``metric``, ``time``,
``changes`` for aspect, direction, base and base_year);
this module builds the per-document context once and asks each linker once per figure.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import NamedTuple, Sequence, TypeVar

from .. import script
from ..record import Found, Measurement, build_measurement
from .changes import read_changes
from .clauses import DocText, merge_spans
from .document import Document
from .gazetteer import Region, gazetteer
from .metric import MetricLinker
from .home import home_region
from .program_linker import ProgramLinker
from .program_names import Program, find_programs, named_within
from .regions import Mention, RegionLinker, find_mentions, resolve_scope, set_region_topics
from .school_linker import SchoolLinker
from .schools import School, find_schools
from .time import TimeLinker, set_year_topics
from .time_words import dated_item, doc_year, find_times, title_year

__all__ = ["Document", "Entity", "link", "find_entities"]


class Entity(NamedTuple):
    start: int
    end: int
    label: str  # "REGION", "SCHOOL" or "PROGRAM"
    name: str   # canonical name (official region name; school/program as written)


@dataclass
class _Context:
    doc: DocText
    mentions: list[Mention]
    schools: list[School]
    programs: list[Program]
    home: Region | None
    spans: list[tuple[int, int]]      # what was read: the figures' sentences, header, footer
    sentences: list[tuple[int, int]]  # the figures' sentences (sorted, disjoint)
    all_schools: list[School]         # every school named in the text
    document: Document                # the whole text's structure and topics


_EDGE = 200         # header and footer characters always read (datelines, source lines)
_PROGRAM_REACH = 600  # how far back a program can be referred to


def _context(text: str, title: str | None, starts: Sequence[int] | None = None) -> _Context:
    """Per-document context. With ``starts`` (figure offsets) only the sentences holding
    figures, the header and the footer are read, so the work follows the figures, not the text."""
    g = gazetteer()
    doc = DocText.of(text)
    document = Document.read(text, doc, title)
    title = document.title  # the given title, else the text's title line
    n = len(text)
    if starts is None:
        spans = sentences = [(0, n)]
    else:
        sentences = doc.sentences_at(starts)
        spans = merge_spans(sentences + [(0, min(_EDGE, n)), (max(0, n - _EDGE), n)])
    # schools of the whole text (a school named once carries to later figures); those in the
    # figures' sentences are the entities and mask the regions inside their names
    all_schools = find_schools(doc, g.pattern)
    schools = _within(all_schools, sentences) if starts is not None else all_schools
    # regions in the whole text: a paragraph's topic is often named before its figures' sentences
    mentions = find_mentions(text)
    home = home_region(text, title, _within(mentions, spans) if starts is not None else mentions, mentions)
    programs: list[Program] = []
    # earlier forms of a program name its later ones (强师计划 … 《…强师计划》); a program
    # named before a figure's sentence in its paragraph is carried to it; the lead's is the topic
    reach = merge_spans([(max(0, a - _PROGRAM_REACH), b) for a, b in sentences] + [document.opening])
    if starts is None or named_within(doc, reach):
        programs = find_programs(doc, g.pattern, reach)
    return _Context(doc, mentions, schools, programs, home, spans, sentences, all_schools,
                    document)


def link(text: str, records: Sequence[Measurement | Found], *, title: str | None = None,
         date: str | None = None) -> list[Measurement]:
    """The records as Measurements with metric, region, school, program, year and period filled.

    ``title`` and ``date`` (2024-04-03 or 20240403) come from batch metadata when known; the
    text's title line (``Document.title_line``) stands in for a missing title and a dateline or
    source line for a missing date. Records keep their order; fields that cannot be told stay None.
    """
    if not records:
        return []
    g = gazetteer()
    starts = [r.start for r in records]
    ctx = _cached_context(text, title, starts)
    masked = [(s.start, s.end) for s in ctx.schools]
    # a figure's region is named in its own sentence: the header's mentions only weigh for home
    # a figure's clause names its region in its own sentence; the topics are named anywhere
    regions = RegionLinker(ctx.doc, _within(ctx.mentions, ctx.sentences), ctx.home, masked, ctx.document)
    set_region_topics(ctx.document, ctx.mentions, ctx.home, [(s.start, s.end) for s in ctx.all_schools])
    # a school the text is about carries to later figures: read the whole text for schools
    titled = find_schools(DocText.of(title), g.pattern) if title and not text.startswith(title) else []
    schools = SchoolLinker(ctx.document, ctx.all_schools, titled)
    programs = ProgramLinker(ctx.document, ctx.programs, ctx.document.title)
    # a figure's time is in its own sentence, else in its paragraph's head or in the lead: the
    # times of the whole text are read in one pass (cheaper than one per sentence)
    times = TimeLinker(ctx.doc, find_times(ctx.doc), doc_year(text, date),
                       title_year(ctx.document.title), ctx.document, dated_item(text, date))
    times.series(sorted([(r.start, r.end, r.unit) for r in records]))
    set_year_topics(ctx.document, times.times, times.now_year)
    metrics = MetricLinker(ctx.doc, g.pattern)
    out: list[Measurement | None] = [None] * len(records)
    prev_end = -1
    order: Sequence[int] = range(len(records))
    if any(starts[k] > starts[k + 1] for k in range(len(starts) - 1)):
        order = sorted(order, key=starts.__getitem__)  # stable: equal starts keep their order
    # (the linkers' methods bound once: they are called for every figure)
    time_of, school_of, metric_of = times.attach, schools.attach, metrics.attach
    region_of, program_of = regions.attach, programs.attach
    for i in order:
        m = records[i]
        start, end = m.start, m.end
        year, period = time_of(start)
        school = school_of(start, end)
        # a constructor that sets the slots, not dataclasses.replace (which checks every field by name)
        out[i] = build_measurement(
            m.doc_id, start, end, m.text, m.value, m.value_max, m.unit, m.kind, m.qualifier,
            metric_of(start, end, m.kind, schools.list_end, m.unit),
            region_of(start, prev_end),
            school,
            program_of(start, end),
            year,
            period,
            "level", None, None, None,  # aspect, direction, base, base_year: read_changes below
            m.sentence,
        )
        prev_end = end
    # after the others: a change takes the metric of the level it follows, and its base year
    # resolves against its year
    return read_changes(ctx.doc, out)  # type: ignore[arg-type]


_Spanned = TypeVar("_Spanned", Mention, School)


def _within(mentions: list[_Spanned], spans: list[tuple[int, int]]) -> list[_Spanned]:
    """The mentions or schools (sorted by start) that lie inside one of the sorted, disjoint
    spans."""
    out = []
    k, n = 0, len(spans)
    for m in mentions:
        while k < n and spans[k][1] < m.end:
            k += 1
        if k == n:
            break
        if spans[k][0] <= m.start:
            out.append(m)
    return out


_last: tuple[str, str | None, tuple[int, ...], _Context] | None = None


def _cached_context(text: str, title: str | None, starts: Sequence[int]) -> _Context:
    """``_context`` of figure offsets, remembered for the last document: the spaCy component
    asks for the entities around the figures that ``link`` has just read."""
    global _last
    key = tuple(starts)
    last = _last
    if last is not None and last[0] == text and last[1] == title and last[2] == key:
        return last[3]
    ctx = _context(text, title, key)
    _last = (text, title, key, ctx)
    return ctx


def find_entities(text: str, *, title: str | None = None,
                  around: Sequence[int] | None = None) -> list[Entity]:
    """Regions, schools and programs named in the text, with spans, sorted by start.

    Region entities carry the official name (萍乡 → 萍乡市; 我市 → the home city); mentions
    inside a school name belong to the school. With ``around`` (figure offsets) only the
    sentences holding those figures and the text's header and footer are read, as ``link``
    reads them: the entities the figures can be linked to.
    """
    folded = script.fold(text)
    if folded is not None:  # traditional script: read as simplified, names as written
        return script.entities_as_written(text, folded, find_entities(
            folded, title=script.fold(title) or title, around=around))
    g = gazetteer()
    ctx = _context(text, title) if around is None else _cached_context(text, title, around)
    out: list[Entity] = []
    inside = sorted((s.start, s.end) for s in ctx.schools)
    inside_starts = [a for a, _ in inside]
    for m in (ctx.mentions if around is None else _within(ctx.mentions, ctx.spans)):
        # school names do not overlap: only the last one to start at or before m may hold it
        k = bisect_right(inside_starts, m.start) - 1
        if k >= 0 and m.end <= inside[k][1]:
            continue
        r = resolve_scope(m.scope, ctx.home) if m.scope else g.resolve(m.form, ctx.home)
        if r is not None:
            out.append(Entity(m.start, m.end, "REGION", r.name))
    out += [Entity(s.start, s.end, "SCHOOL", s.name) for s in ctx.schools]
    out += [Entity(p.start, p.end, "PROGRAM", p.name) for p in ctx.programs]
    out.sort(key=lambda e: (e.start, -e.end))
    return out
