"""The subject of a clause and the sector a sentence is about: 高中阶段在校生一直高速增长，
2000年为2517.70万人 gives its values to the subject 高中阶段在校生; a table noun (招生) takes
the sector its paragraph opens with (2023年，全省共有义务教育阶段学校7232所 → 义务教育阶段学校).

Also the metric without its clause's subject where an adverb or 把 sets them apart
(海南省政府还拨专款 → 拨专款).
"""
from __future__ import annotations

import re

from .clauses import DocText
from .metric_phrases import clean
from .metric_rules import DIGIT, EDGE_PUNCT, rules
from .metric_words import holds_noun, words_of
from .tokens import Words, has_noun, is_noun

_SUBJECT_GLUE = frozenset(("、", "和", "及", "与", "的"))
_MODIFIER_FIRST = frozenset("abfs")  # adjectives, distinguishing, locality and place words (初中 f, 高中 s)
_AGENT_TAGS = frozenset(("nr", "nrt", "nrfg", "nt", "ns", "m"))
_NUMERAL = re.compile("[0-9０-９零一二三四五六七八九十百千万亿两]")


def lead_noun(clause: str, region_re: re.Pattern[str], whole: bool = True) -> str:
    """The noun phrase a clause starts with, once times, places and grammar are cleaned off
    (同时，小学阶段在校生人数持续走低 → 小学阶段在校生人数); "" when it starts with anything
    else (a verb, a preposition, a person's name)."""
    phrase, words = clean(clause[:64], region_re)
    if not phrase:
        return ""
    words = words_of(phrase, words)
    out: list[tuple[str, str]] = []
    k = 0
    for k, (w, t) in enumerate(words):
        if any(ch.isdigit() for ch in w) or not (w[0].isalnum() or (out and w in _SUBJECT_GLUE)):
            break
        if (is_noun(t) and not t.startswith("nr")) or t[0] in _MODIFIER_FIRST or (out and w in _SUBJECT_GLUE):
            out.append((w, t))
        else:
            break
    else:
        k = len(words)  # the clause is only a noun phrase
        if not whole:
            return ""  # a noun phrase before a colon is a label, a speaker or a dateline
    if k < len(words) and not (words[k][1][0] in "vdpm" or words[k][0][0].isdigit()):
        return ""  # the subject of a clause is followed by what it does or by its figure
    while out and (out[-1][0] in _SUBJECT_GLUE or not is_noun(out[-1][1])):
        out.pop()
    if not any(t[0] == "n" or t in ("vn", "j") for _, t in out):
        return ""  # 相对来说 (an idiom), 初中 (a locality) alone: no subject
    return "".join(w for w, _ in out)


def without_subject(left: str, words: Words | None) -> str:
    """The metric without the subject of its clause where an adverb, a modal or 把 sets the
    subject apart from what it does (海南省政府还拨专款 → 拨专款, 一百万可以提成 → 提成,
    肖山把所得捐款 → 所得捐款); 中央财政下达补助资金 stays whole."""
    words = words_of(left, words)
    c = rules()
    modals, disposal = c["modals"], c["disposal_words"]  # (read once: the loop runs per word)
    seen_noun = False  # an agent: a name (海南省政府, 肖山) or an amount (一百万)
    subject = False  # any noun: a subject that 把 or 将 sets apart (志愿者团队也将所得捐款)
    for j, (w, t) in enumerate(words):
        run = t[0] == "d" or w in modals or w in disposal
        if run and subject and not seen_noun:
            k = j
            while k < len(words) and words[k][0] not in ("把", "将") and (
                    words[k][1][0] == "d" or words[k][0] in c["modals"]):
                k += 1
            taken = "".join(x for x, _ in words[k + 1:])
            # (将 is also the future, 学费将跳涨: only a noun taken says that it disposes)
            # (总量将超过…: a verb of change after 将 says what the subject will do)
            if k + 1 < len(words) and words[k][0] in ("把", "将") and len(taken) >= 2 and holds_noun(taken) \
                    and words[k + 1][0] not in c["empty_words"] \
                    and not any(x in c["disposal_words"] for x, _ in words[k + 1:]):
                return taken
        if seen_noun and run:
            k = j
            while k < len(words) and (words[k][1][0] == "d" or words[k][0] in c["modals"]
                                      or words[k][0] in c["disposal_words"]):
                k += 1
            rest = words[k:]
            if w == "把" and len("".join(x for x, _ in rest)) >= 2:  # (将 is also the future: 学费将跳涨)
                return "".join(x for x, _ in rest)  # 肖山把所得捐款: what 把 takes is the sum's noun
            if rest and has_noun(rest) and rest[0][0] not in c["copulas"] and rest[0][0] not in c["existential"] \
                    and (is_noun(rest[0][1]) or rest[0][1][0] == "v"):
                return "".join(x for x, _ in rest)
            return left
        if t[0] == "v" and t != "vn":
            return left  # a verb before any adverb: the subject and its verb are one phrase
        # (an amount is an agent, 一百万可以提成; 第三批 and 首批 are no amounts)
        subject = subject or is_noun(t)
        seen_noun = seen_noun or (t in _AGENT_TAGS and (t != "m" or (not w.startswith("第") and bool(_NUMERAL.search(w)))))
    return left


class SentenceSubjects:
    """The subjects of a document's clauses, each read once, and what they tell: the subject
    of a figure's sentence, the sector a paragraph is about."""

    def __init__(self, doc: DocText, region_re: re.Pattern[str]) -> None:
        self.doc, self.region_re = doc, region_re
        self._subjects: dict[tuple[int, int], str] = {}  # clause span -> the noun phrase it starts with

    def of_clause(self, a: int, b: int) -> str:
        """The noun phrase the clause [a, b) starts with ("" for none)."""
        key = (a, b)
        got = self._subjects.get(key)
        if got is None:
            text = self.doc.text
            got = self._subjects[key] = lead_noun(text[a:b], self.region_re, b >= len(text) or text[b] not in "：:")
        return got

    def subject(self, start: int, sent: tuple[int, int], reach: int = 4) -> str:
        """The noun phrase the nearest earlier clause of the sentence starts with (its subject);
        in a sentence that only lists values (分别为…), the one of the sentence before."""
        doc, text = self.doc, self.doc.text
        s0 = sent[0]
        k = doc.clause(start)[0]
        for _ in range(reach):
            if k - 1 <= s0:
                break
            a, b = doc.clause(k - 2)
            got = self.of_clause(a, b)
            if got:
                return got
            k = a
        lead = text[s0:start].lstrip(EDGE_PUNCT)
        if s0 > 1 and text[s0 - 1] not in "\n" and lead.startswith(rules()["list_starts"]):
            prev = doc.sentence(s0 - 2)
            if prev[1] > prev[0]:
                return self.subject(prev[1] + 1, prev, reach)
        return ""

    def _opening(self, s0: int, limit: int) -> str:
        """The sector a sentence opens with: the subject of its first clause that has one
        (2023年，全省共有义务教育阶段学校7232所 → 义务教育阶段学校), looking at clauses that
        start before ``limit``, where the subject's figure follows it (the sentence of a
        statistics table; 职业高中从无到有 opens no table)."""
        k = s0
        for _ in range(3):
            if k > limit:
                break
            a, b = self.doc.clause(k)
            lead = self.of_clause(a, b)
            if lead:
                at = self.doc.text.find(lead, a, b)
                return lead if at >= 0 and DIGIT.match(self.doc.text, at + len(lead)) else ""
            k = b + 1
        return ""

    def topic(self, sent: tuple[int, int], start: int) -> tuple[int, str] | None:
        """(where it was named, the sector the figure's sentence opens with), else the one of a
        sentence before it in its paragraph (two at most)."""
        doc, text = self.doc, self.doc.text
        s0, limit = sent[0], start
        for _ in range(3):
            lead = self._opening(s0, limit)
            if lead and lead not in rules()["generic"]:
                return s0, lead
            if s0 < 2 or "\n" in text[max(0, s0 - 2):s0]:
                return None  # a paragraph's topic ends with it
            prev = doc.sentence(s0 - 2)
            if prev[1] <= prev[0]:
                return None
            s0, limit = prev
        return None
