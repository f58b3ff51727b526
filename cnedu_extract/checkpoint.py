"""The progress file of a batch run, which makes ``--resume`` lose and repeat nothing.

A checkpoint is written only after the output and errors files are flushed and fsynced,
and is itself replaced atomically. It says: the first ``units`` input documents are
fully in the output, which is valid up to byte ``out_bytes`` (errors file: ``err_bytes``).
Anything after those offsets came from documents not yet counted, so resuming cuts the
files back to the offsets and continues with document number ``units``.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, fields
from typing import Any

VERSION = 1


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


def load(path: str, expected_fingerprint: str) -> Checkpoint:
    """The checkpoint at ``path``; ``CheckpointError`` if unreadable or of another run."""
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
    return Checkpoint(**{f.name: data[f.name] for f in fields(Checkpoint)})
