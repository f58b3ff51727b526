"""Reading batch inputs: files, folders, JSONL(.gz), and the encodings Chinese corpora come in.

The main process only *frames* documents here (a ``.txt`` file's bytes, one JSONL line's
bytes); decoding and JSON parsing happen in the workers (see ``worker.py``) so that the
reader is never the bottleneck. ``iter_units`` yields the documents of all inputs in one
deterministic order, which is what makes ``--resume`` and ordered output possible.
"""
from __future__ import annotations

import codecs
import gzip
import os
import sys
import zlib
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
TXT_SUFFIXES = (".txt",)
DETECT_BYTES = 64 * 1024
# Bytes per character at most: UTF-8/GB18030 need <= 4; a JSON line may spell one
# character as a 12-byte surrogate-pair escape. Beyond that a document is surely too large,
# and the main process rejects it without decoding.
_MAX_BYTES_PER_CHAR = {"txt": 4, "jsonl": 12}


class InputError(Exception):
    """An input named on the command line cannot be read at all."""


class DocError(Exception):
    """One document cannot be used; the message is the reason written to the errors file."""


class Unit(NamedTuple):
    """One input document as the main process frames it, before decoding.

    ``kind`` is "txt" (``data`` = file bytes), "jsonl" (``data`` = one line's bytes),
    "obj" (``data`` = an in-memory str or dict) or "error" (``data`` = the reason).
    ``encoding`` is the forced or per-file detected encoding; ``doc_id`` the id to use
    when the document names none.
    """

    kind: str
    source: str
    line: int | None
    data: Any
    encoding: str | None
    doc_id: str | None


# --- encodings -----------------------------------------------------------------------

def _mostly_utf8(raw: bytes) -> bool:
    """True when bytes that fail strict UTF-8 are UTF-8 with a few corrupt bytes.

    GBK text read as UTF-8 is invalid at nearly every non-ASCII character; a damaged UTF-8
    file only at a few. Decoding the latter as GB18030 would "succeed" into mojibake.
    """
    text = raw.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return bad * 2 < non_ascii


def detect_encoding(sample: bytes) -> str:
    """The encoding of a file from its first bytes: utf-8-sig, utf-8 or gb18030."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(sample):
        return "utf-8"
    try:
        codecs.getincrementaldecoder("gb18030")().decode(sample, final=False)
        return "gb18030"
    except UnicodeDecodeError:
        return "utf-8"


def decode(raw: bytes, prefer: str | None = None, *, forced: bool = False) -> str:
    """Decode one document: BOMs first, then ``prefer``, then UTF-8 and GB18030.

    With ``forced`` only ``prefer`` is tried. Raises ``DocError`` naming the encoding
    tried and the first bad byte when nothing fits.
    """
    if forced and prefer:
        try:
            text = raw.decode(prefer)
        except (UnicodeDecodeError, LookupError) as e:
            raise DocError(f"undecodable bytes as {prefer}: {e}") from None
        return text[1:] if text.startswith("\ufeff") else text
    if raw.startswith(codecs.BOM_UTF8):
        prefer, raw = "utf-8", raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        prefer = "utf-16"
    if prefer == "utf-8-sig":
        prefer = "utf-8"
    order = [prefer] if prefer else []
    order += [e for e in ("utf-8", "gb18030") if e != prefer]
    first_error: UnicodeDecodeError | None = None
    for enc in order:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError as e:
            first_error = first_error or e
            if enc == "utf-8" and _mostly_utf8(raw):
                break  # damaged UTF-8: GB18030 would only produce mojibake
    assert first_error is not None
    raise DocError(f"undecodable bytes: not {' or '.join(order)} "
                   f"({first_error.encoding} fails at byte {first_error.start})")


# --- inputs ---------------------------------------------------------------------------

def is_jsonl(path: str | os.PathLike[str]) -> bool:
    return str(path).lower().endswith(JSONL_SUFFIXES)


def _wanted_in_folder(name: str) -> bool:
    low = name.lower()
    return not name.startswith(".") and low.endswith(JSONL_SUFFIXES + TXT_SUFFIXES)


def check_inputs(inputs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The inputs as strings, after checking each exists and is readable (``InputError``)."""
    out = []
    for p in inputs:
        s = os.fspath(p)
        if s == "-":
            out.append(s)
            continue
        if not os.path.exists(s):
            raise InputError(f"no such file or folder: {s}")
        if not os.access(s, os.R_OK) or (os.path.isdir(s) and not os.access(s, os.X_OK)):
            raise InputError(f"cannot read: {s}")
        out.append(s)
    if not out:
        raise InputError("no input given")
    return out


def _walk(folder: str, top: str | None = None) -> Iterator[tuple[str, str]]:
    """(path, id) of the wanted files under ``folder``, in sorted path order, lazily.

    Hidden files and folders are skipped, folder symlinks not followed. A ``.txt`` file's
    id is its path relative to the folder without the suffix, so files directly inside it
    get their stem (as the gold files expect) and nested ones stay unique.
    """
    top = top or folder
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, top)
        elif _wanted_in_folder(entry.name):
            rel = os.path.relpath(entry.path, top)
            yield entry.path, os.path.splitext(rel)[0].replace(os.sep, "/")


def _files(inputs: list[str]) -> Iterator[tuple[str, str]]:
    for s in inputs:
        if s != "-" and os.path.isdir(s):
            yield from _walk(s)
        else:
            yield s, Path(s).stem if s != "-" else "stdin"


def iter_units(inputs: Iterable[str | os.PathLike[str]], *, encoding: str | None = None,
               max_chars: int = 1_000_000, skip: int = 0) -> Iterator[Unit]:
    """Every document of ``inputs`` in order, framed but not decoded.

    Folders are walked recursively (``.txt``, ``.jsonl``, ``.jsonl.gz``); a named file is
    JSONL when its name says so, text otherwise; ``-`` is JSONL on stdin. Blank JSONL lines
    are no documents. The first ``skip`` documents are passed over without reading ``.txt``
    files (how ``--resume`` continues). Problems with one file become "error" units.
    """
    index = 0
    for path, doc_id in _files(check_inputs(inputs)):
        if is_jsonl(path) or path == "-":
            for unit in _jsonl_units(path, encoding, max_chars):
                if index >= skip:
                    yield unit
                index += 1
        else:
            if index >= skip:
                yield _txt_unit(path, doc_id, encoding, max_chars)
            index += 1


def _txt_unit(path: str, doc_id: str, encoding: str | None, max_chars: int) -> Unit:
    try:
        size = os.path.getsize(path)
        if size > _MAX_BYTES_PER_CHAR["txt"] * max_chars:
            return Unit("error", path, None, f"document too large: {size} bytes "
                        f"(more than --max-chars {max_chars})", None, doc_id)
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        return Unit("error", path, None, f"cannot read file: {e.strerror or e}", None, doc_id)
    return Unit("txt", path, None, raw, encoding, doc_id)


def _open_binary(path: str) -> Any:
    if path == "-":
        return sys.stdin.buffer
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _jsonl_units(path: str, encoding: str | None, max_chars: int) -> Iterator[Unit]:
    limit = _MAX_BYTES_PER_CHAR["jsonl"] * max_chars + 4096
    stem = Path(path).stem if path != "-" else "stdin"
    if stem.endswith((".jsonl", ".ndjson")):
        stem = stem.rsplit(".", 1)[0]
    lineno = 0
    try:
        f = _open_binary(path)
    except OSError as e:
        yield Unit("error", path, None, f"cannot read file: {e.strerror or e}", None, None)
        return
    enc = encoding
    try:
        for raw in f:
            lineno += 1
            if lineno == 1:
                if raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8):]
                    enc = enc or "utf-8"
                elif enc is None:
                    sample = raw[:DETECT_BYTES]
                    if len(sample) < DETECT_BYTES and hasattr(f, "peek"):
                        sample += f.peek(DETECT_BYTES)[:DETECT_BYTES - len(sample)]
                    enc = detect_encoding(sample)
            if len(raw) > limit:
                yield Unit("error", path, lineno, f"document too large: {len(raw)} bytes "
                           f"(more than --max-chars {max_chars})", None, None)
                continue
            if not raw.strip():
                continue
            yield Unit("jsonl", path, lineno, raw, enc, f"{stem}:{lineno}")
    except (OSError, EOFError, zlib.error) as e:
        yield Unit("error", path, lineno + 1, f"cannot read file: {e}", None, None)
    finally:
        if path != "-":
            f.close()
