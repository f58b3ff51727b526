"""The numeral parser: Arabic, Chinese (lower, upper, traditional) and mixed numerals.

Exact arithmetic with ``Fraction`` throughout; floats only at the edge (``to_number``).
The grammar is the usual Chinese one: digits, units inside a four-digit group (十百千),
group units (万亿兆) that may stack (万亿), 零 as a gap, a trailing digit as an
abbreviation (九万四 = 94000, 一千陆 = 1600), 点 as decimal point between Chinese digits,
and approximations: an unknown digit (几十, 十几, 二十几万), adjacent digits as a range
(三四百 = 300–400, 十七八 = 17–18) and 余/多/来 inside (五百余万).
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple

import regex

from . import regexes

from .lexicon import numerals as _table

FULLWIDTH = str.maketrans("０１２３４５６７８９．％－−＋，／：·・", "0123456789.%--+,/:..")
_ARABIC = regexes.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_APPROX_INNER = frozenset("余餘多来來")
# 1e99999999 or 2^99999999 would take minutes and gigabytes to hold exactly; no written
# quantity comes near a float's range (about 1e308), so larger exponents are no number
_MAX_EXPONENT = 400
_SPACES = regexes.compile(r"\s+")
# pairs of neighbouring digits read as a range: 三四百, 十七八, 两三万; 三五 is idiomatic too
_RANGE_PAIRS = {(d, d + 1) for d in range(1, 9)} | {(3, 5)}


class Reading(NamedTuple):
    """A numeral read: its value, the upper bound of a range, and whether it was vague."""

    value: Fraction
    value_max: Fraction | None = None
    approximate: bool = False


_POWERS_OF_TEN = frozenset(10 ** k for k in range(1, 17))

# token kinds
_NUM, _DIGIT, _SMALL, _BIG, _POINT, _UNKNOWN = range(6)
# (kind, value): an int (a whole number) or a Fraction for _NUM, an int for digits and units,
# None for _POINT and _UNKNOWN. Whole numbers are read with ints, which cost a fraction of
# Fraction arithmetic, and the value is made a Fraction once, at the end (``read_number``).
Token = tuple[int, Any]


def _tokenize(s: str) -> list[Token]:
    t = _table()
    tokens: list[Token] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if "0" <= ch <= "9":
            m = _ARABIC.match(s, i)
            assert m is not None
            tokens.append((_NUM, _exact(m.group().replace(",", ""))))
            i = m.end()
            continue
        if ch in t.digits:
            tokens.append((_DIGIT, t.digits[ch]))
        elif ch in t.small_units:
            tokens.append((_SMALL, t.small_units[ch]))
        elif ch in t.big_units:
            tokens.append((_BIG, t.big_units[ch]))
        elif ch in t.point:
            tokens.append((_POINT, None))
        elif ch in t.unknown_digit:
            tokens.append((_UNKNOWN, None))
        else:
            raise ValueError(f"not a numeral: {s!r} ({ch!r} at {i})")
        i += 1
    return tokens


def _exact(number: str) -> int | Fraction:
    """An Arabic number exactly (an int when whole, else a Fraction), refusing an exponent no
    quantity has (ValueError)."""
    if number.isdigit():  # only ASCII digits reach here (``_ARABIC``)
        return int(number)
    whole, point, decimals = number.partition(".")
    if point and whole.isdigit() and decimals.isdigit():  # each part read alone, as Fraction() does
        return Fraction(int(whole) * 10 ** len(decimals) + int(decimals), 10 ** len(decimals))
    mantissa, e, exponent = number.lower().partition("e")
    if e and abs(int(exponent)) > _MAX_EXPONENT:
        raise ValueError(f"exponent out of range: {number!r}")
    return Fraction(number)


def _evaluate(tokens: list[Token]) -> int | Fraction:
    """Value of a numeral without decimal point (tokens from ``_tokenize``)."""
    result: int | Fraction = 0
    section: int | Fraction = 0
    pending: int | Fraction | None = None
    pending_is_cn_digit = False
    last_small: int | None = None
    last_big: int | None = None
    last_unit: int | None = None
    zero_gap = False
    decimal_scaled = False  # 10.1万 may not be followed by more digits
    seen_any = False
    for kind, val in tokens:
        if decimal_scaled and kind != _BIG:
            raise ValueError("digits after a decimal number and its unit")
        if kind == _DIGIT and val == 0:
            if pending is not None:
                raise ValueError("zero after a digit")
            zero_gap = True
            seen_any = True
            continue
        if kind in (_DIGIT, _NUM, _UNKNOWN):
            if pending is not None:
                raise ValueError("two numbers in a row")
            if kind == _UNKNOWN:
                # 几十 = ten-odd (leading: one); 二十几, 一百零几万: the unknown digit counts 0
                pending = 1 if not seen_any else 0
            else:
                pending = val
            pending_is_cn_digit = kind == _DIGIT
            seen_any = True
            continue
        if kind == _SMALL:
            unit = int(val)
            if last_small is not None and unit >= last_small:
                raise ValueError("units out of order")
            section += (pending if pending is not None else 1) * unit
            last_small, last_unit, pending, zero_gap = unit, unit, None, False
            seen_any = True
            continue
        if kind == _BIG:
            unit = int(val)
            p = section + (pending if pending is not None else 0)
            if p == 0 and result == 0:
                if not seen_any:
                    raise ValueError("a group unit with no number")
            if pending is not None and pending.denominator != 1:
                decimal_scaled = True
            if last_big is None or unit < last_big:
                result += p * unit
                last_big = unit
            else:  # 万亿: the new unit multiplies everything so far
                result = (result + p) * unit
                last_big = last_big * unit if p == 0 else unit
            section, pending, last_small, last_unit, zero_gap = 0, None, None, unit, False
            seen_any = True
            continue
        raise ValueError("unexpected token")
    if not seen_any:
        raise ValueError("no digits")
    if pending is not None:
        if pending_is_cn_digit and last_unit is not None and last_unit in _POWERS_OF_TEN and not zero_gap:
            pending = Fraction(pending * last_unit, 10)  # 九万四, 一千陆, 百三
        section += pending
    return result + section


def _read_tokens(tokens: list[Token]) -> int | Fraction:
    points = [i for i, (k, _) in enumerate(tokens) if k == _POINT]
    if not points:
        if len(tokens) >= 2 and all(k == _DIGIT for k, _ in tokens):
            if len(tokens) == 2 and tokens[0][1] == tokens[1][1]:
                raise ValueError("a repeated digit is no number")
            positional = 0  # 一七二零, 二〇二三
            for _, d in tokens:
                positional = positional * 10 + int(d)
            return positional
        return _evaluate(tokens)
    if len(points) > 1:
        raise ValueError("two decimal points")
    p = points[0]
    left, right = tokens[:p], tokens[p + 1:]
    if not left or not right:
        raise ValueError("a decimal point needs digits on both sides")
    whole = _read_tokens(left)
    digits: list[int] = []
    rest = right
    if rest and rest[0][0] == _NUM and rest[0][1].denominator == 1:  # 一百点123
        digits = [int(c) for c in str(rest[0][1])]
        rest = rest[1:]
    while rest and rest[0][0] == _DIGIT:
        digits.append(int(rest[0][1]))
        rest = rest[1:]
    if not digits or any(k != _BIG for k, _ in rest):
        raise ValueError("a decimal point must be followed by digits")
    frac = Fraction(int("".join(map(str, digits))), 10 ** len(digits))
    value = whole + frac
    for _, unit in rest:  # 三点五亿, 4.78万亿
        value *= int(unit)
    return value


def _range_split(tokens: list[Token]) -> tuple[list, list] | None:
    """三四百 → (三百, 四百): two neighbouring Chinese digits followed by a unit or after 十."""
    for i in range(len(tokens) - 1):
        (k1, a), (k2, b) = tokens[i], tokens[i + 1]
        if k1 == k2 == _DIGIT and (a, b) in _RANGE_PAIRS:
            has_unit = any(k in (_SMALL, _BIG) for k, _ in tokens)
            if has_unit or len(tokens) == 2:
                return tokens[:i + 1] + tokens[i + 2:], tokens[:i] + tokens[i + 1:]
    return None


@lru_cache(maxsize=1 << 16)
def read_number(text: str) -> Reading:
    """Read a numeral (no unit): ``read_number("三四百") == Reading(300, 400, False)``.

    Raises ValueError when the text is not a numeral.
    """
    s = _SPACES.sub("", text.translate(FULLWIDTH))
    sign = 1
    t = _table()
    if s[:1] in t.minus or s[:1] == "-":
        sign, s = -1, s[1:]
    elif s[:1] == "+":
        s = s[1:]
    approximate = False
    if any(ch in _APPROX_INNER for ch in s):
        stripped = "".join(ch for ch in s if ch not in _APPROX_INNER)
        if not stripped or s[0] in _APPROX_INNER:
            raise ValueError(f"not a numeral: {text!r}")
        s, approximate = stripped, True
    if not s:
        raise ValueError(f"not a numeral: {text!r}")
    tokens = _tokenize(s)
    if any(k == _UNKNOWN for k, _ in tokens):
        approximate = True
        if all(k == _UNKNOWN for k, _ in tokens):
            raise ValueError(f"no digits in {text!r}")
    split = None if any(k == _POINT for k, _ in tokens) else _range_split(tokens)
    if split is not None:
        lo, hi = _read_tokens(split[0]), _read_tokens(split[1])
        if lo < hi:  # 负三四百 is −400 to −300: the bounds swap with the sign
            return Reading(_fraction(lo), _fraction(hi), approximate) if sign > 0 else Reading(
                _fraction(-hi), _fraction(-lo), approximate)
    return Reading(_fraction(sign * _read_tokens(tokens)), None, approximate)


def _fraction(value: int | Fraction) -> Fraction:
    """A reading's value as a Fraction (the parser reads whole numbers as ints)."""
    return value if type(value) is Fraction else Fraction(value)


# -- shares: 百分之九十八, 三分之一, 七成六, 9.9折, 5% ------------------------------------

_SHARE = regexes.compile(
    r"(?P<den>.+?)分之(?P<num>.+)|(?P<cheng>.+?)成(?P<cheng_rest>.?)|(?P<zhe>.+?)折"
    r"|(?P<pct>.+?)(?:%|个百分点|個百分點|百分点)|(?P<permil>.+?)‰"
)


def read_share(text: str) -> Fraction:
    """A share in percent: 百分之九十八 → 98, 三分之一 → 100/3, 七成六 → 76, 9.9折 → 99."""
    s = _SPACES.sub("", text.translate(FULLWIDTH))
    if s in _table().share_words:
        return _table().share_words[s][0]
    m = _SHARE.fullmatch(s)
    if m is None:
        raise ValueError(f"not a share: {text!r}")
    if m["den"] is not None:
        den = read_number(m["den"]).value
        if den == 0:
            raise ValueError(f"zero denominator in {text!r}")
        return read_number(m["num"]).value / den * 100
    if m["cheng"] is not None:
        tens = read_number(m["cheng"]).value * 10
        if m["cheng_rest"]:
            tens += read_number(m["cheng_rest"]).value
        return tens
    if m["zhe"] is not None:
        v = read_number(m["zhe"]).value
        if not 0 < v < 10:
            raise ValueError(f"not a discount: {text!r}")
        return v * 10
    if m["pct"] is not None:
        return read_number(m["pct"]).value
    return read_number(m["permil"]).value / 10


_MONEY = regexes.compile(r"(?P<yuan>.+?)[元圆圓块塊](?:[整正]|(?P<jiao>[^角毛]+)[角毛](?:(?P<fen>.+)分)?|(?P<fen2>.+)分)?")
_SLASH = regexes.compile(r"(?:(?P<whole>-?[0-9.]+)\s+)?(?P<num>-?[0-9.]+)\s*/\s*(?P<den>[0-9.]+)")
_POWER = regexes.compile(r"(?P<base>-?[0-9.]+)\^(?P<sign>[+-]{0,2})(?P<exp>[0-9]+)")
_SUFFIX = {"k": 1000, "K": 1000, "M": 10 ** 6, "w": 10 ** 4, "W": 10 ** 4, "打": 12}
_PERCENT_DEN: dict[str, int | Fraction] = {"百": 1, "佰": 1, "千": Fraction(1, 10), "仟": Fraction(1, 10), "万": Fraction(1, 100),
                "萬": Fraction(1, 100)}


def read_value(text: str) -> Fraction:
    """Any written number as an exact value: numerals, fractions (五分之一 = 1/5, 1 3/5),
    mixed numbers (三百五又三分之一), powers (2^5), suffixes (40k, 十打), amounts (壹拾壹元整),
    and shares written as percent words (百分之九十八 = 98, 三成 = 30: in percent, as records)."""
    s = text.translate(FULLWIDTH).strip()
    m = _SLASH.fullmatch(s)
    if m:
        value = Fraction(m["num"]) / Fraction(m["den"])
        if m["whole"]:
            w = Fraction(m["whole"])
            value = w + value if w >= 0 else w - value
        return value
    s = _SPACES.sub("", s)
    m = _POWER.fullmatch(s)
    if m:
        exp = int(m["exp"]) * (-1 if m["sign"].count("-") % 2 else 1)
        base = Fraction(m["base"])
        if abs(exp) > _MAX_EXPONENT and abs(base) not in (0, 1):
            raise ValueError(f"exponent out of range: {text!r}")
        return base ** exp
    if "又" in s:  # 三百五又三分之一
        whole, _, part = s.partition("又")
        w, p = read_value(whole), read_value(part)
        return w + p if w >= 0 else w - p
    if s == "半百":
        return Fraction(50)
    if "分之" in s:
        den_text, _, num_text = s.partition("分之")
        if den_text in _PERCENT_DEN:  # 百分之九十八 is a share in percent
            return read_value(num_text) * _PERCENT_DEN[den_text]
        den = read_value(den_text)
        if den == 0:
            raise ValueError(f"zero denominator in {text!r}")
        return read_value(num_text) / den
    if s[-1:] in _SUFFIX and len(s) > 1:
        try:
            return read_value(s[:-1]) * _SUFFIX[s[-1]]
        except ValueError:
            pass
    if s.startswith(("-.", ".")):
        s = s.replace(".", "0.", 1)
    try:
        return read_number(s).value
    except ValueError:
        pass
    m = _MONEY.fullmatch(s)
    if m:
        value = read_number(m["yuan"]).value
        if m["jiao"]:
            value += read_number(m["jiao"]).value / 10
        if m["fen"] or m["fen2"]:
            value += read_number(m["fen"] or m["fen2"]).value / 100
        return value
    return read_share(s)


def to_number(text: str) -> float:
    """The value of a number written as text, as a float.

    ``to_number("两千三百") == 2300.0``, ``to_number("2.61万") == 26100.0``,
    ``to_number("五分之一") == 0.2``; shares written with percent words are in percent, as in
    records: ``to_number("百分之九十八") == 98.0``, ``to_number("三成") == 30.0``.
    Raises ValueError, and only ValueError, on text that is not a number.
    """
    if not isinstance(text, str):
        raise ValueError(f"not a number: {text!r}")
    try:
        return float(read_value(text))
    except (ValueError, ZeroDivisionError, OverflowError, ArithmeticError, RecursionError) as e:
        raise ValueError(f"not a number: {text!r}") from e
