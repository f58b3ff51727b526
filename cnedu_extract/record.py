"""The measurement record (README, "The record"): its keys, their order and the one table schema."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Callable, NamedTuple

KINDS = frozenset({"money", "people", "person_time", "percent", "institution", "count",
                   "ratio", "rank", "duration", "area", "other"})
QUALIFIERS = frozenset({"exact", "approx", "over", "under"})
ASPECTS = frozenset({"level", "change", "growth"})
DIRECTIONS = frozenset({"up", "down"})


@dataclass(frozen=True, slots=True)
class Measurement:
    """One figure of a text: the span, its normalised quantity and what it is about.

    Offsets are half-open into the text given to ``extract``; ``value`` is in ``unit``
    (万/亿 multiplied out, percent as 99.9). Context fields are None where unknown; ``aspect``
    says whether the figure is an amount (level), a difference against ``base`` (change) or a
    relative change in percent or 倍 (growth).
    """

    doc_id: str | None
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str
    kind: str
    qualifier: str
    metric: str | None = None
    region: str | None = None
    school: str | None = None
    program: str | None = None
    year: int | None = None
    period: str | None = None
    aspect: str = "level"          # level, change (a difference in the metric's unit), growth (relative)
    direction: str | None = None   # up or down, for a change or growth
    base: str | None = None        # what it is compared with, as written: 上年, 2019年, 全省平均水平
    base_year: int | None = None   # the calendar year of a base that is a time
    sentence: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-serialisable values, exactly the record's keys (README, "The record")."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Measurement":
        """Inverse of ``to_dict``; unknown keys are ignored, missing context keys are None."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})

    def with_context(self, **changes: Any) -> "Measurement":
        """A copy with context fields filled (the record itself is immutable)."""
        return replace(self, **changes)

    def moved(self, start: int, end: int, text: str) -> "Measurement":
        """A copy at other offsets: records of a text read through markup or joined lines point
        back into the caller's text. (``replace`` checks every field by name; this runs for
        every record of an HTML document; the fields are named here, not looked up by name.)"""
        return build_measurement(self.doc_id, start, end, text, self.value, self.value_max, self.unit,
                                 self.kind, self.qualifier, self.metric, self.region, self.school,
                                 self.program, self.year, self.period, self.aspect, self.direction,
                                 self.base, self.base_year, self.sentence)


RECORD_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Measurement))


def _slot_constructor() -> Callable[..., Measurement]:
    """``Measurement(*values)`` (every key, in order) that sets the slots through their
    descriptors: the frozen dataclass's ``__init__`` calls ``object.__setattr__`` by name
    for each of the twenty keys, twice as slow (4.96 against 2.38 µs), and ``link`` builds
    every record.
    Generated once, the way ``dataclasses`` generates ``__init__``; the same record."""
    setters = {f"_set_{k}": getattr(Measurement, k).__set__ for k in RECORD_KEYS}
    body = "".join(f"    _set_{k}(m, {k})\n" for k in RECORD_KEYS)
    src = f"def build({', '.join(RECORD_KEYS)}):\n    m = _new(Measurement)\n{body}    return m\n"
    scope: dict[str, Any] = {"_new": object.__new__, "Measurement": Measurement, **setters}
    exec(src, scope)
    return scope["build"]


build_measurement = _slot_constructor()

# The one table schema of a record, used by every reader and writer of tables (to_dataframe,
# read_records, Dask, Parquet): each key's column type, and the closed sets of the categorical
# columns. `unit` is text: units are an open set (any measure word), and categories found per
# partition would give every Dask partition another dtype.
COLUMN_TYPES: dict[str, str] = {
    "doc_id": "string", "start": "int64", "end": "int64", "text": "string",
    "value": "float64", "value_max": "float64",
    "unit": "string", "kind": "category", "qualifier": "category",
    "metric": "string", "region": "string", "school": "string", "program": "string",
    "year": "Int64", "period": "string",
    "aspect": "category", "direction": "category", "base": "string", "base_year": "Int64",
    "sentence": "string",
}
CATEGORIES: dict[str, tuple[str, ...]] = {
    "kind": tuple(sorted(KINDS)),
    "qualifier": ("exact", "approx", "over", "under"),
    "aspect": ("level", "change", "growth"),
    "direction": ("up", "down"),
}
CONTEXT_KEYS: tuple[str, ...] = ("metric", "region", "school", "program", "year", "period",
                                  "aspect", "direction", "base", "base_year")

class Found(NamedTuple):
    """A figure as the extractor reads it, before linking: the record's own fields in its
    order (a light tuple; ``linking.link`` builds each Measurement once, with its context)."""

    doc_id: str | None
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str
    kind: str
    qualifier: str
    sentence: str


if set(RECORD_KEYS) - set(COLUMN_TYPES) or {k for k, t in COLUMN_TYPES.items() if t == "category"} != set(CATEGORIES):  # pragma: no cover
    raise ImportError("every record key needs its column type in COLUMN_TYPES")
if RECORD_KEYS != ("doc_id", "start", "end", "text", "value", "value_max", "unit", "kind", "qualifier",
                   "metric", "region", "school", "program", "year", "period", "aspect", "direction",
                   "base", "base_year", "sentence"):  # pragma: no cover
    raise ImportError("Measurement.moved names every field in the record's order")
if Found._fields != tuple(k for k in RECORD_KEYS if k not in CONTEXT_KEYS):  # pragma: no cover
    raise ImportError("Found must hold the record's own fields in the record's order")
