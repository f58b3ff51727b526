"""Text preparation: fold full-width forms, mask what is out of scope, find sentences.

Every transformation keeps the length of the text, so an offset found in the prepared text
is an offset into the caller's text.
"""
from __future__ import annotations

import html
from bisect import bisect_right
from itertools import accumulate, count
from operator import add
from functools import cache, lru_cache
from typing import Any

import regex

from . import regexes

from .lexicon import exclusions, numerals
from .numerals import FULLWIDTH

MASK = "\x1f"  # stands in for masked characters: no numeral, unit or qualifier matches it
# Full-width forms, each replaced by its narrow one where the text holds it (a test and a
# replacement per form, C-level steps, cost less than one regex pass with a call per run).
_WIDE = tuple((wide, wide.translate(FULLWIDTH)) for wide in "０１２３４５６７８９．％－−＋／：")
# Then a Chinese comma between digit groups and a middle dot as decimal point (１·４万) once
# the digits are narrow: the pattern starts with a character class, so the engine skips to
# the places where one of those characters stands.
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
def _sep_or_quote_pattern() -> regex.Pattern[str]:
    """A separator between digits (``_DIGIT_SEP``) or a short quote, in one pass: neither
    changes where the other matches (a separator is no quote mark and a quote's body is
    masked whatever it holds), and the pattern, rewritten to start with literals, lets the
    engine skip to the characters they start with."""
    n = int(exclusions()["short_quote_chars"])
    return regexes.prefiltered(f"{_DIGIT_SEP.pattern}|{_QUOTES.pattern % (n, n, n, n)}")


_SURROGATE = regexes.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def replace_surrogates(text: str) -> str:
    """The text with each lone surrogate (a broken decoder, a JSON ``\\udc80`` escape) turned
    into U+FFFD: same length, and encodable, so no later step (jieba, spaCy's string store, a
    UTF-8 writer) raises on it. A ``str`` holds no surrogate pairs, so every one is lone."""
    return _SURROGATE.sub(REPLACEMENT, text) if _SURROGATE.search(text) else text


# Inline tags are read through (学生<strong>3万</strong>人 is 学生3万人); any other tag ends a
# line. Entities stand for their character (&nbsp; is a space).
_INLINE_TAGS = frozenset(
    "a abbr b big cite code del em font i ins kbd label mark q s samp small span strike strong "
    "sub sup tt u var wbr".split())
_TAG_NAME = regexes.compile(r"</?([A-Za-z][A-Za-z0-9]*)")


class OffsetMap:
    """Offsets of a text made from another (markup read) back into that other text: runs of
    copied characters and of characters that stand for a whole tag or entity, found by
    bisection (a megabyte of markup costs a list per tag, not one per character)."""

    __slots__ = ("_starts", "_origins", "_copied")

    def __init__(self) -> None:
        self._starts: list[int] = []    # where each run begins in the new text
        self._origins: list[int] = []   # where it begins in the old text
        self._copied: list[bool] = []   # copied characters, or stand-ins for one tag or entity

    def add(self, start: int, origin: int, copied: bool) -> None:
        self._starts.append(start)
        self._origins.append(origin)
        self._copied.append(copied)

    def __getitem__(self, pos: int) -> int:
        k = bisect_right(self._starts, pos) - 1
        return self._origins[k] + (pos - self._starts[k] if self._copied[k] else 0)


def strip_markup(text: str) -> tuple[str, OffsetMap] | None:
    """(the text with HTML tags and entities read, where each of its characters was in
    ``text``), or None when the text holds none. An inline tag is dropped, any other tag
    becomes one line end, an entity its character, so a figure inside markup reads whole and
    its record still points into the caller's text."""
    if ("<" not in text and "&" not in text) or _TAG.search(text) is None:
        return None
    back = OffsetMap()
    add = back.add
    length = 0  # of the new text so far
    pos = 0     # in the old text: where the last tag or entity ended

    def read(m: regex.Match[str]) -> str:
        nonlocal length, pos
        a, b = m.span()
        if a > pos:
            add(length, pos, True)
            length += a - pos
        pos = b
        out, copied = _read_token(m.group())
        if copied is not None:  # else an inline tag, read through
            add(length, a, copied)
            length += len(out)
        return out

    plain = _TAG.sub(read, text)
    back.add(length, pos, True)
    return plain, back


@lru_cache(maxsize=1 << 12)
def _read_token(token: str) -> tuple[str, bool | None]:
    """What a tag or an entity reads as, and whether that is the token copied (an entity html
    does not know) or a stand-in for it (its character, a line end); None for an inline tag,
    which leaves nothing. (A text holds the same few tokens many times: <p>, &nbsp;.)"""
    if token[0] == "&":
        char = html.unescape(token)
        if char == token or _SURROGATE.search(char):
            return token, True  # not an entity html knows: left as written
        return char.replace("\xa0", " "), False
    name = _TAG_NAME.match(token)
    if name is not None and name.group(1).lower() in _INLINE_TAGS:
        return "", None
    return "\n", False


def prepare(text: str) -> str:
    """The text as the figure grammar sees it: same length, full-width folded, and dates, codes,
    names and titles masked (markup was read before, by ``strip_markup``)."""
    s = text
    for wide, narrow in _WIDE:
        if wide in s:
            s = s.replace(wide, narrow)
    s = _sep_or_quote_pattern().sub(_fold_or_mask_quote, s)
    for pattern in _mask_patterns():
        s = pattern.sub(_mask, s)
    return s


@cache
def _numeral_chars() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(characters of Chinese numerals, units of a numeral, decimal points)."""
    t = numerals()
    units = frozenset([*t.small_units, *t.big_units])
    return frozenset([*t.digits, *units, *t.point]), units, frozenset(t.point)


def _mask(m: regex.Match[str]) -> str:
    """Mask a span, unless that would cut a numeral in two: 五四 in 九十八点五四元, 七一 in
    十点七一元, 万一 in 十万一千元 are digits of a number there, not a holiday or a word. Only a
    unit or a decimal point (after a digit or unit) joins a masked numeral to its neighbour: a
    lone digit may be a name's (张永玖一度辍学)."""
    s, a, b = m.string, m.start(), m.end()
    chars, units, points = _numeral_chars()
    if a > 0 and s[a] in chars and (s[a - 1] in units or _in_decimals(s, a, chars, points)):
        return m.group()
    if b < len(s) and s[b - 1] in chars and (s[b] in units or s[b] in points):
        return m.group()
    return MASK * (b - a)


def _in_decimals(s: str, a: int, chars: frozenset[str], points: frozenset[str]) -> bool:
    """Whether ``a`` follows the digits of a decimal fraction: 零点零三八, 十点七一."""
    i = a - 1
    while i >= max(0, a - 24) and s[i] in chars and s[i] not in points:
        i -= 1
    return i > 0 and i < a and s[i] in points and s[i - 1] in chars and s[i - 1] not in points


def _fold_or_mask_quote(m: regex.Match[str]) -> str:
    body = m.group()
    if len(body) == 1:
        return body.translate(FULLWIDTH)  # a separator between digits: ，→ , and ·→ .
    # a quote: keep the quote marks (they bound clauses for the linker), blank what is inside
    return body[0] + MASK * (len(body) - 2) + body[-1]


class Sentences:
    """Sentence bounds of a text: a sentence ends after a run of 。！？!? or line ends. A span
    is found where a figure asks for it, by a search each way (a text holds far fewer figures
    than marks), and kept for the next figure of the same sentence."""

    def __init__(self, prepared: str) -> None:
        self._text = prepared
        self._reversed: str | None = None  # the text backwards, made at the first search back
        self._last = (0, 0)  # the span found last: figures come in order, often several a sentence

    def span(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence that holds ``pos``."""
        last = self._last
        if last[0] <= pos < last[1]:
            return last
        s = self._text
        run = _MARK_RUN.search(s, pos)
        self._last = (self._start(pos), len(s) if run is None else run.end())
        return self._last

    def _start(self, pos: int) -> int:
        """The end of the last run of marks that ends at or before ``pos`` (0 if none)."""
        s = self._text
        if self._reversed is None:
            self._reversed = s[::-1]  # a search forward in it finds the last mark before pos
        n = len(s)
        while True:
            m = _MARK.search(self._reversed, n - pos)
            if m is None:
                return 0
            k = n - 1 - m.start()  # the last mark before pos
            if k + 1 < pos or pos == n or s[pos] not in SENTENCE_MARKS:
                return k + 1
            while k >= 0 and s[k] in SENTENCE_MARKS:
                k -= 1  # ``pos`` stands inside a run of marks: the sentence starts before the run
            pos = k + 1


SENTENCE_MARKS = "。！？!?\n"
_MARK_RUN = regexes.compile(f"[{SENTENCE_MARKS}]+")
_MARK = regexes.compile(f"[{SENTENCE_MARKS}]")


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
