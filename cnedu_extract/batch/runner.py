"""One durable batch run: inputs through the worker pool into an output file.

The output goes to ``<output>.part`` (errors to ``<errors>.part``) and is renamed into
place only when complete. Every few seconds the files are fsynced and a checkpoint
``<output>.ckpt.json`` records how many input documents they hold; ``resume=True`` cuts
the files back to the last checkpoint and carries on from there, so a run killed at any
moment (even SIGKILL) ends, once resumed, with exactly the output of a clean run.

A lock on ``<output>.lock`` keeps a second run off the same output, and an output (or
errors file) that is one of the inputs, or would be read as one, is refused.
"""
from __future__ import annotations

import json
import logging
import os
import signal
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from . import checkpoint as ckpt_mod
from .checkpoint import Checkpoint
from .parallel import chunked, default_workers, make_pool, ordered_map
from .sinks import FileSink, StreamSink, finish, header
from .sources import (InputError, Unit, check_inputs, is_wanted_in_folder, iter_files,
                      iter_units, total_bytes)
from .worker import JobConfig, crash_policy, init_worker, preload_modules, process_chunk

log = logging.getLogger(__name__)

CHUNK_DOCS = 64
CHUNK_BYTES = 256 * 1024
# Test hooks (see tests/test_resume.py): kill the run with SIGKILL in the middle of
# writing the chunk that passes N documents; checkpoint every N documents.
KILL_ENV = "CNEDU_EXTRACT_TEST_KILL_AFTER"
CKPT_DOCS_ENV = "CNEDU_EXTRACT_TEST_CHECKPOINT_DOCS"
STDOUT_ERRORS = "cnedu-extract.errors.jsonl"


@dataclass
class RunOptions:
    """What to read, how to process it and where to write it (the CLI's arguments)."""

    inputs: list[str]
    output: str | None = None
    fmt: str = "jsonl"
    cfg: JobConfig = field(default_factory=lambda: JobConfig(output="jsonl"))
    workers: int = 0
    scheduler: str | None = None
    resume: bool = False
    progress: bool = False
    errors_path: str | None = None
    chunk_docs: int = CHUNK_DOCS
    chunk_bytes: int = CHUNK_BYTES
    checkpoint_seconds: float = 5.0


@dataclass
class RunSummary:
    docs: int
    records: int
    errors: int
    chars: int
    seconds: float
    output: str | None
    errors_path: str | None
    resumed_from: int = 0
    chars_per_second: float = 0.0
    first_error: str | None = None


class Interrupted(Exception):
    """The run was stopped (Ctrl-C, SIGTERM) after saving a checkpoint."""


class OutputBusy(OSError):
    """Another run holds the lock on this output."""


class OutputLock:
    """An exclusive lock on ``<output>.lock`` for the whole run (POSIX ``flock``; none
    where there is no ``fcntl``). Two runs writing one output would interleave their
    chunks into one corrupt file; the second is refused at once instead."""

    def __init__(self, output: str) -> None:
        self.path = output + ".lock"
        self._fd: int | None = None
        try:
            import fcntl
        except ImportError:
            return
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise OutputBusy(f"another cnedu-extract run is writing {output} "
                                 f"(it holds {self.path})") from None
            try:  # the holder before us may have removed the file we locked: lock anew
                if os.stat(self.path).st_ino == os.fstat(fd).st_ino:
                    break
            except FileNotFoundError:
                pass
            os.close(fd)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            try:
                os.remove(self.path)
            except FileNotFoundError:
                pass
            os.close(self._fd)
            self._fd = None


def unit_size(unit: Unit) -> int:
    data = unit.data
    if isinstance(data, (bytes, str)):
        return len(data)
    if isinstance(data, dict):
        return sum(len(v) for v in data.values() if isinstance(v, str))
    return 1


class _LazyFile:
    """The errors file when writing to stdout: created only if there is an error."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._f: Any = None

    def write(self, data: bytes) -> None:
        if self._f is None:
            self._f = open(self.path, "wb")
        self._f.write(data)

    def tell(self) -> int:
        return self._f.tell() if self._f else 0

    def sync(self) -> None:
        if self._f:
            self._f.flush()

    def close(self) -> None:
        if self._f:
            self._f.close()


def _paths(opts: RunOptions) -> dict[str, str]:
    out = opts.output
    assert out is not None
    errors = opts.errors_path or out + ".errors.jsonl"
    return {"out": out, "part": out + ".part", "errors": errors,
            "errors_part": errors + ".part", "ckpt": out + ".ckpt.json"}


def _fingerprint(opts: RunOptions) -> str:
    cfg = asdict(opts.cfg)
    return ckpt_mod.fingerprint(opts.inputs, fmt=opts.fmt, cfg=cfg)


def _refuse_inputs_as_output(inputs: list[str], written: list[str]) -> None:
    """``InputError`` when a file the run writes is an input, or lies in an input folder
    with a name the folder walk reads (the next run would take it for a document)."""
    for target in written:
        real = os.path.realpath(target)
        for inp in inputs:
            if inp == "-":
                continue
            folder = os.path.realpath(inp)
            if os.path.isdir(inp):
                inside = os.path.commonpath([folder, real]) == folder
                if inside and is_wanted_in_folder(os.path.basename(real)):
                    raise InputError(f"{target} is inside the input folder {inp} and would be "
                                     "read as an input; write it elsewhere")
            elif real == folder:
                raise InputError(f"{target} is one of the inputs; writing it would destroy "
                                 "the input")


def _progress(opts: RunOptions, docs: int) -> Any:
    """A bar of input bytes read (with an ETA) when the inputs' size is known, else of
    documents; None unless ``opts.progress``."""
    if not opts.progress:
        return None
    from tqdm import tqdm
    total = total_bytes(opts.inputs)
    if total is None:
        return tqdm(desc="cnedu-extract", unit=" docs", initial=docs, file=sys.stderr,
                    mininterval=0.5)
    return tqdm(desc="cnedu-extract", total=total, unit="B", unit_scale=True,
                unit_divisor=1024, file=sys.stderr, mininterval=0.5)


def _walk_files(folder: str) -> list[str]:
    return [p for p, _ in iter_files([folder])]


def run(opts: RunOptions) -> RunSummary:
    """Run the batch; returns the counts. Raises ``InputError`` (inputs unreadable, or
    the output is one of them), ``OSError`` (output not writable; ``OutputBusy`` when
    another run writes it), ``CheckpointError`` or ``Interrupted``."""
    opts.inputs = check_inputs(opts.inputs)
    cfg, fmt = opts.cfg, opts.fmt
    state = Checkpoint(fingerprint="")
    paths: dict[str, str] = {}
    resumed_from = 0
    lock: OutputLock | None = None
    if opts.output is None:
        out: Any = StreamSink(sys.stdout.buffer, header(fmt, cfg.meta))
        err: Any = _LazyFile(opts.errors_path or STDOUT_ERRORS)
    else:
        paths = _paths(opts)
        _refuse_inputs_as_output(opts.inputs, list(paths.values()))
        lock = OutputLock(paths["out"])
        try:
            out, err, state, resumed_from = _open_files(opts, paths)
        except BaseException:
            lock.release()
            raise
    try:
        return _run(opts, out, err, state, paths, resumed_from)
    finally:
        if lock is not None:
            lock.release()


def _open_files(opts: RunOptions, paths: dict[str, str]) -> tuple[Any, Any, Checkpoint, int]:
    """The output and errors temp files and the checkpoint: resumed, or fresh."""
    cfg, fmt = opts.cfg, opts.fmt
    state = Checkpoint(fingerprint=_fingerprint(opts),
                       inputs=ckpt_mod.input_state(opts.inputs, _walk_files))
    resumed_from = 0
    out = err = None
    if opts.resume and os.path.exists(paths["ckpt"]):
        state = ckpt_mod.load(paths["ckpt"], state.fingerprint, state.inputs)
        try:
            out = FileSink(paths["part"], offset=state.out_bytes)
            err = FileSink(paths["errors_part"], offset=state.err_bytes)
            resumed_from = state.units
            log.info("resuming after %s documents", f"{state.units:,}")
        except OSError:
            log.warning("checkpoint without its temp files; starting over")
            state = Checkpoint(fingerprint=state.fingerprint, inputs=state.inputs)
            out = err = None
    elif opts.resume:
        log.info("nothing to resume; starting from the beginning")
    elif os.path.exists(paths["ckpt"]):
        log.warning("an interrupted run's files are overwritten "
                    "(use --resume to continue it)")
    if out is None:
        out = FileSink(paths["part"], header(fmt, cfg.meta))
        err = FileSink(paths["errors_part"])
        state.out_bytes, state.err_bytes = out.tell(), err.tell()
        ckpt_mod.save(paths["ckpt"], state)
    return out, err, state, resumed_from


def _run(opts: RunOptions, out: Any, err: Any, state: Checkpoint, paths: dict[str, str],
         resumed_from: int) -> RunSummary:
    cfg, fmt = opts.cfg, opts.fmt
    first_error: str | None = None

    def save_checkpoint() -> None:
        out.sync()
        err.sync()
        if paths:
            state.out_bytes, state.err_bytes = out.tell(), err.tell()
            ckpt_mod.save(paths["ckpt"], state)

    kill_after = int(os.environ.get(KILL_ENV, "0") or 0)
    every_docs = int(os.environ.get(CKPT_DOCS_ENV, "0") or 0)
    workers = opts.workers or default_workers()
    start = last_ckpt = time.monotonic()
    chars0, last_docs = state.chars, state.units
    bar = _progress(opts, state.units)
    pool = make_pool(workers, opts.scheduler, init_worker, (cfg.extractor,), isolate=True,
                     preload=preload_modules(cfg.extractor))
    units = iter_units(opts.inputs, encoding=cfg.encoding, max_chars=cfg.max_chars,
                       skip=state.units)
    chunks = chunked(units, opts.chunk_docs, opts.chunk_bytes, unit_size)
    interrupted = False
    try:
        for chunk, res in ordered_map(process_chunk, chunks, cfg, pool,
                                           on_crash=crash_policy(cfg)):
            if kill_after and state.units + res.docs >= kill_after:
                out.write(res.payload[: len(res.payload) // 2])
                out.sync()
                os.kill(os.getpid(), signal.SIGKILL)
            out.write(res.payload)
            for e in res.errors:
                err.write((json.dumps(e, ensure_ascii=False) + "\n").encode("utf-8"))
                log.debug("skipped %s (%s:%s): %s", e["id"], e["source"], e["line"],
                          e["reason"])
                first_error = first_error or e["reason"]
            state.units += res.docs
            state.records += res.records
            state.errors += len(res.errors)
            state.chars += res.chars
            now = time.monotonic()
            if bar is not None:
                bar.update(res.docs if bar.total is None else chunk[-1].pos - bar.n)
                rate = (state.chars - chars0) / max(now - start, 1e-9)
                bar.set_postfix_str(f"{state.units:,} docs, {rate / 1e3:,.0f}k chars/s, "
                                    f"{state.records:,} records, {state.errors:,} errors",
                                    refresh=False)
            if (every_docs and state.units - last_docs >= every_docs) or \
                    (not every_docs and now - last_ckpt >= opts.checkpoint_seconds):
                save_checkpoint()
                last_ckpt, last_docs = now, state.units
    except KeyboardInterrupt:
        interrupted = True
    finally:
        pool.close(cancel=True)
        if bar is not None:
            bar.close()
    save_checkpoint()
    out.close()
    err.close()
    seconds = time.monotonic() - start
    if interrupted:
        raise Interrupted(f"stopped after {state.units:,} documents; "
                          "run the same command with --resume to continue")
    errors_path = getattr(err, "path", None) if state.errors else None
    if paths:
        finish(paths["part"], paths["out"], fmt)
        if state.errors:
            os.replace(paths["errors_part"], paths["errors"])
            errors_path = paths["errors"]
        else:  # a clean run leaves no errors file (nor an older run's)
            for stale in (paths["errors_part"], paths["errors"]):
                if os.path.exists(stale):
                    os.remove(stale)
        os.remove(paths["ckpt"])
    return RunSummary(docs=state.units, records=state.records, errors=state.errors,
                      chars=state.chars, seconds=seconds, output=opts.output,
                      errors_path=errors_path, resumed_from=resumed_from,
                      chars_per_second=(state.chars - chars0) / max(seconds, 1e-9),
                      first_error=first_error)
