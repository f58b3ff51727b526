"""Cleaning the phrase around a figure into a metric: times, places, scope words, the base of a
comparison and grammar words come off both ends (共计下达学生资助资金 → 下达学生资助资金);
a window cut by its length limit starts at a word edge; a note or a footnote mark before a
figure is no part of its phrase; a list of items before what they share is split.

Only whole words are cut (在 of 在校生 and 北京 of 北京大学留学生 stay), so cleaning reads the
phrase's words; results are kept per phrase and region pattern.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ._data import first_chars
from .clauses import paren_start
from .metric_rules import EDGE_PUNCT, MARKS, TIME, rules
from .tokens import Words, has_noun, is_noun, tag, tail

_MARK_CHARS = re.compile("[“”「」\"《》]")
_PAREN_CHARS = re.compile("[()（）]")
_PARENS = str.maketrans("", "", "()（）")
_NOTE_DIGIT = re.compile(r"(?<=[\u4e00-\u9fff])[0-9]$")
# region pattern id -> (the pattern, phrase -> (cleaned phrase, its words)): a memo kept per pattern
# by its id (hashing a compiled pattern hashes its code; the pattern is held so its id stays its
# own), read inline, as cleaning is asked for about twice per figure
_CLEANED: dict[int, tuple[re.Pattern[str], dict[str, tuple[str, Words | None]]]] = {}
_MEMO_SIZE = 65536
# region pattern id -> (the pattern, a class of the characters a place name can start with)
_REGION_FIRST: dict[int, tuple[re.Pattern[str], _FirstChars | None]] = {}


def clean(phrase: str, region_re: re.Pattern[str]) -> tuple[str, Words | None]:
    """(the phrase cleaned at both ends, its words when they are known)."""
    if not phrase:
        return phrase, ()
    memo = _memo(region_re)
    got = memo.get(phrase)
    if got is None:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        got = memo[phrase] = _clean(phrase, region_re)
    return got


def cleaner(region_re: re.Pattern[str]) -> Callable[[str], tuple[str, Words | None]]:
    """``clean`` with ``region_re`` bound, on the same memo: one call per phrase for a caller
    that cleans several phrases per figure."""
    memo = _memo(region_re)
    get = memo.get  # (clear() keeps the dict: the bound method stays valid)

    def cleaned(phrase: str) -> tuple[str, Words | None]:
        if not phrase:
            return phrase, ()
        got = get(phrase)
        if got is None:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            got = memo[phrase] = _clean(phrase, region_re)
        return got
    return cleaned


def _memo(region_re: re.Pattern[str]) -> dict[str, tuple[str, Words | None]]:
    entry = _CLEANED.get(id(region_re))
    if entry is None or entry[0] is not region_re:
        entry = _CLEANED[id(region_re)] = (region_re, {})
    return entry[1]


class _FirstChars(dict):
    """Character -> whether a match of a pattern can start with it, filled as characters come
    (a dict subscript is cheaper than a regex call per phrase)."""

    def __init__(self, first: re.Pattern[str]) -> None:
        super().__init__()
        self.first = first

    def __missing__(self, ch: str) -> bool:
        got = self[ch] = self.first.match(ch) is not None
        return got


def _region_first(region_re: re.Pattern[str]) -> _FirstChars | None:
    """Whether a match of ``region_re`` can start with a character (None: any may)."""
    got = _REGION_FIRST.get(id(region_re))
    if got is None or got[0] is not region_re:
        cls = None if region_re.flags & ~re.UNICODE else first_chars(region_re.pattern)
        got = _REGION_FIRST[id(region_re)] = (region_re, _FirstChars(re.compile(cls)) if cls else None)
    return got[1]


def _clean(phrase: str, region_re: re.Pattern[str]) -> tuple[str, Words | None]:
    # (each pattern is tried only where the phrase's first or last character can start or end
    # a match of it: most phrases have nothing to cut, and the cheap test says so)
    c = rules()
    got = _REGION_FIRST.get(id(region_re))
    region_first = got[1] if got is not None and got[0] is region_re else _region_first(region_re)
    left_first, scope_first, right_last = c["left_first"], c["scope_first"], c["right_last"]
    scope_re, left_re, right_re = c["scope"], c["left"], c["right_reversed"]  # (read once, not per round)
    # letters and digits only (most phrases), and so every part of it: no mark, edge punctuation
    # or parenthesis to look for below
    plain = phrase.isalnum()
    if not plain and _MARK_CHARS.search(phrase):
        phrase = phrase.translate(MARKS)
    if "比" in phrase or "较" in phrase or "从" in phrase:
        phrase = c["compared"].sub("", phrase)
    if "年" in phrase or "月" in phrase:  # (every time TIME reads holds one of them)
        phrase = TIME.sub("", phrase)
    if c["period_first"].search(phrase):
        phrase = c["period"].sub("", phrase)
    words: Words | None = None  # the words of ``phrase``, once read (a stripped start keeps them)
    if "是" in phrase:
        phrase, words = _after_copula(phrase, c["copulas"])
    changed = True
    while changed and phrase:
        changed = False
        s = phrase if plain else phrase.strip(EDGE_PUNCT)
        if s != phrase:
            cut = len(phrase) - len(phrase.lstrip(EDGE_PUNCT))
            kept = words is not None and s and cut + len(s) == len(phrase)
            words = tail(words, cut) if kept else None  # type: ignore[arg-type]
            phrase, changed = s, True
        if not phrase:
            break  # (nothing matches an empty phrase: the tests below would leave it as it is)
        m = scope_re.match(phrase) if phrase[0] in scope_first else None
        if m is None and (region_first is None or region_first[phrase[0]]) \
                and (m := region_re.match(phrase)) is not None and m.end() > 0:
            # a place name only where a word ends: 北京大学留学生 keeps its 北京
            if words is None:
                words = tag(phrase)
            if tail(words, m.end()) is None:
                m = None
        if m and m.end() > 0:
            words = None if words is None else tail(words, m.end())
            phrase, changed = phrase[m.end():], True
        # a grammar word is only dropped when it is a word of its own (在 of 在校生 and 中 of
        # 中央 stay)
        lm = left_re.match(phrase) if phrase and phrase[0] in left_first else None
        if lm:
            if words is None:
                words = tag(phrase)
            rest = tail(words, lm.end())
            if rest is not None:
                phrase, words, changed = phrase[lm.end():], rest, True
        rm = right_re.match(phrase[::-1]) if phrase and phrase[-1] in right_last else None
        if rm and rm.end() < len(phrase):
            k = len(phrase) - rm.end()
            if words is None:
                words = tag(phrase)
            if _word_ends_at(words, k, len(phrase)):
                phrase, words, changed = phrase[:k], None, True
    if not plain and _PAREN_CHARS.search(phrase) and (phrase.count("(") != phrase.count(")")
                                         or phrase.count("（") != phrase.count("）")):
        phrase, words = _balanced(phrase), None
    if phrase in c["rates"]:
        return "", ()
    return phrase, words




def _word_ends_at(words: Words, k: int, n: int) -> bool:
    """Whether a word of ``words`` (the words of a phrase of length ``n``) ends at ``k``: read
    from the end, as a cut near the end is (what ``tail(words, k) is not None`` tells)."""
    pos = n
    for j in range(len(words) - 1, -1, -1):
        if pos <= k:
            return pos == k
        pos -= len(words[j][0])
    return pos == k


def _after_copula(phrase: str, copulas: frozenset[str]) -> tuple[str, Words | None]:
    """The part of the phrase after its last copula when that part holds a noun: in
    一大变化就是考试时间 or 其中最多的是农村学校 the words after 是 name the figure. In
    录取率是全省平均水平的两倍 they are the base the figure compares with (…的): kept whole."""
    words = tag(phrase)
    pos = cut = first = 0
    for j, (w, _) in enumerate(words):
        pos += len(w)
        if w in copulas:
            cut, first = pos, j + 1
    if 0 < cut < len(phrase) and not phrase.endswith("的") and has_noun(words[first:]):
        return phrase[cut:], words[first:]
    return phrase, words


def _balanced(phrase: str) -> str:
    """The phrase without the part an unmatched parenthesis opens or closes: 学院（部 → 学院,
    部）和学院 → 和学院 (its other half lies outside the window)."""
    start = 0
    opened: list[int] = []
    for i, ch in enumerate(phrase):
        if ch in "(（":
            opened.append(i)
        elif ch in ")）":
            if opened:
                opened.pop()
            else:
                start = i + 1  # a closer without its opener: what comes before is cut
    end = opened[0] if opened else len(phrase)
    return phrase[start:end].strip(EDGE_PUNCT.translate(_PARENS))


def word_edge(text: str, cut: int, end: int) -> int:
    """The first word edge at or after ``cut`` (a window cut by its length limit must not begin
    inside a word: 教育部会同… cut after 教育 would name 部会同…; 2025年 cut after 2)."""
    pos = max(0, cut - 4)
    for w, _ in tag(text[pos:end]):
        if pos >= cut:
            return pos
        pos += len(w)
    return end


def note_start(text: str, c0: int, start: int) -> int:
    """Where the phrase before a figure ends: before a parenthetical note right before it."""
    if start - 1 <= c0 or text[start - 1] not in ")）":
        return start
    k = paren_start(text, max(c0, start - 60), start - 1)
    return k - 1 if k > c0 + 1 and text[k - 1] in "(（" else start


def before_note(raw: str) -> str:
    """The phrase without a footnote mark at its end (小学教职工5 → 小学教职工)."""
    return _NOTE_DIGIT.sub("", raw) if raw and raw[-1].isdigit() else raw


def split_list(metric: str) -> tuple[list[str], str] | None:
    """(the items, the rest they share) of a metric that lists items before what they share
    (小学、初中、高中毛入学率 → [小学, 初中, 高中], 毛入学率): the last item ends where a
    prefix of the last part ends like another item (…中 of 高中)."""
    items = metric.split("、")
    last, ends = items[-1], {it[-1] for it in items[:-1] if it}
    longest = max(len(it) for it in items[:-1])
    for p in range(2, min(len(last) - 1, longest + 2) + 1):
        if last[p - 1] in ends:
            return items[:-1] + [last[:p]], last[p:].lstrip("的")  # (小学、高中的毛入学率)
    return None


_ITEM_JOINS = ("、", "和", "及", "与")


def object_list(clause: str) -> list[str] | None:
    """The items of the list of nouns a clause ends with (扩大硕士研究生招生和专升本规模 →
    [硕士研究生招生, 专升本规模]): a 分别 in the next clause gives them its values in turn.
    A verb right after a noun is the head of an item (研究生招生: jieba tags 招生 a verb)."""
    stages = rules()["stage_words"]  # (jieba tags 初中 and 高中 as places or localities)
    words = tuple((w, "n" if w in stages else t) for w, t in tag(clause.rstrip(EDGE_PUNCT)))
    j = len(words)
    while j > 0:
        w, t = words[j - 1]
        noun_head = t[0] == "v" and len(w) > 1 and j > 1 and is_noun(words[j - 2][1]) \
            and w not in rules()["existential"]
        if not (is_noun(t) or noun_head or w in _ITEM_JOINS):
            break
        j -= 1
    items: list[str] = []
    item: list[tuple[str, str]] = []
    for w, t in words[j:] + (("、", "x"),):
        if w in _ITEM_JOINS:
            if not item or not is_noun(item[0][1]) or not is_noun(item[-1][1]) and item[-1][1][0] != "v":
                return None
            items.append("".join(x for x, _ in item))
            item = []
        else:
            item.append((w, t))
    return items if len(items) >= 2 else None
