"""Regions: mentions in a text, the region topics they set, and the region of each figure.

- A *mention* is a written region name (萍乡, 芦溪县, 美国) or a scope word (我市, 全省, 全国)
  that resolves through the home region (``home.home_region``).
- A region heading a clause sets a *topic* on the document model for its paragraph, section
  or the whole text (``set_region_topics``).
- A figure belongs to the nearest mention before it in its sentence that is not where it is
  ranked or honoured (位居全省…, 被评为龙岩市…) and not inside quotes or 《》; else to home.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache, partial
from operator import itemgetter
from typing import NamedTuple, Sequence

import ahocorasick_rs

from ._data import config, longest_first
from .clauses import WINDOW, DocText
from .document import Document
from .gazetteer import Region, gazetteer
from .universities import school_region
from .tokens import has_word, word_starts


class Mention(NamedTuple):
    """A written region name or scope word (a tuple: documents hold thousands)."""

    start: int
    end: int
    form: str
    scope: str | None  # None for a name; city/province/county/district/nation for scope words


@cache
def _scope_pattern() -> tuple[ahocorasick_rs.AhoCorasick, dict[str, str], list[str]]:
    """The scope words as one automaton (leftmost-longest, as a longest-first alternation)."""
    cfg = config()["scope"]
    kinds: dict[str, str] = {}
    for kind in ("city", "province", "county", "district", "nation"):
        for w in cfg[kind]:
            kinds.setdefault(w, kind)
    words = list(kinds)
    return ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest), kinds, words


@cache
def _not_nation() -> tuple[str, ...]:
    return tuple(config()["scope"]["nation_not_before"])


@cache
def _target_pattern() -> re.Pattern[str]:
    verbs = config()["scope"]["target_verbs"]
    return re.compile("(?:" + "|".join(map(re.escape, longest_first(verbs))) + r")(?:了|为|于|到|在)?$")


def find_mentions(text: str, spans: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Region names and scope words in ``text`` (or only within ``spans``), in order."""
    g = gazetteer()
    scope_ac, kinds, scope_words = _scope_pattern()
    spans = spans or [(0, len(text))]
    out: list[Mention] = []
    words = word_starts()
    not_nation = _not_nation()  # 国内外 (home and abroad), 全国卷 (an exam paper): no scope
    for s, e in spans:
        piece = text if s == 0 and e == len(text) else text[s:e]
        scopes = [_new_mention((a + s, b + s, scope_words[k], kinds[scope_words[k]]))
                  for k, a, b in scope_ac.find_matches_as_indexes(piece)
                  if not (kinds[scope_words[k]] == "nation" and piece.startswith(not_nation, b))]
        out += scopes
        prev_end = -1
        k, n_scopes = 0, len(scopes)  # scopes are sorted and disjoint: walk them along
        for a, b in g.find(text, s, e):
            # A two-character name whose first character closes a word with the one before
            # it is part of that word (示范县 is not 范县, 完成县级 not 成县), unless a name
            # ends there (浙江安吉: 江安 is no word here).
            if b - a <= 2 and a > 0 and a != prev_end and text[a - 1:a + 1] in words:
                continue
            prev_end = b
            # A scope word wins over a name it overlaps (全国 vs 国..., 中国 is both).
            while k < n_scopes and scopes[k].end <= a:
                k += 1
            if k < n_scopes and scopes[k].start < b:
                continue
            out.append(_new_mention((a, b, text[a:b], None)))
    if len(spans) > 1 or (out and out[0].scope is not None):
        out.sort(key=itemgetter(0))  # (names and scope words are each in order: one merge)
    return out


_new_mention = partial(tuple.__new__, Mention)  # (thousands a text: no Python-level __new__)


def resolve_scope(kind: str, home: Region | None) -> Region | None:
    """The region a scope word names in a document whose home is ``home``."""
    g = gazetteer()
    if kind == "nation":
        return g.nation
    if home is None or home.level in ("country", "nation"):
        return None
    if kind == "province":
        return g.province_of(home)
    if kind == "city":
        return g.city_of(home)
    if kind == "county":
        return home if home.level == "county" and home.name.endswith(("县", "旗")) else None
    # 全区: a district home, else an autonomous region (广西, 西藏...) as province
    if home.level == "county" and home.name.endswith("区"):
        return home
    prov = g.province_of(home)
    return prov if prov is not None and prov.name.endswith("自治区") else None


_LIST_MARKS = "、和与及"
_CLAUSE_ENDS = frozenset("。！？!?；;，,：:…\r>\n")  # a place after one heads its clause (as Document.heads_clause)


def _alone(text: str, start: int, end: int) -> bool:
    """Whether the school name at [start, end) stands outside a list of names."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return not (before and before in _LIST_MARKS) and not (after and after in _LIST_MARKS + "等")


@cache
def _topic_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    cfg = config()["scope"]
    return tuple(cfg["passing_after"]), tuple(cfg["passing_before"])


@cache
def _origin_words() -> tuple[str, ...]:
    return tuple(config()["scope"]["origin_before"])


@cache
def _named_after() -> re.Pattern[str]:
    """A university's or a body's name ending a few characters after a place (北京|科技大学,
    江西省|教育厅); other schools are found by the school finder (新建学校 is no name). 大学
    in 大学生 ends no name (浙江安吉吸引了大学生 is about 安吉)."""
    cfg = config()
    ends = longest_first([*cfg["school"]["university_suffixes"], *cfg["scope"]["body_suffixes"]])
    return re.compile(r"[^，。、；：,;:！？!?\s“”《》()（）]{0,6}?(?:" + "|".join(map(re.escape, ends)) + ")(?!生)")


@cache
def _venue_pattern() -> re.Pattern[str]:
    verbs = config()["scope"]["venue_verbs"]
    return re.compile(r"[^，。；！？,;!?\n在]{1,12}?(?:" + "|".join(map(re.escape, longest_first(verbs))) + ")")


def venue(text: str, start: int, end: int) -> bool:
    """Whether the Chinese region at [start, end) names the city of a hall where a meeting is
    held (在北京人民大会堂举行, 在南昌国际会展中心召开): where the meeting sits, not what its
    figures are about. An event held in the place itself (在杭州市举办的招聘会) and one abroad
    (在美国加州的海滩举行) are that place's."""
    if start == 0 or text[start - 1] != "在" or _venue_pattern().match(text, end) is None:
        return False
    cands = gazetteer().forms.get(text[start:end], ())
    return bool(cands) and cands[0][0].level != "country"


def passing(text: str, start: int, end: int) -> bool:
    """Whether the region at [start, end) is named in passing: a comparison (像日本那样), a
    destination (赴美国), an exam or a kind of thing (美国大学入学考试, 日本飞机), where someone
    comes from abroad (来自英国的专家, 来自中国的学生 in news about Australia: the guest's
    country, not what the figures are about; 来自广东的选手 at a national contest are
    Guangdong's)."""
    after, before = _topic_words()
    return text.startswith(after, end) or text[max(0, start - 4):start].endswith(before) or origin(text, start, end)


def origin(text: str, start: int, end: int) -> bool:
    """Whether the country at [start, end) is where someone comes from (来自英国的专家)."""
    return (text.startswith("的", end) and text[max(0, start - 4):start].endswith(_origin_words())
            and _is_country_name(text[start:end]))


def _is_country_name(form: str) -> bool:
    """Whether ``form`` names a whole country (美国, 中国), not a place within one."""
    g = gazetteer()
    cands = g.forms.get(form, ())
    return bool(cands) and cands[0][0].level in ("country", "nation")


def place_of_school(school_start: int, school_end: int, mentions: Sequence[Mention],
                    home: Region | None) -> Region | None:
    """The place of a school: the most specific of the places its name starts with, each
    within the one before (湖北恩施鹤峰县高原小学 → 鹤峰县). The hook for a gazetteer of schools with their regions."""
    return _place_and_name(school_start, school_end, mentions, home)[0]


def _place_and_name(school_start: int, school_end: int, mentions: Sequence[Mention],
                    home: Region | None) -> tuple[Region | None, int]:
    """``place_of_school`` and where the school's own name starts after its places."""
    g = gazetteer()
    k = bisect_left(mentions, (school_start,))
    place = None
    pos = school_start
    while k < len(mentions) and mentions[k].start == pos and mentions[k].end < school_end:
        m = mentions[k]
        r = resolve_scope(m.scope, home) if m.scope else g.resolve(m.form, place or home)
        if r is None or (place is not None and not g.contains(place, r)):
            break  # 长春市北安小学: 北安 is the school's own name, not a place in 长春
        place, pos = r, m.end
        k += 1
    return place, pos


def set_region_topics(document: Document, mentions: Sequence[Mention], home: Region | None,
                      schools: Sequence[tuple[int, int]] = ()) -> None:
    """Set the ``region`` topics of a document: a region that heads a clause (after words such
    as 在, 而在, 据, a date) is what the text reports on until it names another. Named in the
    lead it holds for the document, at the head of a heading for its section, else for its
    paragraph. Adjacent names are one place (福建厦门市思明区); a list of places (天津、南京等地)
    ends the topic without naming one; a region named in passing sets none; in a sentence set
    with semicolons a region holds for its part. The place of a lone school holds for the rest
    of the sentence (or semicolon part) that names it."""
    text = document.text
    doc = document.doc
    foreign = home is not None and home.level == "country"
    target = _target_pattern()
    heads = document.head_ends()
    schools = sorted(schools)
    school_starts = [a for a, _ in schools]
    usable = mentions
    n = len(usable)
    i = 0
    any_set = False
    while i < n:
        first = usable[i]
        j = i
        while j + 1 < n and usable[j + 1].start == usable[j].end:
            j += 1
        last = usable[j]
        i = j + 1
        start = first.start
        # the cheap tests first: most names stand inside a clause, not at its head
        before = text[start - 1] if start > 0 else ""
        if before and before not in heads:
            if text[last.end:last.end + 1] not in "，," or not document.closes_place_phrase(start, last.end):
                continue
        elif before and before not in _CLAUSE_ENDS and not document.heads_clause(start) and \
                not document.closes_place_phrase(start, last.end):
            continue
        if passing(text, start, last.end) or venue(text, start, last.end):
            continue
        if _named_after().match(text, last.end) is not None:
            continue  # the start of a name (北京科技大学, 江西省教育厅): the name's, not a topic
        k = bisect_right(school_starts, start) - 1
        if k >= 0 and last.end <= schools[k][1]:
            continue  # inside a school's name
        if doc.in_quotes(start, last.end) or target.search(text, max(0, start - 5), start):
            continue
        r = resolve_scope(last.scope, home) if last.scope else gazetteer().resolve(last.form, home)
        if r is None or (r.level == "county" and last.form != r.name and (
                foreign or has_word(text[last.end - 1:last.end + 1]))):
            continue  # a county's short form that is a word's start (中西部) or in news about
            # another country (滨海地带) names no place
        level = "document" if document.in_lead(start) else (
            "section" if document.kind(start) == "heading" else "paragraph")
        if last.end < len(text) and text[last.end] in _LIST_MARKS and i < n and usable[i].start == last.end + 1:
            r = None  # a list of places: no one of them is the topic
        if level == "paragraph" and document.paragraph(start).start == 0:
            level = "document"
        semi, sentence = _semi_and_sentence(doc, start)
        if semi != sentence and not (last.scope == "nation" and semi[0] == sentence[0]):
            level = "part"  # an item of a list set with semicolons reports on its own subject
            # (全国 heading the first part is the subject of the whole: 全国…；…；…)
        document.set_topic("region", start, r, level)
        any_set = True
    if any_set:  # (only this function sets region topics)
        for pos in _turns(text):  # a new speaker's words are not about the last one's place
            for level in ("paragraph", "section", "document"):
                document.set_topic("region", pos, None, level)
    placed: dict[str, Region] = {}  # a school's own name -> the place named before it
    for a, b in schools:
        if not _alone(text, a, b):
            continue  # a list of schools has no one place
        place, own = _place_and_name(a, b, mentions, home)
        if place is not None and own > a and place.level != "nation":  # (中国地质大学 is a name)
            placed.setdefault(text[own:b], place)
        elif place is None and placed:  # a school named again without its place (…鹤峰县高原小学 … 高原小学)
            name = text[a:b]
            place = placed.get(name) or next((r for own_name, r in placed.items()
                                              if len(own_name) >= 4 and name.endswith(own_name)), None)
        if place is None or place.level == "country":
            # a university the gazetteer knows (北京大学 → 北京市, 哈佛 → 美国); a country
            # that starts a name is no place (哥伦比亚大学 is in New York)
            known = school_region(text[a:b])
            place = gazetteer().resolve(known, home) if known else place
        if place is not None:  # in a sentence set with semicolons, for its part only
            semi, sentence = _semi_and_sentence(document.doc, a)
            part = semi != sentence
            document.set_topic("region", a, place, "part" if part else "sentence")


def _semi_and_sentence(doc: DocText, pos: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The semicolon part and the sentence holding ``pos``: the same span when the sentence
    has no semicolon (most have none, and then its commas need not be found)."""
    sentence = doc.sentence(pos)
    a, b = sentence
    if doc.text.find("；", a, b) < 0 and doc.text.find(";", a, b) < 0:
        return sentence, sentence
    return doc.semi(pos), sentence


@cache
def _speech_openers() -> tuple[str, ...]:
    return tuple(config()["scope"]["speech_openers"])


_TURN_AFTER = frozenset("。！？!?>")


def _turns(text: str) -> list[int]:
    """Where a speaker's turn starts in a transcript: a name of two to four characters after
    a sentence end, a blank or markup, a colon, then words that open speech (…谢谢大家！
    主持人：感谢…, 。王晓红：我们…); a label that opens a list (口语：共6个问题, 额外费用：
    电脑…) is no turn. Read at the colons only."""
    openers = _speech_openers()
    out = []
    for colon in ("：", ":"):
        i = text.find(colon)
        while i >= 0:
            if text.startswith(openers, i + 1):
                for k in range(max(1, i - 4), i - 1):  # the longest name first
                    before = text[k - 1]
                    if (before in _TURN_AFTER or before.isspace()) and all(
                            "\u4e00" <= c <= "\u9fff" for c in text[k:i]):
                        out.append(k)
                        break
            i = text.find(colon, i + 1)
    out.sort()
    return out


class RegionLinker:
    """Per-document region attachment: built once, asked once per figure."""

    def __init__(self, doc: DocText, mentions: list[Mention], home: Region | None,
                 masked: list[tuple[int, int]], document: Document | None = None) -> None:
        self.doc, self.home, self.document = doc, home, document
        target = _target_pattern()
        named = _named_after()
        text = doc.text
        self.usable: list[Mention] = []
        masked = sorted(masked)
        mask_starts = [a for a, _ in masked]
        # school names do not overlap (find_schools keeps the longer of two), so only the
        # last one starting at or before a mention can hold it
        ordered = all(masked[k][1] <= masked[k + 1][0] for k in range(len(masked) - 1))
        # Where a document has no home below the nation, a lone school's province or city is
        # where its figures are (河南科技大学的15位大学生); in a list of schools it is not the
        # list's, and a county's short form or a country inside a name is often no place at
        # all (江汉大学, 哥伦比亚大学).
        national = home is None or home.level in ("nation", "country")
        for m in mentions:
            if ordered:
                k = bisect_right(mask_starts, m.start) - 1
                school = masked[k] if k >= 0 and m.end <= masked[k][1] else None
            else:
                school = next(((a, b) for a, b in masked if a <= m.start and m.end <= b), None)
            if school is not None and not (national and m.start == school[0] and _alone(text, *school)
                                           and self._is_city_or_province(m)):
                continue  # inside a school name: 醴陵市一中 is not about 醴陵市
            if doc.in_quotes(m.start, m.end) or passing(text, m.start, m.end):
                continue  # (像芬兰那样, 赴英国: named in passing)
            if m.scope is None and self._is_country(m) and named.match(text, m.end) is not None:
                continue  # a country starting a name the school finder did not take (哥伦比亚|大学)
            if target.search(text, max(0, m.start - 5), m.start):
                continue
            self.usable.append(m)
        self._starts = [m.start for m in self.usable]

    def region_of(self, m: Mention) -> Region | None:
        if m.scope is not None:
            return resolve_scope(m.scope, self.home)
        return gazetteer().resolve(m.form, self.home)

    def attach(self, start: int, prev_end: int = -1) -> str | None:
        """The region name of a figure starting at ``start``.

        Scope words (全省, 全国) and countries reach over the commas of their sentence part; a
        named Chinese region only over its own clause (渌口区扎根乡村26年). Words between an
        earlier figure of the clause and this one describe the earlier figure (100所全国…学校和47个).
        """
        _, (s0, _), (c0, _) = self.doc.parts(start)
        s0 = max(s0, start - WINDOW)  # a sentence part of a megabyte stays linear
        if prev_end > c0:
            skip = (prev_end, start)
        else:
            skip = (start, start)
        i = bisect_left(self._starts, start) - 1
        earlier: Region | None = None
        while i >= 0 and self.usable[i].start >= s0:
            m = self.usable[i]
            i -= 1
            if m.end > start or skip[0] <= m.start < skip[1]:
                continue
            if self.doc.text.startswith(("平均", "的平均"), m.end):
                continue  # 全省平均水平的两倍: a base of comparison
            if m.scope is None and m.start < c0 and not self._is_country(m):
                if earlier is None and self._named_outright(i + 1):
                    earlier = self.region_of(m)
                continue
            r = self.region_of(m)
            if r is not None:
                return r.name
        t = self.document.topic("region", start) if self.document is not None else None
        if earlier is not None and (t is None or t.start < s0 or (
                earlier != t.value and gazetteer().contains(t.value, earlier))):
            # a place an earlier clause of the sentence names is nearer than a topic set
            # before the sentence (…与所在属地重庆市北碚区联合开展…，目前已有800多名…), and
            # more specific than the place of a school it names (西南大学 in 重庆市)
            return earlier.name
        if t is not None:
            return t.value.name
        return self.home.name if self.home is not None else None

    def _named_outright(self, k: int) -> bool:
        """Whether usable mention ``k`` names one place in full (重庆市北碚区, 江西新余): its
        official name, or a short form right after the place that holds it; not one of a
        list (江苏、浙江等), where a short form is often part of a person's name (苏秀英)."""
        m, text = self.usable[k], self.doc.text
        if text[m.end:m.end + 1] in "、和与及等" or text[m.start - 1:m.start] in "、和与及":
            return False
        chained = k > 0 and self.usable[k - 1].end == m.start and self.usable[k - 1].scope is None
        if not chained and m.start > 0 and text[m.start - 1:m.start + 1] in word_starts():
            return False  # the end of a word and a name's start (沿海|城市 is no 海城市)
        r = self.region_of(m)
        if r is not None and m.form == r.name:
            return True
        if not chained:
            return False
        outer = self.region_of(self.usable[k - 1])
        return r is not None and outer is not None and gazetteer().contains(outer, r)

    @staticmethod
    def _is_city_or_province(m: Mention) -> bool:
        cands = gazetteer().forms.get(m.form, [])
        return len(cands) == 1 and cands[0][0].level in ("province", "prefecture")

    @staticmethod
    def _is_country(m: Mention) -> bool:
        cands = gazetteer().forms.get(m.form, [])
        return bool(cands) and cands[0][0].level == "country"
