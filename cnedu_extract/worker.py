"""What a worker does with a chunk of documents: decode, extract, serialise.

``process_chunk`` is the one function sent to worker processes (local pool or Dask
cluster). It never raises for a bad document: each one becomes an error row, so one
corrupt line, a text that is not a string or an exception inside ``extract()`` costs
that document only.
"""
from __future__ import annotations

import functools
import importlib
import json
import signal
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .sinks import RowEncoder, meta_value
from .sources import DocError, Unit, decode

DEFAULT_EXTRACTOR = "cnedu_extract.extractor:extract"
DEFAULT_MAX_CHARS = 1_000_000


@dataclass(frozen=True)
class JobConfig:
    """Everything a worker needs to know about a run (small: it travels with each chunk).

    ``output`` is "jsonl", "csv" or "parquet" (payload = encoded bytes) or "records"
    (payload = list of ``Measurement``).
    """

    output: str = "records"
    text_field: str = "text"
    id_field: str = "id"
    title_field: str = "title"
    date_field: str = "date"
    meta: tuple[str, ...] = ()
    max_chars: int = DEFAULT_MAX_CHARS
    encoding: str | None = None
    extractor: str = DEFAULT_EXTRACTOR


@dataclass
class ChunkResult:
    """The outcome of one chunk, in input order."""

    docs: int = 0
    chars: int = 0
    records: int = 0
    payload: Any = b""
    errors: list[dict[str, Any]] = field(default_factory=list)


@functools.lru_cache(maxsize=None)
def load_extractor(spec: str) -> Callable[..., list[Any]]:
    """The extract function named "module:function", imported once per process."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "extract")


def init_worker(spec: str) -> None:
    """Pool initializer: Ctrl-C is the main process's business; load the extractor once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    extract = load_extractor(spec)
    try:
        extract("2023年全市下达资金1.2万元，惠及学生300人。", "warmup")
    except Exception:
        pass  # a broken extractor shows up as per-document errors, with the reason


def _doc_fields(unit: Unit, cfg: JobConfig) -> dict[str, Any]:
    """The document's fields (text, id, title, ...) or DocError with the reason."""
    if unit.kind == "error":
        raise DocError(unit.data)
    if unit.kind == "txt":
        text = decode(unit.data, cfg.encoding or unit.encoding, forced=bool(cfg.encoding))
        return {cfg.text_field: text, cfg.id_field: unit.doc_id, "source": unit.source}
    if unit.kind == "obj":
        obj = unit.data
        if isinstance(obj, str) or not isinstance(obj, dict):
            obj = {cfg.text_field: obj}
        return obj
    line = decode(unit.data, cfg.encoding or unit.encoding, forced=bool(cfg.encoding))
    try:
        obj = json.loads(line)
    except ValueError as e:
        raise DocError(f"malformed JSON: {e}") from None
    if not isinstance(obj, dict):
        raise DocError(f"JSON line is not an object but {type(obj).__name__}")
    return obj


def _as_id(value: Any, default: str | None) -> str | None:
    if value is None:
        return default
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _as_text_arg(value: Any) -> str | None:
    if isinstance(value, str):
        return value or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def process_chunk(units: Sequence[Unit], cfg: JobConfig) -> ChunkResult:
    """Decode, extract and encode each document of ``units``; bad ones become error rows."""
    extract = load_extractor(cfg.extractor)
    encoder = None if cfg.output == "records" else RowEncoder(cfg.output, cfg.meta)
    records: list[Any] = []
    res = ChunkResult(docs=len(units))
    for unit in units:
        doc_id = unit.doc_id
        try:
            obj = _doc_fields(unit, cfg)
            doc_id = _as_id(obj.get(cfg.id_field), unit.doc_id)
            if cfg.text_field not in obj:
                raise DocError(f"no {cfg.text_field!r} field")
            text = obj[cfg.text_field]
            if not isinstance(text, str):
                raise DocError(f"text is not a string but {type(text).__name__}")
            if len(text) > cfg.max_chars:
                raise DocError(f"document too large: {len(text)} characters "
                               f"(more than --max-chars {cfg.max_chars})")
            res.chars += len(text)
            title = _as_text_arg(obj.get(cfg.title_field))
            date = _as_text_arg(obj.get(cfg.date_field))
            try:
                if title is None and date is None:
                    found = extract(text, doc_id)
                else:
                    found = extract(text, doc_id, title=title, date=date)
            except Exception as e:
                raise DocError(f"extract() raised {type(e).__name__}: {e}") from None
            if encoder is None:
                records.extend(found)
            else:
                try:
                    encoder.add(found, [meta_value(obj.get(m)) for m in cfg.meta])
                except Exception as e:
                    raise DocError(f"cannot encode records: {type(e).__name__}: {e}") from None
            res.records += len(found)
        except DocError as e:
            res.errors.append({"source": unit.source, "line": unit.line, "id": doc_id,
                               "reason": str(e)})
    res.payload = records if encoder is None else encoder.payload()
    return res
