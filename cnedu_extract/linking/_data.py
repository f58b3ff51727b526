"""The linker's view of the data in ``cnedu_extract.patterns``: ``linking.toml`` checked for the keys
it reads, and the shared loader and regex helpers it uses (read once, validated)."""
from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any, Callable

from ..lexicon import load_tsv as tsv_rows, read_text  # noqa: F401 - the one loader of patterns/
from ..regexes import first_chars, longest_first, prefiltered  # noqa: F401 - the linker's modules import them from here

_REQUIRED = {
    "home": ("datelines", "header_chars", "footer_chars", "title_weight", "header_weight",
             "body_weight", "descend_share"),
    "scope": ("city", "province", "county", "district", "nation", "nation_name", "target_verbs"),
    "school": ("suffixes", "numbered", "generic_words", "left_stops", "list_glue"),
    "program": ("suffixes", "weak_suffixes", "verbs", "quoted_verbs", "level_words", "honour_verbs", "quoted_heads", "lead_words"),
    "metric": ("strip_left", "strip_right", "verbal_measures", "demonstratives", "max_left", "max_right"),
}


@cache
def config() -> dict[str, Any]:
    """``patterns/linking.toml``, checked for the sections and keys the linker reads."""
    cfg = tomllib.loads(read_text("linking.toml"))
    for section, keys in _REQUIRED.items():
        missing = [k for k in keys if k not in cfg.get(section, {})]
        if missing:
            raise ValueError(f"patterns/linking.toml: [{section}] lacks {', '.join(missing)}")
    for section in ("scope", "school", "program", "metric"):
        for key, val in cfg[section].items():
            if isinstance(val, list) and len(set(val)) != len(val):
                dup = sorted({v for v in val if val.count(v) > 1})
                raise ValueError(f"patterns/linking.toml: [{section}] {key} repeats {dup}")
    return cfg


@cache
def report_time_words() -> frozenset[str]:
    """Words that date a report (今年, 目前, 全年): they stand before names without being part
    of them (今年云南工商学院, 今年全国高校招生计划)."""
    t = config()["time"]
    return frozenset([*t["now_words"], *t["within_year"]])


class PatternMemo:
    """Memo of a pure function ``fn(key, pattern)`` of a phrase and a compiled pattern, kept
    per pattern by its id (hashing a compiled pattern hashes its whole code, and the
    gazetteer's is large; the pattern is held so that its id stays its own), bounded."""

    def __init__(self, fn: Callable[[Any, re.Pattern[str]], Any], maxsize: int = 65536) -> None:
        self.fn, self.maxsize = fn, maxsize
        self._by_pattern: dict[int, tuple[re.Pattern[str], dict[Any, Any]]] = {}

    def __call__(self, key: Any, pattern: re.Pattern[str]) -> Any:
        entry = self._by_pattern.get(id(pattern))
        if entry is None or entry[0] is not pattern:
            entry = self._by_pattern[id(pattern)] = (pattern, {})
        memo = entry[1]
        try:
            return memo[key]
        except KeyError:
            if len(memo) >= self.maxsize:
                memo.clear()
            out = memo[key] = self.fn(key, pattern)
            return out


class Anchored:
    """``pattern.finditer`` for a pattern that holds a set of literal words (its anchor) after a
    part of bounded width, e.g. a dateline ``(?P<place>[一-龥]{2,8}?)(?:日报|晚报|教育局)``: the
    pattern is only tried where an anchor word stands within that width, not at every
    character. Same matches as ``finditer`` (leftmost, non-overlapping)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)
        self._anchor: re.Pattern[str] | None = None
        self._lo = self._hi = 0
        try:
            from re import _constants as C, _parser as P  # type: ignore[attr-defined]
            parsed = P.parse(pattern)
            items = list(parsed)
            for k, (op, av) in enumerate(items):
                words = _literal_words(op, av, C)
                if words:
                    lo, hi = P.SubPattern(parsed.state, items[:k]).getwidth()
                    if 0 < hi < 64 and all(words):  # (with nothing before it the engine is as quick)
                        self._anchor = re.compile("|".join(map(re.escape, longest_first(words))))
                        self._lo, self._hi = lo, hi
                    break
        except Exception:  # pragma: no cover - parser internals differ
            self._anchor = None

    def finditer(self, text: str) -> list[re.Match[str]]:
        if self._anchor is None:
            return list(self.pattern.finditer(text))
        starts: list[int] = []
        m = self._anchor.search(text)
        while m is not None:  # every start of an anchor word, overlapping ones included
            s = m.start()
            for p in range(max(0, s - self._hi), s - self._lo + 1):
                starts.append(p)
            m = self._anchor.search(text, s + 1)
        out: list[re.Match[str]] = []
        nxt = 0
        match = self.pattern.match
        for p in sorted(set(starts)):
            if p < nxt:
                continue
            mm = match(text, p)
            if mm is not None:
                out.append(mm)
                nxt = mm.end() if mm.end() > p else p + 1
        return out


def _literal_words(op: Any, av: Any, C: Any) -> list[str] | None:
    """The words a literal or an alternation of literal words matches, else None."""
    if op is C.LITERAL:
        return [chr(av)]
    if op is C.SUBPATTERN and not av[1] and not av[2] and len(av[3]) == 1:
        inner_op, inner_av = list(av[3])[0]
        return _literal_words(inner_op, inner_av, C)
    if op is C.BRANCH:
        words = []
        for alt in av[1]:
            if not all(o is C.LITERAL for o, _ in alt):
                return None
            words.append("".join(chr(a) for _, a in alt))
        return words
    return None
