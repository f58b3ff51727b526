"""``Records``: a list of measurement records that shows itself as a table in Jupyter.

Also ``as_dicts``, the one place that turns what users hold (``Measurement`` objects, record dicts,
a processed spaCy ``Doc``, a ``Records``, a DataFrame from ``to_dataframe``) into record dicts for
the table, the highlighter and the plots.  No pandas or matplotlib needed here.
"""
from __future__ import annotations

import html
import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from ..record import RECORD_KEYS, Measurement

__all__ = ["Records", "as_dicts", "format_value"]

# Columns of the HTML table; `sentence` is long, so it is the tooltip of the `text` cell instead.
TABLE_KEYS = tuple(k for k in RECORD_KEYS if k not in ("sentence", "start", "end"))
MAX_ROWS = 200


def as_dicts(records: Any) -> list[dict[str, Any]]:
    """record dicts of ``records``: Measurements, dicts, a Records, a processed Doc or a DataFrame."""
    if records is None:
        return []
    if isinstance(records, Records):
        return [m.to_dict() for m in records]
    underscore = getattr(records, "_", None)
    if underscore is not None and hasattr(records, "spans"):  # a spaCy Doc
        return [dict(r) for r in (underscore.measurements or ())]
    if hasattr(records, "columns") and hasattr(records, "to_dict"):  # a DataFrame
        frame = records.astype(object)
        return [{k: _none_if_missing(v) for k, v in row.items()}
                for row in frame.to_dict("records")]
    out = []
    for r in records:
        if isinstance(r, Measurement):
            out.append(r.to_dict())
        elif isinstance(r, dict):
            out.append(r)
        else:
            raise TypeError(f"expected Measurement or dict records, got {type(r).__name__}")
    return out


def _none_if_missing(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if type(v).__name__ in ("NAType", "NaTType"):
        return None
    return v


def format_value(value: float | None, value_max: float | None = None) -> str:
    """``243140000`` → ``243,140,000``; ``99.9`` stays; a range prints as ``30,000–50,000``."""
    def one(v: float) -> str:
        if float(v).is_integer():
            return f"{int(v):,}"
        return f"{v:,.6g}" if abs(v) < 1e6 else f"{v:,.2f}"
    if value is None:
        return ""
    return one(value) if value_max is None else f"{one(value)}–{one(value_max)}"


class Records(Sequence[Measurement]):
    """An immutable list of ``Measurement`` records with a table view for notebooks.

    ``Records(ce.extract(text))`` or ``Records(doc)`` for a processed spaCy Doc.  Jupyter shows
    it as an HTML table (``_repr_html_``); ``to_dataframe()`` gives the typed DataFrame.
    """

    __slots__ = ("_items",)

    def __init__(self, records: Any = ()) -> None:
        self._items: tuple[Measurement, ...] = tuple(
            r if isinstance(r, Measurement) else Measurement.from_dict(r)
            for r in (records._items if isinstance(records, Records) else _iter_records(records)))

    @overload
    def __getitem__(self, i: int) -> Measurement: ...
    @overload
    def __getitem__(self, i: slice) -> "Records": ...
    def __getitem__(self, i: int | slice) -> "Measurement | Records":
        if isinstance(i, slice):
            return Records(self._items[i])
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Measurement]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records):
            return self._items == other._items
        if isinstance(other, (list, tuple)):
            return list(self._items) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __add__(self, other: Iterable[Measurement]) -> "Records":
        return Records(self._items + tuple(Records(other)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{m.text}({m.kind})" for m in self._items[:5])
        more = f", … {len(self) - 5} more" if len(self) > 5 else ""
        return f"Records({len(self)}: {shown}{more})"

    def to_dicts(self) -> list[dict[str, Any]]:
        """The record dicts, in order."""
        return [m.to_dict() for m in self._items]

    def to_dataframe(self) -> Any:
        """``cnedu_extract.to_dataframe(self)`` (needs the ``dataframe`` extra)."""
        from ..frames import typed_frame
        return typed_frame(rows=self.to_dicts())

    def filter(self, **fields: Any) -> "Records":
        """The records whose fields equal the given values: ``records.filter(kind="money")``."""
        return Records(m for m in self._items
                       if all(getattr(m, k) == v for k, v in fields.items()))

    def _repr_html_(self) -> str:
        return records_table(self.to_dicts())


def _iter_records(records: Any) -> Iterable[Any]:
    return as_dicts(records) if _is_doc_or_frame(records) else records


def _is_doc_or_frame(obj: Any) -> bool:
    return (getattr(obj, "_", None) is not None and hasattr(obj, "spans")) or (
        hasattr(obj, "columns") and hasattr(obj, "to_dict"))


def records_table(rows: list[dict[str, Any]], max_rows: int = MAX_ROWS) -> str:
    """An escaped HTML table of record dicts; the ``text`` cell's tooltip is its sentence."""
    esc = html.escape
    head = "".join(f"<th>{esc(k)}</th>" for k in TABLE_KEYS)
    body = []
    for r in rows[:max_rows]:
        cells = []
        for k in TABLE_KEYS:
            v = r.get(k)
            if k == "value":
                shown = format_value(v)
            elif k == "value_max":
                shown = "" if v is None else format_value(v)
            else:
                shown = "" if v is None else str(v)
            tip = f' title="{esc(r.get("sentence") or "")}"' if k == "text" else ""
            align = ' style="text-align:right"' if k in ("value", "value_max", "year") else ""
            cells.append(f"<td{tip}{align}>{esc(shown)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = (f'<p style="margin:4px 0">… {len(rows) - max_rows} more rows</p>'
            if len(rows) > max_rows else "")
    caption = f"{len(rows)} measurement record{'s' if len(rows) != 1 else ''}"
    return (f'<div class="cnedu-records"><table style="border-collapse:collapse">'
            f'<caption style="text-align:left">{esc(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}</div>")
