"""Output formats: rows encoded to bytes in the workers, appended to files by the main process.

Every format is an append-only byte stream while a run goes on, so one mechanism serves
all of them: the checkpoint records a byte offset, ``--resume`` truncates back to it.

* JSONL: one JSON object per line, UTF-8.
* CSV: UTF-8 with a BOM (Excel then reads Chinese correctly), a header row, empty cells
  for None. A text cell that begins with ``= + - @``, tab or carriage return is written
  with a leading ``'`` so that Excel shows it instead of running it as a formula (CSV
  injection); numbers (a negative ``value``) stay numbers. ``unescape_csv_cell`` undoes it.
* Parquet: while running, the temp file is an Arrow IPC stream (schema, then one record
  batch per chunk, its buffers compressed with zstd, so the temp file takes about the
  disk of the result, not several times it); when complete it is rewritten as Parquet in
  row groups of ``ROW_GROUP_ROWS`` rows, batch by batch, so memory stays flat. A failed
  rewrite (disk full) leaves no half-written file behind.

Columns are ``RECORD_KEYS`` then ``meta_<field>`` for each ``--meta`` field; meta values
are strings (non-string JSON values are written as JSON text), so the schema is fixed.
"""
from __future__ import annotations

import csv
import io
import json
import os
from typing import Any, BinaryIO, Sequence

from ..frames import escape_csv_cell, unescape_csv_cell  # noqa: F401  (the CSV cell guard)
from ..record import COLUMN_TYPES, RECORD_KEYS, Measurement

FORMATS = ("jsonl", "csv", "parquet")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv",
            ".parquet": "parquet", ".pq": "parquet"}
ROW_GROUP_ROWS = 64 * 1024
PARQUET_HINT = 'Parquet output needs pyarrow: pip install "cnedu-extract[parquet]"'


def format_for(path: str | None, fmt: str | None) -> str:
    """The output format: ``fmt`` if given, else from the suffix of ``path``, else JSONL."""
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return fmt
    if path is None:
        return "jsonl"
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"cannot tell the format of {path!r}; use --format")
    return SUFFIXES[suffix]


def columns(meta: Sequence[str]) -> tuple[str, ...]:
    """The output columns: the record keys, then one ``meta_*`` column per meta field."""
    return RECORD_KEYS + tuple(f"meta_{m}" for m in meta)


def meta_value(value: Any) -> str | None:
    """A meta field as a string column value (JSON text for numbers, lists, objects)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise ImportError(PARQUET_HINT) from None
    return pyarrow


def arrow_schema(meta: Sequence[str] = ()) -> Any:
    """The fixed Arrow schema of the output, from the record schema (``record.COLUMN_TYPES``).

    Where pandas is installed the schema carries pandas metadata, so that a plain
    ``pandas.read_parquet`` gives text columns as ``string`` and years as ``Int64``;
    ``read_records`` gives exactly the record schema, categories included."""
    pa = _pyarrow()
    arrow = {"int64": pa.int64(), "Int64": pa.int64(), "float64": pa.float64()}
    types = [pa.field(k, arrow.get(COLUMN_TYPES[k], pa.string())) for k in RECORD_KEYS]
    types += [pa.field(f"meta_{m}", pa.string()) for m in meta]
    schema = pa.schema(types)
    try:
        from ..frames import empty_frame
        pandas_meta = pa.Schema.from_pandas(empty_frame(meta), preserve_index=False).metadata
    except ImportError:
        return schema
    return schema.with_metadata(pandas_meta)


# --- worker side: rows to bytes -------------------------------------------------------

class RowEncoder:
    """Collects the rows of a chunk and returns them as one payload of bytes."""

    def __init__(self, fmt: str, meta: Sequence[str] = ()) -> None:
        self.fmt = fmt
        self.ncols = len(columns(meta))
        self._cols = columns(meta)
        self._parts: list[str] = []
        self._rows: list[list[Any]] = []

    def add(self, records: Sequence[Measurement], meta: Sequence[Any] = ()) -> None:
        """Add one document's records; raises (and adds nothing) if one cannot be encoded."""
        rows = []
        for m in records:
            d = m.to_dict()
            rows.append([d.get(k) for k in RECORD_KEYS] + list(meta))
        if self.fmt == "jsonl":
            self._parts.append("".join(
                json.dumps(dict(zip(self._cols, r)), ensure_ascii=False, allow_nan=False)
                + "\n" for r in rows))
        elif self.fmt == "csv":
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\r\n").writerows(
                ["" if v is None else escape_csv_cell(v) for v in r] for r in rows)
            self._parts.append(buf.getvalue())
        else:
            self._rows.extend(rows)

    def payload(self) -> bytes:
        if self.fmt == "parquet":
            pa = _pyarrow()
            schema = arrow_schema([c[5:] for c in self._cols[len(RECORD_KEYS):]])
            cols = list(zip(*self._rows)) if self._rows else [() for _ in self._cols]
            batch = pa.record_batch([pa.array(c, type=t.type) for c, t in zip(cols, schema)],
                                    schema=schema)
            head, stream = _ipc_stream(schema), _ipc_stream(schema, batch)
            if stream.startswith(head):
                return stream[len(head):]
            return batch.serialize().to_pybytes()  # uncompressed: readable all the same
        return "".join(self._parts).encode("utf-8")


def _ipc_stream(schema: Any, batch: Any = None) -> bytes:
    """An Arrow IPC stream of ``schema`` and ``batch`` (zstd-compressed buffers), without
    the end-of-stream mark: the header of the temp file, or with the batch, the header
    followed by the batch's message (what a chunk appends)."""
    pa = _pyarrow()
    sink = io.BytesIO()
    writer = pa.ipc.new_stream(sink, schema,
                               options=pa.ipc.IpcWriteOptions(compression="zstd"))
    if batch is not None:
        writer.write_batch(batch)
        return sink.getvalue()
    writer.close()
    return sink.getvalue()[:-8]  # the end-of-stream mark: 0xFFFFFFFF, then length 0


# --- main side: bytes to files --------------------------------------------------------

def header(fmt: str, meta: Sequence[str] = ()) -> bytes:
    """What a fresh output file starts with."""
    if fmt == "csv":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow(columns(meta))
        return "\ufeff".encode("utf-8") + buf.getvalue().encode("utf-8")
    if fmt == "parquet":
        return _ipc_stream(arrow_schema(meta))
    return b""


class FileSink:
    """An append-only temp file that can be synced, truncated back, and finished.

    ``offset`` given: continue a file cut back to that many bytes (resume); otherwise
    start it afresh with ``head``.
    """

    def __init__(self, path: str, head: bytes = b"", offset: int | None = None) -> None:
        self.path = path
        if offset is None:
            self._f: BinaryIO = open(path, "wb")
            self._f.write(head)
        else:
            self._f = open(path, "r+b")
            self._f.truncate(offset)
            self._f.seek(offset)

    def write(self, data: bytes) -> None:
        self._f.write(data)

    def tell(self) -> int:
        return self._f.tell()

    def sync(self) -> None:
        """Make everything written so far durable (before a checkpoint names its offset)."""
        self._f.flush()
        os.fsync(self._f.fileno())

    def close(self) -> None:
        self._f.close()


class StreamSink:
    """Output to an already open stream such as stdout: no temp file, no resume."""

    path = None

    def __init__(self, stream: BinaryIO, head: bytes = b"") -> None:
        self._f = stream
        self._n = 0
        self.write(head)

    def write(self, data: bytes) -> None:
        self._f.write(data)
        self._f.flush()
        self._n += len(data)

    def tell(self) -> int:
        return self._n

    def sync(self) -> None:
        self._f.flush()

    def close(self) -> None:
        self._f.flush()


def finish(part: str, final: str, fmt: str) -> None:
    """Turn a complete temp output into the final file (atomically, by rename)."""
    if fmt != "parquet":
        os.replace(part, final)
        return
    tmp = final + ".tmp-parquet"
    try:
        _rewrite_as_parquet(part, tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    os.replace(tmp, final)
    os.remove(part)


def _rewrite_as_parquet(part: str, tmp: str) -> None:
    pa = _pyarrow()
    import pyarrow.parquet as pq

    with pa.memory_map(part) as src:
        reader = pa.ipc.open_stream(src)
        with pq.ParquetWriter(tmp, reader.schema, compression="zstd") as writer:
            pending: list[Any] = []
            rows = 0
            for batch in reader:
                pending.append(batch)
                rows += batch.num_rows
                while rows >= ROW_GROUP_ROWS:
                    table = pa.Table.from_batches(pending, schema=reader.schema)
                    writer.write_table(table.slice(0, ROW_GROUP_ROWS),
                                       row_group_size=ROW_GROUP_ROWS)
                    pending = table.slice(ROW_GROUP_ROWS).to_batches()
                    rows -= ROW_GROUP_ROWS
            if rows:
                writer.write_table(pa.Table.from_batches(pending, schema=reader.schema),
                                   row_group_size=ROW_GROUP_ROWS)
