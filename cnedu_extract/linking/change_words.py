"""The words of change (``patterns/changes.toml``) compiled once into the patterns that
``changes`` reads the text before a figure with; checked when loaded (every word must hold a
trigger character, or the reader would never look at it)."""
from __future__ import annotations

import re
from functools import cache
from typing import Any, NamedTuple, Sequence

from ..lexicon import PatternError, load_toml
from ..regexes import prefiltered

PUNCT = "，,。；;：:、！？!?()（）“”\"《》\n\r\t —-"
_P = re.escape(PUNCT)  # the marks, inside a character class


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class Rules(NamedTuple):
    direction: dict[str, str]        # verb, comparative or noun -> up/down
    multiple: frozenset[str]
    growth_noun: re.Pattern[str]     # ... 增幅分别为：$
    reach: re.Pattern[str]           # ... 提高到2023年的$
    reach_chars: re.Pattern[str]     # 到, 至: present before a reach is tried
    verb: re.Pattern[str]            # ... 比上年增加了$
    single: re.Pattern[str]          # ... 连升$
    not_verbs: tuple[str, ...]
    comparative: re.Pattern[str]     # ... 比全省平均水平高$
    with_base: re.Pattern[str]       # ... 高于全国平均水平$
    comparative_head: re.Pattern[str]  # a figure whose own words open with 少于, 高于 (a qualifier)
    objected: re.Pattern[str]        # ... 减少贫困人口$
    of_base: re.Pattern[str]         # ... 是去年的$
    base_level: re.Pattern[str]      # ... 比上年的$
    marker: re.Pattern[str]          # 比 / 较 before a base
    not_marker: tuple[str, ...]      # 比例, 较多: words that hold a marker without comparing
    time_marker: re.Pattern[str]     # 与, 同: a marker before a time base only (与上年增加)
    modal: re.Pattern[str]           # 可, 可以: a rule, not a movement
    rule_units: frozenset[str]       # 分: a change without a base in these is a rule
    not_modal: tuple[str, ...]
    stop: re.Pattern[str]            # where a base written after 比 ends: its verb
    around: re.Pattern[str]          # 与 … 相比
    from_base: re.Pattern[str]       # 从2019年的
    same_period: dict[str, str]
    same_re: re.Pattern[str]
    base_years: dict[str, int]
    cut: re.Pattern[str]             # what a base written after 比 cannot hold
    fillers: re.Pattern[str]
    change_words: re.Pattern[str]    # verbs and nouns, for cleaning a metric
    trad: dict[int, str]
    trad_chars: re.Pattern[str]      # any traditional form of these words
    trigger: re.Pattern[str]         # a character of every word read here
    trigger_reach: int               # how far before a figure a word of change can start
    max_chars: int


@cache
def rules() -> Rules:
    d: dict[str, Any] = load_toml("changes.toml")
    v, c, n, b = d["verbs"], d["comparatives"], d["nouns"], d["bases"]
    direction: dict[str, str] = {}
    for key, way in (("up", "up"), ("down", "down"), ("up_single", "up"), ("down_single", "down")):
        direction.update({w: way for w in v[key]})
    direction.update({w: "up" for w in c["up"] + c["with_base_up"]})
    direction.update({w: "down" for w in c["down"] + c["with_base_down"]})
    direction.update({w: "up" for w in n["up"]})
    direction.update({w: "down" for w in n["down"]})
    multi = v["up"] + v["down"]
    max_obj = int(d["objects"]["max_object"])
    mx = int(b["max_chars"])
    # 增加18.9万、32.2万人: the figures of a list before this one share its verb
    listed = r"(?:[0-9.]+[万亿]?[、和及])*"
    mid = rf"(?:了)?(?:分别|均|都|共|累计)?(?:达到|高达|达)?[:：]?\s*{listed}[-−－]?"
    noun_base = rf"[^{_P}\d]{{1,{mx}}}?"
    trad = {ord(p[0]): p[1] for p in d["traditional"]["chars"]}
    trigger = d["trigger"]["chars"]
    words = (multi + v["up_single"] + v["down_single"] + c["up"] + c["down"] + c["with_base_up"]
             + c["with_base_down"] + n["up"] + n["down"] + d["objects"]["verbs"])
    missed = [w for w in words if not any(ch in trigger for ch in w)]
    if missed:
        raise PatternError(f"patterns/changes.toml [trigger] chars: none of {missed} holds one")
    return Rules(
        direction=direction,
        multiple=frozenset(v["multiple"]),
        growth_noun=re.compile(rf"(?P<w>{_alt(n['up'] + n['down'])})(?:了)?(?:分别|均|都)?"
                               r"(?:为|是|达到|高达|达|约为)?[:：]?\s*[-−－]?$"),
        reach=re.compile(rf"(?P<w>{_alt(multi + v['up_single'] + v['down_single'])})(?:了)?"
                         rf"(?:{_alt(v['reach'])})(?:(?:19|20)\d\d年(?:底|末)?的?)?\s*$"),
        reach_chars=re.compile("[" + re.escape("".join(w[0] for w in v["reach"])) + "]"),
        # (these two open with an optional 负: without a first-character look-ahead the engine
        # tries every word at every position of the text it searches; the same matches)
        verb=prefiltered(rf"(?P<neg>负)?(?P<w>{_alt(multi)}){mid}$"),
        single=prefiltered(rf"(?P<neg>负)?(?P<w>{_alt(v['up_single'] + v['down_single'])})(?:了)?\s*[-−－]?$"),
        not_verbs=tuple(v["not_verbs"]),
        comparative=re.compile(rf"(?P<w>{_alt(c['up'] + c['down'])})(?:了)?\s*$"),
        with_base=re.compile(rf"(?P<w>{_alt(c['with_base_up'] + c['with_base_down'])})"
                             rf"(?P<base>[^{_P}\d]{{2,{mx}}})\s*$"),
        comparative_head=re.compile(_alt(c["with_base_up"] + c["with_base_down"] + ["超过", "不少于", "不低于"])),
        objected=re.compile(rf"(?P<w>{_alt(d['objects']['verbs'])})(?:了)?"
                            rf"(?P<obj>[^{_P}\d到至为的]{{2,{max_obj}}})(?<![这那该此其])\s*$"),
        of_base=re.compile(rf"(?:{_alt(b['of_verbs'])})(?P<base>{noun_base})的\s*$"),
        base_level=re.compile(rf"(?:{_alt(b['before'])})(?P<base>{noun_base}|(?:19|20)\d\d年(?:同期)?)的\s*$"),
        marker=re.compile(_alt(b["before"])),
        not_marker=tuple(b["not_before"]),
        time_marker=re.compile(_alt(b["time_before"])),
        modal=re.compile(_alt(d["rules"]["modals"])),
        rule_units=frozenset(d["rules"]["rule_units"]),
        not_modal=tuple(d["rules"]["not_modals"]),
        stop=re.compile(rf"的(?=[\d一二三四五六七八九十两百千万半])|每[年月天人]|"
                        rf"{_alt(multi + v['up_single'] + v['down_single'] + c['up'] + c['down'] + c['with_base_up'] + c['with_base_down'])}"),
        around=re.compile(rf"(?:{_alt(b['around_open'])})(?P<base>[^{_P}]{{1,{mx}}}?)"
                          rf"(?:{_alt(b['around_close'])})"),
        from_base=re.compile(r"从(?P<base>(?:19|20)\d\d年(?:底|末)?)的?"),
        same_period=dict(b["same_period"]),
        same_re=re.compile(_alt(list(b["same_period"]))),
        base_years={k: int(y) for k, y in d["base_years"].items()},
        cut=re.compile(rf"[{_P}\d是则却就]"),  # a clause (显然是, 则…) is no base
        fillers=re.compile(_alt(d["metric"]["fillers"])),
        change_words=re.compile(rf"(?:负)?(?:{_alt(multi + n['up'] + n['down'] + v['up_single'] + v['down_single'] + c['up'] + c['down'])})"
                                r"(?:了)?(?:分别|均)?(?:为|达到|达)?[:：]?"),
        trad=trad,
        trad_chars=re.compile("[" + "".join(p[0] for p in d["traditional"]["chars"]) + "]"),
        trigger=re.compile("[" + re.escape(trigger) + "]"),
        trigger_reach=int(d["trigger"]["reach"]),
        max_chars=mx,
    )
