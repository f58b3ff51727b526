"""The text as the rules read it: 全國, 萬, 學校, 臺北 as simplified, footnote markers blanked.

Every rule and word list of the library is written in simplified characters. A text in
traditional characters is folded into simplified with a one-to-one character table
(``patterns/trad_simp.tsv``, generated from OpenCC by ``build_script_table``), so the folded
text has the same length and every offset found in it is an offset into the caller's text.
The strings a record quotes (``text``, ``metric``, ``school``, ``program``, ``sentence``, ...)
are then taken back from the caller's text, as written; ``region`` stays the official
simplified name. A simplified text is recognised by one scan for characters that exist only
in traditional script and one for ``[``, and is never copied unless it has footnote markers.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from functools import cache
from typing import Any, Sequence

from .lexicon import PatternError, load_tsv

# Record fields that quote the text (as written); region and the numbers are not quotes.
QUOTED = ("metric", "school", "program", "period", "base", "sentence")
_NEAR = 400
# A footnote marker: a bracketed number of one or two digits (注 before it) right after a word or %.
_FOOTNOTE = re.compile(r"(?<=[\u3400-\u9fff%％])[\[［]注?[0-9０-９]{1,2}[\]］]")  # characters around a figure searched for the string a field quotes


@cache
def _tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """(str.translate table, a pattern of the characters that mark a text as traditional)."""
    table: dict[int, str] = {}
    for i, row in enumerate(load_tsv("trad_simp.tsv")):
        if len(row) != 2 or len(row[0]) != 1 or len(row[1]) != 1 or row[0] in table:
            raise PatternError(f"patterns/trad_simp.tsv row {i + 1}: {row!r} is no one-to-one pair")
        table[ord(row[0])] = row[1]
    marks = []
    for cp in table:
        ch = chr(cp)
        if "\u3400" <= ch and not in_gb2312(ch):
            marks.append(ch)
    return table, re.compile("[" + "".join(sorted(marks)) + "]")


def in_gb2312(ch: str) -> bool:
    """Whether a character is in GB 2312, the simplified standard (shared with the generator)."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def is_traditional(text: str) -> bool:
    """Whether ``text`` holds a character that exists only in traditional script (萬, 國, 學)."""
    return _tables()[1].search(text) is not None


def is_plain(text: str) -> bool:
    """Whether ``text`` holds no character only traditional script has, no footnote bracket
    and no lone surrogate: the common case, told by one scan (extract() then neither folds the
    text, see ``fold``, nor replaces surrogates)."""
    return _plain_pattern().search(text) is None


@cache
def _plain_pattern() -> re.Pattern[str]:
    marks = _tables()[1].pattern  # [...] of the traditional-only characters
    return re.compile(marks[:-1] + "\\[［\ud800-\udfff]")


def fold(text: str | None) -> str | None:
    """``text`` as the rules read it (same length), or None when that is the text itself (the
    caller then reads its own text, uncopied): traditional characters made simplified, and
    footnote markers in brackets (學校[2], 毛入园率[4]达到) blanked, being neither part of a
    figure nor of what it measures."""
    if not text:
        return None
    out = text.translate(_tables()[0]) if is_traditional(text) else text
    if "[" in out or "［" in out:
        out = _FOOTNOTE.sub(_blank, out)
    return None if out == text else out


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def as_written(original: str, folded: str, records: Sequence[Any]) -> list[Any]:
    """Records found in ``folded`` with the strings they quote taken from ``original``."""
    back = _Back(original, folded)
    out = []
    for m in records:
        changes = {"text": original[m.start:m.end]}
        for name in QUOTED:
            value = getattr(m, name, None)
            if isinstance(value, str) and value:
                quoted = back.quote(value, m.start)
                # a marker inside a phrase (参考文献[12]显示) is not part of what it names
                changes[name] = quoted if name == "sentence" or "[" not in quoted and "［" not in quoted \
                    else _FOOTNOTE.sub("", quoted)
        out.append(dataclasses.replace(m, **{k: v for k, v in changes.items() if v != getattr(m, k)}))
    return out


def entities_as_written(original: str, folded: str, entities: Sequence[Any]) -> list[Any]:
    """Entities (``linking.Entity``) found in ``folded``: school and program names as written."""
    back = _Back(original, folded)
    return [e if e.label == "REGION" else e._replace(name=back.quote(e.name, e.start)) for e in entities]


class _Back:
    """Maps strings of the folded text back to the caller's text."""

    def __init__(self, original: str, folded: str) -> None:
        self.original, self.folded = original, folded
        self._chars: dict[str, str] | None = None

    def quote(self, value: str, near: int) -> str:
        """``value`` as the caller's text writes it: the occurrence nearest ``near`` when the
        folded text holds it whole, else character by character (a phrase the linker joined,
        小学 + 招生), each folded character back to the form the text mostly writes."""
        if not _changed(value, self.chars):
            return value
        lo = max(0, near - len(value) - _NEAR)
        hi = near + len(value) + _NEAR
        best = -1
        i = self.folded.find(value, lo, hi)
        while i != -1:
            if best == -1 or abs(i - near) < abs(best - near):
                best = i
            i = self.folded.find(value, i + 1, hi)
        if best == -1:
            best = self.folded.find(value)
        if best != -1:
            return self.original[best:best + len(value)]
        return "".join(self.chars.get(ch, ch) for ch in value)

    @property
    def chars(self) -> dict[str, str]:
        """Folded character → the traditional character the text writes most for it."""
        if self._chars is None:
            seen = Counter((f, o) for f, o in zip(self.folded, self.original) if f != o)
            self._chars = {}
            for (f, o), _ in seen.most_common():
                self._chars.setdefault(f, o)
        return self._chars


def _changed(value: str, chars: dict[str, str]) -> bool:
    """Whether ``value`` holds a character that folding changed in this text."""
    return any(ch in chars for ch in value)
