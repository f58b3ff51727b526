"""Schools and education institutions: names in a text and the figures about them.

Names are found by their endings (中学, 小学, 学校, 幼儿园, 大学, 学院, 职院, 特校, 附小, 附中...)
and by numbered abbreviations after a place (萍乡六中, 醴陵市一中, 市二中). The part before an
ending must hold something proper (a place, a word jieba does not know, a name) rather than only
words for a kind of school (农村学校, 义务教育学校, 特色学校 are not names).

A figure is about schools when the names stand right before it as a list (A、B、C等4所, 萍师附小、
萍乡六中、市实验幼儿园3个), or when a school is the subject of its clause (北京四中今年有…).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, lru_cache

from ._data import PatternMemo, config, longest_first, prefiltered, report_time_words
from .clauses import DocText
from .tokens import tag

_SUBJECT_LEAD = re.compile(r"(?:[0-9０-９]{4}年|今年|去年|目前|截至目前|其中|同时)?")
_NOT_SUBJECT = re.compile(r"[将把向对与和至到为在]")


@dataclass(frozen=True, slots=True)
class School:
    start: int
    end: int
    name: str


@cache
def _patterns() -> dict:
    cfg = config()["school"]
    suffixes = "|".join(map(re.escape, longest_first(cfg["suffixes"])))
    return {
        "suffix": re.compile(f"(?:{suffixes})(?:[(（][^()（）\\n]{{1,12}}[)）])?"),
        "numbered": prefiltered(cfg["numbered"]),
        "generic": frozenset(cfg["generic_words"]),
        "stops": frozenset(cfg["left_stops"]) | report_time_words(),  # 今年英国大学, 目前就读于…
        "glue": tuple(longest_first(cfg["list_glue"])),
        "kinds": frozenset(cfg["place_kinds"]),
        "universities": frozenset(cfg["university_suffixes"]),
    }


def _proper(prefix: str, suffix: str, p: dict, region_re: re.Pattern[str]) -> bool:
    """Whether the part of a name before its ending makes it one school (not a kind).

    After an optional place (萍乡, 醴陵市, or 市 for the home city) the rest must hold a word
    that is not a kind of school: a word jieba does not know, a name, a single character of
    an unknown name (雅礼, 萍师), or with a place, a place kind (市实验幼儿园, 桂林中心学校).
    """
    generic, kinds = p["generic"], p["kinds"]
    rm = region_re.match(prefix)
    place = rm is not None and rm.end() < len(prefix) + 1
    rest = prefix[rm.end():] if rm else prefix
    if not prefix:
        return False  # a bare ending (小学生的…, 中学完成…) is a kind, not a name
    if not rm and prefix[0] in "省市县区":
        place, rest = True, prefix[1:]
    if place and not rest:
        return not suffix.startswith("学校")  # 湖南大学, 芦溪特校 name a school; 龙岩市学校 does not
    if place and (rest in kinds or suffix in p["universities"]):
        return True  # (哈尔滨工业大学, 南京农业学院: a place and a field name a university)
    for w, t in tag(rest):
        if w in generic:
            continue
        if place or t in ("x", "j", "ns", "nr", "nz", "nt", "nrt", "nrfg") or (len(w) == 1 and t not in _FUNCTION):
            return True
    return False


_proper_name = PatternMemo(lambda key, region_re: _proper(key[0], key[1], _patterns(), region_re))


_HAN_RUN = re.compile("[\u3400-\u9fff]*\\Z")  # the run of Chinese characters at the end
_FUNCTION = frozenset({"uj", "ul", "c", "p", "d", "m", "q", "r", "f", "u", "y", "e", "zg"})


def _left(text: str, end: int, stops: frozenset[str], limit: int = 16) -> int:
    """Start of a name ending at ``end``: back over Chinese characters, then after the last
    word that cannot be inside a name: a stop word, a verb of two or more characters, a
    function word (组建萍师附小 → 萍师附小; 赴农村学校 → 农村学校)."""
    return end - _name_length(text[max(0, end - limit):end], stops)


@lru_cache(maxsize=16384)
def _name_length(before: str, stops: frozenset[str]) -> int:
    """How many of the last characters of ``before`` the name takes (see ``_left``)."""
    run = _HAN_RUN.search(before)
    i = run.start() if run is not None else len(before)  # (always found: the run may be empty)
    pos, cut = i, i
    for w, t in tag(before[i:]):
        pos += len(w)
        if w in stops or (t.startswith("v") and t != "vn" and len(w) >= 2) or t in _FUNCTION \
                or (t in ("a", "ad") and len(w) >= 2):
            cut = pos
    return len(before) - cut


def find_schools(doc: DocText, region_re: re.Pattern[str],
                 spans: list[tuple[int, int]] | None = None) -> list[School]:
    """School names of a document (or within ``spans``) in order, as written."""
    p = _patterns()
    text = doc.text
    out: list[School] = []
    spans = spans or [(0, len(text))]
    for m in (m for a, b in spans for m in p["suffix"].finditer(text, a, b)):
        base_end = m.start()
        if text[base_end - 1:base_end] == "中" and m.group().startswith(("小学", "学校")):
            continue  # 中小学, 中小学校: a kind
        if doc.in_quotes(base_end, m.end()):
            continue
        s = _left(text, base_end, p["stops"])
        prefix = text[s:base_end]
        if not _proper_name((prefix, m.group()), region_re):
            continue
        out.append(School(s, m.end(), text[s:m.end()]))
    for m in (m for a, b in spans for m in p["numbered"].finditer(text, a, b)):
        s = m.start()
        rm = None
        for k in range(max(0, s - 8), s):
            rm = region_re.match(text, k)
            if rm and rm.end() == s:
                break
            rm = None
        if rm is not None:
            start = rm.start()
        elif s > 0 and text[s - 1] in "市县区":
            start = s - 1
        else:
            continue
        if any(o.start <= start < o.end for o in out):
            continue
        out.append(School(start, m.end(), text[start:m.end()]))
    out.sort(key=lambda x: x.start)
    merged: list[School] = []
    for sc in out:
        if merged and sc.start < merged[-1].end:
            if sc.end - sc.start > merged[-1].end - merged[-1].start:
                merged[-1] = sc
            continue
        merged.append(sc)
    return merged


class SchoolLinker:
    """Per-document school attachment."""

    def __init__(self, doc: DocText, schools: list[School]) -> None:
        self.doc, self.schools = doc, schools
        self._ends = [s.end for s in schools]
        self.glue = _patterns()["glue"]
        self.list_end = -1  # where the list of the last attached figure ends

    def attach(self, start: int) -> str | None:
        self.list_end = -1
        if not self.schools:
            return None
        text = self.doc.text
        c0, _ = self.doc.clause(start)
        i = bisect_left(self._ends, start + 1) - 1
        if i < 0 or self.schools[i].end < c0:
            return None
        last = self.schools[i]
        between = text[last.end:start]
        for g in self.glue:
            if between.startswith(g):
                between = between[len(g):]
                break
        if between.strip() in ("", "共", "计", "这", "等"):
            # a list: walk back over 、和及与; one name right before a count needs 等/共 (a list of
            # one), since 小规模学校66所 counts schools of a kind
            names = [last]
            j = i - 1
            while j >= 0 and self.schools[j].start >= c0:
                sep = text[self.schools[j].end:names[0].start]
                if sep not in ("、", "和", "及", "与", "以及", ","):
                    break
                names.insert(0, self.schools[j])
                j -= 1
            if len(names) > 1 or text[last.end:start] != between:
                self.list_end = start - len(between)
                return "、".join(n.name for n in names)
            return None
        # the subject of the clause: a school at its start, only time words before it
        first = bisect_left(self._ends, c0 + 1)
        if first < len(self.schools):
            sc = self.schools[first]
            lead = text[c0:sc.start].strip()
            if sc.end <= start and _SUBJECT_LEAD.fullmatch(lead):
                rest = text[sc.end:start]
                if not _NOT_SUBJECT.search(rest[:2]):
                    return sc.name
        return None
