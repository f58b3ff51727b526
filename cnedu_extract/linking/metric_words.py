"""Questions the metric reading asks of a phrase's words: does it hold a noun, end in a verb,
name nothing, read as a label? Each answers from jieba's dictionary tags, corrected where the
tags are known to mislead (jieba tags 率 a verb, 考生 a verb, 巩固率 a name).

A caller that has the phrase's words already passes them (``words``), else they are read here.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .metric_rules import rules
from .tokens import Words, has_noun, is_function, is_noun, tag

_NOT_IN_LABELS = re.compile(r"[<>()（）0-9０-９]")
_SPEAKER_TAGS = frozenset(("nr", "nrfg", "nrt"))
_MODIFIER_TAGS = frozenset("nabsfx")  # first letters of noun, adjective, distinguishing, place, direction, unknown tags
_NAME_TAGS = frozenset(("nr", "nrt", "nrfg", "ns", "nt", "nz"))
LONGEST_EMPTY = 8  # 同样可以, 至少要, 比上年增加: phrases that name nothing are short
_EMPTY_TAGS = frozenset(("t", "a", "ad"))  # time words and adjectives alone: 比上年增加, 最高分别不得


def words_of(phrase: str, words: Words | None) -> Words:
    """The words of ``phrase``: ``words`` when the caller has read them, else read now."""
    return tag(phrase) if words is None else words


def aspect_verbs(words: Words) -> Words:
    """The words with each word right after an adverb of aspect tagged a verb (首批已上线:
    jieba tags 上线 a noun): what follows 已 is what the subject did."""
    aspect = rules()["aspect_adverbs"]
    for j in range(len(words) - 1):
        if words[j][0] in aspect and is_noun(words[j + 1][1]):
            return words[:j + 1] + ((words[j + 1][0], "v"),) + aspect_verbs(words[j + 2:])
    return words


def holds_noun(phrase: str, words: Words | None = None) -> bool:
    """Whether a word of the phrase is a noun, or the phrase ends in a character that makes a
    measure of it a noun (录用率, 招生数, 奖学金: jieba tags 率 a verb)."""
    return phrase.endswith(rules()["noun_endings"]) or has_noun(words_of(phrase, words))


def ends_in_verb(phrase: str, words: Words | None) -> bool:
    """Whether the phrase's last word, a scope word (全国) aside, is a verb (not a verbal noun:
    增设了, 了 stripped), a preposition (由14所高校) or a demonstrative (这两个最大的差距: 这
    points at what the noun after names)."""
    words = words_of(phrase, words)
    scope = rules()["scope_words"]
    while words and words[-1][0] in scope:
        words = words[:-1]  # 覆盖全国31个省份, 由全国14所高校: the scope belongs to the noun after
    if not words:
        return False
    w, t = words[-1]
    if t == "a" and len(w) == 1 and len(words) > 1 and words[-2][1] == "v" and len(words[-2][0]) == 1:
        return True  # 骑坏了六辆自行车: a verb and its result (坏, 完, 好) make one verb
    return (t[0] == "v" and t != "vn") or t == "p" or w in rules()["demonstratives"]


def ends_in_noun(phrase: str, words: Words | None) -> bool:
    words = words_of(phrase, words)
    return bool(words) and is_noun(words[-1][1])


def starts_with_noun(phrase: str) -> bool:
    words = tag(phrase) if phrase else ()
    return bool(words) and is_noun(words[0][1])


def has_verb(phrase: str, words: Words | None) -> bool:
    return any(t[0] == "v" and t != "vn" for _, t in words_of(phrase, words))


def is_label(written: str, phrase: str, words: Words | None) -> bool:
    """Whether a phrase before a colon (``written``, cleaned to ``phrase``) is a label (学费,
    所占比例), not a speaker (严嘉), a dateline (央视网消息（新闻联播）, 新华社北京3月2日电) or a
    clause ending in a verb (他说, 标准是)."""
    if _NOT_IN_LABELS.search(written):
        return False
    words = words_of(phrase, words)
    if not words:
        return False
    t = words[-1][1]
    # (a measure's ending decides whatever the tags: jieba calls 巩固率 a name)
    return phrase.endswith(rules()["noun_endings"]) or (is_noun(t) and t not in _SPEAKER_TAGS)


def modifies(phrase: str, words: Words | None) -> bool:
    """Whether every word of the phrase can modify a noun (城乡, 全班, 农村): no verb, adverb or
    function word, so that the phrase and the noun after the figure make one name."""
    return all(t[0] in _MODIFIER_TAGS for _, t in words_of(phrase, words))


def is_relative(left: str, words: Words | None) -> bool:
    """Whether the words before ``的`` and a count are a short clause that says which of them
    are counted (到油田工作的10名毕业生), not a sentence of its own (我们可以把题干中的…)."""
    return (len(left) <= rules()["max_relative"] and has_verb(left, words) and left.isalpha()
            and not any(w in rules()["disposal_words"] for w, _ in words_of(left, words)))


def only_names(phrase: str) -> bool:
    """Whether every noun of the phrase names who is ranked, not what the ranking is: proper
    names (达特茅斯和布朗, 哥伦比亚大学), the kinds of what is ranked (这几所大学) and scope words
    (全省)."""
    c = rules()
    return not any(is_noun(t) and t not in _NAME_TAGS and w not in c["ranked"] and w not in c["scope_words"]
                   for w, t in tag(phrase))


@lru_cache(maxsize=65536)
def names_nothing(metric: str, after: bool = False) -> bool:
    """Whether the metric is only function words, modal verbs or verbs of change (可以, 至少要,
    增长到): such words say how, not what. (Tags alone cannot tell: jieba calls 考生 a verb.)
    The word right after a measure word (10多亩地, 4个县) names what is counted unless it is
    one of those words (四五十岁了)."""
    if len(metric) > LONGEST_EMPTY:
        return False  # a phrase this long holds a word that names something
    empty = rules()["empty_words"]
    if after:
        return all(w in empty for w, _ in tag(metric))
    for w, t in tag(metric):
        if t[0] == "f":
            if len(w) > 1 and w[0] not in "以之":
                return False  # 初中, 沿线: jieba tags some nouns as localities (后, 以上 are not)
        elif w not in empty and not is_function(t) and t not in _EMPTY_TAGS:
            return False
    return True


_FRAGMENT_TAGS = frozenset("dpcuryz")  # first letters of the tags of grammar words around a verb (not numerals: 月收入)


@lru_cache(maxsize=65536)
def fragment_verb(metric: str) -> str | None:
    """What a piece of a predicate names: ``metric`` itself when it is no such piece; else the
    verb of two characters or more it ends with (每天如果学习 → 学习, 择优录取其中 → 择优录取),
    or None (转眼过, 他们的收入是我们). A piece has no word that names a thing and is one
    character or holds an adverb, a particle or a numeral; a verb of two characters alone
    (招生, 培训) names an activity and stays."""
    c = rules()
    if len(metric) > LONGEST_EMPTY or metric.endswith(c["noun_endings"]):
        return metric
    # (a doubled word that is no noun is an adverb: jieba calls 整整 a verbal noun; 妈妈 stays)
    words = tuple((w, "d" if len(w) == 2 and w[0] == w[1] and t[0] != "n" else t) for w, t in tag(metric))
    if any(is_noun(t) or w in c["stage_words"] for w, t in words):
        return metric  # (jieba tags 高中 a place)
    if len(metric) > 1 and not any(t[0] in _FRAGMENT_TAGS for _, t in words):
        return metric
    j = len(words)
    while j > 0 and words[j - 1][1][0] in "ruy":
        j -= 1  # 其中, 了: grammar after the verb
    if j > 0 and words[j - 1][1][0] == "v" and len(words[j - 1][0]) > 1 \
            and words[j - 1][0] not in c["empty_words"]:
        return words[j - 1][0]
    return None
