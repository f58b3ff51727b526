"""Linking: fill metric, region, school, program, year and period of each record.

Interface used by the extractor and the spaCy component:

- ``link(text, records, *, title=None, date=None) -> list[Measurement]``
- ``find_entities(text, *, title=None) -> list[Entity]`` (regions, schools, programs with spans)
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

from ..record import Measurement


class Entity(NamedTuple):
    start: int
    end: int
    label: str  # "REGION", "SCHOOL" or "PROGRAM"
    name: str   # canonical name (official region name; school/program as written)


def link(text: str, records: Sequence[Measurement], *, title: str | None = None,
         date: str | None = None) -> list[Measurement]:
    """Return the records with their context fields filled (placeholder until issue 3)."""
    return list(records)


def find_entities(text: str, *, title: str | None = None) -> list[Entity]:
    """Regions, schools and programs named in the text (placeholder until issue 3)."""
    return []
