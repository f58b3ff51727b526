"""School names and the figures that are about them."""
import re

import pytest

from cnedu_extract.linking import find_entities, link
from cnedu_extract.record import Measurement

_FIG = re.compile(r"[0-9]+(?:万|亿)?(?:元|人|名|所|个)")


def schools_of_figures(text):
    recs = [Measurement(None, m.start(), m.end(), m.group(), 1.0, None, "个", "count", "exact")
            for m in _FIG.finditer(text)]
    return [r.school for r in link(text, recs)]


@pytest.mark.parametrize("text, name", [
    ("他毕业于南昌二中。", "南昌二中"),                 # numbered abbreviation after a place
    ("近日，吉安市一中举行开学典礼。", "吉安市一中"),
    ("学生来自井冈山大学。", "井冈山大学"),
    ("今年云南工商学院招收新生5000人。", "云南工商学院"),   # the report's time is no part of a name
    ("先后有齐鲁理工学院参加。", "齐鲁理工学院"),
    ("我们走进赣州特校，", "赣州特校"),
    ("新建的青云谱实验学校今天开学。", "青云谱实验学校"),
    ("北师大附中的老师说，", "北师大附中"),
    ("新建的青云谱实验学校（小学部）今天开学。", "青云谱实验学校（小学部）"),  # a note in brackets
    ("支持南昌工业大学增设新专业。", "南昌工业大学"),   # a place and a field name a university
    ("赣州农业学院招生。", "赣州农业学院"),
])
def test_school_name_forms(text, name):
    assert name in [e.name for e in find_entities(text) if e.label == "SCHOOL"]


def test_a_bracket_after_a_name_does_not_reach_over_a_line_end():
    # a table's cells: the name and its bracket end one line, the next line goes on
    text = "雁塔区实验幼儿园（\n分园）的经费占比为35%。"
    assert [e.name for e in find_entities(text) if e.label == "SCHOOL"] == ["雁塔区实验幼儿园"]


@pytest.mark.parametrize("text", [
    "全市农村学校全部达标。",
    "义务教育学校实现全覆盖。",
    "推动中小学开齐课程。",
    "建设一批特色学校。",
    "小学生的毕业证书由学校发放。",    # a bare ending is no name
])
def test_kinds_of_school_are_no_names(text):
    assert [e for e in find_entities(text) if e.label == "SCHOOL"] == []


@pytest.mark.parametrize("text, expected", [
    # a list of names before its count
    ("青山湖小学、进贤县一中、南昌外国语学校等3所学校入选。", ["青山湖小学、进贤县一中、南昌外国语学校"]),
    # a single name before 等N所 is a list of one
    ("青云谱实验学校等5所学校获奖。", ["青云谱实验学校"]),
    # the school as subject of the clause
    ("南昌二中今年有800名学生参加高考。", ["南昌二中"]),
    # schools after the figure are where it goes, not what it is
    ("将5所薄弱初中委托给南昌二中管理。", [None]),
    # a kind of school directly before a count is counted, not named
    ("优化乡村小规模学校66所。", [None]),
])
def test_school_of_a_figure(text, expected):
    assert schools_of_figures(text) == expected
