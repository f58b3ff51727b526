"""The progress file of a batch run, which makes ``--resume`` lose and repeat nothing.

A checkpoint is written only after the output and errors files are flushed and fsynced,
and is itself replaced atomically. It says: the first ``units`` input documents are
fully in the output, which is valid up to byte ``out_bytes`` (errors file: ``err_bytes``).
Anything after those offsets came from documents not yet counted, so resuming cuts the
files back to the offsets and continues with document number ``units``.

It also remembers what each input was (``input_state``: size, modification time and a
hash of its first and last bytes; a folder's listing), so a resume after an input changed
is refused instead of splicing two different runs into one output.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Callable, Iterable

VERSION = 2
HASH_BYTES = 64 * 1024


class CheckpointError(Exception):
    """A checkpoint that cannot be used for this run."""


@dataclass
class Checkpoint:
    fingerprint: str
    units: int = 0
    records: int = 0
    errors: int = 0
    chars: int = 0
    out_bytes: int = 0
    err_bytes: int = 0
    inputs: list[list[Any]] = field(default_factory=list)


def _file_state(path: str) -> list[Any]:
    """[path, size, mtime_ns, hash of the first and last HASH_BYTES bytes]."""
    st = os.stat(path)
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read(HASH_BYTES))
        if st.st_size > HASH_BYTES:
            f.seek(max(HASH_BYTES, st.st_size - HASH_BYTES))
            h.update(f.read(HASH_BYTES))
    return [path, st.st_size, st.st_mtime_ns, h.hexdigest()]


def _folder_state(path: str, files: Iterable[str]) -> list[Any]:
    """[path, total size, latest mtime_ns, hash of the listing (name, size, mtime_ns)]:
    a file added, removed, renamed or rewritten changes it; no file is read."""
    h = hashlib.sha256()
    size = mtime = 0
    for f in files:
        try:
            st = os.stat(f)
        except OSError:  # gone while listed: the reading logs it
            continue
        size, mtime = size + st.st_size, max(mtime, st.st_mtime_ns)
        h.update(f"{os.path.relpath(f, path)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return [path, size, mtime, h.hexdigest()]


def input_state(inputs: list[str], walk: Callable[[str], Iterable[str]]) -> list[list[Any]]:
    """What each input is now (``walk(folder)`` lists a folder's input files); stdin is
    recorded but cannot be checked."""
    out: list[list[Any]] = []
    for p in inputs:
        if p == "-":
            out.append([p, None, None, None])
        elif os.path.isdir(p):
            out.append(_folder_state(os.path.abspath(p), walk(p)))
        else:
            out.append(_file_state(os.path.abspath(p)))
    return out


def _changed(then: list[Any], now: list[Any]) -> str:
    what = [name for name, a, b in zip(("size", "modification time", "content"),
                                       then[1:], now[1:]) if a != b]
    return f"input {now[0]} changed since the interrupted run ({', '.join(what)})"


def fingerprint(inputs: list[str], **options: Any) -> str:
    """A digest of what decides the output: the inputs (as absolute paths) and options."""
    spec = {"inputs": [i if i == "-" else os.path.abspath(i) for i in inputs],
            "options": options, "version": VERSION}
    return hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()


def save(path: str, ckpt: Checkpoint) -> None:
    """Write ``ckpt`` durably and atomically (temp file, fsync, rename)."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"version": VERSION, **asdict(ckpt)}, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def load(path: str, expected_fingerprint: str,
         inputs: list[list[Any]] | None = None) -> Checkpoint:
    """The checkpoint at ``path``; ``CheckpointError`` if unreadable, of another run, or
    if an input differs from ``inputs`` (as ``input_state`` gives them now)."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise CheckpointError(f"cannot read checkpoint {path}: {e}") from None
    if data.get("version") != VERSION:
        raise CheckpointError(f"checkpoint {path} is from another version")
    if data.get("fingerprint") != expected_fingerprint:
        raise CheckpointError(f"checkpoint {path} belongs to a run with other inputs or "
                              "options; run without --resume to start over")
    for then, now in zip(data.get("inputs") or [], inputs or []):
        if then != now:
            raise CheckpointError(_changed(then, now) + "; resuming would mix two different "
                                  "inputs in one output: run without --resume to start over")
    return Checkpoint(**{f.name: data[f.name] for f in fields(Checkpoint)})
