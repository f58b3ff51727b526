"""The words right after a figure: the noun phrase after its measure word (4万余名学生 → 学生),
the action a count of times counts (经受了63次轰炸 → 轰炸) and what a sum is for
(1500万元用于发放教师奖励金 → 发放教师奖励金).

A count names what it counts after its measure word; the linker asks for these only when the
words before the figure do not name it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .metric_rules import CLAUSE_STOP, CONNECTORS, DIGIT, EDGE_PUNCT, LIST_JOINS, MARKS, rules
from .metric_words import holds_noun, names_nothing
from .tokens import NOUN_LIKE as _NOUN_LIKE, Words, is_noun, tag

_DIGIT_OR_QUOTE = re.compile(r"“[^“”]{0,20}”|[0-9０-９]")
_WORDY = re.compile(r"[^\W_]|[()（）]")  # a letter, a digit (str.isalnum) or a parenthesis


@lru_cache(maxsize=65536)
def noun_of(window: str) -> tuple[str, str]:
    """(the noun phrase a window starts with, the window)."""
    digit = next((m for m in _DIGIT_OR_QUOTE.finditer(window) if m.group(0)[0] != "“"), None) \
        if DIGIT.search(window) else None
    if digit:
        window = window[:digit.start()]  # (发出54360个“457”外劳签证: a quoted name is no figure)
    noun: list[str] = []
    seen_noun = False
    words = tag(window)
    if "“" in window:
        words = _quotes_as_words(words)
    # (a clause that starts with a noun describes nothing: the test _described makes first)
    described = _described(words) if words and not is_noun(words[0][1]) else 0
    if described:
        # 两位城里来的年轻老师, 75个被广泛认可的科目: a clause with a verb and 的 after the
        # measure word describes the noun after the 的; the phrase is kept whole (SPEC)
        clause = "".join(w for w, _ in words[:described])
        head = noun_of(window[len(clause):])[0] if window.startswith(clause) else ""
        return (clause + head if head else ""), window
    for k, (w, t) in enumerate(words):
        if w in "，,。；;：:！？" or w[0].isdigit() or (not noun and w in LIST_JOINS):
            break  # (硕士生4500人、博士生: what follows a list mark is the next item)
        if noun and w not in CONNECTORS and not w[0].isalnum() and _WORDY.search(w) is None:
            break  # a dash ends the phrase (四个字——“诚”); a quoted name is one word, 省（区） one noun
        nounish = t[0] in "nx" or t in _NOUN_LIKE  # (is_noun, inline: it runs per word)
        if noun and (len(noun) > 1 or noun[0] != "的") and ((t[0] == "v" and t != "vn") or (
                seen_noun and not nounish and w not in CONNECTORS and not _inner_locality(words, k))):
            break  # the first word (after 的) is taken as it is (jieba's tags call 考生 and 回扣 verbs)
        noun.append(w)
        seen_noun = seen_noun or nounish
    while noun and noun[-1] in CONNECTORS:
        noun.pop()  # 5枚铜牌和17个优胜奖: the 和 joins the next figure
    return "".join(noun), window


def _described(words: Words) -> int:
    """Where the noun after a describing clause starts (城里来的|年轻老师), or 0: the clause
    starts with no noun and no adverb that ties it to the sentence's verb (就可租到…), holds a
    verb but no copula, modal, preposition or conjunction after its start (合起来是…, 教师在课中的,
    机构和他们组织的: a sentence or a list, no description), ends in 的 within a short reach,
    and a noun or an adjective follows the 的."""
    c = rules()
    if not words or is_noun(words[0][1]) or words[0][0] in c["linking_adverbs"]:
        return 0
    reach = 0
    longest, modals, copulas = c["max_relative"], c["modals"], c["copulas"]
    for k, (w, t) in enumerate(words):
        reach += len(w)
        if reach > longest or w in "，,。；;：:！？" or w[0].isdigit():
            return 0
        if k and (t in ("p", "c") or w in copulas or w in modals or (w[0] == "不" and w[1:] in modals)):
            return 0  # (两个肯定前提不能得到…的结论: a modal verb makes a sentence)
        if w == "的":
            described = any(t2[0] == "v" and t2 != "vn" for _, t2 in words[:k])
            head = words[k + 1][1] if k + 1 < len(words) else ""
            return k + 1 if described and head and (is_noun(head) or head[0] == "a") else 0
    return 0


def _quotes_as_words(words: Words) -> Words:
    """The words with each “…” name as one noun (“一带一路”沿线国家, “双一流”高校): the
    segmenter splits a name it does not know and tags its parts at random."""
    if not any(w == "“" for w, _ in words):
        return words
    out: list[tuple[str, str]] = []
    opened: list[tuple[str, str]] | None = None
    for w, t in words:
        if opened is not None:
            opened.append((w, t))
            if w == "”":
                out.append(("".join(x for x, _ in opened), "nz"))
                opened = None
        elif w == "“":
            opened = [(w, t)]
        else:
            out.append((w, t))
    return tuple(out + (opened or []))


def _inner_locality(words: Words, k: int) -> bool:
    """Whether word ``k`` is a locality word inside a noun phrase: 沿线 of 沿线国家 (a word of
    two characters or more, a noun right after it), not 中 of 贫困户中搬迁户 or 之间 of 之间的关系."""
    w, t = words[k]
    if w in rules()["stage_words"]:
        return True  # 农村初中, 普通高中: jieba tags the school stages as places or localities
    return t == "f" and len(w) >= 2 and k + 1 < len(words) and is_noun(words[k + 1][1])


def action_after(tail: str) -> str:
    """The action a count of times counts when a word of its own ends the clause after the
    measure word (经受了63次轰炸 → 轰炸); one character is the object of the verb before
    (拍了38次手: the verb names it)."""
    tail = tail.rstrip()
    if not 2 <= len(tail) <= 4:
        return ""
    words = tag(tail)
    return tail if len(words) == 1 and words[0][1][0] in "nv" and not names_nothing(tail) else ""


def purpose_after(tail: str) -> str:
    """What a sum is for when the words after it say so (1500万元用于发放教师奖励金 →
    发放教师奖励金), up to the clause end."""
    c = rules()
    tail = tail.lstrip()
    for w in c["purposes"]:
        if tail.startswith(w):
            cut = CLAUSE_STOP.search(tail)
            phrase = tail[len(w):cut.start() if cut else len(tail)].translate(MARKS).strip(EDGE_PUNCT)
            if phrase and len(phrase) <= c["max_predicate"] and not DIGIT.search(phrase) and holds_noun(phrase):
                return phrase
    return ""
