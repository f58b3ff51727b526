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


def _decodes(sample: bytes, encoding: str) -> str | None:
    """``sample`` decoded strictly (its end may cut a character), or None."""
    try:
        return codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeDecodeError:
        return None


def _ordinary(ch: str) -> bool:
    """A character Chinese text is made of: ASCII, CJK ideographs and punctuation."""
    o = ord(ch)
    return (o < 0x7F or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or 0xA0 <= o <= 0xFF)


def _odd_share(text: str) -> float:
    """The share of non-ASCII characters that are no ordinary Chinese text (kana, Greek,
    box drawing, private use...): under 2% in GBK news, over half in Big5 read as GBK."""
    odd = total = 0
    for ch in text:
        if ord(ch) > 127:
            total += 1
            odd += not _ordinary(ch)
    return odd / total if total else 0.0


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes (the high byte of every ASCII character)
    sit on one parity, as in UTF-16; UTF-8 and GB18030 text has no NUL at all."""
    nuls = sample.count(0)
    if nuls * 50 < len(sample):
        return None
    odd = sample[1::2].count(0)
    for enc, share in (("utf-16-le", odd), ("utf-16-be", nuls - odd)):
        if share >= 0.9 * nuls and _decodes(sample, enc) is not None:
            return enc
    return None


def _charset_normalizer(sample: bytes) -> str | None:
    """Big5 or UTF-16 without BOM, told apart by charset-normalizer's mess and coherence
    measures, among the encodings Chinese corpora come in; None when none fits."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(sample, cp_isolation=list(_DETECTED)).best()
    if best is None:
        return None
    enc = _DETECTED.get(best.encoding)
    return enc if enc and _decodes(sample, enc) is not None else None


# charset-normalizer's names -> the codec we decode with (big5hkscs: Big5 with the
# Hong Kong characters, a superset of plain Big5)
_DETECTED = {"gb18030": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs",
             "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be"}
UNDETECTED = "undetected"


def detect_encoding(sample: bytes) -> str:
    """The encoding of a file from its first bytes.

    BOMs first; then UTF-8 (also when only a few bytes are corrupt); UTF-16 without BOM by
    its NUL bytes; GB18030/GBK when it decodes into ordinary Chinese text; else Big5 or
    UTF-16 as charset-normalizer judges; ``UNDETECTED`` when nothing fits, so the
    documents are logged as undecodable rather than read as mojibake.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _decodes(sample, "utf-8") is not None:
        return "utf-8"
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return utf16
    if _mostly_utf8(sample):
        return "utf-8"
    gb = _decodes(sample, "gb18030")
    if gb is not None and _odd_share(gb) < 0.1:
        return "gb18030"
    return _charset_normalizer(sample) or UNDETECTED


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
            if enc == "utf-8" and _mostly_utf8(raw):
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
    """True when stdin holds plain text rather than JSONL (its first non-blank byte is no
    ``{``): ``echo 文本 | cnedu-extract -`` reads one document."""
    head = f.peek(DETECT_BYTES)[:DETECT_BYTES].lstrip()
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):].lstrip()
    return bool(head) and not head.startswith(b"{")


def _stdin_text_unit(f: Any, encoding: str | None, max_chars: int) -> Unit:
    limit = _MAX_BYTES_PER_CHAR["txt"] * max_chars
    raw = f.read(limit + 1)
    if len(raw) > limit:
        return Unit("error", "-", None, f"document too large: more than {limit} bytes "
                    f"(more than --max-chars {max_chars})", None, "stdin", len(raw))
    return Unit("txt", "-", None, raw, encoding, "stdin", len(raw))


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
        enc = encoding
        if enc is None and hasattr(f, "peek"):
            enc = detect_encoding(f.peek(DETECT_BYTES)[:DETECT_BYTES])
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
