"""Dask integration (``pip install "cnedu-extract[dask]"``): records of Bags and DataFrames.

    >>> import dask.dataframe as dd, cnedu_extract.batch.dask as ced
    >>> records = ced.extract_frame(dd.read_parquet("news/"), text="text", id="id")
    >>> records.to_parquet("records/")                     # runs on the current scheduler

Each partition is one call of the same ``process_chunk`` the command line uses, so the
records equal those of ``cnedu-extract``; bad documents are skipped and logged on the
worker. ``cnedu-extract --scheduler tcp://host:8786`` runs the command itself on a cluster.
"""
from __future__ import annotations

import logging
from typing import Any, Mapping, Sequence

try:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    import pyarrow as pa
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(f'cnedu_extract.batch.dask needs the dask extra ({e.name} is missing): '
                      'pip install "cnedu-extract[dask]"') from None

from ..frames import empty_frame, typed_frame
from .sinks import arrow_schema
from .sources import Unit
from .worker import DEFAULT_EXTRACTOR, DEFAULT_MAX_CHARS, JobConfig, process_chunk

__all__ = ["extract_bag", "extract_frame", "frame_meta"]

log = logging.getLogger("cnedu_extract")


def _log_errors(errors: list[dict[str, Any]]) -> None:
    for e in errors:
        log.warning("skipped document %s: %s", e.get("id"), e["reason"])


def _bag_partition(items: Sequence[Any], cfg: JobConfig) -> list[dict[str, Any]]:
    units = [Unit("obj", "<bag>", i, dict(x) if isinstance(x, Mapping) else x, None, None)
             for i, x in enumerate(items)]
    res = process_chunk(units, cfg)
    _log_errors(res.errors)
    return [m.to_dict() for m in res.payload]


def extract_bag(bag: db.Bag, *, text: str = "text", id: str = "id", title: str = "title",
                date: str = "date", max_chars: int = DEFAULT_MAX_CHARS,
                extractor: str = DEFAULT_EXTRACTOR) -> db.Bag:
    """A bag of record dicts (the record's keys) from a bag of texts or document dicts.

    Dicts name their text, id, title and date with the given keys; plain strings get
    ``doc_id`` None, so give dicts with ids when records must be told apart.
    """
    cfg = JobConfig(output="records", text_field=text, id_field=id, title_field=title,
                    date_field=date, max_chars=max_chars, extractor=extractor)
    return bag.map_partitions(_bag_partition, cfg)


def frame_meta(meta: Sequence[str] = ()) -> pd.DataFrame:
    """The empty DataFrame with the fixed columns and dtypes of ``extract_frame``: the record
    schema of ``to_dataframe`` and ``read_records`` (``frames.typed_frame``)."""
    return empty_frame(meta)


def _frame_partition(df: pd.DataFrame, cfg: JobConfig, fields: dict[str, str]) -> pd.DataFrame:
    cols = [c for c in fields.values() if c in df.columns]
    rows = df[cols].to_dict("records")
    units = [Unit("obj", "<frame>", i, {k: (None if _isna(r.get(v)) else r.get(v))
                                         for k, v in fields.items()}, None, None)
             for i, r in enumerate(rows)]
    res = process_chunk(units, cfg)
    _log_errors(res.errors)
    schema = arrow_schema(cfg.meta)
    batch = pa.ipc.read_record_batch(pa.py_buffer(res.payload), schema)
    return typed_frame(batch.to_pandas(), meta=cfg.meta)


def _isna(v: Any) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA


def extract_frame(ddf: dd.DataFrame, text: str = "text", id: str = "id", *,
                  title: str | None = "title", date: str | None = "date",
                  meta: Sequence[str] = (), max_chars: int = DEFAULT_MAX_CHARS,
                  extractor: str = DEFAULT_EXTRACTOR) -> dd.DataFrame:
    """A DataFrame of records, one row each, columns ``RECORD_KEYS`` then ``meta_*``.

    ``text``/``id``/``title``/``date`` name the input columns (title and date are used
    when present); ``meta`` columns are copied as strings into ``meta_<name>``. The
    result has fixed dtypes (``frame_meta``), whatever a partition holds.
    """
    fields = {"text": text, "id": id}
    if title:
        fields["title"] = title
    if date:
        fields["date"] = date
    fields.update({m: m for m in meta})
    cfg = JobConfig(output="parquet", text_field="text", id_field="id", title_field="title",
                    date_field="date", meta=tuple(meta), max_chars=max_chars,
                    extractor=extractor)
    return ddf.map_partitions(_frame_partition, cfg, fields, meta=frame_meta(meta),
                              align_dataframes=False)

