"""Which school a figure is about: its own clause, its sentence, or the school the text is about.

A figure is about schools when the names stand right before it as a list (A、B、C等4所, 萍师附小、
萍乡六中、市实验幼儿园3个), when a school (or a list) is the subject of its clause (北京四中今年
有…), is named right after it as what it is (稳居前三的是哈佛、耶鲁), gives a 以…为例 to its
sentence, or opens an earlier clause of its sentence (在达祖小学，…捐款8万元). A school the text is
about (named in the title or the lead's first sentence, three times, or named and then
referred to) carries to later figures: ``school_topics.py`` sets it on the document model.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Sequence

from .document import Document
from .gazetteer import gazetteer
from .school_topics import LIST_SEPS, SUBJECT_LEAD, SchoolTopics, clause_lead, trusted
from .schools import School, school_patterns, proper_part
from .tokens import tag
from .universities import universities

_NOT_SUBJECT = re.compile(r"[将把向对与和至到为在]")
_EXAMPLE = re.compile(r"[^，,。；;：:]{0,12}为例")  # (以)…学院会计专业为例
_IS_AFTER = re.compile(r"[\u3400-\u9fff]{0,2}?的[\u3400-\u9fff]{0,3}?是")  # 前三的依然是…
# a phrase that describes the subject before it (排名最高的加州伯克利仅排在第21)
_MODIFIER_LEAD = re.compile(r"[^，,。；;：:0-9０-９]{1,10}的")
_ITEM = re.compile(r"[\u3400-\u9fff]{2,12}")  # an item of a list of schools: a name
_SPENT_REACH = 60  # how far after a sum its 用于 may stand (a bracketed breakdown between)
_ONE_SCHOOL = re.compile("[一1１]所")
_DESCRIBES = re.compile(r"[\u3400-\u9fff]{0,6}?的")  # 有百年历史的…: the figure's phrase ends
_PREDICATES = ("是", "有", "已", "在", "于", "位于", "自", "始建", "创办", "创建", "建于", "成立", "现有", "共有")
_PLACE_LEAD = re.compile(r"在[^，,。；;：:]{0,30}")  # 在…的 before a school: where the clause is


class SchoolLinker:
    """Per-document school attachment: a list or the subject of the figure's clause, a school
    named earlier in its sentence, else the school the text is about (see the module doc)."""

    def __init__(self, document: Document, schools: list[School], titled: Sequence[School] = ()) -> None:
        """``schools``: every school named in the text, in order; ``titled``: those named in a
        title given apart from the text (batch metadata), which the text is about from its start."""
        self.document, self.doc, self.schools = document, document.doc, schools
        self._ends = [s.end for s in schools]
        self._starts = [s.start for s in schools]
        self.glue = school_patterns()["glue"]
        self.list_end = -1  # where the list of the last attached figure ends
        self._titled = list(titled)
        self.topics = SchoolTopics(document, schools, titled)
        self._spends = "用于" in document.text  # (most texts spend on nothing named)

    def attach(self, start: int, end: int | None = None) -> str | None:
        """The school of the figure at [start, end) (``end`` lets a school named after it as
        what it is count: 居前三的是哈佛、耶鲁)."""
        self.list_end = -1
        if not self.schools and not self._titled:
            return None
        end = start if end is None else end
        own = self._own(start, end)
        if own:
            return own
        figure = self.doc.text[start:end].rstrip()
        if figure.endswith("所"):
            # a count of schools is no figure of the one school the text is about, but one
            # school is the school its sentence is about (X位于…，是一所公立大学; 是唯一一所)
            if not _ONE_SCHOOL.fullmatch(figure):
                return None
            return self._in_sentence(start) or self._as_what(start)
        return self._in_sentence(start) or self._as_what(start) or self._spent_on(start, end) or \
            self.topics.carried(start)

    def _spent_on(self, start: int, end: int) -> str | None:
        """The school a sum is for, named right after 用于 in the clause after the figure's (投入
        资金1856万元(其中…),用于江城职业学校改造提升工程)."""
        if not self._spends:
            return None
        text = self.doc.text
        _, s1 = self.doc.sentence(start)
        k = text.find("用于", end, min(s1, end + _SPENT_REACH))
        if k < 0:
            return None
        i = bisect_left(self._starts, k + 2)
        if i >= len(self.schools) or self.schools[i].start != k + 2:
            return None
        names = self._list_from(i, s1)
        return "、".join(n.name for n in names) if len(names) > 1 else proper_part(names[0].name)

    def _as_what(self, start: int) -> str | None:
        """The school heading the clause after the figure's when the figure's clause says what
        it is as (作为全省唯一一所…，江城大学…; 作为拥有3000名学生的学校，江城中学…)."""
        text = self.doc.text
        c0, c1 = self.doc.clause(start)
        if text.find("作为", c0, start) < 0 or not SUBJECT_LEAD.fullmatch(clause_lead(text, c0, text.find("作为", c0, start))):
            return None
        k = bisect_left(self._starts, c1 + 1)
        if k >= len(self.schools) or self.doc.clause(self.schools[k].start)[0] != c1 + 1:
            return None
        sc = self.schools[k]
        if not SUBJECT_LEAD.fullmatch(clause_lead(text, c1 + 1, sc.start)):
            return None
        return proper_part(sc.name)

    def _own(self, start: int, end: int) -> str | None:
        text = self.doc.text
        c0, c1 = self.doc.clause(start)  # (the figure's clause: its end is the clause's too)
        i = bisect_left(self._ends, start + 1) - 1
        if i < 0 or self.schools[i].end < c0:
            return self._predicate(end, c1, described=True)  # (no school before it in its clause)
        if text[start - 1:start] == "等" and text[start:end].rstrip().endswith("所") and \
                text.startswith(school_patterns()["school_nouns"], end):
            named = self._named_list(c0, start - 1)
            if named:
                self.list_end = start - 1
                return named
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
            if trusted(last) and not text[start:end].rstrip().endswith(("所", "个", "家")):
                return proper_part(last.name)  # 西藏大学近千名师生: the school's own people
            return None
        # the subject of the clause: a school (or a list of them) at its start, only time
        # words before it (达特茅斯和布朗依旧没有挤进前十)
        first = bisect_left(self._ends, c0 + 1)
        if first < len(self.schools):
            sc = self.schools[first]
            lead = clause_lead(text, c0, sc.start)
            if sc.end <= start and (SUBJECT_LEAD.fullmatch(lead) or _MODIFIER_LEAD.fullmatch(lead)):
                names = self._list_from(first, start)
                rest = text[names[-1].end:start]
                if not _NOT_SUBJECT.search(rest[:2]) or rest.startswith("作为"):  # (X作为…唯一一所)
                    if len(names) > 1:
                        return "、".join(n.name for n in names)
                    return proper_part(sc.name)
        return self._predicate(end, c1)

    def _named_list(self, c0: int, end: int) -> str | None:
        """The names of a list of schools before 等N所高校 as written, where some are short forms
        no gazetteer holds (如中大、暨大、华工、汕头大学等7所高校): the items joined with 、 (和
        before the last) after the clause's opening words and verbs, when one is a school found
        and none is a place or longer than a name."""
        text = self.doc.text
        items = text[c0:end].split("、")
        items[-1:] = re.split("以及|和|与", items[-1])  # (及 inside an item: 中心校及幼儿园)
        stops = self._stops()
        while items and _after_stop(items[0], stops) in stops:
            del items[0]  # (全县新建、改扩建泗县一中…: the verbs before the list)
        if len(items) < 2:
            return None
        items[0] = _after_stop(items[0], stops)
        k = bisect_left(self._starts, c0)
        found = [sc for sc in self.schools[k:] if sc.end <= end]
        region = gazetteer().pattern
        out, unknown, known = [], False, False
        for x in items:
            sc = next((sc for sc in found if x.endswith(sc.name)), None)
            if sc is not None:
                out.append(proper_part(sc.name))  # (仅北京大学 → 北京大学)
                known = True
            elif _ITEM.fullmatch(x) and not region.fullmatch(x):
                out.append(x)
                unknown = True
            else:
                return None
        if not (unknown and known):
            return None  # (found schools only: the list rule reads them; none found: no list of schools)
        return "、".join(out)

    @staticmethod
    def _stops() -> frozenset[str]:
        return school_patterns()["stops"]

    def _list_from(self, k: int, before: int) -> list[School]:
        """The school ``k`` and those joined to it by 、和与及 after it, all ending before ``before``."""
        text = self.doc.text
        names = [self.schools[k]]
        while k + 1 < len(self.schools) and self.schools[k + 1].end <= before and \
                text[names[-1].end:self.schools[k + 1].start] in LIST_SEPS:
            k += 1
            names.append(self.schools[k])
        return names

    def _predicate(self, end: int, c1: int, described: bool = False) -> str | None:
        """Schools named right after the figure as what it is (稳居前三的依然是哈佛、普林斯顿和耶鲁),
        or, where no school stands before it in its clause (``described``), a school the figure
        describes (在有百年历史的草桥小学，…; 拥有3000名学生的江城中学是…)."""
        text = self.doc.text
        if "的" not in text[end:end + 9]:
            return None  # (the 的 of both stands in the few characters after the figure)
        m = _IS_AFTER.match(text, end, c1)
        if m is None:
            return self._described(end, c1) if described else None
        k = bisect_left(self._starts, m.end())
        if k >= len(self.schools) or self.schools[k].start != m.end():
            return None
        names = self._list_from(k, c1)
        return "、".join(n.name for n in names) if len(names) > 1 else proper_part(names[0].name)

    def _described(self, end: int, c1: int) -> str | None:
        """A school right after the 的 that ends the figure's phrase, heading what is left of
        the clause (its end, or its verb: 是, 有, 位于…)."""
        m = _DESCRIBES.match(self.doc.text, end, c1)
        if m is None:
            return None
        k = bisect_left(self._starts, m.end())
        if k >= len(self.schools) or self.schools[k].start != m.end():
            return None
        sc = self.schools[k]
        if not trusted(sc):
            return None  # (排名第一的珠宝设计学院: a kind)
        if sc.end < c1 and not self.doc.text.startswith(_PREDICATES, sc.end) and \
                tag(self.doc.text[sc.end:min(c1, sc.end + 4)])[0][1][:1] not in ("v", "d"):
            return None  # (有3000名学生的江城中学校长: the school names whose it is; a verb
            # or an adverb after it makes it the subject: 排名第12的江城大学录取…)
        return proper_part(sc.name)

    def _in_sentence(self, start: int) -> str | None:
        """The school of a 以…为例 before the figure in its sentence, or a school that opens an
        earlier clause of the figure's sentence part as its subject or place (在泸沽湖畔的达祖
        小学，…捐款8万元); not one of a list (A、B等4所学校投入使用, 新增学位…: the list has its
        own count)."""
        s0, _ = self.doc.sentence(start)
        i = bisect_left(self._ends, start + 1) - 1
        if i < 0 or self.schools[i].start < s0:
            return None
        sc = self.schools[i]
        example = _EXAMPLE.match(self.doc.text, sc.end)
        if example is not None and clause_lead(self.doc.text, self.doc.clause(sc.start)[0], sc.start).endswith("以"):
            return proper_part(sc.name)  # 以江城职业技术学院会计专业为例，学费…，住宿费…
        if sc.start < self.doc.semi(start)[0]:
            return None
        text = self.doc.text
        if self.doc.clause(start)[0] < sc.end:
            return None  # in the figure's own clause the list and subject rules decide
        seps = ("、", "和", "与", "及")
        if text[sc.end:sc.end + 1] == "等" or (i > 0 and sc.start - self.schools[i - 1].end == 1 and
                                              text[sc.start - 1] in seps):
            return None
        if sc.name.endswith(school_patterns()["no_carry"]) and not any(f for _, _, f in universities().scan(sc.name)):
            return None  # (某研究院的专家认为，…有43%的受访者: the source, not the subject; a
            # university's 研究院 is one of its schools)
        c0, _ = self.doc.clause(sc.start)
        lead = clause_lead(text, c0, sc.start)
        if SUBJECT_LEAD.fullmatch(lead) or _PLACE_LEAD.fullmatch(lead):
            return proper_part(sc.name)
        return None


def _after_stop(item: str, stops: frozenset[str]) -> str:
    """``item`` after the last word that leads a name in (首批试点包括云大 → 云大: 如, 包括, 支持…
    of ``left_stops``), or as it is."""
    for j in range(max(1, len(item) - 8), len(item) - 1):
        if any(item.endswith(w, 0, j) for w in stops if len(w) <= j):
            return item[j:]
    return item
