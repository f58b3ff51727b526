"""The pattern helpers: rewritten patterns must match exactly what the originals match."""
import re

import pytest
from hypothesis import example, given, settings, strategies as st

from cnedu_extract import regexes
from cnedu_extract.linking._data import config
from cnedu_extract.lexicon import exclusions

# patterns of the kinds the library scans with: alternations, optional and repeated parts,
# look-behinds and look-aheads in front, lazy repeats, classes with ranges
PATTERNS = [
    r"(?<![0-9.\-])(?:19|20)[0-9]{2}\s*年(?!代|以来|[0-9]|\s*[—–\-~至到])|[〇零一二三四五六七八九]{4}年(?!代)",
    "|".join(f"(?:{p})" for p in config()["time"]["periods"]),
    config()["school"]["numbered"],
    r"a?b*c|x{2,3}?y|(?=ab)a+|(?<!z)[x-z]q",
    r"(?:第|约)?[一二三0-9]{1,3}(?:个|名)(?!学)",
    r"近(?:[0-9]+|[一二三]+)年来?|每(?:一)?(?:年|学期)",
    r"(?:一二)?一[二三]?|(?:五十)??五十?",  # where a greedy or lazy part decides the length
    r"(?<![0-9])(?:2[0-9]年|2[0-9]月)|2a|(?<![0-9])2b|(?<!x)3c",  # branches sharing a look-behind
]
# texts are strung from pieces of the patterns, so that near misses are common
PIECES = ["19", "20", "2023", "5", "0", "年", "代", "以来", "来", "至今", "近", "多", "一", "二", "三",
          "十", "五", "期间", "学", "学期", "第", "约", "个", "名", "中", "小", "今年", "全年", "季度", "自",
          "从", "起", "“", "”", "a", "b", "c", "q", "x", "y", "z", " ", ".", "-", "—"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_a_rewritten_pattern_starts_each_branch_with_a_literal(pattern):
    led = regexes.literal_led(pattern)
    assert led is not None
    first_ops = [alt[0][0] for alt in re._parser.parse(led)[0][1][1]] if "|" in led else []
    assert all(op is re._constants.LITERAL for op in first_ops)


def test_neighbouring_branches_test_a_shared_look_behind_once():
    # (?<![0-9]) before 2 becomes (?<![0-9]2) after it, the same for the first two branches
    led = regexes.literal_led(r"(?<![0-9])2[0-9]年|(?<![0-9])2[0-9]月|2a|(?<![0-9])2b")
    assert led.count("(?<![0-9]2)") == 2  # once for 年 and 月 together, once for b
    assert re.compile(led).findall("24年 125月 22月 2a 32b 2b") == ["24年", "22月", "2a", "2b"]


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
@example("一二一二三")
@example("五十五十五")
@example("x1999年代 2023 年以来,20234年")
@example("zxq axq")
@example("约三个学第二名中")
@example("近三年来，近5年，每一学期")
def test_rewritten_patterns_find_the_same_matches(text):
    for pattern in PATTERNS:
        original, led = re.compile(pattern), re.compile(regexes.literal_led(pattern))
        assert [m.span() for m in led.finditer(text)] == [m.span() for m in original.finditer(text)]


def test_the_mask_rewritten_masks_the_same_on_real_text():
    from cnedu_extract import text as T

    sample = ("仅2010年一年就有3.5万人，2011年6月28日起实施“十四五”规划，第三名，"
              "211工程高校12所；版本2.0.1发布，10:30开会，一对一帮扶，三次会议，二〇二三年。")
    (mask,) = T._mask_patterns()
    plain = re.compile("|".join(f"(?:{p})" for p in _mask_parts()))
    assert mask.sub(T._mask, sample) == plain.sub(T._mask, sample)


def _mask_parts():
    from cnedu_extract.lexicon import numerals

    t = numerals()
    fill = lambda p: p.replace("{CNDIGIT}", "".join(t.digits)).replace(  # noqa: E731
        "{CNUNIT}", "".join([*t.small_units, *t.big_units]))
    ex = exclusions()
    digit_led = "|".join(f"(?:{fill(p)})" for p in ex["mask"]["digit_led"])
    names = "|".join(map(re.escape, regexes.longest_first(ex["names"])))
    return [rf"(?<![0-9.])(?=[0-9])(?:{digit_led})", *map(fill, ex["mask"]["other"]), names]


@pytest.mark.parametrize("pattern", [
    r"(?P<year>[0-9]{4})年",   # a group would be copied into several branches
    r"\d+年",                  # a category, not a list of characters
    r"(?i)ab",                 # flags
    r"x*",                     # may match the empty string
])
def test_patterns_that_cannot_be_rewritten_are_left_alone(pattern):
    assert regexes.literal_led(pattern) is None
    compiled = regexes.prefiltered(pattern)
    assert [m.group() for m in compiled.finditer("x2024年AB")] == \
        [m.group() for m in re.compile(pattern).finditer("x2024年AB")]


def test_a_trie_matches_the_longest_word_first():
    words = ["萍乡", "萍乡市", "芦溪县", "芦溪"]
    trie = re.compile(regexes.trie_pattern(words))
    assert [m.group() for m in trie.finditer("萍乡市和芦溪县，萍乡")] == ["萍乡市", "芦溪县", "萍乡"]
