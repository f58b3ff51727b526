"""EndAnchored: a pattern's matches found only before the pairs of characters they end with."""
import re

import pytest

from cnedu_extract.linking.end_anchored import EndAnchored, end_pairs

NUMBERED = "(?:第?[一二三四五六七八九十]{1,3})(?:中|小|职|高)(?![学心央期型国华共全会间小])"


def test_the_pairs_are_read_from_the_pattern():
    pairs = end_pairs(NUMBERED)
    assert {"六中", "一小", "十职", "三高"} <= set(pairs)
    assert len(pairs) == 10 * 4
    assert "第中" not in pairs


@pytest.mark.parametrize("pattern", [
    "学校|中学",                 # an alternation of words: no class at the end
    "[一二]*[中小]",             # the class before may be absent
    "六(?:中|小学)",             # the last part is not one character
])
def test_other_shapes_have_no_pairs(pattern):
    assert end_pairs(pattern) is None


TEXTS = [
    "他毕业于萍乡六中，后来在第十一中学任教。",
    "醴陵市一中、二中和三小时的课程；十一小，第一百中，一二三四中高。",
    "全市共有12所学校，没有编号。",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_finditer(text):
    compiled = re.compile(NUMBERED)
    finder = EndAnchored(NUMBERED, compiled)
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            want = [m.span() for m in compiled.finditer(text, a, b)]
            assert [m.span() for m in finder.finditer(text, [(a, b)])] == want


def test_several_spans_and_a_pattern_without_pairs():
    text = TEXTS[1]
    spans = [(0, 9), (12, len(text))]
    # (the third has pairs that overlap: 一二, 二一; the last has no pairs)
    for source in (NUMBERED, "(?:一|二)中", "[一二]+[一二]", "中学|学校|三小"):
        compiled = re.compile(source)
        want = [m.span() for a, b in spans for m in compiled.finditer(text, a, b)]
        assert [m.span() for m in EndAnchored(source, compiled).finditer(text, spans)] == want
