"""The one loader of the data files in ``patterns/``: read once, validated, cached.

Every rule table (numeral characters, units, qualifiers, exclusions, gazetteers) lives in
``patterns/`` as TOML or TSV and ships inside the wheel as ``cnedu_extract.patterns``.
A malformed file fails loudly at first use with the file and entry named, never silently.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib.resources import files
from typing import Any

from .record import KINDS, QUALIFIERS

PACKAGE = "cnedu_extract.patterns"


class PatternError(ValueError):
    """A data file in patterns/ is malformed."""


def read_text(name: str) -> str:
    """The text of one data file of patterns/."""
    try:
        return (files(PACKAGE) / name).read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise PatternError(f"patterns/{name} is missing from the installed package") from e


@cache
def load_toml(name: str) -> dict[str, Any]:
    """A TOML file of patterns/, parsed (duplicate keys are refused by the TOML parser)."""
    try:
        return tomllib.loads(read_text(name))
    except tomllib.TOMLDecodeError as e:
        raise PatternError(f"patterns/{name}: {e}") from e


def load_tsv(name: str) -> list[list[str]]:
    """Rows of a tab-separated file of patterns/; blank lines and ``#`` comments skipped."""
    rows = []
    for line in read_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


# -- numerals ---------------------------------------------------------------------------

@dataclass(frozen=True)
class NumeralTable:
    digits: dict[str, int]
    small_units: dict[str, int]
    big_units: dict[str, int]
    point: frozenset[str]
    minus: frozenset[str]
    unknown_digit: frozenset[str]
    share_words: dict[str, tuple[Fraction, str]]  # 一半 → (50, exact): shares without digits
    name_digits: frozenset[str] = frozenset()  # 陆 of 陆家嘴: alone, a name rather than a digit

    @property
    def all_chars(self) -> str:
        return "".join([*self.digits, *self.small_units, *self.big_units, *self.point,
                        *self.unknown_digit])


@cache
def numerals() -> NumeralTable:
    d = load_toml("numerals.toml")
    marks = d["marks"]
    table = NumeralTable(
        digits={k: int(v) for k, v in d["digits"].items()},
        small_units={k: int(v) for k, v in d["small_units"].items()},
        big_units={k: int(v) for k, v in d["big_units"].items()},
        point=frozenset(marks["point"]), minus=frozenset(marks["minus"]),
        unknown_digit=frozenset(marks["unknown_digit"]),
        share_words={w: (Fraction(str(v["percent"])), v["qualifier"]) for w, v in d["share_words"].items()},
        name_digits=frozenset(marks.get("name_digits", ())),
    )
    for w, (_, q) in table.share_words.items():
        if q not in QUALIFIERS:
            raise PatternError(f"patterns/numerals.toml [share_words] {w!r}: {q!r} is not a qualifier")
    seen: set[str] = set()
    for group in (table.digits, table.small_units, table.big_units, table.point, table.minus,
                  table.unknown_digit):
        for ch in group:
            if len(ch) != 1 or ch in seen:
                raise PatternError(f"patterns/numerals.toml: {ch!r} is not one character or is listed twice")
            seen.add(ch)
    return table


# -- units ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    """One surface form of a unit and what it normalises to."""

    surface: str
    unit: str           # canonical unit of the record
    kind: str           # the record's kind
    factor: Fraction    # value in the canonical unit = number * factor
    not_before: tuple[str, ...] = ()   # the unit is no unit when one of these follows
    arabic_only: bool = False          # only after Arabic digits (分 as exam score)
    role: str = ""                     # special handling: "year", "rank_or_people", "subunit"


@cache
def units() -> dict[str, Unit]:
    """Unit surface → Unit, from patterns/units.toml."""
    d = load_toml("units.toml")
    out: dict[str, Unit] = {}
    for i, entry in enumerate(d.get("unit", [])):
        where = f"patterns/units.toml [[unit]] #{i + 1}"
        kind = entry.get("kind")
        if kind not in KINDS:
            raise PatternError(f"{where}: kind {kind!r} is not one of {sorted(KINDS)}")
        try:
            factor = Fraction(str(entry.get("factor", 1)))
        except (ValueError, ZeroDivisionError) as e:
            raise PatternError(f"{where}: bad factor {entry.get('factor')!r}") from e
        if not entry.get("unit") or not entry.get("surfaces"):
            raise PatternError(f"{where}: needs unit and surfaces")
        for s in entry["surfaces"]:
            if s in out:
                raise PatternError(f"{where}: surface {s!r} is listed twice")
            out[s] = Unit(s, entry["unit"], kind, factor, tuple(entry.get("not_before", ())),
                          bool(entry.get("arabic_only", False)), entry.get("role", ""))
    return out


# -- qualifiers -------------------------------------------------------------------------

@dataclass(frozen=True)
class QualifierTable:
    prefix: dict[str, str]      # word before the number → qualifier (included in the span)
    suffix: dict[str, str]      # word after the unit → qualifier (included in the span)
    inner: dict[str, str]       # between number and unit: 余, 多, 来
    window_prefix: frozenset[str]  # before a duration: makes it a time window (近三年)
    window_suffix: frozenset[str]  # after a duration: 以来, 来, 前, 后


@cache
def qualifiers() -> QualifierTable:
    d = load_toml("qualifiers.toml")
    for part in ("prefix", "suffix", "inner"):
        for word, q in d[part].items():
            if q not in QUALIFIERS:
                raise PatternError(f"patterns/qualifiers.toml [{part}] {word!r}: {q!r} is not a qualifier")
    return QualifierTable(dict(d["prefix"]), dict(d["suffix"]), dict(d["inner"]),
                          frozenset(d["window"]["prefix"]), frozenset(d["window"]["suffix"]))


@cache
def exclusions() -> dict[str, Any]:
    """Out-of-scope patterns (patterns/exclusions.toml): names, slogans, dates, notes."""
    return load_toml("exclusions.toml")
