"""Program names in a text: plans, projects, policies, quoted campaigns and 《…》 documents.

Written forms (SPEC: without 《》 or quotes):
- names ending in 计划/工程/项目/行动/试点/改革/整治/政策 (营养改善计划, 中职学校达标工程); the
  weak ending 项目 only after a program verb (实施…项目), since 项目12个 counts projects, unless a
  Latin name precedes it (EB-5项目); 政策 only with words of its own (高考便利政策, not 相关政策);
- quoted names used as programs: after a program verb (实施“阳光招生”) or before a program head
  (“双减”实施, “高质量班班通”建设, “寻找最美乡村教师”大型公益活动), never after an honour verb
  (入选“最美教师”);
- 《…》 policy documents (《…实施意见》); one holding a program name gives that name; a short
  title refers back to the full one ((以下简称《意见》), 《意见》 after 《关于…的意见》).

A name starts after the clause words before it (了, 的, pronouns, adverbs, lead verbs). An ending
that is part of a longer word (计划生育, 工程师), the verb 计划 (…计划2006年招收), a plan named by a
category of a quota (本科计划, 高校计划) and a field of study (电子信息工程) name no program.
Two forms of one program (强师计划, 《江西省新时代基础教育强师计划》) are written as the one the
text used first.

Which program a figure belongs to is decided in ``program_linker.py``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

from ._data import config, longest_first, report_time_words
from .clauses import DocText
from .tokens import has_word, tag

NAME_RUN = re.compile(r"[\u3400-\u9fff“”()（）·]+\Z")  # the run of name characters ending at endpos
_QUOTE_MARKS = str.maketrans("", "", "“”「」\"")
_QUOTED_NAME = re.compile(r"[\u3400-\u9fff]{2,16}")
_LIST_HEAD = re.compile(r"等[\u3400-\u9fff]{0,6}(?:政策|工程|计划|行动|改革|试点)")
_TRAILING_PAREN = re.compile(r"[(（][^()（）]*[)）]$")
_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9\-])[A-Za-z][A-Za-z0-9\-]*[A-Za-z0-9]\Z")  # EB-5, SQAHND before 项目


@dataclass(frozen=True, slots=True)
class Program:
    start: int
    end: int
    name: str
    head: str  # the ending (计划, 试点...) or "" for quoted names and documents


@cache
def program_patterns() -> dict:
    cfg = config()["program"]
    suffix = "|".join(map(re.escape, longest_first(cfg["suffixes"])))
    return {
        # (?:S)(?:S)* rather than (?:S)+: a pattern that starts with literals lets the engine
        # skip to the places where one of them stands
        "suffix": re.compile(f"(?:{suffix})(?:{suffix})*"),
        "suffix_end": re.compile(f"(?:{suffix})$"),
        "quoted_verbs": re.compile("(?:" + "|".join(map(re.escape, longest_first(cfg["quoted_verbs"]))) + ")"),
        "levels": tuple(longest_first(cfg["level_words"])),
        "verbs": re.compile("(?:" + "|".join(map(re.escape, longest_first(cfg["verbs"]))) + ")"),
        "honour": re.compile("(?:" + "|".join(map(re.escape, longest_first(cfg["honour_verbs"]))) + ")"),
        "heads": tuple(longest_first(cfg["quoted_heads"])),
        "not_before": tuple(cfg["not_before"]),
        "docs": tuple(cfg["document_suffixes"]),
        "lead": frozenset(cfg["lead_words"]),
        "generic": frozenset(cfg["generic_words"]),
        "quota": tuple(cfg["quota_words"]),
        "schools": tuple(config()["school"]["suffixes"]),
        "disciplines": tuple(cfg["discipline_words"]),
        "lead_compounds": tuple(w for w in cfg["lead_words"] if len(w) >= 2),
        "weak": tuple(cfg["weak_suffixes"]),
        "anaphora": re.compile("|".join(map(re.escape, cfg["anaphora_heads"]))),
        "latin_heads": frozenset(cfg["latin_heads"]),
        # “…”大型公益活动: up to four words of kind between a quoted name and its campaign word,
        # none of them 等 (“大学生之夜”等社交活动 lists examples of a kind)
        "campaign": re.compile("的?[\u3400-\u7b48\u7b4a-\u9fff]{0,4}?(?:"
                               + "|".join(map(re.escape, cfg["campaign_heads"])) + ")"),
        "strict": tuple(cfg["strict_suffixes"]),
        "units": frozenset(cfg["unit_words"]),
        "topic_heads": tuple(cfg["topic_heads"]),
        "goal_heads": tuple(cfg["goal_heads"]),
        "result_chars": cfg["result_chars"],
        "age_units": tuple(cfg["age_units"]),
        "quota_plans": tuple(cfg["quota_plan_words"]),
        "not_topics": tuple(cfg["not_topic_documents"]),
        "listed": re.compile("”?(?:" + "|".join(map(re.escape, cfg["list_tails"])) + ")"),
        "bullets": re.compile("[" + re.escape(cfg["bullets"]) + "]"),
        "passing": re.compile("|".join(map(re.escape, cfg["passing_words"]))),
        "referring": re.compile("(?:" + "|".join(cfg["referring_words"]) + ")(?:"
                                + "|".join(map(re.escape, cfg["referring_heads"])) + ")"),
        "vague": tuple(cfg["vague_words"]),
    }


_JOINERS = frozenset("与和及同跟")  # tagged p by jieba, but they also join nouns
# aspect particles (介绍了), 的, pronouns (他们, 该) and adverbs (将, 已经) stand in clauses, not in names: a name
# starts after them (该县计划 → 县计划, 全国的招生计划 → 招生计划); so does a bracket whose
# other half is outside the name (…（自治区）计划, （不含…招生计划)
_NOT_IN_NAMES = frozenset(("ul", "uz", "ug", "uj", "r"))
_LIST_ENDS = frozenset(("等", "等等"))  # 大字卷等高考便利政策: the examples end, the name starts
_CLAUSE_ADVERBS = frozenset("将已又再正也还都才就曾")  # (a one-character adverb may be in a name: 特岗)



def _trim_lead(name: str, lead: frozenset[str], regions_re: re.Pattern[str] | None = None) -> str:
    """Drop words before a program name: everything up to its last lead verb, then leading
    function words (实施公办幼儿园… → 公办幼儿园…; 在3所农村初中实施封闭… → 封闭…)."""
    verbs = program_patterns()["verbs"]
    last = None
    for last in verbs.finditer(name, 0, max(0, len(name) - 2)):
        pass
    if last is not None and last.end() < len(name) - 1:
        return _trim_lead(name[last.end():], lead)
    words = tag(name)
    compounds = program_patterns()["lead_compounds"]
    cut = first = 0
    pos = 0
    for j, (w, t) in enumerate(words[:-1]):
        pos += len(w)
        # a lead word or a preposition (名义向希望工程, 对…改革) comes before the name; 与/和
        # may join two names into one (基础学科与交叉学科突破计划)
        if w in lead or (t == "p" and w not in _JOINERS) or t in _NOT_IN_NAMES or w in _LIST_ENDS or (
                t == "d" and (len(w) > 1 or w in _CLAUSE_ADVERBS)) or (
                len(w) > 2 and w.endswith(compounds)) or (
                w in ")）" and "(" not in name[:pos] and "（" not in name[:pos]) or (
                w in "(（" and ")" not in name[pos:] and "）" not in name[pos:]):
            cut, first = pos, j + 1
    # each cut falls between two words, so the rest's words are the rest of the words (tokens.tail)
    ws = words[first:]
    while len(ws) > 1 and (ws[0][0] in lead or ws[0][1] in ("p", "c", "d", "uj", "m", "q", "r")
                           or ws[0][0] in report_time_words()):  # 今年全国高校招生计划
        cut += len(ws[0][0])
        ws = ws[1:]
    return name[cut:]


@lru_cache(maxsize=16384)
def _named(raw: str) -> tuple[str, str, int] | None:
    """(name, ending, length as written) of the program that a run of name characters ending
    in a program ending names, or None when the ending stands alone (省级试点, 撬动试点: it
    refers back, see ProgramLinker)."""
    p = program_patterns()
    head = p["suffix_end"].search(raw).group()
    trimmed = _trim_lead(raw, p["lead"])
    name = trimmed.translate(_QUOTE_MARKS)
    core = name[: len(name) - len(head)]
    while core.startswith(p["levels"]):
        core = core[len(next(w for w in p["levels"] if core.startswith(w))):]
    if len(core) < 2:
        return None
    words = tag(core)
    if all(t.startswith("v") and t != "vn" for _, t in words) and not has_word(name):
        return None  # (希望工程, 星火计划: a name the dictionary knows, its 希望 a verb or not)
    # 本科计划, 省内计划: a plan named only by what every school plans is a category of a quota,
    # not a program (营养改善计划, 强师计划 have words of their own); so is a plan whose last word
    # is such a category (高校计划, 理科计划)
    if all(w in p["generic"] or t[0] in "mqrf" or t == "ns" for w, t in words):
        return None
    if head.endswith("计划") and words[-1][0].endswith(p["quota"] + p["schools"]):
        return None  # (香港大学计划: a school's plan is its enrolment, or the verb "plans")
    if head == "工程" and words[-1][0].endswith(p["disciplines"]):
        return None  # 电子信息工程, 土木工程: a field of study, not a project
    if head in p["strict"] and (len(core) < 4 or any(w in p["vague"] or t[0] in "rm" for w, t in words)):
        return None  # 相关政策, 优惠政策, 这项政策: a policy named by its kind only refers to one
    if core.endswith(("与", "和", "及")):
        return None  # 计算机科学与工程: the ending is one of two things named, not a name's end
    return name, head, len(trimmed)


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether the ending and the character after it are one longer word (工程师, 项目部,
    计划外). (Longer words are listed in ``not_before``: 工程建设 is a word too, but names a
    program's building.)"""
    if end < len(text) and text[end] in "\r\n":  # a line wrapped inside a word (空军工程\n  学院)
        m = _WRAPPED.match(text, end)
        return m is not None and has_word(text[start:end] + m.group(1))
    return end < len(text) and has_word(text[start:end + 1])


_SPACE_DIGIT = re.compile(r"\s*[0-9０-９]")
_WRAPPED = re.compile(r"[\r\n][ \t\u3000]*([\u3400-\u9fff])")

def _left_extent(text: str, end: int, limit: int = 24) -> int:
    """Start of the run of name characters ending at ``end`` (stops at punctuation, digits)."""
    m = NAME_RUN.search(text, max(0, end - limit), end)
    return m.start() if m is not None else end


def find_programs(doc: DocText, region_forms: re.Pattern[str] | None = None,
                  spans: list[tuple[int, int]] | None = None) -> list[Program]:
    """Program mentions of a document (or within ``spans``), in order, coreferent forms unified."""
    p = program_patterns()
    text = doc.text
    found: list[Program] = []
    spans = spans or [(0, len(text))]

    span_starts = [s for s, _ in spans]
    ordered = all(spans[k][1] < spans[k + 1][0] for k in range(len(spans) - 1))

    def within(a: int, b: int) -> bool:
        if not ordered:
            return any(s <= a and b <= e for s, e in spans)
        k = bisect_right(span_starts, a) - 1  # the only span that can hold [a, b)
        return k >= 0 and b <= spans[k][1]

    for m in (m for a, b in spans for m in p["suffix"].finditer(text, a, b)):
        if text.startswith(p["not_before"], m.end()) or _inside_word(text, m.start(), m.end()):
            continue
        if m.group().endswith("计划") and _SPACE_DIGIT.match(text, m.end()) is not None:
            # 湘潭大学计划2006年…: the verb "plans", not the end of a name
            continue
        if doc.in_title_marks(m.start(), m.end()):
            continue  # handled with its 《》 title
        latin = _LATIN_NAME.search(text, max(0, m.start() - 16), m.start()) if m.group() in p["latin_heads"] else None
        if latin is not None:
            # EB-5项目, SQAHND项目: a Latin name is a name, whatever precedes it (美国EB-5项目)
            found.append(Program(latin.start(), m.end(), text[latin.start():m.end()], m.group()))
            continue
        if m.group().endswith(p["weak"]) and not p["verbs"].search(text, max(0, m.start() - 32), m.start()):
            continue  # (项目 without a program verb before its name: the cheap test first, see below)
        q = _quote_around(doc.quoted, m.start())
        if q is not None and q[1] - 1 != m.end():
            continue  # inside a quoted slogan (“试点先行、稳步扩大”)
        if m.group() in p["strict"] and text[m.start() - 1:m.start()] == "”":
            continue  # “不低于”政策: the quoted name is the policy's (see below)
        s = _left_extent(text, m.start())
        raw = text[s:m.end()]
        if raw.count("“") != raw.count("”"):
            raw = raw[raw.index("”") + 1:] if "”" in raw else raw.replace("“", "")
        named = _named(raw)
        if named is None:
            continue
        name, head, length = named
        if text[m.end() - length - 2:m.end() - length] == "”等":
            continue  # “两免一补”等教育惠民政策: the kind of the programs listed, not one
        if head.endswith(p["weak"]) and not p["verbs"].search(text, max(0, s - 8), m.start()):
            continue
        found.append(Program(m.end() - length, m.end(), name, head))
    named_starts = [f.start for f in found]  # (in order: the spans are)
    for a, b in doc.quoted:
        if not within(a, b):
            continue
        inner = text[a + 1:b - 1]
        if not _QUOTED_NAME.fullmatch(inner) or inner in p["heads"]:
            continue  # (a quoted “工程” is a word, not a name)
        k = bisect_right(named_starts, a) - 1  # inside a name found by its ending
        if k >= 0 and b <= found[k].end:
            continue
        before = text[max(0, a - 8):a]
        after = text[b:b + 12]
        if p["honour"].search(before[-4:]):
            continue
        if after.startswith(p["weak"]) and _SPACE_DIGIT.match(after, 2) is not None:
            continue  # “三微”项目493个 counts projects
        ok = (p["suffix_end"].search(inner) is not None
              or p["quoted_verbs"].search(before) is not None
              or after.startswith(p["heads"])
              or _LIST_HEAD.match(after) is not None
              or p["campaign"].match(after) is not None)
        if ok:
            found.append(Program(a, b, inner, ""))
    titles: list[Program] = []  # the documents named so far: a short title may refer back
    for a, b in doc.titled:
        if not within(a, b):
            continue
        inner = text[a + 1:b - 1]
        if titles and _refers_back(text, a, inner, titles[-1]):
            found.append(Program(a, b, titles[-1].name, titles[-1].head))
            continue
        core = _TRAILING_PAREN.sub("", inner)
        if not core.endswith(p["docs"]) or core in p["docs"]:
            continue  # (《方案》 whose full title is out of reach names no program)
        sm = None
        for sm in p["suffix"].finditer(core):
            pass
        if sm is not None and sm.end() < len(core) and not (
                has_word(core[sm.end() - 2:sm.end() + 2]) or _inside_word(core, sm.end() - 2, sm.end())):
            # (…课改革创新的若干意见: 改革创新 is one word, the title names no program)
            name = _trim_lead(_strip_region(core[:sm.end()], region_forms), p["lead"])
            head = p["suffix_end"].search(core[:sm.end()]).group()
        else:
            name, head = core.translate(_QUOTE_MARKS), ""
            hm = p["suffix_end"].search(core)
            if hm:
                head = hm.group()
        if name == core:
            name = inner  # a version in brackets is part of the title as written (…规定(修订稿))
        titles.append(Program(a, b, name.translate(_QUOTE_MARKS), head))
        found.append(titles[-1])
    found.sort(key=lambda f: f.start)
    return _unify(found)


def _refers_back(text: str, a: int, inner: str, last: Program) -> bool:
    """Whether the title at ``a`` is a short name of the document named before it: one
    introduced as such ((以下简称《意见》)) or the last words of its title (《意见》 after
    《关于…的意见》)."""
    if "简称" in text[max(0, a - 6):a] and a - last.end < 12:
        return True
    full = text[last.start + 1:last.end - 1]
    return len(inner) <= 4 and len(full) > len(inner) and full.endswith(inner)


def named_within(doc: DocText, spans: list[tuple[int, int]]) -> bool:
    """Whether a program can be named inside the spans (sorted, disjoint): a program ending,
    a quoted name or a 《》 title stands in one of them. A figure only takes a program named
    in its own sentence, so a document whose figures' sentences name none needs no search."""
    suffix, text = program_patterns()["suffix"], doc.text
    if any(suffix.search(text, a, b) is not None for a, b in spans):
        return True
    ends = [b for _, b in spans]
    for q0, q1 in doc.quoted + doc.titled:
        k = bisect_right(ends, q0)  # the first span that ends after the mark opens
        if k < len(spans) and spans[k][0] < q1:
            return True
    return False


def _quote_around(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    i = bisect_left(spans, (pos + 1,)) - 1
    return spans[i] if i >= 0 and spans[i][0] < pos < spans[i][1] else None


def _strip_region(name: str, region_forms: re.Pattern[str] | None) -> str:
    if region_forms is None:
        return name
    m = region_forms.match(name)
    return name[m.end():] if m and m.end() < len(name) - 2 else name


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _unify(found: list[Program]) -> list[Program]:
    """Write later forms of a program as its first form (强师计划 … 《…强师计划》 → 强师计划)."""
    out: list[Program] = []
    # the names written so far with an ending, by ending, each once, in the order first written
    # (a text naming one program a thousand times compares it with one name, not a thousand)
    by_head: dict[str, dict[str, None]] = {}
    for f in found:
        if f.head:
            earlier = by_head.setdefault(f.head, {})
            for name in earlier:
                if name != f.name and _same_program(name, f.name):
                    f = Program(f.start, f.end, name, f.head)
                    break
            earlier.setdefault(f.name)
        out.append(f)
    return out


@lru_cache(maxsize=16384)
def _same_program(first: str, later: str) -> bool:
    """Whether two names with one ending are forms of one program (one ends with the other,
    or holds most of its characters in order)."""
    a, b = sorted((first, later), key=len)
    return len(a) >= 4 and (b.endswith(a) or (_subsequence(a, b) and len(a) >= 0.8 * len(b)))
