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
