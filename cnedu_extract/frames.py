"""Records as pandas DataFrames of one fixed schema, however they were made or stored.

``to_dataframe`` (records in memory), ``read_records`` (JSONL, CSV or Parquet output of a batch
run) and Dask's ``extract_frame`` all give the columns of ``record.RECORD_KEYS`` (then any
``meta_*`` columns) with the dtypes of ``record.COLUMN_TYPES``: text as pandas ``string``,
offsets ``int64``, values ``float64`` (missing = NaN), years nullable ``Int64``, and ``kind``,
``qualifier``, ``aspect``, ``direction`` as ``category`` of fixed categories (so frames of two
corpora concatenate and stay categorical); ``unit`` is text, as units are an open set.
"""
from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .record import CATEGORIES, COLUMN_TYPES, RECORD_KEYS

__all__ = ["typed_frame", "empty_frame", "read_records", "read_record_dicts", "pandas_dtype",
           "escape_csv_cell", "unescape_csv_cell"]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            'record tables need pandas: pip install "cnedu-extract[dataframe]" '
            '(or "cnedu-extract[notebook]")') from None
    return pandas


def pandas_dtype(key: str) -> Any:
    """The pandas dtype of a record column (``meta_*`` and unknown columns are ``string``)."""
    pd = _pandas()
    kind = COLUMN_TYPES.get(key, "string")
    if kind == "string":
        return pd.StringDtype()
    if kind == "category":
        return pd.CategoricalDtype(list(CATEGORIES[key]))
    return kind


def _column(pd: Any, key: str, values: Any) -> Any:
    kind = COLUMN_TYPES.get(key, "string")
    series = pd.Series(values, dtype=object) if not isinstance(values, pd.Series) else values
    series = series.astype(object).where(series.notna(), None)
    if kind == "string":
        # an empty cell is missing in every format (CSV cannot tell "" from None)
        return pd.array([None if v is None or v == "" else str(v) for v in series],
                        dtype=pd.StringDtype())
    if kind in ("int64", "float64", "Int64"):
        numbers = pd.to_numeric(series, errors="raise")
        return numbers.astype(kind).array if kind != "float64" else numbers.astype("float64").to_numpy()
    cleaned = [None if v is None or v == "" else str(v) for v in series]
    unknown = set(cleaned) - set(CATEGORIES[key]) - {None}
    if unknown:  # a value outside the closed set would silently become missing
        raise ValueError(f"{key}: {sorted(unknown)} not among {CATEGORIES[key]}")
    return pd.Categorical(cleaned, categories=list(CATEGORIES[key]))


def typed_frame(frame: Any = None, *, rows: Iterable[dict[str, Any]] | None = None,
                meta: Sequence[str] = ()) -> Any:
    """A DataFrame of exactly the record schema from a DataFrame or from record dicts.

    Columns come in ``RECORD_KEYS`` order, then ``meta_*`` columns (those of ``meta``, or all
    found); keys missing from the input are all-missing columns of their type.
    """
    pd = _pandas()
    if frame is None:
        frame = pd.DataFrame.from_records(list(rows or ()))
    extra = [f"meta_{m}" for m in meta] if meta else [c for c in frame.columns if str(c).startswith("meta_")]
    n = len(frame)
    columns = {}
    for key in (*RECORD_KEYS, *extra):
        values = frame[key] if key in frame.columns else pd.Series([None] * n, dtype=object)
        columns[key] = _column(pd, key, values)
    return pd.DataFrame(columns, index=pd.RangeIndex(n))


def empty_frame(meta: Sequence[str] = ()) -> Any:
    """The empty DataFrame of the schema (Dask's ``meta``)."""
    return typed_frame(_pandas().DataFrame(), meta=meta)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet runs as a formula


def escape_csv_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with ``'``; numbers
    and other text unchanged (a cell that already starts with ``'`` gets one more, so
    ``unescape_csv_cell`` gives every text back exactly)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS + ("'",)):
        return "'" + value
    return value


def unescape_csv_cell(value: str) -> str:
    """The text of a cell written by ``escape_csv_cell``."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS + ("'",)):
        return value[1:]
    return value


def format_of(path: str | Path) -> str:
    """jsonl, csv or parquet, from the file's suffix (``.gz`` aside)."""
    name = Path(path).name.lower().removesuffix(".gz")
    for fmt, suffixes in (("parquet", (".parquet",)), ("csv", (".csv",))):
        if name.endswith(suffixes):
            return fmt
    return "jsonl"


def read_record_dicts(path: str | Path, fmt: str | None = None) -> list[dict[str, Any]]:
    """The records of an output file of ``cnedu-extract`` as dicts with typed values (no pandas
    needed for JSONL and CSV; Parquet needs pyarrow)."""
    fmt = fmt or format_of(path)
    if fmt == "parquet":
        import pyarrow.parquet as pq
        return pq.read_table(path).to_pylist()
    opener: Any = gzip.open if str(path).lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        if fmt != "csv":
            return [json.loads(line) for line in f if line.strip()]
        return [_typed_row(row) for row in csv.DictReader(f)]


def _typed_row(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row with its values typed as ``COLUMN_TYPES`` says (cells are text, empty = None)."""
    out: dict[str, Any] = {}
    for key, cell in row.items():
        if cell is None or cell == "":
            out[key] = None
            continue
        kind = COLUMN_TYPES.get(key, "string")
        if kind in ("int64", "Int64"):
            out[key] = int(float(cell))
        elif kind == "float64":
            out[key] = float(cell)
        else:
            out[key] = unescape_csv_cell(cell)
    return out


def read_records(path: str | Path, fmt: str | None = None) -> Any:
    """Load the output of ``cnedu-extract`` (JSONL, CSV or Parquet; ``.gz`` for JSONL and CSV)
    into a DataFrame of exactly the record schema, whichever format it was written in."""
    return typed_frame(rows=read_record_dicts(path, fmt))
