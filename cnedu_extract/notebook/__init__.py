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
from ..frames import read_records, typed_frame
from ..record import COLUMN_TYPES, RECORD_KEYS

__all__ = ["to_dataframe", "render", "Records", "RenderedHTML", "plot_money_by_region",
           "plot_counts_by_year", "plot_kinds", "DTYPES", "read_records"]

DTYPES: dict[str, str] = {k: COLUMN_TYPES[k] for k in RECORD_KEYS}
"""The dtype of each ``to_dataframe`` column (``record.COLUMN_TYPES``, the one schema)."""


def to_dataframe(records: Any) -> Any:
    """One row per record, the record's keys as columns, in their order, with explicit dtypes.

    ``records``: Measurements, record dicts, a ``Records``, or a spaCy Doc processed by
    ``cnedu_measurements``.  Text columns are pandas ``string`` (missing = ``<NA>``), ``year`` is
    nullable ``Int64``, ``value``/``value_max`` are ``float64`` (no upper bound = NaN), and
    ``kind``, ``qualifier``, ``aspect``, ``direction`` are ``category`` of fixed categories
    (the one schema of ``record.COLUMN_TYPES``, shared with ``read_records`` and Dask).
    """
    return typed_frame(rows=as_dicts(records))


