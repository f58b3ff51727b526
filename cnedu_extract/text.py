"""Text preparation: fold full-width forms, mask what is out of scope, find sentences.

Every transformation keeps the length of the text, so an offset found in the prepared text
is an offset into the caller's text.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, count
from operator import add
from functools import cache
from typing import Any

import regex

from . import regexes

from .lexicon import exclusions, numerals
from .numerals import FULLWIDTH

MASK = "\x1f"  # stands in for masked characters: no numeral, unit or qualifier matches it
# Full-width forms, then a Chinese comma between digit groups and a middle dot as decimal
# point (１·４万) once the digits are narrow. Each pattern starts with a character class, so
# the engine skips to the places where one of those characters stands.
_WIDE = regexes.compile(r"[０-９．％－＋／：]+")
_DIGIT_SEP = regexes.compile(r"[，·・](?<=[0-9][，·・])(?:(?<=，)(?=[0-9]{3}(?![0-9]))|(?<=[·・])(?=[0-9]))")
_TAG = regexes.compile(r"<[A-Za-z/!][^<>]{0,2000}>|&(?:#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")
_QUOTES = regexes.compile(r"“[^“”\n]{1,%d}”|\"[^\"\n]{1,%d}\"|‘[^‘’\n]{1,%d}’|「[^「」\n]{1,%d}」|《[^《》\n]{1,200}》")


@cache
def _mask_patterns() -> tuple[Any, ...]:
    """The masks of patterns/exclusions.toml as few passes as possible: all of them in one
    alternation the engine can skip through (``regexes.prefiltered``), or one by one when
    their first characters cannot be told."""
    t = numerals()
    cn_digit = "".join(t.digits)
    cn_unit = "".join([*t.small_units, *t.big_units])
    ex = exclusions()

    # 排名第四 is a rank: 第 after a ranking verb is no ordinal (one fixed-width look-behind each)
    rank_verbs = "".join(f"(?<!{regex.escape(v)})" for v in ex["rank_verbs"])

    def fill(p: str) -> str:
        return p.replace("{CNDIGIT}", cn_digit).replace("{CNUNIT}", cn_unit).replace("{RANK_VERBS}", rank_verbs)

    digit_led = "|".join(f"(?:{fill(p)})" for p in ex["mask"]["digit_led"])
    parts = [rf"(?<![0-9.])(?=[0-9])(?:{digit_led})"]
    parts += [fill(p) for p in ex["mask"]["other"]]
    parts.append(regexes.trie_pattern(ex["names"]))  # hundreds of names: a trie, not a flat list
    joined = "|".join(f"(?:{p})" for p in parts)
    if regexes.first_chars(joined) is not None:
        return (regexes.prefiltered(joined),)
    return tuple(regexes.compile(p) for p in parts)


@cache
def _quote_pattern() -> regex.Pattern[str]:
    n = int(exclusions()["short_quote_chars"])
    return regexes.compile(_QUOTES.pattern % (n, n, n, n))


def _fold(m: regex.Match[str]) -> str:
    return m.group().translate(FULLWIDTH)


def _blank(m: regex.Match[str], fill: str) -> str:
    return fill * (m.end() - m.start())


def prepare(text: str) -> str:
    """The text as the figure grammar sees it: same length, full-width folded, tags turned into
    line breaks, and dates, codes, names and titles masked."""
    s = _WIDE.sub(_fold, text)
    s = _DIGIT_SEP.sub(_fold, s)
    if "<" in s or "&" in s:
        s = _TAG.sub(lambda m: _blank(m, "\n"), s)
    s = _quote_pattern().sub(_mask_quote, s)
    for pattern in _mask_patterns():
        s = pattern.sub(_mask, s)
    return s


def _mask(m: regex.Match[str]) -> str:
    return MASK * (m.end() - m.start())


def _mask_quote(m: regex.Match[str]) -> str:
    # keep the quote marks (they bound clauses for the linker), blank what is inside
    body = m.group()
    return body[0] + MASK * (len(body) - 2) + body[-1]


class Sentences:
    """Sentence bounds of a text (after a run of 。！？ or line ends), found once per document."""

    def __init__(self, prepared: str) -> None:
        marks = mark_positions(prepared, SENTENCE_MARKS)
        # a bound after each run of marks: after every mark not followed by another
        self._bounds = [0, *(p + 1 for p, q in zip(marks, marks[1:]) if q != p + 1)]
        if marks:
            self._bounds.append(marks[-1] + 1)
        self._bounds.append(len(prepared))

    def span(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._bounds, pos) - 1
        i = min(i, len(self._bounds) - 2)
        return self._bounds[i], self._bounds[i + 1]


SENTENCE_MARKS = "。！？!?\n"


def mark_positions(text: str, marks: str) -> list[int]:
    """Sorted offsets of the characters of ``marks`` in ``text``: the text split at them and
    the pieces' lengths summed (C-level steps, where a match object per mark costs more)."""
    sep = marks[-1]
    for ch in marks[:-1]:
        if ch in text:
            text = text.replace(ch, sep)
    pieces = text.split(sep)
    pieces.pop()
    # the k-th mark stands after the first k + 1 pieces and k marks
    return list(map(add, accumulate(map(len, pieces)), count()))
