"""Metric: the text's own phrase naming what a figure measures.

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
7.04亿元) shares the metric of the figure before it.
Only the short window around a figure is tokenized (jieba's dictionary words and tags).
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from ._data import PatternMemo, config, longest_first, prefiltered
from .clauses import DocText, paren_start
from .tokens import Words, has_noun, is_function, is_noun, tag, tail

_MARKS = str.maketrans("", "", "“”「」\"《》")
_PARENS = str.maketrans("", "", "()（）")
_MARK_CHARS = re.compile("[“”「」\"《》]")
_DIGIT = re.compile(r"[0-9０-９]")
_DATELINE_END = re.compile(r"日(?:电|讯)\s*(?:[（(][^（()）]{0,20}[）)])?\s*")
_CONNECTORS = ("、", "和", "及", "与", "的")  # words that join nouns into one phrase
_LIST_JOINS = ("、", "和", "及", "与")  # after a figure: what follows is the next item (…万人和最高峰6743.64万人)
_EDGE_PUNCT = " \t\r\n\u3000\xa0、，,：:；;()（）“”\"《》·-—"  # whitespace: indented paragraphs (\u3000\u3000)
_TIME = re.compile(r"(?:19|20|１９|２０)[0-9０-９]{2}\s*年(?:[0-9０-９]{1,2}月)?(?:[0-9０-９]{1,2}日)?(?:底|末|初|以来)?|"
                   r"[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?|[一二三四五六七八九十两0-9０-９]+年来")  # older papers write full-width digits


@cache
def _cfg() -> dict:
    cfg = config()["metric"]
    scope = config()["scope"]
    words = [w for k in ("city", "province", "county", "district", "nation") for w in scope[k]]
    periods = "|".join(f"(?:{p})" for p in config()["time"]["periods"])
    bases = "|".join(map(re.escape, longest_first(cfg["change_bases"])))
    return {
        "left": re.compile("^(?:" + "|".join(map(re.escape, longest_first(cfg["strip_left"]))) + ")"),
        # matched on the reversed phrase: the longest ending, without a search at every offset
        "right_reversed": re.compile("|".join(
            re.escape(w[::-1]) for w in longest_first(cfg["strip_right"] + cfg["rate_words"]))),
        "rates": tuple(cfg["rate_words"]),
        "noun_endings": tuple(cfg["noun_endings"]),
        "scope": re.compile("^(?:" + "|".join(map(re.escape, longest_first(words))) + ")"),
        "scope_words": frozenset(words),
        "period": prefiltered(periods),
        # 比去年增加, 从原来的: the base of a comparison goes with its time, leaving the verb of change
        "compared": re.compile(f"(?:同比|比|较)(?:{periods}|{_TIME.pattern})|从(?:{bases})的?"),
        "copulas": frozenset(cfg["copulas"]),
        "verbal": frozenset(cfg["verbal_measures"]),
        "demonstratives": frozenset(cfg["demonstratives"]),
        "max_left": cfg["max_left"],
        "max_right": cfg["max_right"],
        "generic": frozenset(cfg["generic_metrics"]),
        "list_starts": tuple(cfg["list_starts"]),
        "rank_words": tuple(cfg["rank_words"]),
        "rank_noun": cfg["rank_noun"],
        "ranked": frozenset(cfg["ranked"]),
        "ages": frozenset(cfg["ages"]),
        "ratio_words": tuple(cfg["ratio_words"]),
        "stage_words": frozenset(cfg["stage_words"]),
        "purposes": tuple(cfg["purposes"]),
        "existential": tuple(cfg["existential"]),
        "modals": frozenset(cfg["modals"]),
        "max_predicate": cfg["max_predicate"],
        "predicate_verbs": frozenset(cfg["predicate_verbs"]),
        "empty_words": frozenset(cfg["empty_words"]),
        "max_relative": cfg["max_relative"],
        "time_ends": tuple(cfg["time_ends"]),
        "disposal_words": frozenset(cfg["disposal_words"]),
        # 比上年的38888.39亿元: a figure whose own words are only the base of a comparison
        "base_only": re.compile(f"(?:同比|比|较|与)(?:{periods}|{_TIME.pattern}|{bases})的?"),
    }


def _strip(phrase: str, region_re: re.Pattern[str]) -> tuple[str, Words | None]:
    """(the phrase cleaned at both ends, its words when they are known)."""
    return _stripped(phrase, region_re) if phrase else (phrase, ())


def _strip_phrase(phrase: str, region_re: re.Pattern[str]) -> tuple[str, Words | None]:
    c = _cfg()
    if _MARK_CHARS.search(phrase):
        phrase = phrase.translate(_MARKS)
    if "比" in phrase or "较" in phrase or "从" in phrase:
        phrase = c["compared"].sub("", phrase)
    phrase = c["period"].sub("", _TIME.sub("", phrase))
    words: Words | None = None  # the words of ``phrase``, once read (a stripped start keeps them)
    if "是" in phrase:
        phrase, words = _after_copula(phrase, c["copulas"])
    changed = True
    while changed and phrase:
        changed = False
        s = phrase.strip(_EDGE_PUNCT)
        if s != phrase:
            cut = len(phrase) - len(phrase.lstrip(_EDGE_PUNCT))
            kept = words is not None and s and cut + len(s) == len(phrase)
            words = tail(words, cut) if kept else None  # type: ignore[arg-type]
            phrase, changed = s, True
        m = c["scope"].match(phrase)
        if m is None and (m := region_re.match(phrase)) is not None and m.end() > 0:
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
        lm = c["left"].match(phrase)
        if lm:
            if words is None:
                words = tag(phrase)
            rest = tail(words, lm.end())
            if rest is not None:
                phrase, words, changed = phrase[lm.end():], rest, True
        rm = c["right_reversed"].match(phrase[::-1])
        if rm and rm.end() < len(phrase):
            k = len(phrase) - rm.end()
            if words is None:
                words = tag(phrase)
            if tail(words, k) is not None:
                phrase, words, changed = phrase[:k], None, True
    if phrase.count("(") != phrase.count(")") or phrase.count("（") != phrase.count("）"):
        phrase, words = _balanced(phrase), None
    if phrase in c["rates"]:
        return "", ()
    return phrase, words


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
    return phrase[start:end].strip(_EDGE_PUNCT.translate(_PARENS))


_stripped = PatternMemo(_strip_phrase)  # phrase -> (stripped phrase, its words), per region pattern


def _has_noun(phrase: str, words: Words | None = None) -> bool:
    """Whether a word of the phrase is a noun, or the phrase ends in a character that makes a
    measure of it a noun (录用率, 招生数, 奖学金: jieba tags 率 a verb)."""
    return phrase.endswith(_cfg()["noun_endings"]) or has_noun(tag(phrase) if words is None else words)


def _word_edge(text: str, cut: int, end: int) -> int:
    """The first word edge at or after ``cut`` (a window cut by its length limit must not begin
    inside a word: 教育部会同… cut after 教育 would name 部会同…; 2025年 cut after 2)."""
    pos = max(0, cut - 4)
    for w, _ in tag(text[pos:end]):
        if pos >= cut:
            return pos
        pos += len(w)
    return end


def _ends_in_verb(phrase: str, words: Words | None) -> bool:
    """Whether the phrase's last word, a scope word (全国) aside, is a verb (not a verbal noun:
    增设了, 了 stripped), a preposition (由14所高校) or a demonstrative (这两个最大的差距: 这
    points at what the noun after names)."""
    words = tag(phrase) if words is None else words
    scope = _cfg()["scope_words"]
    while words and words[-1][0] in scope:
        words = words[:-1]  # 覆盖全国31个省份, 由全国14所高校: the scope belongs to the noun after
    if not words:
        return False
    w, t = words[-1]
    return (t[0] == "v" and t != "vn") or t == "p" or w in _cfg()["demonstratives"]


def _ends_in_noun(phrase: str, words: Words | None) -> bool:
    words = tag(phrase) if words is None else words
    return bool(words) and is_noun(words[-1][1])


_LABELLED = frozenset(("money", "percent", "people"))
_NOT_IN_LABELS = re.compile(r"[<>()（）0-9０-９]")
_SPEAKER_TAGS = frozenset(("nr", "nrfg", "nrt"))


def _is_label(written: str, phrase: str, words: Words | None) -> bool:
    """Whether a phrase before a colon (``written``, cleaned to ``phrase``) is a label (学费,
    所占比例), not a speaker (严嘉), a dateline (央视网消息（新闻联播）, 新华社北京3月2日电) or a
    clause ending in a verb (他说, 标准是)."""
    if _NOT_IN_LABELS.search(written):
        return False
    words = tag(phrase) if words is None else words
    if not words:
        return False
    t = words[-1][1]
    # (a measure's ending decides whatever the tags: jieba calls 巩固率 a name)
    return phrase.endswith(_cfg()["noun_endings"]) or (is_noun(t) and t not in _SPEAKER_TAGS)


def _starts_with_noun(phrase: str) -> bool:
    words = tag(phrase) if phrase else ()
    return bool(words) and is_noun(words[0][1])


def _has_verb(phrase: str, words: Words | None) -> bool:
    return any(t[0] == "v" and t != "vn" for _, t in (tag(phrase) if words is None else words))


_MODIFIER_TAGS = frozenset("nabsfx")  # first letters of noun, adjective, distinguishing, place, direction, unknown tags


def _modifies(phrase: str, words: Words | None) -> bool:
    """Whether every word of the phrase can modify a noun (城乡, 全班, 农村): no verb, adverb or
    function word, so that the phrase and the noun after the figure make one name."""
    words = tag(phrase) if words is None else words
    return all(t[0] in _MODIFIER_TAGS for _, t in words)


def _after(text: str, end: int, stop: int, max_len: int) -> tuple[str, str]:
    """(noun phrase right after a figure, the whole phrase up to the clause end)."""
    return _noun_after(text[end:min(stop, end + max_len)])


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


@lru_cache(maxsize=65536)
def _noun_after(window: str) -> tuple[str, str]:
    digit = _DIGIT.search(window)
    if digit:
        window = window[:digit.start()]
    noun: list[str] = []
    seen_noun = False
    words = _quotes_as_words(tag(window))
    for k, (w, t) in enumerate(words):
        if w in "，,。；;：:！？" or w[0].isdigit() or (not noun and w in _LIST_JOINS):
            break  # (硕士生4500人、博士生: what follows a list mark is the next item)
        if noun and w not in _CONNECTORS and not any(ch.isalnum() or ch in "()（）" for ch in w):
            break  # a dash ends the phrase (四个字——“诚”); a quoted name is one word, 省（区） one noun
        head = not noun or noun == ["的"]
        if not head and ((t.startswith("v") and t != "vn") or (
                seen_noun and not is_noun(t) and w not in _CONNECTORS and not _inner_locality(words, k))):
            break  # the first word (after 的) is taken as it is (jieba's tags call 考生 and 回扣 verbs)
        noun.append(w)
        seen_noun = seen_noun or is_noun(t)
    while noun and noun[-1] in _CONNECTORS:
        noun.pop()  # 5枚铜牌和17个优胜奖: the 和 joins the next figure
    return "".join(noun), window


def _inner_locality(words: Words, k: int) -> bool:
    """Whether word ``k`` is a locality word inside a noun phrase: 沿线 of 沿线国家 (a word of
    two characters or more, a noun right after it), not 中 of 贫困户中搬迁户 or 之间 of 之间的关系."""
    w, t = words[k]
    if w in _cfg()["stage_words"]:
        return True  # 农村初中, 普通高中: jieba tags the school stages as places or localities
    return t == "f" and len(w) >= 2 and k + 1 < len(words) and is_noun(words[k + 1][1])


_NAME_TAGS = frozenset(("nr", "nrt", "nrfg", "ns", "nt", "nz"))
_SUBJECT_GLUE = frozenset(("、", "和", "及", "与", "的"))
_MODIFIER_FIRST = frozenset("abfs")  # adjectives, distinguishing, locality and place words (初中 f, 高中 s)


def _only_names(phrase: str) -> bool:
    """Whether every noun of the phrase names who is ranked, not what the ranking is: proper
    names (达特茅斯和布朗, 哥伦比亚大学), the kinds of what is ranked (这几所大学) and scope words
    (全省)."""
    c = _cfg()
    return not any(is_noun(t) and t not in _NAME_TAGS and w not in c["ranked"] and w not in c["scope_words"]
                   for w, t in tag(phrase))


def _lead_noun(clause: str, region_re: re.Pattern[str], whole: bool = True) -> str:
    """The noun phrase a clause starts with, once times, places and grammar are cleaned off
    (同时，小学阶段在校生人数持续走低 → 小学阶段在校生人数); "" when it starts with anything
    else (a verb, a preposition, a person's name)."""
    phrase, words = _strip(clause[:64], region_re)
    if not phrase:
        return ""
    words = tag(phrase) if words is None else words
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


_NOTE_DIGIT = re.compile(r"(?<=[\u4e00-\u9fff])[0-9]$")


def _note_start(text: str, c0: int, start: int) -> int:
    """Where the phrase before a figure ends: before a parenthetical note right before it."""
    if start - 1 <= c0 or text[start - 1] not in ")）":
        return start
    k = paren_start(text, max(c0, start - 60), start - 1)
    return k - 1 if k > c0 + 1 and text[k - 1] in "(（" else start


def _before_note(raw: str) -> str:
    """The phrase without a footnote mark at its end (小学教职工5 → 小学教职工)."""
    return _NOTE_DIGIT.sub("", raw) if raw and raw[-1].isdigit() else raw


# the last figure of a list and what follows it: 、32所|小学被评为…
_LISTED = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?[万亿]?[余多]?\w(?P<rest>[^0-9０-９]*)$")
_CLAUSE_STOP = re.compile(r"[，,。；;：:！？!?\n]")
_TRAILING_NOTE = re.compile(r"[（(][^（()）]*[）)]$")


_FIXED, _LEFT, _AFTER = "fixed", "left", "after"
_LONGEST_EMPTY = 8  # 同样可以, 至少要, 比上年增加: phrases that name nothing are short
_EMPTY_TAGS = frozenset(("t", "a", "ad"))  # time words and adjectives alone: 比上年增加, 最高分别不得
# kinds whose figure is no value of a sentence's subject (高中阶段在校生6年来…: 6年 is no 在校生)
_UNSUBJECTED = frozenset(("duration", "other", "rank"))


def _relative(left: str, words: Words | None) -> bool:
    """Whether the words before ``的`` and a count are a short clause that says which of them
    are counted (到油田工作的10名毕业生), not a sentence of its own (我们可以把题干中的…)."""
    return (len(left) <= _cfg()["max_relative"] and _has_verb(left, words) and left.isalpha()
            and not any(w in _cfg()["disposal_words"] for w, _ in (tag(left) if words is None else words)))


@lru_cache(maxsize=65536)
def _names_nothing(metric: str, after: bool = False) -> bool:
    """Whether the metric is only function words, modal verbs or verbs of change (可以, 至少要,
    增长到): such words say how, not what. (Tags alone cannot tell: jieba calls 考生 a verb.)
    The word right after a measure word (10多亩地, 4个县) names what is counted unless it is
    one of those words (四五十岁了)."""
    if len(metric) > _LONGEST_EMPTY:
        return False  # a phrase this long holds a word that names something
    empty = _cfg()["empty_words"]
    if after:
        return all(w in empty for w, _ in tag(metric))
    for w, t in tag(metric):
        if t[0] == "f":
            if len(w) > 1 and w[0] not in "以之":
                return False  # 初中, 沿线: jieba tags some nouns as localities (后, 以上 are not)
        elif w not in empty and not is_function(t) and t not in _EMPTY_TAGS:
            return False
    return True


def _starts_predicate(words: Words, counted: bool) -> bool:
    """Whether the words, adverbs aside, start a predicate that says which of the counted are
    counted (a verb of selection for a count; any verb but a copula for a share)."""
    c = _cfg()
    j = 0
    while j < len(words) and words[j][1][0] in "dc" and words[j][0] not in c["predicate_verbs"]:
        j += 1  # 都能, 同时获得, 同步启动
    if j == len(words):
        return False
    w, t = words[j]
    if not counted and is_noun(t) and j + 1 < len(words) and words[j + 1][1][0] in "vp":
        w, t = words[j + 1]  # 43%的受访者薪金在3000-5000元之间: the share's own subject first
    if counted:
        # 入选, 获评; 赴美 (a one-character verb of the list joined to its object)
        return w in c["predicate_verbs"] or (t[0] == "v" and w[:1] in c["predicate_verbs"])
    return t[0] in "vp" and w not in c["copulas"]


def _with_predicate(noun: str, tail: str, counted: bool) -> str:
    """The counted noun with what the clause says the counted do, when it does something to
    something (8所学校入选省级示范校 → 学校入选省级示范校, 50%的学生都能走出国门 →
    学生都能走出国门); a phrase that starts with the verb is the predicate itself (5人入选…
    培养计划 → 入选…培养计划). Not when another figure follows in the clause, nor an
    intransitive verb alone (应聘者来回走动着 → 应聘者)."""
    cut = _CLAUSE_STOP.search(tail)
    tail = tail[:cut.start()] if cut else tail
    listed = ""  # 18所初中、32所小学被评为…: the predicate after the last item of a list is all items'
    if not counted and ("%" in tail or "％" in tail):
        return noun  # the clause goes on to another share
    digit = _DIGIT.search(tail) if counted else None  # (a share's predicate may hold a threshold: 少于3年)
    if digit and tail[:digit.start()].rstrip().endswith(("、", "；", ";")) and not tail.startswith(
            _LIST_JOINS, len(noun) + max(0, tail.find(noun))):
        # 8所学校入选…传承学校、11所学校入列…: the next figure starts the next item
        tail = tail[:digit.start()].rstrip().rstrip("、；;")
    elif digit:
        k = tail.find(noun)
        last = None
        for last in _LISTED.finditer(tail):
            pass
        if not counted or k < 0 or not tail.startswith(_LIST_JOINS, k + len(noun)) or last is None:
            return noun
        listed = tail[k:last.start()]
        tail = noun + last.group("rest")
    tail = _TRAILING_NOTE.sub("", tail.translate(_MARKS)).rstrip(_EDGE_PUNCT)
    k = tail.find(noun)
    if k < 0 or k > 2:
        return noun
    if listed:
        # the last item's noun is read like this one's; what follows it is the predicate
        after = _noun_after(tail[len(noun):])[0]
        tail = noun + tail[len(noun) + len(after):]
    max_len = _cfg()["max_predicate"]
    head = tag(noun)
    if head and _starts_predicate(head, counted):
        whole = tail[k:]
        return whole if len(whole) <= max_len else noun
    rest = tail[k + len(noun):]
    if not rest or len(rest) > max_len:
        return noun
    words = tag(rest)
    if not _starts_predicate(words, counted) or not has_noun(words[1:]) or rest.endswith(_cfg()["time_ends"]):
        return noun  # …被分配到大王小学的时候: a clause of time says when, not which
    return noun + rest.rstrip("了着过的")


_LIST_WORDS = re.compile("分别|依次")


def _action(tail: str) -> str:
    """The action a count of times counts when a word of its own ends the clause after the
    measure word (经受了63次轰炸 → 轰炸); one character is the object of the verb before
    (拍了38次手: the verb names it)."""
    tail = tail.rstrip()
    if not 2 <= len(tail) <= 4:
        return ""
    words = tag(tail)
    return tail if len(words) == 1 and words[0][1][0] in "nv" and not _names_nothing(tail) else ""


def _purpose(tail: str) -> str:
    """What a sum is for when the words after it say so (1500万元用于发放教师奖励金 →
    发放教师奖励金), up to the clause end."""
    c = _cfg()
    tail = tail.lstrip()
    for w in c["purposes"]:
        if tail.startswith(w):
            cut = _CLAUSE_STOP.search(tail)
            phrase = tail[len(w):cut.start() if cut else len(tail)].translate(_MARKS).strip(_EDGE_PUNCT)
            if phrase and len(phrase) <= c["max_predicate"] and not _DIGIT.search(phrase) and _has_noun(phrase):
                return phrase
    return ""
_AGENT_TAGS = frozenset(("nr", "nrt", "nrfg", "nt", "ns", "m"))
_NUMERAL = re.compile("[0-9０-９零一二三四五六七八九十百千万亿两]")


def _without_subject(left: str, words: Words | None) -> str:
    """The metric without the subject of its clause where an adverb, a modal or 把 sets the
    subject apart from what it does (海南省政府还拨专款 → 拨专款, 一百万可以提成 → 提成,
    肖山把所得捐款 → 所得捐款); 中央财政下达补助资金 stays whole."""
    words = tag(left) if words is None else words
    c = _cfg()
    seen_noun = False  # an agent: a name (海南省政府, 肖山) or an amount (一百万)
    for j, (w, t) in enumerate(words):
        if seen_noun and (t[0] == "d" or w in c["modals"] or w in c["disposal_words"]):
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
        seen_noun = seen_noun or (t in _AGENT_TAGS and (t != "m" or (not w.startswith("第") and _NUMERAL.search(w))))
    return left


def _split_list(metric: str) -> tuple[list[str], str] | None:
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


class MetricLinker:
    """Per-document metric naming; figures are visited in order."""

    def __init__(self, doc: DocText, region_re: re.Pattern[str]) -> None:
        self.doc, self.region_re = doc, region_re
        self.prev_end = -1
        self.prev_metric: str | None = None
        self.prev_kind = ""
        self.prev_sentence = (-1, -1)
        # 普通小学、普通初中…生均支出分别为6.71%、9.13%…: (the items, their shared rest, the item now)
        self.listing: tuple[list[str], str, int] | None = None  # (where it was named, the sector a table sentence is about)
        self._subjects: dict[tuple[int, int], str] = {}  # clause span -> the noun phrase it starts with

    def attach(self, start: int, end: int, kind: str, after: int = -1, unit: str = "") -> str | None:
        """The metric of the figure at [start, end) measured in ``unit``; ``after`` is where a
        list of named schools before it ends (the list is the school, not the metric)."""
        sent = self.doc.sentence(start)
        if sent != self.prev_sentence:
            self.listing = None
        metric, how, bare = self._own(start, end, kind, after, unit)
        if metric is not None and how != _FIXED and _names_nothing(metric, how == _AFTER):
            # 可以, 需要, 占, 增长到: a verb or a function word names nothing; a figure of the
            # sentence before, or the sentence's subject, may
            metric = None
        if metric is None and how != _FIXED:
            if sent == self.prev_sentence and self.prev_metric:
                metric = self.prev_metric  # 其中我市占三个: the figure shares the sentence's metric
            elif bare and kind not in _UNSUBJECTED:
                # 高中阶段在校生一直高速增长，2000年为2517.70万人: the subject names the values
                metric = self._subject(start, sent) or None
        metric = self._listed(metric, how, bare, start)
        if kind == "rank":
            metric = self._rank(metric, start)
        elif metric is not None and metric in _cfg()["generic"]:
            metric = self._with_topic(metric, start)
        self.prev_end, self.prev_sentence = end, sent
        self.prev_metric, self.prev_kind = metric, kind
        return metric

    def _own(self, start: int, end: int, kind: str, after: int, unit: str) -> tuple[str | None, str, bool]:
        """(the metric the figure's own words name, where it comes from (``_FIXED``: kept as
        it is; ``_LEFT``, ``_AFTER``: the words before or after the figure), whether the
        words before the figure name nothing (2000年为, 增长到: the subject may))."""
        doc, text = self.doc, self.doc.text
        c = _cfg()
        sent, _, (c0, c1) = doc.parts(start)
        stop = _note_start(text, c0, start)  # 小学教职工(不含…)553.73万人: the note says what is left out
        w0 = max(c0, self.prev_end if self.prev_end <= start else c0, after)
        if stop - c["max_left"] > w0:
            w0 = _word_edge(text, stop - c["max_left"], stop)
        w0 = paren_start(text, w0, stop)
        raw = text[w0:stop]
        if ">" in raw:
            raw = raw[raw.rindex(">") + 1:]  # markup (<p>) of transcripts ends a phrase
        if "日电" in raw or "日讯" in raw:
            # 新华社合肥5月18日电（通讯员…）: the report starts after its dateline
            raw = raw[max(dm.end() for dm in _DATELINE_END.finditer(raw)):]
        raw = _before_note(raw)
        after_prev = w0 == self.prev_end
        if after_prev and raw.rstrip().endswith(_CONNECTORS):
            raw = ""  # 18所初中、32所小学, 32个国家的45名: the words between belong to the earlier figure
        if raw.rstrip().endswith("等"):
            raw = ""  # 教育、宣传、财政等10个部门: the list names members, the noun after says what
        elif "、" in raw and not _strip(raw[raw.rindex("、") + 1:], self.region_re)[0]:
            raw = ""  # 陈艳辉、渌口区扎根乡村26年: the last list item is only a place
        if sent == self.prev_sentence and self.prev_metric and c["base_only"].fullmatch(raw.strip(_EDGE_PUNCT)):
            return self.prev_metric, _FIXED, False  # 总投入为42562.01亿元,比上年的38888.39亿元: the same quantity
        left, left_words = _strip(raw, self.region_re)
        if after_prev and left in c["ratio_words"] and raw.lstrip().startswith("的") and self.prev_metric \
                and sent == self.prev_sentence:
            # 教育经费占一般公共预算支出203330亿元的比例为14.71%: the share of the sum before it
            return self.prev_metric + "的" + left, _FIXED, False
        if (not left or _names_nothing(left)) and w0 == c0 and not text.startswith("的", end) and c0 > 1 and text[c0 - 1] in "：:" and kind in _LABELLED:
            # 交通费：每月30元: a label before a colon names the sum or share after it (a
            # speaker, a dateline or a verb before a colon introduces a sentence instead)
            a, _ = doc.clause(c0 - 2)
            written = text[a:c0 - 1]
            label, label_words = _strip(written, self.region_re)
            # (…生均支出增幅分别为：6.71%、…: a label that introduces a list may be long)
            listing = written.rstrip().endswith(c["list_starts"])
            longest = 2 * c["max_left"] if listing else c["max_left"]
            # (a list's label may start with its year: 2017年全国普通小学、…分别为)
            if 0 < len(label) <= longest and _is_label(_TIME.sub("", written) if listing else written, label, label_words):
                left, left_words = label, label_words
        counted = kind in ("people", "institution", "count", "person_time")
        if unit in c["verbal"]:
            action = _action(text[end:c1])
            if action:
                return action, _FIXED, False
        named = bool(left) and _has_noun(left, left_words)
        bare = not left or _names_nothing(left)
        if kind == "rank":
            # 前10名高校: what follows a rank is what is ranked, not the ranking
            return (left if named else None), _FIXED, bare
        following: tuple[str, str] | None = None  # (the noun after the figure, the rest), once read
        # 拿到1000元的回扣, 每人每月150元的岗位补贴: a sum with 的 and a noun after it, and no
        # noun of its own before it, is named by that noun (a verb's tag on it notwithstanding)
        money_of = (kind == "money" or unit in c["ages"]) and text.startswith("的", end) \
            and not text.startswith(c["ratio_words"], end + 1)  # 支出203330亿元的比例: the ratio is the next figure's
        # 来自全国的18300名大学生, 去年到油田工作的10名毕业生: a clause with 的 before a count
        # describes the noun after its measure word, which names what is counted
        described = counted and raw.rstrip().endswith("的")
        # 每个乡镇至少有两所公办幼儿园: what a count says exists is the noun after it
        exists = counted and not described and raw.rstrip().endswith(c["existential"]) \
            and not _ends_in_verb(left, left_words)
        # 450所中小学中百分之六十的学校: the words before are whom the share is of
        among = kind == "percent" and text.startswith("的", end) and raw.rstrip().endswith(("中", "当中"))
        if named and unit not in c["verbal"] and (
                among or (counted and (described or exists or _ends_in_verb(left, left_words)))
                or (money_of and (raw.rstrip().endswith(c["rates"]) or not _ends_in_noun(left, left_words)))):
            # 准备了3万个就业岗位: the count is the verb's object, which the noun after the
            # measure word names
            following = self._after(end, c1)
            if following[0] and (money_of or _has_noun(following[0])) and (
                    not exists or _starts_with_noun(following[0])):
                if described and _relative(left, left_words):
                    # 到油田工作的10名毕业生: the clause says which of them are counted
                    return left + "的" + following[0], _FIXED, False
                named, left = False, ""
        metric: str | None
        how = _LEFT
        # 153个国家和地区2000多万名大学生: words without a verb right after an earlier figure
        # are that figure's noun; the noun after this count's measure word says what it counts
        between = named and after_prev and counted and not _has_verb(left, left_words)
        if between:
            following = following or self._after(end, c1)
            between = _starts_with_noun(following[0])
        if named and not (counted and len(left) <= 4) and not between:
            # the words after the figure are not needed (read only when they are)
            return _without_subject(left, left_words), _LEFT, False
        noun, rest = following or self._after(end, c1)
        if "用" in text[end:end + 5] and (not named or _ends_in_verb(left, left_words)):
            purpose = _purpose(text[end:min(c1, end + 2 * c["max_predicate"])])
            if purpose:
                return purpose, _FIXED, False  # 安排1500万元用于发放教师奖励金: what the sum is for
        if kind == "duration" and noun:
            # 连续21年荣获…优秀单位: a span of years counts what is done in them
            acted = _with_predicate(noun, text[end:min(c1, end + 2 * c["max_predicate"])], True)
            if acted != noun or _starts_predicate(tag(noun), True):
                return acted, _FIXED, False
        if noun and unit in c["ages"] and not named and tag(noun)[0][1].startswith("nr"):
            return None, _FIXED, False  # 38岁的张正芹: a person's age, of nothing the text measures
        if noun and (counted or kind == "percent"):
            # 8所学校入选省级示范校, 50%以上的学生都能走出国门: what the counted do says
            # which of them are counted
            noun = _with_predicate(noun, self._share_tail(end, c1) if kind == "percent" else
                                   text[end:min(c1, end + 2 * c["max_predicate"])], counted)
        if named and noun:
            # 城乡9所小学 → 城乡小学; 到时会有100万个就业岗位: 到时会 says when, not what
            if _modifies(left, left_words):
                metric = left + noun
            else:
                metric = noun if _has_noun(noun) else left
        elif named:
            metric = left
        elif (after_prev or (left and left not in c["generic"])) and sent == self.prev_sentence and self.prev_metric \
                and not noun:
            metric = self.prev_metric  # 逐年增长到2023年的7.04亿元
        elif noun:
            metric, how = noun, _AFTER
        elif left:
            metric = left
        else:
            metric = _strip(rest, self.region_re)[0] or None
        if metric and not any(ch.isalnum() for ch in metric):
            metric = None  # 30元/月: punctuation names nothing
        return metric or None, how, bare

    def _after(self, end: int, stop: int) -> tuple[str, str]:
        """(the noun phrase after a figure ending at ``end``, cleaned; the whole phrase up to
        the clause end at ``stop``)."""
        noun, rest = _after(self.doc.text, end, stop, _cfg()["max_right"])
        return _strip(noun, self.region_re)[0], rest

    def _share_tail(self, end: int, c1: int) -> str:
        """The words after a share up to its clause end, or, when its noun ends the clause,
        with the next clause that refers back to it (95%的海归，其在海外工作经历少于3年)."""
        text = self.doc.text
        own = text[end:c1]
        if c1 >= len(text) or text[c1] not in "，," or len(own) > 12 or not own.startswith("的"):
            return own
        nxt = text[c1 + 1:self.doc.clause(c1 + 1)[1]]
        if not nxt.startswith("其") or nxt.startswith(("其中", "其余", "其他", "其实")):
            return own  # only 其 says that the next clause is about them
        return own + nxt[1:]

    def _clause_subject(self, a: int, b: int) -> str:
        key = (a, b)
        got = self._subjects.get(key)
        if got is None:
            text = self.doc.text
            got = self._subjects[key] = _lead_noun(text[a:b], self.region_re, b >= len(text) or text[b] not in "：:")
        return got

    def _subject(self, start: int, sent: tuple[int, int], reach: int = 4) -> str:
        """The noun phrase the nearest earlier clause of the sentence starts with (its subject);
        in a sentence that only lists values (分别为…), the one of the sentence before."""
        doc, text = self.doc, self.doc.text
        s0 = sent[0]
        k = doc.clause(start)[0]
        for _ in range(reach):
            if k - 1 <= s0:
                break
            a, b = doc.clause(k - 2)
            got = self._clause_subject(a, b)
            if got:
                return got
            k = a
        lead = text[s0:start].lstrip(_EDGE_PUNCT)
        if s0 > 1 and text[s0 - 1] not in "\n" and lead.startswith(_cfg()["list_starts"]):
            prev = doc.sentence(s0 - 2)
            if prev[1] > prev[0]:
                return self._subject(prev[1] + 1, prev, reach)
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
            lead = self._clause_subject(a, b)
            if lead:
                at = self.doc.text.find(lead, a, b)
                return lead if at >= 0 and _DIGIT.match(self.doc.text, at + len(lead)) else ""
            k = b + 1
        return ""

    def _topic(self, sent: tuple[int, int], start: int) -> tuple[int, str] | None:
        """The sector the figure's sentence opens with, else the one of a sentence before it
        in its paragraph (two at most); read only when a table noun asks for it."""
        doc, text = self.doc, self.doc.text
        s0, limit = sent[0], start
        for _ in range(3):
            lead = self._opening(s0, limit)
            if lead and lead not in _cfg()["generic"]:
                return s0, lead
            if s0 < 2 or "\n" in text[max(0, s0 - 2):s0]:
                return None  # a paragraph's topic ends with it
            prev = doc.sentence(s0 - 2)
            if prev[1] <= prev[0]:
                return None
            s0, limit = prev
        return None

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
        if metric and how == _LEFT and "、" in metric and _LIST_WORDS.search(text, max(0, start - 40), start):
            split = _split_list(metric)
            if split is not None:
                self.listing = (split[0], split[1], 0)
                return split[0][0] + split[1]
        return metric

    def _with_topic(self, metric: str, start: int) -> str:
        """A table noun with the sector its paragraph is about (招生 → 小学招生), or with the
        count of institutions before it in its sentence (共有1001所中小学校，在校生达到96万)."""
        sent = self.doc.sentence(start)
        topic = self._topic(sent, start)
        if sent == self.prev_sentence and self.prev_metric and self.prev_kind == "institution" \
                and self.prev_metric not in _cfg()["generic"] and (topic is None or topic[0] < sent[0]):
            topic = (start, self.prev_metric)
        if topic is None or "\n" in self.doc.text[topic[0]:start] or metric in topic[1]:
            return metric
        return topic[1] + metric

    def _rank(self, metric: str | None, start: int) -> str:
        """A rank measures a place in a ranking: the ranking the text names, else the subject
        before it with 排名 (初中五率评比居龙岩市第二名 → 初中五率评比排名; 前十 → 排名)."""
        c = _cfg()
        if metric:
            for w in c["rank_words"]:
                k = metric.find(w)
                if k >= 0:
                    # 哥伦比亚大学排名: the name says who is ranked
                    return metric[k:] if k and _only_names(metric[:k]) else metric
            if not _only_names(metric):
                return metric + c["rank_noun"]
        a, _ = self.doc.clause(start)
        lead = self._clause_subject(a, start)
        if lead and not _only_names(lead):
            return lead + c["rank_noun"]
        return c["rank_noun"]
