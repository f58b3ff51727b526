"""The metric rules, compiled once: the word lists of ``[metric]`` in ``patterns/linking.toml``
and the characters every part of the metric reading agrees on (marks, list joins, edges).

One place, so that the cleaning, the word checks and the linker read the same lists.
"""
from __future__ import annotations

import re
from functools import cache

from ._data import config, first_chars, longest_first, prefiltered

MARKS = str.maketrans("", "", "“”「」\"《》")
DIGIT = re.compile(r"[0-9０-９]")
# words that join nouns into one phrase (one character each: the linker tests a phrase's last
# character against them)
CONNECTORS = ("、", "和", "及", "与", "的")
LIST_JOINS = ("、", "和", "及", "与")  # after a figure: what follows is the next item (…万人和最高峰6743.64万人)
EDGE_PUNCT = " \t\r\n\u3000\xa0、，,：:；;()（）“”\"《》·-—"  # whitespace: indented paragraphs (\u3000\u3000)
CLAUSE_STOP = re.compile(r"[，,。；;：:！？!?\n]")
# one space after a Chinese word, or a bullet, separates the parts of a headline or a list
# (调查称七成海归选择回国就业 46%海归流向民企, ●…●新生流失率超10%); a footnote mark
# blanked out (学校[2] → three spaces) is wider
HEADLINE_BREAK = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000\xa0](?=[\u4e00-\u9fff0-9０-９]|$)|[●○■□◆◇▲△★☆】]")
# a character HEADLINE_BREAK needs (a blank or a bullet): a phrase without one it parts nothing
# (one class search is cheaper than a split with its look-arounds at every character)
BREAK_CHAR = re.compile("[ \u3000\xa0●○■□◆◇▲△★☆】]")
TIME = re.compile(r"(?:19|20|１９|２０)[0-9０-９]{2}\s*年(?:[0-9０-９]{1,2}月)?(?:[0-9０-９]{1,2}日)?(?:底|末|初|以来)?|"
                  r"[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?|[一二三四五六七八九十两0-9０-９]+年来")  # older papers write full-width digits

# rule name -> its list in [metric], read as a set (membership) or a tuple (str.endswith)
_SETS = {"copulas": "copulas", "verbal": "verbal_measures", "demonstratives": "demonstratives",
         "generic": "generic_metrics", "ranked": "ranked", "ages": "ages", "stage_words": "stage_words",
         "modals": "modals", "predicate_verbs": "predicate_verbs", "empty_words": "empty_words",
         "disposal_words": "disposal_words", "linking_adverbs": "linking_adverbs",
         "aspect_adverbs": "aspect_adverbs"}
_TUPLES = {"rates": "rate_words", "noun_endings": "noun_endings", "list_starts": "list_starts",
           "rank_words": "rank_words", "ratio_words": "ratio_words", "purposes": "purposes",
           "existential": "existential", "time_ends": "time_ends",
           "reporting": "reporting_verbs", "roles": "person_roles"}
_AS_IS = ("score_units", "score_changes", "max_left", "max_right", "rank_noun", "max_predicate", "max_relative")


def _class_of(cls: str | None) -> re.Pattern[str]:
    """A character class compiled (any character where ``first_chars`` cannot tell)."""
    return re.compile(cls if cls is not None else ".", re.DOTALL)


@cache
def rules() -> dict:
    """The compiled rules by name (read once per process)."""
    cfg = config()["metric"]
    scope = config()["scope"]
    words = [w for k in ("city", "province", "county", "district", "nation") for w in scope[k]]
    periods = "|".join(f"(?:{p})" for p in config()["time"]["periods"])
    bases = "|".join(map(re.escape, longest_first(cfg["change_bases"])))
    out: dict = {name: frozenset(cfg[key]) for name, key in _SETS.items()}
    out.update({name: tuple(cfg[key]) for name, key in _TUPLES.items()})
    out.update({name: cfg[name] for name in _AS_IS})
    out.update({
        "left": re.compile("^(?:" + "|".join(map(re.escape, longest_first(cfg["strip_left"]))) + ")"),
        # matched on the reversed phrase: the longest ending, without a search at every offset
        "right_reversed": re.compile("|".join(
            re.escape(w[::-1]) for w in longest_first(cfg["strip_right"] + cfg["rate_words"]))),
        "scope": re.compile("^(?:" + "|".join(map(re.escape, longest_first(words))) + ")"),
        "scope_words": frozenset(words),
        # a phrase that may hold an adverb of aspect (已, 正在)
        "aspect": re.compile("|".join(map(re.escape, longest_first(cfg["aspect_adverbs"])))),
        # the characters the words of "scope" and "left" start with, those of "right_reversed" end with
        "scope_first": frozenset(w[0] for w in words if w),
        "left_first": frozenset(w[0] for w in cfg["strip_left"] if w),
        "right_last": frozenset(w[-1] for w in cfg["strip_right"] + cfg["rate_words"] if w),
        "reporting_last": frozenset(w[-1] for w in cfg["reporting_verbs"] if w),
        "period": prefiltered(periods),
        # the characters a period can start with: a phrase without one has none to cut
        "period_first": _class_of(first_chars(periods)),
        # 比去年增加, 从原来的: the base of a comparison goes with its time, leaving the verb of change
        "compared": re.compile(f"(?:同比|比|较)(?:{periods}|{TIME.pattern})|从(?:{bases})的?"),
        # 比上年的38888.39亿元: a figure whose own words are only the base of a comparison
        "base_only": re.compile(f"(?:同比|比|较|与)(?:{periods}|{TIME.pattern}|{bases})的?"),
    })
    return out
