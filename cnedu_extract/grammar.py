"""The figure grammar, composed from named pieces and compiled once, lazily.

    numeral     ARABIC (UNIT ARABIC?)*  |  CN_START CN_CONT*       2.61万, 1万2千, 两千三百, 几十
    range       numeral [含] (-|至|到|~) numeral                   3-5万, 两到三万, 1万(含)-5万
    quantity    range [余|多|来] [万|亿|千] [余|多] [ ] UNIT       20多亿元, 4万余名, 91.57 %
    fraction    numeral 分之 numeral                              百分之九十八, 三分之一

Qualifier words around a quantity (约, 以上, 第, 前) are looked up in the text next to the
match by the extractor, not in this regex, which keeps it small and fast.
"""
from __future__ import annotations

from functools import cache, partial
from typing import Iterable, Iterator, NamedTuple

import regex

from . import regexes

from .lexicon import numerals, units


def _guarded(ch: str, surfaces: list[str]) -> str:
    """The unit char, unless it begins a unit surface (千 of 千米, 兆 of 兆赫兹)."""
    tails = [u[1:] for u in surfaces if u[0] == ch and len(u) > 1]
    return regex.escape(ch) + ("(?!" + "|".join(map(regex.escape, tails)) + ")" if tails else "")


def _maybe(part: str) -> str:
    """``part`` or nothing, greedy as ``(?:part)?``, written as an alternation with an empty
    branch: the engine tries it as a branch, where an optional group of more than one
    character costs it a repeat (a context pushed and popped) at each try."""
    return f"(?:{part}|)"


def _cls(chars: str, ranges: str = "") -> str:
    """A class of ``chars`` (escaped) and ``ranges`` (written as they stand, such as 0-9)."""
    return "[" + "".join(regex.escape(c) for c in chars) + ranges + "]"


@cache
def pieces() -> dict[str, str]:
    """Named regex pieces (strings), for the grammar below and for tests."""
    t = numerals()
    digit = _cls("".join(t.digits))
    surfaces = sorted(units(), key=len, reverse=True)
    # 12千米 is 12 公里, not 12000 米: a unit char that starts a unit surface is left to it
    unit_chars = [*t.small_units, *t.big_units]
    unit_ch = "(?:" + "|".join(_guarded(ch, surfaces) for ch in unit_chars) + ")"
    scale = "(?:" + "|".join(_guarded(ch, surfaces) for ch in "万亿萬億千") + ")"
    unknown = _cls("".join(t.unknown_digit))
    point = _cls("".join(t.point))
    arabic = r"[0-9]+(?:,[0-9]{3})*" + _maybe(r"\.[0-9]+") + _maybe(r"[kKwW](?![A-Za-z])")
    cn_start = rf"(?:{unknown}(?={unit_ch})|{digit}|{unit_ch})"
    # Chinese numerals may carry single spaces (一 百 五 十) and 点 after a digit or a unit
    # of a group (一百点二万 is 1,002,000; after 万/亿 a point would start a second number)
    cn_cont = rf"(?: ?(?:{digit}|{unit_ch}|[几幾](?!{digit})|(?<=[{''.join(t.digits)}{''.join(t.small_units)}]) ?{point} ?(?={digit})))"
    numeral = rf"(?:{arabic}(?:{unit_ch}+{_maybe(arabic)})*|{cn_start}{cn_cont}*)"
    # a unit written in Latin letters ends a word: 5 million is not 5 m. The surfaces as a trie,
    # longest first as a flat list would be, which the engine tries in a few steps, not one
    # per surface (it is tried after every number, twice: before a range mark and at the end)
    unit = regexes.trie_pattern(surfaces, guard=lambda s: "(?![A-Za-z])" if s[-1].isascii() and s[-1].isalpha() else "")
    return {"digit": digit, "unit_char": unit_ch, "scale": scale, "arabic": arabic, "numeral": numeral, "unit": unit}


_LOOK_AHEAD = 64  # characters of a numeral read ahead, at most, to tell a fraction

# 5 million美元, 1.2 billion元: English scale words, read as 百万 and 十亿 (ENGLISH_SCALES)
ENGLISH_SCALES = {"million": "百万", "billion": "十亿"}
_ENGLISH_SCALE = r"(?:million|billion)(?![A-Za-z])"


class Groups(NamedTuple):
    """The groups of a ``quantity()`` match, in the pattern's order: ``groups(m.groups())``
    takes them all in one call (a name looked up per ``m.group`` call costs more)."""

    share: str | None
    den: str | None
    frac: str | None
    num: str | None
    incl: str | None
    unit1: str | None
    rng: str | None
    neg2: str | None
    num2: str | None
    inner: str | None
    scale: str | None
    inner2: str | None
    unit: str | None
    pp: str | None


groups = partial(tuple.__new__, Groups)  # Groups(*m.groups()) without the Python-level __new__


def _first_chars() -> str:
    """The characters other than 0-9 a figure starts with."""
    t = numerals()
    starts = [*t.digits, *t.small_units, *t.big_units, *t.unknown_digit, *(w[0] for w in t.share_words)]
    return "".join(dict.fromkeys(starts))


def find_quantities(s: str) -> Iterator[regex.Match[str]]:
    """The matches of ``quantity()`` in ``s``, as its ``finditer`` gives them. The pattern
    starts with a look-ahead, which the engine tests at every position of the text; a class
    of the same characters lets it skip to the next place a figure can start at C speed, and
    the pattern is tried there alone."""
    candidate, match = _starts().search, quantity().match
    pos = 0
    while (c := candidate(s, pos)) is not None:
        m = match(s, c.start())
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end()  # a match is never empty


@cache
def _starts() -> regex.Pattern[str]:
    return regexes.compile(_cls(_first_chars(), "0-9"))


@cache
def quantity() -> regex.Pattern[str]:
    """One pattern for every figure shape; groups are read by the extractor (``Groups``)."""
    pattern = _quantity()
    names = tuple(sorted(pattern.groupindex, key=pattern.groupindex.get))
    if names != Groups._fields or pattern.groups != len(names):  # pragma: no cover
        raise RuntimeError("grammar.Groups must name the groups of quantity() in their order")
    return pattern


def _quantity() -> regex.Pattern[str]:
    p = pieces()
    n = p["numeral"]
    t = numerals()
    # a look-ahead on the first characters lets the engine skip ahead fast between figures
    first = _cls(_first_chars()) + "|[0-9]"
    longest = max(map(len, units()))  # a range mark stands at most a unit and a space after a number
    # every character a numeral can hold (a superset): the fraction branch first checks that 分
    # follows a run of them, instead of reading a numeral in vain. The run is read at most
    # _LOOK_AHEAD characters, possessively, so each position costs a bounded number of steps;
    # a longer run lets the branch be tried as before
    numeral_char = _cls(t.all_chars + " ,.kKwW", "0-9")
    fraction_ahead = rf"(?={numeral_char}{{0,{_LOOK_AHEAD}}}+(?:分|{numeral_char}))"
    unit1 = _maybe(f"(?P<unit1>{p['unit']})")
    scale = f"(?P<scale>{p['scale']}{{1,2}}|{_ENGLISH_SCALE})"
    return regexes.compile(
        rf"(?=(?:{first}))(?:"
        rf"(?P<share>{'|'.join(map(regex.escape, sorted(t.share_words, key=len, reverse=True)))})"
        rf"|{fraction_ahead}(?P<den>{n}) *分 *之 *(?P<frac>{n})"
        rf"|(?P<num>{n}){_maybe('(?P<incl>[(（]含[)）])')}"
        # a look-ahead tests cheaply whether a range mark stands within reach (a unit and a
        # space), so that most numbers skip the range part without reading the units twice;
        # it reads a bounded number of characters, so hostile text stays linear (possessive:
        # the characters before the first mark are read once, never given back one by one)
        rf"(?:(?=[^-—–~～至到]{{0,{longest + 1}}}+[-—–~～至到])"
        rf"{unit1}"
        rf"\s?(?P<rng>[-—–~～]{{1,2}}|至|到)\s?{_maybe('(?P<neg2>[-负負])')}(?P<num2>{n})|)"
        # 3990.09 ⏎万人: a line break between a number and its 万/亿 is a stray one
        rf"{_maybe('(?P<inner>[余餘多来])')}{_maybe('个(?=[亿万])')}"
        rf"(?:[ \t\u3000]*\n[ \t\u3000]*(?={p['scale']})| ?)"
        rf"{_maybe(scale)}{_maybe('(?P<inner2>[余多])')}"
        rf"[ \t\u3000]{{0,4}}(?:(?P<unit>{p['unit']})|(?P<pp>[个個] *百 *分 *[点點]|百 *分 *点)|))"
    )


@cache
def prefix_words(words: tuple[str, ...]) -> regex.Pattern[str]:
    """Matches one of the words at the end of a look-behind window (longest first)."""
    alts = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regexes.compile(rf"(?:{alts})$")


def ends_of(words: Iterable[str]) -> frozenset[str]:
    """The last characters of ``words``, and a line end: where a ``prefix_words`` pattern can
    match before a position (its ``$`` also matches before a final line end)."""
    return frozenset([*(w[-1] for w in words), "\n"])


@cache
def suffix_words(words: tuple[str, ...]) -> regex.Pattern[str]:
    alts = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regexes.compile(rf"(?:{alts})")
