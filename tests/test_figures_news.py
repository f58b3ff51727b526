"""Which figures of a news text are found (SPEC section 1): ranks without a measure word,
measure words that keep their own unit, figures written in two pieces, the currency of a
relayed foreign paper, and words that look like figures but are none."""
import pytest

import cnedu_extract as ce


def figures(text, **meta):
    return [(m.text, m.value, m.unit, m.kind, m.qualifier) for m in ce.extract(text, **meta)]


RANKS = [
    # 第N after a ranking verb is a place in a ranking, though no 名 follows
    ("该校在榜单中排名第七，比去年上升两名。", ("第七", 7, "名", "rank", "exact")),
    ("两所学院并列第三，", ("第三", 3, "名", "rank", "exact")),
    ("其毕业生人数位居全国第一。", ("第一", 1, "名", "rank", "exact")),
    ("这所大学勉强排在第35，", ("第35", 35, "名", "rank", "exact")),
    ("排名第12的大学今年录取率下降", ("第12", 12, "名", "rank", "exact")),
    # a rise of places in a ranking counts places, not people
    ("该校今年连升5位，", ("5位", 5, "名", "rank", "exact")),
    # 前N before a quote mark is still a rank
    ("入选全国前二十“示范校”名单", ("前二十", 20, "名", "rank", "under")),
]


@pytest.mark.parametrize("text,expected", RANKS)
def test_ranks_without_a_measure_word(text, expected):
    assert expected in figures(text)


NOT_RANKS = [
    "独立学院本科安排在第三批本科录取",   # an admission batch, not a place
    "第二届教育论坛在京开幕，",            # an edition ordinal
    "学校安排第一次家长会。",
    "排名不分先后，共有五位老师获奖。",    # 五位 are people
]


@pytest.mark.parametrize("text", NOT_RANKS)
def test_ordinals_are_no_ranks(text):
    assert not [f for f in figures(text) if f[3] == "rank"]


MEASURE_WORDS = [
    # other measure words keep their own unit (SPEC section 1)
    ("基地共停放飞机120架。", ("120架", 120, "架", "count", "exact")),
    ("港口停靠30多艘货轮", ("30多艘", 30, "艘", "count", "over")),
    ("校园种下2000棵树", ("2000棵", 2000, "棵", "count", "exact")),
    ("试卷分为四部分：听力、阅读、写作和翻译。", ("四部分", 4, "部分", "count", "exact")),
    ("校训只有六句话", ("六句", 6, "句", "count", "exact")),
    ("学生分为三种类型", ("三种", 3, "种", "count", "exact")),
    ("要求写一篇不少于600字的文章", ("不少于600字", 600, "字", "count", "over")),
    ("已有200多位家长报名", ("200多位", 200, "人", "people", "over")),
    # 唯一一所: the count is the point (SPEC: 只有一个), though 唯一 is masked as a word
    ("这是全县唯一一所特殊教育学校", ("一所", 1, "所", "institution", "exact")),
]


@pytest.mark.parametrize("text,expected", MEASURE_WORDS)
def test_measure_words(text, expected):
    assert expected in figures(text)


JOINED = [
    # a duration in two units is one figure in the smaller unit
    ("他用了两小时十分钟跑完全程", ("两小时十分钟", 130, "分钟", "duration", "exact")),
    ("项目历时三年零四个月", ("三年零四个月", 40, "月", "duration", "exact")),
    ("车程需要一个半小时", ("一个半小时", 1.5, "小时", "duration", "exact")),
    ("培训持续两个半月", ("两个半月", 2.5, "月", "duration", "exact")),
    # a line break before 万 does not split the figure
    ("招生人数达到512.3 \n万人，创历史新高", ("512.3 \n万人", 5123000, "人", "people", "exact")),
    # 零下 makes a temperature negative
    ("夜间气温降到零下二十多度", ("零下二十多度", -20, "度", "other", "over")),
    # a list of bare 万 numbers shares the unit of its last figure
    ("两地分别新增4.5万、6.1万人", ("4.5万", 45000, "人", "people", "exact")),
]


@pytest.mark.parametrize("text,expected", JOINED)
def test_figures_written_in_two_pieces(text, expected):
    found = figures(text)
    assert expected in found, found


def test_a_rate_per_day_is_no_sum():
    found = figures("工人一天工作10个小时")
    assert ("10个小时", 10, "小时", "duration", "exact") in found
    assert not [f for f in found if f[2] == "小时" and f[1] != 10]


def test_a_list_of_bare_numbers_keeps_every_record():
    found = figures("两地分别新增4.5万、6.1万人")
    assert [f[0] for f in found] == ["4.5万", "6.1万人"]


def test_bare_yuan_of_a_relayed_foreign_paper_is_its_currency():
    text = "中新网5月3日电 据加拿大《星岛日报》报道，多伦多一所学院的学费每年1.2万元，申请费120元。"
    units = {f[0]: f[2] for f in figures(text)}
    assert units == {"1.2万元": "加元", "120元": "加元"}


def test_bare_yuan_stays_renminbi_when_the_text_names_renminbi():
    text = "中新网5月3日电 据美国《侨报》报道，学费约合人民币20万元，另交报名费500元。"
    assert {f[2] for f in figures(text) if f[3] == "money"} == {"元"}


def test_bare_yuan_of_a_domestic_text_is_renminbi():
    text = "据《中国教育报》报道，美国一所大学的学费为每年30万元。"
    assert {f[2] for f in figures(text) if f[3] == "money"} == {"元"}


NOT_FIGURES = [
    "学校管理这一块做得很好",            # 这一块: a demonstrative, not one yuan
    "其中最好的那一所在北京",
    "学校召开建校五十周年纪念大会",       # an anniversary, not 50 weeks
    "还有一部分学生选择出国",             # 一部分: "some"
    "最后请用一句话概括",
]


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_words_that_look_like_figures(text):
    assert figures(text) == []


def test_data_tables_name_known_units():
    from cnedu_extract.lexicon import load_toml, units
    table = load_toml("units.toml")
    money = {u.unit for u in units().values() if u.kind == "money"}
    durations = {u.unit for u in units().values() if u.kind == "duration"}
    assert set(table["reported_from"]["countries"].values()) <= money
    for larger, smaller, n in table["compound_durations"]["pairs"]:
        assert {larger, smaller} <= durations and n > 1
