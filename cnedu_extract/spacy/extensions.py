"""Every ``Doc``/``Span`` extension of cnedu_extract, set once, here.

Stored values are plain, msgpack-safe data (lists of dicts of str/int/float/None), so that
``nlp.pipe(n_process=...)``, ``DocBin(store_user_data=True)`` and ``Doc.to_bytes`` carry them.

- ``doc._.measurements``: the records (README, "The record") (``Measurement.to_dict()``) of the text, set by the
  ``cnedu_measurements`` component; None before the component ran.  Stored in
  ``doc.user_data["cnedu_extract.measurements"]``; the getter always returns a list (DocBin
  deserialises lists as tuples).
- ``doc._.cnedu_doc_id``, ``doc._.cnedu_title``, ``doc._.cnedu_date``: optional inputs the
  component passes on to ``extract(text, doc_id, title=..., date=...)``; set them on
  ``nlp.make_doc(text)`` before ``nlp(doc)``, or give ``nlp.pipe(..., as_tuples=True)`` a context
  dict with keys ``doc_id``, ``title``, ``date``.
- ``span._.measurement``: for a span of ``doc.spans["measurements"]``, its record (a getter over
  ``doc._.measurements``, so nothing is stored twice).
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

__all__ = ["DOC_EXTENSIONS", "register"]

DOC_EXTENSIONS = ("measurements", "cnedu_doc_id", "cnedu_title", "cnedu_date")
STORE_KEY = "cnedu_extract.measurements"


def get_measurements(doc: Doc) -> list[dict[str, Any]] | None:
    stored = doc.user_data.get(STORE_KEY)
    return None if stored is None else list(stored)


def set_measurements(doc: Doc, records: Any) -> None:
    doc.user_data[STORE_KEY] = None if records is None else [dict(r) for r in records]


def span_measurement(span: Span) -> dict[str, Any] | None:
    """The record whose characters lie inside ``span`` and whose kind is its label (first one)."""
    records = span.doc._.measurements or ()
    inside = [r for r in records
              if span.start_char <= r["start"] and r["end"] <= span.end_char]
    for r in inside:
        if r["kind"] == span.label_:
            return r
    return inside[0] if inside else None


def register() -> None:
    """Set the extensions; idempotent, so re-importing this module is harmless."""
    if not Doc.has_extension("measurements"):
        Doc.set_extension("measurements", getter=get_measurements, setter=set_measurements)
    for name in DOC_EXTENSIONS[1:]:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Span.has_extension("measurement"):
        Span.set_extension("measurement", getter=span_measurement)


register()
