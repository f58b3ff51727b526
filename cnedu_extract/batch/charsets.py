"""Which encoding a file's bytes are in: the encodings Chinese corpora come in.

UTF-8 (with or without BOM, or with a few corrupt bytes), UTF-16 (BOM, or none but NUL
bytes), GB18030/GBK, Big5. Our own checks decide the common cases; only bytes that are
none of them go to charset-normalizer, restricted to these encodings (unrestricted, it
takes some GBK news for Korean). Bytes that fit nothing are ``UNDETECTED``, so a batch
logs them as undecodable instead of reading mojibake.
"""
from __future__ import annotations

import codecs

DETECT_BYTES = 64 * 1024


def mostly_utf8(raw: bytes) -> bool:
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
    """'utf-16-le'/'utf-16-be' for bytes with NULs (the high byte of every ASCII character,
    line ends too; the low byte of 一 and of the ideographic space) that decode into
    ordinary Chinese text in that byte order, better than in the other one. UTF-8 and
    GB18030 text has no NUL at all."""
    if sample.count(0) < 2:
        return None
    scores = []
    for enc in ("utf-16-le", "utf-16-be"):
        text = _decodes(sample, enc)
        if text is not None:
            scores.append((_odd_share(text), enc))
    best = min(scores, default=None)
    return best[1] if best is not None and best[0] < 0.1 else None


def _charset_normalizer(sample: bytes) -> str | None:
    """Big5 or UTF-16 without BOM, told apart by charset-normalizer's mess and coherence
    measures, among the encodings Chinese corpora come in; None when none fits."""
    import charset_normalizer

    try:
        best = charset_normalizer.from_bytes(sample, cp_isolation=list(_DETECTED)).best()
    except Exception:  # noqa: BLE001 - a detector failure means: not recognised
        return None
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

    BOMs first; then UTF-16 without BOM by its NUL bytes; UTF-8 (also when only a few
    bytes are corrupt); GB18030/GBK when it decodes into ordinary Chinese text; else Big5 or
    UTF-16 as charset-normalizer judges; ``UNDETECTED`` when nothing fits, so the
    documents are logged as undecodable rather than read as mojibake.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    utf16 = _utf16_without_bom(sample)  # before UTF-8: ASCII in UTF-16 is valid UTF-8
    if utf16:
        return utf16
    if _decodes(sample, "utf-8") is not None:
        return "utf-8"
    if mostly_utf8(sample):
        return "utf-8"
    gb = _decodes(sample, "gb18030")
    if gb is not None and _odd_share(gb) < 0.1:
        return "gb18030"
    return _charset_normalizer(sample) or UNDETECTED
