"""What the counted do: a count or a share whose clause goes on to say which of them are
counted is named with that predicate (8所学校入选省级示范校 → 学校入选省级示范校,
50%的学生都能走出国门 → 学生都能走出国门); 8所学校 alone would say only what is counted.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .metric_after import noun_of
from .metric_rules import BREAK_CHAR, CLAUSE_STOP, DIGIT, HEADLINE_BREAK, EDGE_PUNCT, LIST_JOINS, MARKS, rules
from .tokens import Words, has_noun, is_noun, tag

# the last figure of a list and what follows it: 、32所|小学被评为…
_LISTED = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?[万亿]?[余多]?\w(?P<rest>[^0-9０-９]*)$")
_MANNER_TAGS = frozenset(("b", "ad"))  # 主动, 积极: jieba tags some adverbs of manner as adjectives
_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[）)]$")
_MARK_CHARS = re.compile("[“”「」\"《》]")


def starts_predicate(words: Words, counted: bool) -> bool:
    """Whether the words, adverbs aside, start a predicate that says which of the counted are
    counted (a verb of selection for a count; any verb but a copula for a share)."""
    c = rules()
    j = 0
    while j < len(words) and (words[j][1][0] in "dc" or words[j][1] in _MANNER_TAGS) \
            and words[j][0] not in c["predicate_verbs"]:
        j += 1  # 都能, 同时获得, 同步启动, 主动选择
    if j == len(words):
        return False
    w, t = words[j]
    if not counted and is_noun(t) and j + 1 < len(words) and words[j + 1][1][0] in "vp":
        w, t = words[j + 1]  # 43%的受访者薪金在3000-5000元之间: the share's own subject first
    if counted:
        # 入选, 获评; 赴美 (a one-character verb of the list joined to its object)
        return w in c["predicate_verbs"] or (t[0] == "v" and w[:1] in c["predicate_verbs"])
    return t[0] in "vp" and w not in c["copulas"]


@lru_cache(maxsize=65536)  # (a pure function of its strings: a text read again reads it once)
def with_predicate(noun: str, tail: str, counted: bool) -> str:
    """The counted noun with what the clause says the counted do, when it does something to
    something (8所学校入选省级示范校 → 学校入选省级示范校, 50%的学生都能走出国门 →
    学生都能走出国门); a phrase that starts with the verb is the predicate itself (5人入选…
    培养计划 → 入选…培养计划). Not when another figure follows in the clause, nor an
    intransitive verb alone (应聘者来回走动着 → 应聘者)."""
    # letters and digits only (and so every part of it): no clause mark, blank, quote mark,
    # parenthesis or edge punctuation to look for below
    plain = tail.isalnum()
    if not plain:
        cut = CLAUSE_STOP.search(tail)
        tail = tail[:cut.start()] if cut else tail
        if BREAK_CHAR.search(tail):
            tail = HEADLINE_BREAK.split(tail, 1)[0]
    listed = ""  # 18所初中、32所小学被评为…: the predicate after the last item of a list is all items'
    if not counted and ("%" in tail or "％" in tail):
        return noun  # the clause goes on to another share
    digit = DIGIT.search(tail) if counted else None  # (a share's predicate may hold a threshold: 少于3年)
    if digit and tail[:digit.start()].rstrip().endswith(("、", "；", ";")) and not tail.startswith(
            LIST_JOINS, len(noun) + max(0, tail.find(noun))):
        # 8所学校入选…传承学校、11所学校入列…: the next figure starts the next item
        tail = tail[:digit.start()].rstrip().rstrip("、；;")
    elif digit:
        k = tail.find(noun)
        last = None
        for last in _LISTED.finditer(tail):
            pass
        if not counted or k < 0 or not tail.startswith(LIST_JOINS, k + len(noun)) or last is None:
            return noun
        listed = tail[k:last.start()]
        tail = noun + last.group("rest")
        plain = tail.isalnum()  # (the noun may hold marks of its own)
    quoted = not counted and "“" in tail  # 学校实现了“一无两有”: a quoted name is an object, whatever its tags
    if not plain:
        if _MARK_CHARS.search(tail):
            tail = tail.translate(MARKS)  # (translate reads every character: only when a mark is there)
        if tail.endswith((")", "）")):
            tail = _TRAILING_NOTE.sub("", tail)
        tail = tail.rstrip(EDGE_PUNCT)
    k = tail.find(noun)
    if k < 0 or k > 2:
        return noun
    if listed:
        # the last item's noun is read like this one's; what follows it is the predicate
        after = noun_of(tail[len(noun):])[0]
        tail = noun + tail[len(noun) + len(after):]
    max_len = rules()["max_predicate"]
    head = tag(noun)
    if head and starts_predicate(head, counted):
        whole = tail[k:]
        return whole if len(whole) <= max_len else noun
    rest = tail[k + len(noun):]
    if not rest or len(rest) > max_len:
        return noun
    words = tag(rest)
    if not starts_predicate(words, counted) or not (quoted or has_noun(words[1:])) \
            or rest.endswith(rules()["time_ends"]):
        return noun  # …被分配到大王小学的时候: a clause of time says when, not which
    return noun + rest.rstrip("了着过的")
