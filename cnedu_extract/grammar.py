"""The figure grammar, composed from named pieces and compiled once, lazily.

    numeral     ARABIC (UNIT ARABIC?)*  |  CN_START CN_CONT*       2.61万, 1万2千, 两千三百, 几十
    range       numeral [含] (-|至|到|~) numeral                   3-5万, 两到三万, 1万(含)-5万
    quantity    range [余|多|来] [万|亿|千] [余|多] [ ] UNIT       20多亿元, 4万余名, 91.57 %
    fraction    numeral 分之 numeral                              百分之九十八, 三分之一

Qualifier words around a quantity (约, 以上, 第, 前) are looked up in the text next to the
match by the extractor, not in this regex, which keeps it small and fast.
"""
from __future__ import annotations

from functools import cache

import regex

from .lexicon import numerals, units


def _cls(chars: str) -> str:
    return "[" + "".join(regex.escape(c) for c in chars) + "]"


@cache
def pieces() -> dict[str, str]:
    """Named regex pieces (strings), for the grammar below and for tests."""
    t = numerals()
    digit = _cls("".join(t.digits))
    unit_ch = _cls("".join([*t.small_units, *t.big_units]))
    unknown = _cls("".join(t.unknown_digit))
    point = _cls("".join(t.point))
    arabic = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
    cn_start = rf"(?:{unknown}(?={unit_ch})|{digit}|{unit_ch})"
    cn_cont = rf"(?:{digit}|{unit_ch}|[几幾](?!{digit})|(?<={digit}){point}(?={digit}))"
    numeral = rf"(?:{arabic}(?:{unit_ch}+(?:{arabic})?)*|{cn_start}{cn_cont}*)"
    surfaces = sorted(units(), key=len, reverse=True)
    unit = "|".join(regex.escape(s) for s in surfaces)
    return {"digit": digit, "unit_char": unit_ch, "arabic": arabic, "numeral": numeral, "unit": unit}


@cache
def quantity() -> regex.Pattern[str]:
    """One pattern for every figure shape; groups are read by the extractor."""
    p = pieces()
    n = p["numeral"]
    return regex.compile(
        rf"(?P<den>{n})分之(?P<frac>{n})"
        rf"|(?P<num>{n})(?P<incl>[(（]含[)）])?"
        rf"(?:(?P<unit1>{p['unit']})?\s?(?P<rng>[-—–~～至到])\s?(?P<num2>{n}))?"
        rf"(?P<inner>[余餘多来])?(?P<scale>[万亿萬億千]{{1,2}})?(?P<inner2>[余多])?"
        rf"[ \t\u3000]?(?P<unit>{p['unit']})?"
    )


@cache
def prefix_words(words: tuple[str, ...]) -> regex.Pattern[str]:
    """Matches one of the words at the end of a look-behind window (longest first)."""
    alts = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?:{alts})$")


@cache
def suffix_words(words: tuple[str, ...]) -> regex.Pattern[str]:
    alts = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?:{alts})")
