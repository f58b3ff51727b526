"""Year and period of a figure."""
import re

import pytest

from cnedu_extract.linking import link
from cnedu_extract.record import Measurement

_FIG = re.compile(r"[0-9０-９]+(?:\.[0-9]+)?(?:万|亿)?(?:元|人次|人|名|所|个|%)")


def times(text, **kw):
    recs = [Measurement(None, m.start(), m.end(), m.group(), 1.0, None, "个", "count", "exact")
            for m in _FIG.finditer(text)]
    return [(r.year, r.period) for r in link(text, recs, **kw)]


@pytest.mark.parametrize("text, kw, expected", [
    ("2021年，全市新增学位8000个。", {}, [(2021, None)]),
    # each figure its own year
    ("经费从2020年的5亿元增至2022年的6亿元。", {}, [(2020, None), (2022, None)]),
    # windows as written, no year
    ("近三年，全县招聘教师600名。", {}, [(None, "近三年")]),
    ("2019年以来，共建成学校30所。", {}, [(None, "2019年以来")]),
    # a window that starts in a year and runs to now is no year of its figures
    ("助学贷款自2004年实施至今，已累计发放200亿元。", {}, [(None, "自2004年实施至今")]),
    ("从2012年起，全省累计投入资金30亿元。", {}, [(None, "从2012年起")]),
    ("市财政每年安排资金500万元。", {}, [(None, "每年")]),
    ("2021—2022学年，在校生占比达95%。", {}, [(None, "2021—2022学年")]),
    # a nearer year ends an earlier window
    ("每年拨付200万元，2022年受益学生900名。", {}, [(None, "每年"), (2022, None)]),
    # relative years resolve against the document's own date, never the clock
    ("今年秋季新增学位3000个。", {"date": "2021-09-01"}, [(2021, "今年秋季")]),
    ("去年招聘教师200名。", {"date": "20190310"}, [(2018, "去年")]),
    ("今年秋季新增学位3000个。", {}, [(None, "今年秋季")]),
    # a dateline or source line dates the document
    ("今年招生500人。\n某某县教育局2023-06-01", {}, [(2023, "今年")]),
    # 比去年 is a base of comparison, not the figure's window nor its year: the figure of a
    # dated item is of the item's year (2020), never of the base's (2019)
    ("招生人数比去年增加300人。", {"date": "2020-01-01"}, [(2020, None)]),
    ("招生人数较之去年增加300人。", {"date": "2020-01-01"}, [(2020, None)]),
    ("参加人数是去年的150%。", {"date": "2020-01-01"}, [(2020, None)]),
    ("招生人数比去年增加300人。", {}, [(None, None)]),
    # full-width digits of older newspapers
    ("１９９６年全市有中学１２０所。", {}, [(1996, None)]),
    # 比2009年 is a base of comparison; a change from a year reaches its other end without it
    ("2012年在园幼儿2435万人，比2009年增加700万人。", {}, [(2012, None), (2012, None)]),
    ("覆盖率从2016年的68%提高到87%。", {}, [(2016, None), (None, None)]),
    # a year with its month or day is still the year
    ("2009年11月，他到一家公司上班，每月工资2000元。", {}, [(2009, None)]),
    # 全年级 is a grade, not the whole year
    ("成绩在全年级7个班中名列前茅。", {}, [(None, None)]),
])
def test_year_and_period(text, kw, expected):
    assert times(text, **kw) == expected


def test_a_report_about_one_year_gives_it_to_its_figures():
    text = "全市新增学位5000个；近五年累计投入10亿元。"
    assert times(text, title="盘点2022年教育亮点") == [(2022, None), (None, "近五年")]


def test_a_year_does_not_reach_over_a_semicolon():
    assert times("2023年招聘教师50名；骨干教师共300人。") == [(2023, None), (None, None)]


def years(text, **kw):
    return [y for y, _ in times(text, **kw)]


@pytest.mark.parametrize("text, expected", [
    # figures listed after a span of years take its years in turn, also when the list opens
    # the next sentence with 分别
    ("从2015年到2017年，全县幼儿园持续增加。分别为40所、46所和52所。", [2015, 2016, 2017]),
    # ... not when the span's own sentence holds its figures
    ("从2015年到2017年，幼儿园增至52所。分别为公办30所、民办22所。", [None, None, None]),
])
def test_a_list_of_years_in_the_next_sentence(text, expected):
    assert years(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the lead says 今年 in a sentence that names the year, in a 《》 title or before a noun
    ("教育厅日前印发《2008年普通高校招生工作规定》，今年报名条件不变。\n全省计划招生20万人。", [2008]),
    ("教育厅日前发布2008招生新政，今年报名条件不变。\n全省计划招生20万人。", [2008]),
    # ... a cohort (1999级) or an academic year (2007／2008学年) is no such year
    ("学校日前决定，对1999级之前入学的30名学生按结业处理，另有12名学生申请延期。", [None, None]),
    ("报告日前显示，2007／2008学年，公立大学平均学费为6000元。\n私立大学为2万元。", [None, None]),
])
def test_the_lead_names_the_current_year(text, expected):
    assert years(text, title="招生政策解读") == expected


def test_a_target_year_is_not_now():
    # 计划于2025年将…: a target ahead of the text, so 目前 is not 2025
    text = "目前全省有留学生3万人。\n全省计划于2025年将留学生增至5万人。"
    assert years(text, title="留学生工作") == [None, 2025]


@pytest.mark.parametrize("text, expected", [
    # an undated guide that names one year only, as now or ahead, and says 今年: its figures
    # are of that year
    ("中考时间表公布。\n我市今年将调整考试科目。\n报名费为120元，体检费为50元。\n2012年全市中考将实行网上阅卷。",
     [2012, 2012]),
    # ... not when the one year is ahead of the text (为迎接2010年世博会)
    ("学校发起礼仪活动。\n今年3月，为迎接2010年世博会，学校发起礼仪活动。\n全校有教师300名参加。", [None]),
    # ... nor when the text names several years
    ("中考时间表公布。\n我市今年将调整考试科目。\n报名费为120元。\n2011年起全市中考将实行网上阅卷，2012年推广。",
     [None]),
])
def test_a_guide_about_one_year(text, expected):
    assert years(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a year that opens a sentence before a colon holds for what it introduces, over semicolons
    ("补助标准在2015年和2017年两次调整。例如2019年规定：城区学校补助300元；农村学校补助500元。", [2019, 2019]),
    # ... not a year in a later clause of a list of fields
    ("出生年月：1975年；工作经历：毕业后任教多年，带出学生800名。", [None]),
])
def test_a_year_before_a_colon(text, expected):
    assert years(text) == expected


@pytest.mark.parametrize("text, kw, expected", [
    # 当年 is the year named last before it in its paragraph
    ("2016年，全市启动营养餐工程。当年受益学生达8万人。", {}, [(2016, None)]),
    ("1950年，学校迁到城里，当年只有学生60名。", {}, [(1950, None)]),
    # ... or the year of a report about one year
    ("全省接受培训的学员30万人次，当年结业28万人次。", {"title": "2019年全省教育事业统计公报"},
     [(2019, None), (2019, None)]),
    # ... and without one it stays a window of no year, even in a dated item
    ("这所学校当年只有学生60名。", {"date": "2021-06-05"}, [(None, "当年")]),
    # a later, unnamed time (此后, 后来) ends the reach of an earlier year
    ("2008年地震中校舍受损，此后的三年里共重建学校40所。", {}, [(None, "此后")]),
    ("1998年他来到村小任教，后来学生增加到200名。", {}, [(None, "后来")]),
    # ... but 以后来 is no 后来
    ("对2008年以后来校任教的教师，每月补助300元。", {}, [(2008, None)]),
    # a year that a change runs from (从…后) is no year of the figures after it
    ("从2016年招生达到高峰后，生源已连续下降了3个学年。", {"date": "2019-05-01"}, [(None, None)]),
])
def test_that_year_and_a_later_time(text, kw, expected):
    assert times(text, **kw) == expected


@pytest.mark.parametrize("text, kw, expected", [
    # a base of comparison is no window of the figure: 与去年基本持平, 低于去年
    ("报名人数与去年基本持平，计划招生8000人。", {"date": "2019-05-01"}, [(2019, None)]),
    ("今年录取率略低于去年，600分以上考生有300名。", {"date": "2019-05-01"}, [(2019, "今年")]),
])
def test_comparison_bases_are_not_windows(text, kw, expected):
    assert times(text, **kw) == expected


@pytest.mark.parametrize("text, kw, expected", [
    # N年间 is a window, as N年来 is
    ("五年间，全县新建学校30所。", {"date": "2021-06-05"}, [(None, "五年间")]),
    # a title year after the item's own date is a target, not the year of a report
    ("全市启动教育现代化行动，首批确定试点学校12所。", {"title": "迈向2035：教育现代化行动", "date": "2021-03-02"},
     [(2021, None)]),
    # ... and a title year up to the date is the report's
    ("全市共有学校320所。", {"title": "2020年全市教育事业统计公报", "date": "2021-03-02"}, [(2020, None)]),
])
def test_windows_and_title_years_of_dated_items(text, kw, expected):
    assert times(text, **kw) == expected
