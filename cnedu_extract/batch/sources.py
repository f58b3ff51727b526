"""Reading batch inputs: files, folders, JSONL(.gz), and the encodings Chinese corpora come in.

The main process only *frames* documents here (a ``.txt`` file's bytes, one JSONL line's
bytes); decoding and JSON parsing happen in the workers (see ``worker.py``) so that the
reader is never the bottleneck. ``iter_units`` yields the documents of all inputs in one
deterministic order, which is what makes ``--resume`` and ordered output possible.
"""
from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import sys
import zlib
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from .charsets import DETECT_BYTES, UNDETECTED, mostly_utf8, detect_encoding

__all__ = ["DocError", "InputError", "Unit", "check_inputs", "decode", "detect_encoding",
           "iter_files", "iter_units", "total_bytes"]

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
TXT_SUFFIXES = (".txt",)
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
    when the document names none; ``pos`` how many input bytes (of all inputs, as stored
    on disk) are read once this document is, for the progress bar.
    """

    kind: str
    source: str
    line: int | None
    data: Any
    encoding: str | None
    doc_id: str | None
    pos: int = 0


# --- decoding ------------------------------------------------------------------------

def decode(raw: bytes, prefer: str | None = None, *, forced: bool = False) -> str:
    """Decode one document: BOMs first, then ``prefer`` (default: detected from ``raw``),
    then UTF-8 and GB18030.

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
    elif prefer is None:
        prefer = detect_encoding(raw[:DETECT_BYTES])
    if prefer == UNDETECTED:
        raise DocError("undecodable bytes: not UTF-8, UTF-16, GB18030 or Big5 "
                       "(use --encoding to name the encoding)")
    if prefer == "utf-8-sig":
        prefer = "utf-8"
    order = [prefer]
    order += [e for e in ("utf-8", "gb18030") if e != prefer]
    first_error: UnicodeDecodeError | None = None
    for enc in order:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError as e:
            first_error = first_error or e
            if enc == "utf-8" and mostly_utf8(raw):
                break  # damaged UTF-8: GB18030 would only produce mojibake
            if enc.startswith(("big5", "utf-16")):
                break  # a Big5 or UTF-16 file read as GB18030 is mojibake
    assert first_error is not None
    raise DocError(f"undecodable bytes: not {' or '.join(order[:order.index(enc) + 1])} "
                   f"({first_error.encoding} fails at byte {first_error.start})")


# --- inputs ---------------------------------------------------------------------------

def is_jsonl(path: str | os.PathLike[str]) -> bool:
    return str(path).lower().endswith(JSONL_SUFFIXES)


def is_wanted_in_folder(name: str) -> bool:
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

    Hidden files and folders are skipped, folder symlinks not followed; a folder that
    cannot be listed gives (folder, "\\0" + reason), a document error in ``iter_units``. A ``.txt`` file's
    id is its path relative to the folder without the suffix, so files directly inside it
    get their stem (as the gold files expect) and nested ones stay unique.
    """
    top = top or folder
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        yield folder, f"\0cannot read folder: {e.strerror or e}"
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, top)
        elif is_wanted_in_folder(entry.name):
            rel = os.path.relpath(entry.path, top)
            yield entry.path, os.path.splitext(rel)[0].replace(os.sep, "/")


def iter_files(inputs: list[str]) -> Iterator[tuple[str, str]]:
    """(path, id) of every input file in reading order (folders walked; "-" is stdin)."""
    for s in inputs:
        if s != "-" and os.path.isdir(s):
            yield from _walk(s)
        else:
            yield s, Path(s).stem if s != "-" else "stdin"


def total_bytes(inputs: list[str]) -> int | None:
    """The size of all input files as stored (the progress bar's total); None with stdin."""
    total = 0
    for path, _ in iter_files(inputs):
        if path == "-":
            return None
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total


def iter_units(inputs: Iterable[str | os.PathLike[str]], *, encoding: str | None = None,
               max_chars: int = 1_000_000, skip: int = 0) -> Iterator[Unit]:
    """Every document of ``inputs`` in order, framed but not decoded.

    Folders are walked recursively (``.txt``, ``.jsonl``, ``.jsonl.gz``); a named file is
    JSONL when its name says so, text otherwise; ``-`` is stdin, JSONL when its first
    line is a JSON object, else one plain text document. Blank JSONL lines are no
    documents. The first ``skip`` documents are passed over without reading ``.txt``
    files (how ``--resume`` continues). Problems with one file become "error" units.
    Memory stays bounded by ``max_chars``: a longer line is skipped as it is read.
    """
    index = done = 0  # documents framed; bytes of the files read completely
    for path, doc_id in iter_files(check_inputs(inputs)):
        if is_jsonl(path) or path == "-":
            last = 0
            for unit in _jsonl_units(path, encoding, max_chars):
                if index >= skip:
                    yield unit._replace(pos=done + unit.pos)
                index += 1
                last = unit.pos
            done += last if path == "-" else _size(path)
        elif doc_id.startswith("\0"):  # a folder the walk could not read
            if index >= skip:
                yield Unit("error", path, None, doc_id[1:], None, None, done)
            index += 1
        else:
            size = _size(path)
            if index >= skip:
                yield _txt_unit(path, doc_id, encoding, max_chars)._replace(pos=done + size)
            index += 1
            done += size


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


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


class _Lines:
    """The lines of a binary stream, each read with a bound: a line longer than ``limit``
    bytes is passed over in pieces (yielded as its length, not its bytes), so a 1 GB line
    costs no more memory than ``limit``. ``pos`` is the stream's position as stored
    (compressed for gzip), for the progress bar."""

    PIECE = 1 << 20

    def __init__(self, f: Any, limit: int) -> None:
        self.f, self.limit, self.read = f, limit, 0
        self._raw = getattr(f, "fileobj", None)  # GzipFile: the compressed file

    @property
    def pos(self) -> int:
        if self._raw is not None:
            try:
                return int(self._raw.tell())
            except (OSError, ValueError):
                pass
        return self.read

    def __iter__(self) -> Iterator[bytes | int]:
        while True:
            raw = self.f.readline(self.limit + 1)
            if not raw:
                return
            self.read += len(raw)
            if len(raw) <= self.limit or raw.endswith(b"\n"):
                yield raw
                continue
            length = len(raw)
            while not raw.endswith(b"\n"):
                raw = self.f.readline(self.PIECE)
                if not raw:
                    break
                length += len(raw)
                self.read += len(raw)
            yield length


def _utf16_as_utf8(f: Any, encoding: str) -> Any:
    """A UTF-16 stream re-encoded as UTF-8 (its bytes cannot be split at b"\\n")."""
    return io.BufferedReader(_EncodedReader(io.TextIOWrapper(f, encoding=encoding,
                                                             newline="")))


class _EncodedReader(io.RawIOBase):
    """A raw byte stream of a text stream's characters in UTF-8."""

    def __init__(self, text: io.TextIOWrapper) -> None:
        self._text, self._buf = text, b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while len(self._buf) < len(b):
            chunk = self._text.read(1 << 16)
            if not chunk:
                break
            self._buf += chunk.encode("utf-8")
        n = min(len(b), len(self._buf))
        b[:n], self._buf = self._buf[:n], self._buf[n:]
        return n

    def close(self) -> None:
        self._text.close()
        super().close()


def _stdin_is_text(f: Any) -> bool:
    """True when stdin holds plain text rather than JSONL (its first line is no JSON object):
    ``echo 文本 | cnedu-extract -`` reads one document."""
    head = f.peek(DETECT_BYTES)[:DETECT_BYTES].lstrip()
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):].lstrip()
    if not head.startswith(b"{"):
        return bool(head)
    first, newline, _ = head.partition(b"\n")
    if not newline:
        return False  # a first line longer than the sample: JSONL as it looks
    try:
        return not isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return True


def _stdin_text_unit(f: Any, encoding: str | None, max_chars: int) -> Unit:
    limit = _MAX_BYTES_PER_CHAR["txt"] * max_chars
    raw = f.read(limit + 1)
    if len(raw) > limit:
        return Unit("error", "-", None, f"document too large: more than {limit} bytes "
                    f"(more than --max-chars {max_chars})", None, "stdin", len(raw))
    return Unit("txt", "-", None, raw, encoding, "stdin", len(raw))


def _sample(path: str, f: Any) -> bytes:
    """The first bytes of a file, to detect its encoding (of stdin: what it has buffered)."""
    if path == "-":
        return bytes(f.peek(DETECT_BYTES)[:DETECT_BYTES])
    try:
        with _open_binary(path) as g:
            return bytes(g.read(DETECT_BYTES))
    except (OSError, EOFError, zlib.error):
        return b""  # the read proper reports what is wrong with the file


def _jsonl_units(path: str, encoding: str | None, max_chars: int) -> Iterator[Unit]:
    limit = _MAX_BYTES_PER_CHAR["jsonl"] * max_chars + 4096
    stem = Path(path).stem if path != "-" else "stdin"
    if stem.endswith((".jsonl", ".ndjson")):
        stem = stem.rsplit(".", 1)[0]
    lineno = 0
    try:
        f = _open_binary(path)
        if path == "-" and _stdin_is_text(f):
            yield _stdin_text_unit(f, encoding, max_chars)
            return
        enc = encoding or detect_encoding(_sample(path, f))
        if enc is not None and enc.startswith("utf-16"):
            f, enc = _utf16_as_utf8(f, enc), "utf-8"
        lines = _Lines(f, limit)
    except OSError as e:
        yield Unit("error", path, None, f"cannot read file: {e.strerror or e}", None, None)
        return
    try:
        for raw in lines:
            lineno += 1
            if isinstance(raw, int):
                yield Unit("error", path, lineno, f"document too large: {raw} bytes "
                           f"(more than --max-chars {max_chars})", None, None, lines.pos)
                continue
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
                enc = "utf-8" if enc in (None, "utf-8-sig") else enc
            if not raw.strip():
                continue
            yield Unit("jsonl", path, lineno, raw, enc, f"{stem}:{lineno}", lines.pos)
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as e:
        yield Unit("error", path, lineno + 1, f"cannot read file: {e}", None, None, lines.pos)
    finally:
        if path != "-":
            f.close()
