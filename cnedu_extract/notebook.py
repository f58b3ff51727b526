"""Notebook helpers: a typed DataFrame, highlighted text, a table view and plots.

    >>> import cnedu_extract as ce
    >>> records = ce.Records(ce.extract(text))     # shows as a table in Jupyter
    >>> ce.to_dataframe(records)                   # pandas, typed columns
    >>> ce.render(text)                            # figures and their links, highlighted
    >>> plot_money_by_region(records)              # matplotlib Figure

pandas and matplotlib are optional: ``pip install "cnedu-extract[notebook]"``.  They are imported
on first use, with an error naming the extra when missing.
"""
from __future__ import annotations

from typing import Any

from .collection import Records, as_dicts
from .highlight import RenderedHTML, render
from .plots import plot_counts_by_year, plot_kinds, plot_money_by_region
from .record import KINDS, RECORD_KEYS

__all__ = ["to_dataframe", "render", "Records", "RenderedHTML", "plot_money_by_region",
           "plot_counts_by_year", "plot_kinds", "DTYPES"]

_STRING_KEYS = ("doc_id", "text", "metric", "region", "school", "program", "period", "base",
                "sentence")
# Fixed categories keep dtypes equal across frames, so pd.concat of two corpora stays categorical.
KIND_CATEGORIES = tuple(sorted(KINDS))
QUALIFIER_CATEGORIES = ("exact", "approx", "over", "under")
ASPECT_CATEGORIES = ("level", "change", "growth")
DIRECTION_CATEGORIES = ("up", "down")

DTYPES: dict[str, str] = {
    **{k: "string" for k in _STRING_KEYS},
    "start": "int64", "end": "int64",
    "value": "float64", "value_max": "float64",
    "unit": "category", "kind": "category", "qualifier": "category",
    "year": "Int64", "aspect": "category", "direction": "category", "base_year": "Int64",
}
"""The dtype of each ``to_dataframe`` column (``category`` for unit, kind, qualifier, aspect
and direction)."""


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            'to_dataframe needs pandas: pip install "cnedu-extract[dataframe]" '
            '(or "cnedu-extract[notebook]")') from None
    return pandas


def to_dataframe(records: Any) -> Any:
    """One row per record, the SPEC keys as columns, in SPEC order, with explicit dtypes.

    ``records``: Measurements, SPEC dicts, a ``Records``, or a spaCy Doc processed by
    ``cnedu_measurements``.  Text columns are pandas ``string`` (missing = ``<NA>``), ``year`` is
    nullable ``Int64`` (and ``base_year``), ``value``/``value_max`` are ``float64`` (no upper
    bound = NaN), and ``kind``, ``qualifier``, ``aspect``, ``direction`` (fixed categories) and
    ``unit`` are ``category``.
    """
    pd = _pandas()
    rows = as_dicts(records)
    columns: dict[str, Any] = {}
    for key in RECORD_KEYS:
        values = [r.get(key) for r in rows]
        if key == "kind":
            columns[key] = pd.Categorical(values, categories=KIND_CATEGORIES)
        elif key == "qualifier":
            columns[key] = pd.Categorical(values, categories=QUALIFIER_CATEGORIES)
        elif key == "aspect":
            columns[key] = pd.Categorical(values, categories=ASPECT_CATEGORIES)
        elif key == "direction":
            columns[key] = pd.Categorical(values, categories=DIRECTION_CATEGORIES)
        elif key == "unit":
            columns[key] = pd.Categorical(values)
        elif key in ("value", "value_max"):
            columns[key] = pd.array([float("nan") if v is None else float(v) for v in values],
                                    dtype="float64")
        else:
            columns[key] = pd.array(values, dtype=_pandas_dtype(pd, DTYPES[key]))
    return pd.DataFrame(columns)


def _pandas_dtype(pd: Any, name: str) -> Any:
    # "string" means the same StringDtype whatever pandas' default string storage is.
    return pd.StringDtype() if name == "string" else name
