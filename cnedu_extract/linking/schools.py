"""Schools and education institutions: their names in a text.

Names are found by their endings (中学, 小学, 学校, 幼儿园, 大学, 学院, 职院, 特校, 附小, 附中...)
and by numbered abbreviations after a place (萍乡六中, 醴陵市一中, 市二中). The part before an
ending must hold something proper (a place, a word jieba does not know, a name) rather than only
words for a kind of school (农村学校, 义务教育学校, 特色学校 are not names).

Universities are also found by the gazetteer (``universities.py``): full names and short forms
(北大, 哈佛); a short form that is also a common word (人大, 牛津) only beside a school word or
another school.

The endings and listed names come from one automaton pass (``school_scan.py``). Which school a
figure is about is decided in ``school_linker.py``.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from ._data import PatternMemo, longest_first
from .clauses import DocText
from .gazetteer import gazetteer
from .school_scan import School, scan, school_patterns
from .tokens import has_word, tag, word_starts
from .universities import universities

__all__ = ["School", "find_schools", "owned", "proper_part", "school_patterns"]


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
    if rm is not None and not rest and _foreign(rm.group()):
        return False  # 美国大学: universities of a country
    bare = _generic_in(p).sub("", rest)  # the rest without words of kind
    # (a name jieba cuts as one word is a word of its dictionary: a lookup before segmenting)
    if bare and has_word(prefix + suffix) and tag(prefix + suffix)[-1:] == ((prefix + suffix, "nt"),):
        return True  # jieba knows the whole name as an organisation's (格致中学; not 理工学院)
    if not bare and not place:
        return False  # only words of kind, however jieba cuts them (普惠性民办幼儿园)
    if not rm and prefix[0] in "省市县区":
        place, rest = True, prefix[1:]
    if _COUNTED.search(prefix):
        return False  # 宾夕法尼亚四所学校: a count of schools, not a name
    if owned(rest, suffix):
        return True  # named by the body that runs it and its field (海军医学专科学校, 空军工程学院)
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


def owned(prefix: str, suffix: str) -> bool:
    """Whether a name is one of a body that runs schools of its own and a field: a college's
    ending after the body (空军工程学院), else two words (海军|医学|专科学校; not 空军|子女学校)."""
    p = school_patterns()
    if not prefix.startswith(p["owners"]):
        return False  # (most names: no owner's word to look for)
    owner = next((w for w in p["owners"] if prefix.startswith(w)), None)
    if owner is None or prefix == owner:
        return False
    return suffix.startswith(tuple(p["universities"])) or len(tag(prefix[len(owner):])) >= 2


@cache
def _generic_parts(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, longest_first([w for w in words if len(w) >= 2]))))


def _generic_in(p: dict) -> re.Pattern[str]:
    return _generic_parts(p["generic"])


_COUNTED = re.compile("[0-9０-９一二三四五六七八九十两几]+[所个名位家]")


def _foreign(form: str) -> bool:
    """Whether a place name is a country (美国, 中国), not a region of China."""
    return any(r.level in ("country", "nation") for r, _ in gazetteer().forms.get(form, ()))


def _ending_word(text: str, base_end: int, end: int) -> tuple[bool, int | None]:
    """How jieba's words meet an ending at [base_end, end): whether one runs over its start
    or its end (广大|学生, 高中|学生, 大学生: the ending is then no ending), and the start of an
    organisation's name (nt) that ends with it (格致中学, which a cut at 格致 'd' would lose)."""
    a = max(0, base_end - 6)
    pos = a
    for w, t in tag(text[a:min(len(text), end + 3)]):
        nxt = pos + len(w)
        if nxt <= base_end:
            pos = nxt
            continue
        # the first word past the ending's start: it runs over it, or starts with it
        if pos < base_end:
            if nxt != end:
                return True, None  # (高职高专 holds 职高)
            return False, (pos if t == "nt" and pos > a else None)
        # 大学生, 小学生: the ending starts a longer word (not 小学校长: 小学|校长)
        return nxt > end and not text.startswith(school_patterns()["context"], end), None
    return False, None


def _word_across(text: str, base_end: int, end: int) -> bool:
    """Whether a word of jieba's dictionary starts in the few characters before an ending and
    ends with it (格致中学): only then can ``_ending_word`` find the start of a name there. A
    cheap test (a dictionary lookup per start) before segmenting the window."""
    starts = word_starts()
    for pos in range(max(0, base_end - 6) + 1, base_end):
        # (a word's first two characters are a word start: most starts need no lookup)
        if text[pos:pos + 2] in starts and has_word(text[pos:end]):
            return True
    return False


def _official(form: str) -> bool:
    """Whether a place is written with its level: an official name (苏州市, 云南省)."""
    return any(not short for _, short in gazetteer().forms.get(form, ()))



@lru_cache(maxsize=4096)
def proper_part(name: str) -> str:
    """A school's name without the places written before it, as far as the rest still names
    one school: 苏州市草桥实验小学 → 草桥实验小学, 云南省怒江州特殊教育学校 → 怒江州特殊教育学校
    (特殊教育学校 is a kind). A place is dropped when written with its level (苏州市) or followed by
    another place (湖北恩施…); 北京景山学校 stays. Listed universities and numbered names
    (醴陵市一中) stay as written."""
    if name in universities().forms or school_patterns()["numbered"].search(name):
        return name
    region_re = gazetteer().pattern
    m = school_patterns()["suffix"].search(name)
    while m is not None and m.end() == len(name):
        rm = region_re.match(name)
        if rm is None or rm.end() >= m.start():
            break
        rest = name[rm.end():]
        if not (_official(rm.group()) or region_re.match(rest)):
            break  # 杭州商贸职高 keeps 杭州 (a short form, no level written)
        rm2 = school_patterns()["suffix"].search(rest)
        while rm2 is not None and rm2.end() != len(rest):
            rm2 = school_patterns()["suffix"].search(rest, rm2.start() + 1)
        if rm2 is None or not _named_part(rest[:rm2.start()]):
            break
        name, m = rest, rm2
    return name


_KIND_PARTS = ("教育", "女子")  # 特殊教育学校, 女子高中 are kinds without their place


def _named_part(prefix: str) -> bool:
    """Whether what stands before a known school's ending, its place taken away, still names
    it: a noun or name of two characters or more that is no word of kind (草桥实验 → 草桥;
    特殊教育 is a kind of school)."""
    p = school_patterns()
    rest = _generic_in(p).sub("", prefix)
    for kind in _KIND_PARTS:
        rest = rest.replace(kind, "")
    if rest in p["kinds"]:
        return False  # 育才学校 names one school only with its place
    return len(rest) >= 2 and all(t[0] in "nxj" for _, t in tag(rest))


_proper_name = PatternMemo(lambda key, region_re: _proper(key[0], key[1], school_patterns(), region_re))


# the run of Chinese characters at the end, a hyphen or middle dot inside it (艾克斯-马赛), read
# backwards: matched at the start of the reversed window (a search for the run at the end of the
# window would try every start in it)
_HAN_RUN_REVERSED = re.compile("[\u3400-\u9fff]*(?:[-·－][\u3400-\u9fff]+)*")
_FUNCTION = frozenset({"uj", "ul", "c", "p", "d", "m", "q", "r", "f", "u", "y", "e", "zg"})


def _left(text: str, end: int, stops: frozenset[str], limit: int = 16) -> int:
    """Start of a name ending at ``end``: back over Chinese characters, then after the last
    word that cannot be inside a name: a stop word, a verb of two or more characters, a
    function word (组建萍师附小 → 萍师附小; 赴农村学校 → 农村学校)."""
    n = _HAN_RUN_REVERSED.match(text[max(0, end - limit):end][::-1]).end()
    return end - _run_length(text[end - n:end], stops) if n else end


@lru_cache(maxsize=16384)
def _run_length(run: str, stops: frozenset[str]) -> int:
    """How many of the last characters of a run of Chinese characters a name takes (see
    ``_left``; remembered by the run, which recurs across texts more than the window before
    it: 普通, 职业技术)."""
    cut = pos = 0
    for w, t in tag(run):
        pos += len(w)
        if w in stops or (t.startswith("v") and t != "vn" and len(w) >= 2) or t in _FUNCTION \
                or (t in ("a", "ad") and len(w) >= 2):
            cut = pos
    return len(run) - cut


def _cut_before(text: str, end: int, stops: frozenset[str]) -> bool:
    """Whether the character before ``end`` is a word of its own that ends a name (的, 在, 等,
    们 of 我们: a stop or function word, and no word of jieba's of two to four characters
    ends with it): the name before an ending there is empty, found without segmenting."""
    c = text[end - 1]
    if c not in stops and _char_tag(c) not in _FUNCTION:
        return False
    starts = word_starts()
    for k in range(max(0, end - 4), end - 1):
        if text[k:k + 2] in starts and has_word(text[k:end]):  # (see ``_word_across``)
            return False
    return True


@lru_cache(maxsize=8192)
def _char_tag(c: str) -> str:
    return tag(c)[0][1]


def find_schools(doc: DocText, region_re: re.Pattern[str],
                 spans: list[tuple[int, int]] | None = None) -> list[School]:
    """School names of a document (or within ``spans``) in order, as written."""
    p = school_patterns()
    text = doc.text
    out: list[School] = []
    spans = spans or [(0, len(text))]
    listed, endings = scan(doc, spans)
    # a listed short form that reaches into an ending (北大|学生 read as 北+大学) keeps its word
    across = {sc.end - 1 for sc in listed}
    short: list[tuple[int, int, str, str]] = []  # names of one common word (草桥小学), kept aside
    stops = p["stops"]
    quoted = _Marks(doc) if doc.quoted or doc.titled else None
    for base_end, end, core_end in endings:
        if base_end in across:
            continue
        c = text[base_end - 1] if base_end else ""
        if c == "中" and text.startswith(("小学", "学校"), base_end):
            continue  # 中小学, 中小学校: a kind
        if not ("\u3400" <= c <= "\u9fff" or c in "-·－"):
            continue  # nothing of a name before the ending (，学校; 3所学校)
        if quoted is not None and quoted.hold(base_end, end):
            continue
        s = base_end if _cut_before(text, base_end, stops) else _left(text, base_end, stops)
        if s == base_end and not _word_across(text, base_end, core_end):
            continue  # nothing before the ending, and no word of jieba's runs over it into a name
        splits, word_start = _ending_word(text, base_end, core_end)
        if splits:
            continue
        if word_start is not None and word_start < s:
            s = word_start
        prefix = text[s:base_end]
        ending = text[base_end:end]
        if not _proper_name((prefix, ending), region_re):
            if len(prefix) >= 2:
                short.append((s, end, prefix, ending))
            continue
        out.append(School(s, end, text[s:end]))
    for m in p["numbered_ends"].finditer(text, spans):
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
    # a short name of a school named in full elsewhere (草桥小学 after 苏州草桥实验小学)
    for s, e, prefix, ending in short:
        if region_re.match(prefix) or not _named_part(prefix):
            continue  # (美国大学, 普通中专学校 stay kinds)
        if any(o.name.endswith(ending) and prefix in o.name[:-len(ending)] for o in out):
            out.append(School(s, e, text[s:e]))
    out += listed
    out.sort(key=lambda x: (x.start, x.key == ""))  # a listed name first among equal spans
    merged: list[School] = []
    for sc in out:
        if merged and sc.start < merged[-1].end:
            last = merged[-1]
            if sc.name == sc.key and sc.end == last.end and not last.key and \
                    not region_re.fullmatch(text, last.start, sc.start):
                merged[-1] = sc  # a listed full name ending where a longer one ends (拿|广州大学;
                # not 河北|保定学院, whose place is part of the name as written)
            elif sc.end - sc.start > last.end - last.start and not (last.name == last.key and last.end == sc.end):
                merged[-1] = sc  # the longer
            continue
        merged.append(sc)
    forms = universities().forms
    tentative = {(sc.start, sc.end) for sc in listed if forms[sc.name].needs_context}
    keep: list[School] = []
    not_before = school_patterns()["not_before"]
    for k, sc in enumerate(merged):
        if (sc.start, sc.end) in tentative and not _in_context(doc, merged, k, school_patterns()["context"], tentative):
            continue
        if text.startswith(not_before, sc.end):
            continue  # 清华大学出版社, 北京大学第一医院: another body of the school
        if not sc.key:
            f = forms.get(sc.name)
            sc = School(sc.start, sc.end, sc.name, f.university.name if f else sc.name)
        keep.append(sc)
    return keep


class _Marks:
    """``DocText.in_quotes`` asked at positions in increasing order (the endings of a text): a
    pointer per list of spans walks on with them instead of a search per ending."""

    def __init__(self, doc: DocText) -> None:
        self.lists = [spans for spans in (doc.quoted, doc.titled) if spans]
        self.at = [0] * len(self.lists)

    def hold(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside “…” or 《…》, marks excluded."""
        for k, spans in enumerate(self.lists):
            i = self.at[k]
            while i + 1 < len(spans) and spans[i + 1][0] <= start:
                i += 1
            self.at[k] = i
            if spans[i][0] < start and end <= spans[i][1]:
                return True
        return False


def _in_context(doc: DocText, schools: list[School], k: int, words: tuple[str, ...],
                tentative: set[tuple[int, int]]) -> bool:
    """Whether a short form that is also a common word stands as a school: before a school
    word (人大学生, 牛津教授), next to another school in a list (北大、人大), or in a sentence
    that names two other universities surely (a ranking: 哈佛、耶鲁…；…，杜克顺延第10)."""
    text = doc.text
    sc = schools[k]
    if text.startswith(words, sc.end):
        return True
    seps = ("、", "和", "与", "及", "以及")
    if k > 0 and text[schools[k - 1].end:sc.start] in seps:
        return True
    if k + 1 < len(schools) and text[sc.end:schools[k + 1].start] in seps:
        return True
    s0, s1 = doc.sentence(sc.start)
    sure = {o.key for o in schools if s0 <= o.start < s1 and o.key and o.key != sc.key
            and (o.start, o.end) not in tentative}
    return len(sure) >= 2
