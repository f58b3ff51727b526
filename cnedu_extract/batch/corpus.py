"""Library API for many documents: ``extract_many`` (in memory) and ``extract_corpus`` (files).

Both yield ``Measurement`` records lazily, in input order, whatever the number of
workers; memory stays flat because only a few chunks are in flight. A bad document never
stops the iteration: it is passed to ``on_error`` (a dict with source, line, id, reason)
or, without one, logged as a warning on the ``cnedu_extract`` logger.

    >>> import cnedu_extract as ce
    >>> [m.text for m in ce.extract_many(["下达资金3万元", {"id": "b", "text": "新增学位52所"}])]
    ['3万元', '52所']
"""
from __future__ import annotations

import logging
import os
from typing import Any, Callable, Iterable, Iterator, Mapping

from .parallel import chunked, default_workers, make_pool, ordered_map
from ..record import Measurement
from .runner import CHUNK_BYTES, CHUNK_DOCS, unit_size
from .sources import Unit, check_inputs, iter_units
from .worker import (DEFAULT_EXTRACTOR, DEFAULT_MAX_CHARS, JobConfig, crash_policy, init_worker,
                     preload_modules,
                     process_chunk)

__all__ = ["extract_many", "extract_corpus"]

log = logging.getLogger("cnedu_extract")
ErrorHandler = Callable[[dict[str, Any]], None]


def _log_error(error: dict[str, Any]) -> None:
    where = f"{error['source']}:{error['line']}" if error.get("line") is not None \
        else error["source"]
    log.warning("skipped document %s (%s): %s", error.get("id"), where, error["reason"])


def _records(units: Iterable[Unit], cfg: JobConfig, workers: int | None,
             scheduler: str | None, on_error: ErrorHandler | None) -> Iterator[Measurement]:
    handle = on_error or _log_error
    pool = make_pool(workers or default_workers(), scheduler, init_worker, (cfg.extractor,),
                     preload=preload_modules(cfg.extractor))
    try:
        chunks = chunked(units, CHUNK_DOCS, CHUNK_BYTES, unit_size)
        for _, res in ordered_map(process_chunk, chunks, cfg, pool,
                                  on_crash=crash_policy(cfg)):
            for error in res.errors:
                handle(error)
            yield from res.payload
    finally:
        pool.close(cancel=True)


def extract_many(texts_or_dicts: Iterable[str | Mapping[str, Any]], *, workers: int = 1,
                 text_field: str = "text", id_field: str = "id", title_field: str = "title",
                 date_field: str = "date", max_chars: int = DEFAULT_MAX_CHARS,
                 on_error: ErrorHandler | None = None,
                 extractor: str = DEFAULT_EXTRACTOR) -> Iterator[Measurement]:
    """The records of each text or ``{"id", "text", "title", "date", ...}`` dict, in order.

    A plain string, or a dict without an id, gets its position ("0", "1", ...) as
    ``doc_id``; title and date fields are passed to ``extract`` (only these four fields
    travel to the workers). ``workers`` > 1 runs chunks of documents on that many
    processes; no ``if __name__ == "__main__":`` guard is needed around the call.
    """
    cfg = JobConfig(output="records", text_field=text_field, id_field=id_field,
                    title_field=title_field, date_field=date_field, max_chars=max_chars,
                    extractor=extractor)
    wanted = (text_field, id_field, title_field, date_field)
    units = (Unit("obj", "<items>", i, {k: item[k] for k in wanted if k in item}
                  if isinstance(item, Mapping) else item, None, str(i))
             for i, item in enumerate(texts_or_dicts))
    return _records(units, cfg, workers, None, on_error)


def extract_corpus(inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *,
                   workers: int | None = None, scheduler: str | None = None,
                   text_field: str = "text", id_field: str = "id", title_field: str = "title",
                   date_field: str = "date", encoding: str | None = None,
                   max_chars: int = DEFAULT_MAX_CHARS, on_error: ErrorHandler | None = None,
                   extractor: str = DEFAULT_EXTRACTOR) -> Iterator[Measurement]:
    """The records of every document in ``inputs``: ``.txt`` files, folders, ``.jsonl(.gz)``.

    ``workers`` defaults to the cores; ``scheduler`` (tcp://host:8786) runs on a Dask
    cluster instead. Encodings are detected per file unless ``encoding`` forces one.
    Raises ``InputError`` at once if an input does not exist.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    cfg = JobConfig(output="records", text_field=text_field, id_field=id_field,
                    title_field=title_field, date_field=date_field, max_chars=max_chars,
                    encoding=encoding, extractor=extractor)
    paths = check_inputs(inputs)
    units = iter_units(paths, encoding=encoding, max_chars=max_chars)
    return _records(units, cfg, workers, scheduler, on_error)
