"""Metric: the text's own phrase naming what a figure measures, decided figure by figure.

The phrase before a figure in its clause, from the end of an earlier figure in that clause,
cleaned of times, places, scope words and grammar at both ends (共计下达学生资助资金 →
下达学生资助资金; 互联网接入率、教学点专递课堂覆盖率均达 → 互联网接入率、教学点专递课堂覆盖率).
A count is named by the noun phrase after its measure word (4万余名学生 → 学生) when nothing
with a noun is before it, when the phrase before ends in the verb whose object it counts or in
a demonstrative (准备了3万个就业岗位, 这两个目的; not after 次/遍: 拍了38次手), and joined to
a short phrase before it that can modify a noun (城乡9所小学 → 城乡小学); words right after an
earlier figure are that figure's noun (20个国家和地区3000名大学生 → 大学生). The base of a change
(比去年, 从原来的) and what comes before a copula (…就是考试时间) are cut. Else the phrase after
the figure (8人入选…计划); a figure whose phrase is only a verb of change (逐年增长到2023年的
7.04亿元) shares the metric of the figure before it. A phrase that is only a piece of a
predicate names its verb or nothing (每天如果学习 → 学习; 转眼过 → None); a share written as
占… alone is of the clause before it; a 分别 with no noun of its own pairs its values with
the list the clause before ends with (扩大A和B，预计分别增加x、y).
Only the short window around a figure is tokenized (jieba's dictionary words and tags).

This module holds the decisions; the parts it asks live beside it:
``metric_rules`` (the compiled word lists), ``metric_phrases`` (cleaning a phrase),
``metric_words`` (questions about a phrase's words), ``metric_after`` (the words after a
figure), ``metric_predicates`` (what the counted do) and ``metric_subjects`` (a clause's
subject, a paragraph's sector).
"""
from __future__ import annotations

import re

from .clauses import DocText, paren_start
from .metric_after import action_after, noun_of, purpose_after
from .metric_phrases import before_note, cleaner, note_start, object_list, split_list, word_edge
from .metric_predicates import starts_predicate, with_predicate
from .metric_rules import BREAK_CHAR, CONNECTORS, DIGIT, EDGE_PUNCT, HEADLINE_BREAK, TIME, rules
from .metric_subjects import SentenceSubjects, without_subject
from .metric_words import (LONGEST_EMPTY, aspect_verbs, ends_in_noun, ends_in_verb, fragment_verb, has_verb, holds_noun,
                           is_label, is_relative, modifies, names_nothing, only_names, starts_with_noun,
                           words_of)
from .tokens import has_noun, is_noun, tag

_DATELINE_END = re.compile(r"日(?:电|讯)\s*(?:[（(][^（()）]{0,20}[）)])?\s*")
_ALNUM = re.compile(r"[^\W_]")  # a letter or a digit of any script (what str.isalnum tells)
# a list item's mark at the start of a phrase (4．用了整整十分钟, ⑵确定论点, (三)): no word of it
_LIST_MARK = re.compile(r"^\s*(?:[0-9０-９]{1,2}[．.、](?![0-9０-９])|[⑴-⒇①-⑳]|"
                        r"[（(][一二三四五六七八九十0-9０-９]{1,2}[)）])")
# the characters other than blanks (str.isspace, what \s reads) a list mark can start with
_LIST_MARK_FIRST = frozenset("0123456789０１２３４５６７８９（(" + "".join(map(chr, range(ord("⑴"), ord("⒇") + 1)))
                             + "".join(map(chr, range(ord("①"), ord("⑳") + 1))))
_COUNTED = frozenset(("people", "institution", "count", "person_time"))
_SETTING_TAGS = frozenset(("t", "ns"))  # time words and place names
_NAMED = frozenset(("nr", "nrfg", "nrt", "ns", "nt", "nz"))  # names of people, places, bodies
_LABELLED = frozenset(("money", "percent", "people"))
# where a metric comes from: kept as it is, the words before the figure, the words after it
_FIXED, _LEFT, _AFTER = "fixed", "left", "after"
# kinds whose figure is no value of a sentence's subject (高中阶段在校生6年来…: 6年 is no 在校生)
_UNSUBJECTED = frozenset(("duration", "other", "rank"))


def _list_word(text: str, a: int, b: int) -> bool:
    """Whether 分别 or 依次 lies within text[a:b] (str.find: no regex call per figure)."""
    return text.find("分别", a, b) >= 0 or text.find("依次", a, b) >= 0


def _nominal(metric: str) -> bool:
    """Whether a word of the metric names a thing (a verbal noun does not: 预计分别增加)."""
    return metric.endswith(rules()["noun_endings"]) or any(
        t[0] in "nx" or t in ("an", "j", "l", "i") for _, t in tag(metric))


def _verb_at(tail: str) -> str:
    """The verb a phrase starts with (投档 of 加10分投档: jieba may tag it a noun), else nothing."""
    words = tag(tail[:6]) if tail else ()
    return words[0][0] if words and len(words[0][0]) > 1 and words[0][1][0] in "vn" else ""


def _after_examples(raw: str) -> str:
    """The words after 等 when they name the class its examples belong to (开办了《…》等业余
    系列讲座20多期 → 业余系列讲座), else the words as they are."""
    words = tag(raw)
    k = max((j for j, (w, t) in enumerate(words) if w == "等" and t[0] == "u"), default=-1)
    rest = words[k + 1:]
    # (等地遭遇, 等国大学: 地 and 国 end the list's words; a verb or an adverb starts a clause)
    if k < 0 or not rest or len(rest[0][0]) < 2 or not is_noun(rest[-1][1]) \
            or not all(is_noun(t) or t[0] in "ab" for _, t in rest):
        return raw
    return "".join(w for w, _ in rest)


_NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十两百千万几半零〇壹贰叁肆伍陆柒捌玖拾")


class MetricLinker:
    """Per-document metric naming; figures are visited in order."""

    def __init__(self, doc: DocText, region_re: re.Pattern[str]) -> None:
        self.doc, self.region_re = doc, region_re
        self.prev_end = -1
        self.prev_metric: str | None = None
        self.prev_kind = ""
        self.prev_sentence = (-1, -1)
        # 普通小学、普通初中…生均支出分别为6.71%、9.13%…: (the items, their shared rest, the item now)
        self.listing: tuple[list[str], str, int] | None = None
        self.subjects = SentenceSubjects(doc, region_re)
        self.clean = cleaner(region_re)  # clean(·, region_re), one call per phrase

    def attach(self, start: int, end: int, kind: str, after: int = -1, unit: str = "") -> str | None:
        """The metric of the figure at [start, end) measured in ``unit``; ``after`` is where a
        list of named schools before it ends (the list is the school, not the metric)."""
        spans = self.doc.parts(start)
        sent = spans[0]
        if sent != self.prev_sentence:
            self.listing = None
        metric, how, bare = self._own(start, end, kind, after, unit, spans)
        # (a phrase longer than names_nothing and fragment_verb read is kept: not asked)
        if metric is None or how == _FIXED or len(metric) > LONGEST_EMPTY:
            pass
        elif names_nothing(metric, how == _AFTER):
            # 可以, 需要, 占, 增长到: a verb or a function word names nothing; a figure of the
            # sentence before, or the sentence's subject, may
            metric = None
        elif metric is not None and how == _LEFT:
            metric = fragment_verb(metric)  # 每天如果学习8小时 → 学习; 转眼过了3个月 → None
        if metric is None and how != _FIXED:
            if bare:
                metric = self._share_of_clause(start, kind, sent)
            if metric is not None:
                pass  # 大多数创业的海归集中在高科技领域，占到70%以上
            elif sent == self.prev_sentence and self.prev_metric:
                metric = self.prev_metric  # 其中我市占三个: the figure shares the sentence's metric
            elif bare and kind not in _UNSUBJECTED:
                # 高中阶段在校生一直高速增长，2000年为2517.70万人: the subject names the values
                metric = self.subjects.subject(start, sent) or None
        if self.listing is not None or how != _FIXED:
            metric = self._listed(metric, how, bare, start)
        if kind == "rank":
            metric = self._rank(metric, start)
        elif metric is not None and metric in rules()["generic"]:
            metric = self._with_topic(metric, start)
        self.prev_end, self.prev_sentence = end, sent
        self.prev_metric, self.prev_kind = metric, kind
        return metric

    def _own(self, start: int, end: int, kind: str, after: int, unit: str,
             spans: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]) -> tuple[str | None, str, bool]:
        """(the metric the figure's own words name, where it comes from (``_FIXED``: kept as
        it is; ``_LEFT``, ``_AFTER``: the words before or after the figure), whether the
        words before the figure name nothing (2000年为, 增长到: the subject may)).

        ``spans`` are the figure's (sentence, semicolon part, clause). Cheap tests come first;
        the words after the figure are read only on the paths that use them, once."""
        doc, text = self.doc, self.doc.text
        c = rules()
        sent, _, (c0, c1) = spans
        # 小学教职工(不含…)553.73万人: the note says what is left out
        stop = note_start(text, c0, start) if text[start - 1] in ")）" else start
        prev_end = self.prev_end
        w0 = prev_end if c0 < prev_end <= start else c0  # (what max(c0, …, after) gives, without the call)
        if after > w0:
            w0 = after
        if stop - c["max_left"] > w0:
            w0 = word_edge(text, stop - c["max_left"], stop)
        raw = text[w0:stop]
        plain = raw.isalnum()  # (letters and digits only: no parenthesis, markup or blank to look for)
        if not plain and ("(" in raw or "（" in raw):
            w0 = paren_start(text, w0, stop)
            raw = text[w0:stop]
        if not plain and ">" in raw:
            raw = raw[raw.rindex(">") + 1:]  # markup (<p>) of transcripts ends a phrase
        if "日电" in raw or "日讯" in raw:
            # 新华社合肥5月18日电（通讯员…）: the report starts after its dateline
            raw = raw[max(dm.end() for dm in _DATELINE_END.finditer(raw)):]
        if raw and raw[-1].isdigit():
            raw = before_note(raw)
        # (each pattern is tried only where the character it needs is there: most phrases have none)
        mark = _LIST_MARK.match(raw) if raw and (raw[0] in _LIST_MARK_FIRST or raw[0].isspace()) else None
        if mark:
            raw = raw[mark.end():]
        parts = HEADLINE_BREAK.split(raw) if not plain and BREAK_CHAR.search(raw) else None
        if parts and len(parts) > 1 and (parts[-1] or kind == "percent" or not raw.endswith((" ", "\u3000", "\xa0"))):
            # 调查称七成海归选择回国就业 46%海归…, ●…●新生流失率超10%: a headline's parts; a
            # space right before a count (招收学生 3万人) parts nothing
            raw = parts[-1]
        ends = raw.rstrip()  # (the phrase's end, read by several tests below)
        last = ends[-1:]  # (its last character: the words tested below are one character or end in one of a few)
        if last in c["reporting_last"] and ends.endswith(c["reporting"]):
            raw = ends = last = ""  # 调查称七成海归…: who reports a figure is not what it measures
        after_prev = w0 == self.prev_end
        counted = kind in _COUNTED
        if after_prev and last in CONNECTORS:
            raw = ends = last = ""  # 18所初中、32所小学, 32个国家的45名: the words between belong to the earlier figure
        if (last == "将" or last == "把") and text[start] in _NUMERAL_CHARS:
            # 苏秀英将一万元的捐款送到: the figure is what 将 takes, the noun after names it
            # (将超过1300人: a verb after 将, in the figure's span, is what the subject will do)
            raw = ends = ""
        elif last == "等":
            raw = ends = ""  # 教育、宣传、财政等10个部门: the list names members, the noun after says what
        elif counted and "等" in raw:
            raw = _after_examples(raw)  # (理工、体育等专业4300元/年: a sum is the listed members')
            ends = raw.rstrip()
        elif "、" in raw and not self.clean(raw[raw.rindex("、") + 1:])[0]:
            raw = ends = ""  # 陈艳辉、渌口区扎根乡村26年: the last list item is only a place
        same = sent == self.prev_sentence and bool(self.prev_metric)  # a figure of this sentence has a metric
        if same:
            based = raw.strip(EDGE_PUNCT)
            if based and based[0] in "同比较与" and c["base_only"].fullmatch(based):  # (how a base starts)
                return self.prev_metric, _FIXED, False  # 总投入为42562.01亿元,比上年的38888.39亿元: the same quantity
        if unit in c["score_units"]:
            moved = next((m for v, m in c["score_changes"].items() if ends.endswith(v)), None)
            if moved:
                return moved + unit + _verb_at(text[end:c1]), _FIXED, False
        left, left_words = self.clean(raw)
        if left_words and len(left_words) > 1 and left_words[0][1] == "t" \
                and all(t in _SETTING_TAGS for _, t in left_words):
            left, left_words = "", ()  # 现在西班牙约20%新生婴儿…: when and where, not what
        if after_prev and same and left in c["ratio_words"] and raw.lstrip().startswith("的"):
            # 教育经费占一般公共预算支出203330亿元的比例为14.71%: the share of the sum before it
            return self.prev_metric + "的" + left, _FIXED, False
        of_end = text.startswith("的", end)  # 1000元的回扣: 的 right after the figure
        if kind in _LABELLED and w0 == c0 and c0 > 1 and text[c0 - 1] in "：:" and not of_end \
                and (not left or names_nothing(left)):
            # 交通费：每月30元: a label before a colon names the sum or share after it (a
            # speaker, a dateline or a verb before a colon introduces a sentence instead)
            a, _ = doc.clause(c0 - 2)
            written = text[a:c0 - 1]
            label, label_words = self.clean(written)
            # (…生均支出增幅分别为：6.71%、…: a label that introduces a list may be long)
            listing = written.rstrip().endswith(c["list_starts"])
            longest = 2 * c["max_left"] if listing else c["max_left"]
            # (a list's label may start with its year: 2017年全国普通小学、…分别为)
            if 0 < len(label) <= longest and is_label(TIME.sub("", written) if listing else written, label, label_words):
                left, left_words = label, label_words
        if counted and left:
            # 首批已上线80余万条岗位信息: what follows 已 is done to the counted, which the noun after names
            left_words = words_of(left, left_words)
            if c["aspect"].search(left):
                left_words = aspect_verbs(left_words)
        verbal = unit in c["verbal"]
        if verbal:
            action = action_after(text[end:c1])
            if action:
                return action, _FIXED, False
        # (holds_noun, inline: asked of every figure)
        named = bool(left) and (left.endswith(c["noun_endings"]) or has_noun(tag(left) if left_words is None else left_words))
        if kind == "rank":
            # 前10名高校: what follows a rank is what is ranked, not the ranking
            return (left if named else None), _FIXED, not left or names_nothing(left)
        own = left  # (whether these words name nothing is asked only on the paths that use it)
        following: tuple[str, str] | None = None  # (the noun after the figure, the rest), once read
        if named and not verbal:
            # 拿到1000元的回扣, 每人每月150元的岗位补贴: a sum with 的 and a noun after it, and no
            # noun of its own before it, is named by that noun (a verb's tag on it notwithstanding)
            money_of = of_end and (kind == "money" or unit in c["ages"]) \
                and not text.startswith(c["ratio_words"], end + 1)  # 支出203330亿元的比例: the ratio is the next figure's
            # 来自全国的18300名大学生, 去年到油田工作的10名毕业生: a clause with 的 before a count
            # describes the noun after its measure word, which names what is counted
            described = counted and ends.endswith("的")
            # 爱心企业为他送来的5万元捐款: a sum between a clause with 的 and a noun is that noun's
            gift = kind == "money" and not of_end and ends.endswith("的")
            # 450所中小学中百分之六十的学校: the words before are whom the share is of
            among = kind == "percent" and of_end and ends.endswith(("中", "当中"))
            take = among or gift  # (whether the noun after the figure is read; each test only when needed)
            exists = members = False
            if counted:
                # 强调语文、数学、外语三门基础工具课: a list of short items before a count names its
                # members; the noun after the measure word names what they are
                last = raw[raw.rindex("、") + 1:].strip() if not after_prev and "、" in raw else ""
                members = 0 < len(last) <= 4 and not has_verb(last, None)
                # 每个乡镇至少有两所公办幼儿园: what a count says exists is the noun after it; 是北领地
                # 唯一一所大学: a distinguishing word before a count modifies what it counts
                exists = (not described and ends.endswith(c["existential"]) and not ends_in_verb(left, left_words)) \
                    or (bool(left_words) and left_words[-1][1] == "b")  # type: ignore[index]
                take = take or described or exists or members or ends_in_verb(left, left_words)
            if not take and money_of:
                take = ends.endswith(c["rates"]) or not ends_in_noun(left, left_words)
            if take:
                # 准备了3万个就业岗位: the count is the verb's object, which the noun after the
                # measure word names
                following = self._after(end, c1)
                if following[0] and (money_of or holds_noun(following[0])) and (
                        not (exists or members) or starts_with_noun(following[0])):
                    if described and is_relative(left, left_words):
                        # 到油田工作的10名毕业生: the clause says which of them are counted
                        return left + "的" + following[0], _FIXED, False
                    named, left = False, ""
        metric: str | None
        how = _LEFT
        # 153个国家和地区2000多万名大学生: words without a verb right after an earlier figure
        # are that figure's noun; the noun after this count's measure word says what it counts
        between = named and after_prev and counted and not has_verb(left, left_words)
        if between:
            following = following or self._after(end, c1)
            between = starts_with_noun(following[0])
        if named and kind == "duration" and not of_end:
            # 教育局连续21年荣获…优秀单位: a span before a verb of selection counts what is won
            # in it, not who wins it
            following = following or self._after(end, c1)
            if following[0] and starts_predicate(tag(following[0]), True):
                return with_predicate(following[0], text[end:min(c1, end + 2 * c["max_predicate"])], True), \
                    _FIXED, False
        if named and not (counted and len(left) <= 4) and not between:
            # the words after the figure are not needed (read only when they are)
            return without_subject(left, left_words), _LEFT, False
        noun, rest = following or self._after(end, c1)
        if text.find("用", end, end + 5) >= 0 and (not named or ends_in_verb(left, left_words)):
            purpose = purpose_after(text[end:min(c1, end + 2 * c["max_predicate"])])
            if purpose:
                return purpose, _FIXED, False  # 安排1500万元用于发放教师奖励金: what the sum is for
        if kind == "duration" and noun:
            # 连续21年荣获…优秀单位: a span of years counts what is done in them
            acted = with_predicate(noun, text[end:min(c1, end + 2 * c["max_predicate"])], True)
            if acted != noun or starts_predicate(tag(noun), True):
                return acted, _FIXED, False
        if noun and not named and unit in c["ages"]:
            role = next((noun[:k + len(r)] for r in c["roles"] for k in (noun.find(r),) if k >= 0), "")
            if role:
                return role, _FIXED, False  # 82岁的蒋老师生活…: the age of a person in a role
            words = tag(noun)
            verb = words[0][1][0] == "v" and words[0][1] != "vn"
            # (24岁的驻日美军士兵: after 的 a verb may open the name of whom the age is)
            if words[0][1].startswith("nr") or (verb and not (of_end and has_noun(words[1:]))):
                # 38岁的张正芹: a person's age, of nothing the text measures; 从六岁开始: a verb
                # after an age says when, not whose
                return None, _FIXED, False
        if noun and (counted or kind == "percent"):
            # 8所学校入选省级示范校, 50%以上的学生都能走出国门: what the counted do says
            # which of them are counted
            noun = with_predicate(noun, self._share_tail(end, c1) if kind == "percent" else
                                  text[end:min(c1, end + 2 * c["max_predicate"])], counted)
        bare = not own or names_nothing(own)
        if named and noun:
            # 城乡9所小学 → 城乡小学; 到时会有100万个就业岗位: 到时会 says when, not what
            if modifies(left, left_words):
                metric = left + noun
            else:
                metric = noun if holds_noun(noun) else left
        elif named:
            metric = left
        elif not noun and same and (after_prev or (left and left not in c["generic"])):
            # 逐年增长到2023年的7.04亿元 (but 第二部分为非选择题，约占40%: the clause before says what)
            metric = (bare and self._share_of_clause(start, kind, sent)) or self.prev_metric
        elif noun:
            metric, how = noun, _AFTER
        elif left:
            metric = left
        else:
            metric = self.clean(rest)[0] or None
        if metric and not metric[0].isalnum() and _ALNUM.search(metric) is None:
            metric = None  # 30元/月: punctuation names nothing
        return metric or None, how, bare

    def _after(self, end: int, stop: int) -> tuple[str, str]:
        """(the noun phrase after a figure ending at ``end``, cleaned; the whole phrase up to
        the clause end at ``stop``)."""
        noun, rest = noun_of(self.doc.text[end:min(stop, end + rules()["max_right"])])
        return self.clean(noun)[0], rest

    def _share_tail(self, end: int, c1: int) -> str:
        """The words after a share up to its clause end, or, when its noun ends the clause,
        with the next clause that refers back to it (95%的海归，其在海外工作经历少于3年)."""
        text = self.doc.text
        own = text[end:c1]
        if c1 >= len(text) or text[c1] not in "，," or len(own) > 12 or not own.startswith("的"):
            return own
        nxt = text[c1 + 1:self.doc.clause(c1 + 1)[1]]
        if nxt.startswith("其") and not nxt.startswith(("其中", "其余", "其他", "其实")):
            return own + nxt[1:]
        # 有72%的海归，月薪低于1万元人民币: a short clause that starts with something of theirs
        # (a noun, no name and no time) and what it does says which of them are counted
        words = tag(nxt) if len(nxt) <= 20 else ()
        if len(words) > 2 and words[0][1][0] == "n" and words[0][1] not in _NAMED \
                and words[1][1][0] in "vp" and words[1][1] != "vn":
            return own + nxt
        return own  # else only 其 says that the next clause is about them

    def _share_of_clause(self, start: int, kind: str, sent: tuple[int, int]) -> str | None:
        """The clause before a share written as 占… alone: what the share is of (大多数创业的
        海归集中在高科技领域，占到70%以上; 第二部分为非选择题，约占40%), when that clause holds
        no figure of its own."""
        text = self.doc.text
        a, _ = self.doc.clause(start)
        if kind != "percent" or a - 1 <= sent[0] or not text[a:start].lstrip().startswith(("占", "约占")):
            return None
        b0, _ = self.doc.clause(a - 2)
        phrase, words = self.clean(text[b0:a - 1])
        if not phrase or len(phrase) > rules()["max_predicate"] or DIGIT.search(phrase) \
                or not holds_noun(phrase, words):
            return None
        return phrase

    def _listed(self, metric: str | None, how: str, bare: bool, start: int) -> str | None:
        """The item of a list of metrics that a figure of a 分别为 list of values gives: the
        k-th value has the k-th item with what the items share (普通小学、普通初中生均支出分别为
        6.71%、9.13% → 普通小学生均支出, 普通初中生均支出)."""
        text = self.doc.text
        if self.listing is not None and bare and how != _FIXED:
            items, rest, k = self.listing
            if k + 1 < len(items) and not text[self.prev_end:start].strip(" 、和及与，,"):
                self.listing = (items, rest, k + 1)
                return items[k + 1] + rest
            self.listing = None
            return metric
        if metric and how == _LEFT and "、" in metric and _list_word(text, max(0, start - 40), start):
            split = split_list(metric)
            if split is not None:
                self.listing = (split[0], split[1], 0)
                return split[0][0] + split[1]
        elif how != _FIXED and _list_word(text, max(0, start - 40), start):
            # 扩大硕士研究生招生和专升本规模，预计分别比去年增加18.9万、32.2万人: a 分别 whose own
            # words name nothing gives its values to the list the clause before ends with
            a, _ = self.doc.clause(start)
            sent = self.doc.sentence(start)
            if a - 1 > sent[0] and text[a - 1] in "，," \
                    and _list_word(text, a, start) and not (metric and _nominal(metric)):
                objects = object_list(text[self.doc.clause(a - 2)[0]:a - 1])
                if objects is not None:
                    self.listing = (objects, "", 0)
                    return objects[0]
        return metric

    def _with_topic(self, metric: str, start: int) -> str:
        """A table noun with the sector its paragraph is about (招生 → 小学招生), or with the
        count of institutions before it in its sentence (共有1001所中小学校，在校生达到96万)."""
        sent = self.doc.sentence(start)
        topic = self.subjects.topic(sent, start)
        if sent == self.prev_sentence and self.prev_metric and self.prev_kind == "institution" \
                and self.prev_metric not in rules()["generic"] and (topic is None or topic[0] < sent[0]):
            topic = (start, self.prev_metric)
        if topic is None or "\n" in self.doc.text[topic[0]:start] or metric in topic[1]:
            return metric
        return topic[1] + metric

    def _rank(self, metric: str | None, start: int) -> str:
        """A rank measures a place in a ranking: the ranking the text names, else the subject
        before it with 排名 (初中五率评比居龙岩市第二名 → 初中五率评比排名; 前十 → 排名)."""
        c = rules()
        if metric:
            for w in c["rank_words"]:
                k = metric.find(w)
                if k >= 0:
                    # 哥伦比亚大学排名: the name says who is ranked
                    return metric[k:] if k and only_names(metric[:k]) else metric
            if not only_names(metric):
                return metric + c["rank_noun"]
        a, _ = self.doc.clause(start)
        lead = self.subjects.of_clause(a, start)
        if lead and not only_names(lead):
            return lead + c["rank_noun"]
        return c["rank_noun"]
