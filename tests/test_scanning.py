"""The scans the reading core makes faster than the obvious way must find the same things."""
import random

import pytest

from cnedu_extract.grammar import find_quantities, quantity
from cnedu_extract.text import Sentences, prepare

TEXTS = [
    "全市共有幼儿园482所，比上年增加17所，增长3.7%。",
    "投入资金3-5万元，惠及约两千三百名学生，百分之九十八的学校已达标。",
    "一个半小时内完成了三分之一的任务；又有1,234,567人报名，四五十分钟后结束。",
    "十分之一 百 分 点 12千米 5 million美元 一半以上 第一名 前三",
    "1,1,1,1,1,1,1," * 20 + "二分之一",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_find_quantities_gives_the_matches_of_finditer(text):
    s = prepare(text)
    expected = [(m.span(), m.groups()) for m in quantity().finditer(s)]
    assert [(m.span(), m.groups()) for m in find_quantities(s)] == expected


@pytest.mark.parametrize("text, pos, span", [
    ("甲。乙", 0, (0, 2)),
    ("甲。乙", 2, (2, 3)),
    ("甲。。！乙丙", 4, (4, 6)),
    ("甲。。！乙丙", 2, (0, 4)),        # inside a run of marks: the sentence the run ends
    ("\n\n甲", 2, (2, 3)),
    ("没有句号的一行", 3, (0, 7)),
    ("甲？\n乙!丙", 5, (5, 6)),
])
def test_a_sentence_ends_after_a_run_of_marks(text, pos, span):
    assert Sentences(text).span(pos) == span


def test_sentence_spans_asked_in_any_order_tile_the_text():
    rng = random.Random(0)
    for _ in range(200):
        text = "".join(rng.choice("甲乙。！\n?") for _ in range(rng.randint(1, 40)))
        sentences = Sentences(text)
        positions = list(range(len(text)))
        rng.shuffle(positions)
        for pos in positions:
            a, b = sentences.span(pos)
            assert a <= pos < b
            assert a == 0 or text[a - 1] in "。！？!?\n" and text[a] not in "。！？!?\n"
            assert b == len(text) or text[b - 1] in "。！？!?\n" and text[b] not in "。！？!?\n"
            assert not any(text[k] in "。！？!?\n" and text[k + 1] not in "。！？!?\n" for k in range(a, b - 1))
