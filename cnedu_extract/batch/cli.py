"""The ``cnedu-extract`` command: measurement records of many documents, in one file.

Exit status: 0 when the run completed (bad documents are in the errors file, not fatal),
1 when the output cannot be written (or another run is writing it), 2 when the inputs
cannot be read, the arguments are wrong or every document failed, 130 when interrupted
(continue with ``--resume``). Messages go through ``logging`` (logger ``cnedu_extract``):
``-q`` keeps warnings and errors only, ``-v`` adds each skipped document.
"""
from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from contextlib import contextmanager
from importlib import metadata
from typing import Any, Iterator, Sequence

from .checkpoint import CheckpointError
from .parallel import default_workers
from .runner import CHUNK_DOCS, Interrupted, OutputBusy, RunOptions, RunSummary, run
from .sinks import FORMATS, format_for
from .sources import InputError
from .worker import DEFAULT_EXTRACTOR, DEFAULT_MAX_CHARS, JobConfig

DEFAULT_META = "title,date,source"

EPILOG = """\
examples:
  cnedu-extract news/ -o records.jsonl              folder of .txt/.jsonl(.gz), recursively
  cnedu-extract a.jsonl.gz b.jsonl -o records.csv   CSV with BOM, opens in Excel
  cnedu-extract big.jsonl -o records.parquet --resume    continue an interrupted run
  cnedu-extract big.jsonl -o out.jsonl --scheduler tcp://host:8786   on a Dask cluster
  echo 新增学位52所 | cnedu-extract -               plain text on stdin
"""
log = logging.getLogger("cnedu_extract")


def _version() -> str:
    try:
        return metadata.version("cnedu-extract")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cnedu-extract", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Extract every figure of Chinese education news as measurement records.")
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".txt files, folders (searched recursively), .jsonl or .jsonl.gz "
                        "files of {\"id\", \"text\", ...} lines; - reads stdin (JSONL, or "
                        "one plain text document)")
    p.add_argument("-o", "--output", help="output file (.jsonl, .csv, .parquet); "
                                          "JSONL on stdout when omitted")
    p.add_argument("--format", choices=FORMATS, help="output format (default: from -o suffix)")
    p.add_argument("-w", "--workers", type=int, default=0,
                   help=f"worker processes (default: the cores, here {default_workers()})")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask distributed cluster, e.g. tcp://host:8786")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted run of the same command")
    p.add_argument("--text-field", default="text", help="JSONL field with the text (text)")
    p.add_argument("--id-field", default="id", help="JSONL field with the document id (id)")
    p.add_argument("--title-field", default="title",
                   help="JSONL field with the title, given to the extractor (title)")
    p.add_argument("--date-field", default="date",
                   help="JSONL field with the date, given to the extractor (date)")
    p.add_argument("--meta", action="append", metavar="FIELDS",
                   help=f"input fields copied into meta_<field> columns, comma-separated, "
                        f"repeatable (default: {DEFAULT_META}; --meta '' for none)")
    p.add_argument("--encoding", help="force an input encoding (default: detected per file "
                                      "among UTF-8, UTF-8 with BOM, GB18030/GBK)")
    p.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                   help="longer documents are logged as errors (default: %(default)s)")
    p.add_argument("--errors", metavar="PATH", help="errors file (default: "
                   "<output>.errors.jsonl, or cnedu-extract.errors.jsonl with stdout)")
    p.add_argument("--audit", action="store_true",
                   help="check each document's figures against each other; findings go to "
                        "<output>.audit.jsonl (needs -o)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar, no summary: warnings and errors only")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="also log each skipped document as it happens")
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    p.add_argument("--chunk-docs", type=int, default=CHUNK_DOCS, help=argparse.SUPPRESS)
    p.add_argument("--checkpoint-seconds", type=float, default=5.0, help=argparse.SUPPRESS)
    p.add_argument("--extractor", default=DEFAULT_EXTRACTOR, metavar="MODULE:FUNCTION",
                   help="another function with the signature of cnedu_extract.extract")
    return p


def _meta(values: list[str] | None) -> tuple[str, ...]:
    fields: list[str] = []
    for v in values if values is not None else [DEFAULT_META]:
        fields += [f.strip() for f in v.split(",") if f.strip() and f.strip() not in fields]
    return tuple(fields)


def _summary(s: RunSummary) -> str:
    where = s.output or "stdout"
    errs = f", see {s.errors_path}" if s.errors and s.errors_path else ""
    resumed = f" (resumed after {s.resumed_from:,})" if s.resumed_from else ""
    return (f"{s.docs:,} documents{resumed}, {s.records:,} records, "
            f"{s.errors:,} errors{errs} -> {where}; {s.chars:,} chars, "
            f"{s.seconds:.1f} s, {s.chars_per_second:,.0f} chars/s")


def _on_sigterm(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


@contextmanager
def _logging(quiet: bool, verbose: bool) -> Iterator[None]:
    """Messages of the ``cnedu_extract`` loggers to stderr as ``cnedu-extract: ...`` lines
    for the length of one command (``main`` may run several times in one process)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("cnedu-extract: %(message)s"))
    old = log.level, log.propagate
    log.addHandler(handler)
    log.setLevel(logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO)
    log.propagate = False
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.setLevel(old[0])
        log.propagate = old[1]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: sys.argv[1:]); returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        fmt = format_for(args.output, args.format)
    except ValueError as e:
        parser.error(str(e))
    if args.output is None and fmt == "parquet":
        parser.error("Parquet output needs -o FILE")
    if args.resume and args.output is None:
        parser.error("--resume needs -o FILE")
    if args.audit and args.output is None:
        parser.error("--audit needs -o FILE")
    if args.max_chars < 1 or args.workers < 0 or args.chunk_docs < 1:
        parser.error("--max-chars and --chunk-docs must be positive, --workers not negative")
    cfg = JobConfig(output=fmt, text_field=args.text_field, id_field=args.id_field,
                    title_field=args.title_field, date_field=args.date_field,
                    meta=_meta(args.meta), max_chars=args.max_chars, encoding=args.encoding,
                    extractor=args.extractor)
    opts = RunOptions(inputs=args.inputs, output=args.output, fmt=fmt, cfg=cfg,
                      workers=args.workers, scheduler=args.scheduler, resume=args.resume,
                      progress=not args.quiet and sys.stderr.isatty(), errors_path=args.errors,
                      chunk_docs=args.chunk_docs, checkpoint_seconds=args.checkpoint_seconds)
    with _logging(args.quiet, args.verbose):
        return _main(opts, audit=args.audit)


def _main(opts: RunOptions, *, audit: bool = False) -> int:
    in_main = threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGTERM, _on_sigterm) if in_main else None
    try:
        summary = run(opts)
    except (InputError, CheckpointError, ImportError) as e:
        log.error("error: %s", e)
        return 2
    except Interrupted as e:
        log.warning("%s", e)
        return 130
    except OutputBusy as e:
        log.error("error: %s", e)
        return 1
    except OSError as e:
        log.error("error: cannot write output: %s", e)
        return 1
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, old)
    if summary.docs and summary.errors == summary.docs:
        first = f"; the first: {summary.first_error}" if summary.first_error else ""
        log.error("error: every document failed (%s of %s%s), see %s", f"{summary.errors:,}",
                  f"{summary.docs:,}", first, summary.errors_path)
        return 2
    log.info("%s", _summary(summary))
    if audit and opts.output is not None:
        from ..auditor import audit_file
        n, path = audit_file(opts.output, opts.fmt)
        log.info("audit: %s findings -> %s", f"{n:,}", path)
    return 0
