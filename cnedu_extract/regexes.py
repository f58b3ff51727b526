"""Compile a pattern with the fastest engine that understands it.

The stdlib ``re`` engine runs our large alternations about four times faster than ``regex``;
``regex`` is used where a pattern needs its features (``\\p{Han}``, ``\\K``, named lists).
Both give the same matches for the patterns that ``re`` accepts.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable

import regex


def compile(pattern: str, **named_lists: Any) -> Any:  # noqa: A001 - mirrors re.compile
    """A compiled pattern: ``re`` when it accepts the pattern, else ``regex``."""
    if not named_lists:
        try:
            return re.compile(pattern)
        except re.error:
            pass
    return regex.compile(pattern, **named_lists)


try:  # the standard parser's tree: what the engine itself sees of a pattern
    from re import _constants as _C, _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons
    _C = _P = None


def _parse(pattern: str) -> Any:
    """The parse tree of ``pattern``, or None when the parser is not there, the pattern is not
    valid for ``re`` or it sets flags (the helpers below reason about plain patterns only)."""
    if _P is None:
        return None
    try:
        parsed = _P.parse(pattern)
    except re.error:
        return None
    return None if parsed.state.flags & ~re.UNICODE else parsed


def first_chars(pattern: str) -> str | None:
    """A character class (``[...]``) holding every character a match of ``pattern`` can start
    with, or None when that cannot be told simply (the pattern may match the empty string,
    starts with any character, a negated class, a category, a back-reference, flags...)."""
    parsed = _parse(pattern)
    if parsed is None:
        return None
    C = _C
    ranges: list[tuple[int, int]] = []

    def seq(items) -> bool | None:
        """Add the first characters of a sequence; True if it can be empty, None if unknown."""
        for op, av in items:
            nullable = item(op, av)
            if nullable is None or not nullable:
                return nullable
        return True

    def item(op, av) -> bool | None:
        if op is C.LITERAL:
            ranges.append((av, av))
            return False
        if op is C.IN:
            for iop, iav in av:
                if iop is C.LITERAL:
                    ranges.append((iav, iav))
                elif iop is C.RANGE:
                    ranges.append(iav)
                else:
                    return None  # NEGATE, CATEGORY...
            return False
        if op is C.BRANCH:
            out: bool | None = False
            for alt in av[1]:
                r = seq(alt)
                if r is None:
                    return None
                out = out or r
            return out
        if op is C.SUBPATTERN:
            if av[1] or av[2]:
                return None  # local flags
            return seq(av[3])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)):
            r = seq(av[2])
            return None if r is None else (r or av[0] == 0)
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return True  # zero-width: the first consumed character comes after it
        return None

    if seq(parsed) is not False:
        return None
    out = []
    for lo, hi in sorted(set(ranges)):
        out.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return "[" + "".join(out) + "]"


def prefiltered(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled so that the engine leaves most positions of a text at once (same
    matches, same groups): rewritten to start with literals (``literal_led``) when it can be,
    else behind a look-ahead for its possible first characters (one test per position)."""
    led = literal_led(pattern)
    if led is not None:
        return re.compile(led)
    cls = first_chars(pattern)
    return re.compile(pattern if cls is None else f"(?={cls})(?:{pattern})")


def longest_first(words: list[str]) -> list[str]:
    """Words sorted so that a longer word is tried before its prefix."""
    return sorted(set(words), key=lambda w: (-len(w), w))


def trie_pattern(words: Iterable[str], bucket: int = 16,
                 guard: Callable[[str], str] | None = None) -> str:
    """A regular expression matching any of ``words``, longest first, shaped as a trie.

    A flat alternation of thousands of names makes the regex engine try each at every
    position; a trie with first characters split into halves by look-ahead classes needs a
    handful of tests per position (3-4M chars/s on the gazetteer). ``guard(word)``, when
    given, is a zero-width pattern that must hold where that word ends (``(?![A-Za-z])``):
    the same matches, in the same order, as the alternation of each word and its guard,
    longest first.
    """
    trie: dict = {}
    for w in longest_first(list(words)):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = guard(w) if guard is not None else ""

    def alts(parts: list[tuple[str, str]]) -> str:
        if len(parts) <= bucket:
            return "|".join(p for _, p in parts)
        mid = len(parts) // 2
        lo, hi = parts[:mid], parts[mid:]
        cls = "[" + "".join(re.escape(k) for k, _ in lo) + "]"
        return f"(?={cls})(?:{alts(lo)})|(?:{alts(hi)})"

    def emit(node: dict) -> str:
        kids = sorted(k for k in node if k)
        if not kids:
            return node.get("", "")
        parts = [(k, re.escape(k) + emit(node[k])) for k in kids]
        body = parts[0][1] if len(parts) == 1 else f"(?:{alts(parts)})"
        if "" not in node:
            return body
        # a word ends here: a longer one first, then this one where its guard holds (an empty
        # branch, not ``?``: the engine tries a branch without the context a repeat pushes)
        return f"(?:{body}|{node['']})" if node[""] else f"(?:{body}|)"

    return emit(trie)


# --- literal-led rewriting -------------------------------------------------------------------
#
# The engine scans fast only for a pattern that starts with a literal or a character class,
# or with an alternation whose every branch starts with a literal: it then skips to the places
# where one of those characters stands. A pattern that starts with a group, an optional part
# or a look-around is tried at every position. ``literal_led`` rewrites such a pattern as an
# alternation of branches that each start with one literal character (the first characters
# of the old pattern, each followed by what may come after it), with the same matches.

_MAX_BRANCHES = 4096  # give up on patterns that would grow past this many first characters
_MAX_CLASS = 256      # a class with more characters is not split into literals


def literal_led(pattern: str) -> str | None:
    """``pattern`` rewritten to start with one literal per branch, or None when it cannot be
    (capturing groups, flags, a class with too many characters or a category, a branch that
    may be empty, anchors...). Same matches, in the same order of preference."""
    parsed = _parse(pattern)
    if parsed is None or parsed.state.groups > 1:
        return None
    C = _C
    try:
        branches = _split(list(parsed), C, parsed.state)
    except _Unsupported:
        return None
    if branches is None:
        return None
    by_char: dict[int, list[list]] = {}  # insertion order: first characters as they came
    for ch, tail in branches:
        by_char.setdefault(ch, []).append(tail)
    try:
        alts = []
        for ch, tails in by_char.items():
            if len(tails) == 1:
                alts.append(_esc(ch) + _unparse(tails[0], C))
            else:
                alts.append(_esc(ch) + "(?:" + _alternation(tails, C) + ")")
    except _Unsupported:
        return None
    return "|".join(alts)


def _alternation(tails: list[list], C: Any) -> str:
    """Parsed sequences as one alternation, in their order. Neighbours that start with the same
    look-around test it once: (?:AX|AY|Z) is (?:A(?:X|Y)|Z), as a look-around matches nothing
    and holds or fails at its place whatever follows (a look-behind moved after the first
    character starts every branch of digit-led masks: one test, not one per branch)."""
    out = []
    k = 0
    while k < len(tails):
        lead = _lead(tails[k], C)
        j = k + 1
        while lead is not None and j < len(tails) and _lead(tails[j], C) == lead:
            j += 1
        if j - k > 1:
            out.append(lead + "(?:" + _alternation([t[1:] for t in tails[k:j]], C) + ")")
        else:
            out.append(_unparse(tails[k], C))
        k = j
    return "|".join(out)


def _lead(items: list, C: Any) -> str | None:
    """The pattern text of a sequence's first item when it is a look-around, else None."""
    if items and items[0][0] in (C.ASSERT, C.ASSERT_NOT):
        return _unparse(items[:1], C)
    return None


class _Unsupported(Exception):
    pass


def _split(items: list, C: Any, state: Any) -> list[tuple[int, list]] | None:
    """The sequence ``items`` as (first character, what must follow it) branches, in order."""
    if not items:
        return None  # an empty branch matches without a first character
    op, av = items[0]
    rest = items[1:]
    if op is C.LITERAL:
        return [(av, rest)]
    if op is C.IN:
        chars = _class_chars(av, C)
        return None if chars is None else [(c, rest) for c in chars]
    if op is C.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        if group is not None or add_flags or del_flags:
            return None
        return _split(list(sub) + rest, C, state)
    if op is C.BRANCH:
        out: list[tuple[int, list]] = []
        for alt in av[1]:
            got = _split(list(alt) + rest, C, state)
            if got is None:
                return None
            out += got
            if len(out) > _MAX_BRANCHES:
                return None
        return out
    if op is C.MAX_REPEAT or op is C.MIN_REPEAT:
        lo, hi, sub = av
        if hi == 0:
            return _split(rest, C, state)
        if sub.getwidth()[0] == 0:
            return None  # a repeat of something that may be empty
        left = lo - 1 if lo > 0 else 0
        more = hi if hi == C.MAXREPEAT else hi - 1
        once = list(sub) + ([(op, (left, more, sub))] if more else []) + rest
        if lo >= 1:
            return _split(once, C, state)
        with_it, without = _split(once, C, state), _split(rest, C, state)
        if with_it is None or without is None:
            return None
        # greedy: one more first; lazy: one fewer first
        return with_it + without if op is C.MAX_REPEAT else without + with_it
    if op is C.ASSERT or op is C.ASSERT_NOT:
        direction, sub = av
        got = _split(rest, C, state)
        if got is None:
            return None
        out = []
        for ch, tail in got:
            if direction < 0:  # (?<!X) before ch is (?<!Xch) after it
                moved = (op, (-1, _sub(state, list(sub) + [(C.LITERAL, ch)])))
            else:  # (?=Y) before ch is (?<=(?=Y)ch) after it
                moved = (C.ASSERT, (-1, _sub(state, [(op, (1, sub)), (C.LITERAL, ch)])))
            out.append((ch, [moved] + tail))
        return out
    return None


def _sub(state: Any, data: list) -> Any:
    return _P.SubPattern(state, data)


def _class_chars(items: list, C: Any) -> list[int] | None:
    chars: list[int] = []
    for op, av in items:
        if op is C.LITERAL:
            chars.append(av)
        elif op is C.RANGE:
            chars.extend(range(av[0], av[1] + 1))
        else:
            return None  # NEGATE, CATEGORY
        if len(chars) > _MAX_CLASS:
            return None
    return sorted(set(chars))


def _esc(ch: int) -> str:
    return re.escape(chr(ch))


_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}
_ATS = {"AT_BEGINNING": "^", "AT_END": "$", "AT_BOUNDARY": r"\b", "AT_NON_BOUNDARY": r"\B",
        "AT_BEGINNING_STRING": r"\A", "AT_END_STRING": r"\Z"}


def _unparse(items: Any, C: Any) -> str:
    """Pattern text of parsed ``items`` (the operations ``literal_led`` meets)."""
    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(_esc(av))
        elif op is C.NOT_LITERAL:
            out.append("[^" + _esc(av) + "]")
        elif op is C.ANY:
            out.append(".")
        elif op is C.IN:
            body = []
            for iop, iav in av:
                if iop is C.NEGATE:
                    body.append("^")
                elif iop is C.LITERAL:
                    body.append(_esc(iav))
                elif iop is C.RANGE:
                    body.append(_esc(iav[0]) + "-" + _esc(iav[1]))
                elif iop is C.CATEGORY and str(iav) in _CATEGORIES:
                    body.append(_CATEGORIES[str(iav)])
                else:
                    raise _Unsupported(iop)
            out.append("[" + "".join(body) + "]")
        elif op is C.AT and str(av) in _ATS:
            out.append(_ATS[str(av)])
        elif op is C.BRANCH:
            out.append("(?:" + "|".join(_unparse(alt, C) for alt in av[1]) + ")")
        elif op is C.SUBPATTERN and av[0] is None and not av[1] and not av[2]:
            out.append("(?:" + _unparse(av[3], C) + ")")
        elif op is C.ATOMIC_GROUP:
            out.append("(?>" + _unparse(av, C) + ")")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            count = "{%d,%s}" % (lo, "" if hi == C.MAXREPEAT else hi)
            lazy = "?" if op is C.MIN_REPEAT else "+" if op is not C.MAX_REPEAT else ""
            out.append("(?:" + _unparse(sub, C) + ")" + count + lazy)
        elif op is C.ASSERT or op is C.ASSERT_NOT:
            direction, sub = av
            kind = ("=" if op is C.ASSERT else "!") if direction > 0 else ("<=" if op is C.ASSERT else "<!")
            out.append("(?" + kind + _unparse(sub, C) + ")")
        else:
            raise _Unsupported(op)
    return "".join(out)
