"""The ``cnedu_measurements`` spaCy component and ``load()``.

    >>> import spacy
    >>> nlp = spacy.blank("zh")
    >>> _ = nlp.add_pipe("cnedu_measurements")     # found through the spacy_factories entry point
    >>> doc = nlp("下达学生资助资金24314万元")
    >>> doc._.measurements[0]["value"], doc.spans["measurements"][0].label_
    (243140000.0, 'money')

The component runs ``cnedu_extract.extract`` on ``doc.text`` (quantities are found on
characters: jieba splits ``3.5/亿元`` and ``一千二百/余人``), stores the records as plain dicts
in ``doc._.measurements`` and aligns each to tokens with
``doc.char_span(start, end, alignment_mode="expand")`` in ``doc.spans["measurements"]`` (label =
kind).  The regions, schools and programs named in the text go to ``doc.spans["cnedu_entities"]``
(label REGION/SCHOOL/PROGRAM, ``kb_id_`` = canonical name).  With ``set_ents`` (off by default)
they also go to ``doc.ents`` where they clash with no entity already there, so that
``displacy.render(doc, style="ent")`` shows them.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.attrs import IDX
from spacy.tokens import Doc, Span

from . import extensions  # noqa: F401  (sets doc._.measurements and friends)
from . import segmenter  # also registers cnedu_extract.JiebaTokenizer.v1
from ..record import RECORD_KEYS

__all__ = ["MeasurementsComponent", "make_measurements", "load"]

_CONTEXT_KEYS = ("doc_id", "title", "date")


@Language.factory(
    "cnedu_measurements",
    default_config={"spans_key": "measurements", "entities_key": "cnedu_entities",
                    "link_entities": True, "set_ents": False},
    assigns=["doc._.measurements", "doc.spans"],
)
def make_measurements(nlp: Language, name: str, spans_key: str = "measurements",
                      entities_key: str = "cnedu_entities",
                      link_entities: bool = True, set_ents: bool = False) -> "MeasurementsComponent":
    """Factory of the ``cnedu_measurements`` pipe: ``nlp.add_pipe("cnedu_measurements")``.

    ``spans_key``/``entities_key`` name the span groups written; ``link_entities`` False skips
    ``doc.spans[entities_key]`` (the records keep their region/school/program fields);
    ``set_ents`` True also writes those entities to ``doc.ents`` (for ``displacy``).
    """
    return MeasurementsComponent(name=name, spans_key=spans_key, entities_key=entities_key,
                                 link_entities=link_entities, set_ents=set_ents)


class MeasurementsComponent:
    """Find every figure of ``doc.text``; stateless, so nothing to serialise or initialise."""

    def __init__(self, *, name: str = "cnedu_measurements", spans_key: str = "measurements",
                 entities_key: str = "cnedu_entities", link_entities: bool = True,
                 set_ents: bool = False) -> None:
        self.name = name
        self.spans_key = spans_key
        self.entities_key = entities_key
        self.link_entities = link_entities
        self.set_ents = set_ents

    def __call__(self, doc: Doc) -> Doc:
        # Looked up at call time so the pipeline always runs the package's current extract().
        import cnedu_extract
        from ..linking import find_entities

        doc_id, title, date = _inputs(doc)
        text = segmenter.text_of(doc)
        records = cnedu_extract.extract(text, doc_id, title=title, date=date)
        # Measurement.to_dict() is dataclasses.asdict, which deep-copies every field; the fields
        # are scalars, so reading them is the same dict at a fraction of the cost (the test
        # comparing pipeline records with extract() records guards the equality).
        doc._.measurements = [{k: getattr(r, k) for k in RECORD_KEYS} for r in records]
        starts = doc.to_array(IDX).tolist() if len(doc) else []
        doc.spans[self.spans_key] = _aligned(
            doc, starts, len(text), ((r.start, r.end, r.kind, "") for r in records))
        if self.link_entities or self.set_ents:
            entities = find_entities(text, title=title, around=[r.start for r in records])
            spans = _aligned(doc, starts, len(text), ((e.start, e.end, e.label, e.name) for e in entities))
            if self.link_entities:
                doc.spans[self.entities_key] = spans
            if self.set_ents:
                doc.ents = _merged_ents(doc, spans)
        return doc


def _merged_ents(doc: Doc, spans: list[Span]) -> list[Span]:
    """``doc.ents`` with the spans added where they overlap no entity already set nor an
    earlier span (an entity of another component wins; of two spans, the first)."""
    taken = [False] * len(doc)
    for ent in doc.ents:
        taken[ent.start:ent.end] = [True] * (ent.end - ent.start)
    out = list(doc.ents)
    for span in spans:
        if not any(taken[span.start:span.end]):
            taken[span.start:span.end] = [True] * (span.end - span.start)
            out.append(span)
    return sorted(out, key=lambda s: s.start)


def _inputs(doc: Doc) -> tuple[str | None, str | None, str | None]:
    """doc_id, title and date from the doc's extensions, else from an ``as_tuples`` context dict."""
    values = [doc._.cnedu_doc_id, doc._.cnedu_title, doc._.cnedu_date]
    context = getattr(doc, "_context", None)
    if isinstance(context, dict):
        values = [v if v is not None else context.get(k)
                  for v, k in zip(values, _CONTEXT_KEYS)]
    return values[0], values[1], values[2]


def _aligned(doc: Doc, starts: list[int], size: int,
             spans: Iterable[tuple[int, int, str, str]]) -> list[Span]:
    """Token spans covering the character spans, as ``doc.char_span(..., alignment_mode="expand")``.

    ``doc.char_span`` measures ``len(doc.text)`` on every call, which rebuilds the text from all
    tokens; with the token offsets at hand each span is two bisections.
    """
    out = []
    for start, end, label, kb_id in spans:
        if not 0 <= start < end <= size:
            continue  # extract() never gives such offsets; char_span would return None
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, end - 1)
        out.append(Span(doc, max(first, 0), last, label=label, kb_id=kb_id))
    return out


def load(*, hmm: bool = True, userdict: str | None = None, gazetteer: bool = True,
         link_entities: bool = True, set_ents: bool = False) -> Language:
    """A blank ``zh`` pipeline: our jieba tokenizer, then ``cnedu_measurements``.

    ``doc._.measurements`` holds the records (README, "The record"), ``doc.spans["measurements"]`` their token
    spans and ``doc.spans["cnedu_entities"]`` the linked regions, schools and programs.  The
    pipeline saves with ``nlp.to_disk(path)`` and loads back with ``spacy.load(path)``.
    """
    tokenizer = {"@tokenizers": "cnedu_extract.JiebaTokenizer.v1", "hmm": hmm,
                 "userdict": userdict, "gazetteer": gazetteer}
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
    nlp.add_pipe("cnedu_measurements", config={"link_entities": link_entities, "set_ents": set_ents})
    return nlp
