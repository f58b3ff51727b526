"""Region linking: the home region of a document and the region of each figure."""
import re

import pytest

from cnedu_extract.linking import link
from cnedu_extract.linking.clauses import DocText
from cnedu_extract.linking.gazetteer import gazetteer
from cnedu_extract.linking.regions import RegionLinker, find_mentions
from cnedu_extract.linking.schools import find_schools
from cnedu_extract.record import Measurement

_FIG = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:万|亿)?(?:元|人次|人|名|所|个|%)")


def regions(text, **kw):
    """Region of every simple figure in ``text``, in order."""
    recs = [Measurement(None, m.start(), m.end(), m.group(), 1.0, None, "个", "count", "exact")
            for m in _FIG.finditer(text)]
    return [r.region for r in link(text, recs, **kw)]


@pytest.mark.parametrize("text, title, expected", [
    # title names the city; 全市 resolves to it
    ("全市新建幼儿园12所。", "赣州教育这一年", ["赣州市"]),
    # dateline of a newspaper names the city
    ("本报讯 我市今年招聘教师300名。\n来源：《宜春日报》", None, ["宜春市"]),
    # news agency dateline names the city
    ("新华社长沙3月2日电 长沙市今年新增学位2万个，全市学校达800所。", None, ["长沙市", "长沙市"]),
    # source line at the foot: an education bureau and a date
    ("一、基本情况\n全县共有中小学45所。\n龙南市教育局2024-05-06", None, ["龙南市"]),
    # 全省 goes up the hierarchy from a city home
    ("九江市教育局消息。全省共有高校106所，我市有12所。", None, ["江西省", "九江市"]),
    # 全国 is the nation
    ("宁波日报讯 全国今年高考报名1342万人。", None, ["中国"]),
    # a national outlet's item that names no region is national news
    ("央视网消息（新闻联播）：记者从教育部获悉，国家助学贷款已累计资助学生2000万人。", None, ["中国"]),
    # ... but a region it names is its home
    ("央视网消息（新闻联播）：青海省投入4亿元，重点建设中职学校14所。", None, ["青海省", "青海省"]),
    # 南昌 names the city before its namesake county inside it (南昌县)
    ("南昌今年新建学校30所。南昌的教师增加了500名，新增学位9000个。", "南昌教育这一年",
     ["南昌市", "南昌市", "南昌市"]),
])
def test_home_region_and_scope_words(text, title, expected):
    assert regions(text, title=title) == expected


@pytest.mark.parametrize("text, expected", [
    # a county named in the clause owns the figure; the next clause falls back to home
    ("桂林日报讯 阳朔县新建学校3所，全市新增学位5000个。", ["阳朔县", "桂林市"]),
    # where a figure is ranked or honoured is not what it is about
    ("郴州日报讯 全市高考成绩位居全省前3名。", ["郴州市"]),
    ("郴州日报讯 我市10所学校被评为湖南省示范校。", ["郴州市"]),
    # a place inside a school name is the school's, not the figure's
    ("郴州日报讯 资兴市一中、桂阳县二中等2所学校获评。", ["郴州市"]),
    # a foreign figure gets its country
    ("据报道，在美国，每年有200万名学生参加考试。", ["美国"]),
])
def test_region_of_a_figure(text, expected):
    assert regions(text) == expected


@pytest.mark.parametrize("text, expected", [
    # in national news a lone school's province or city is where its figures are ...
    ("重庆大学招收国防生175个。", "重庆市"),
    # ... but not a list's, nor a county's short form or a country inside a name
    ("重庆大学、兰州大学等2所学校获评。", "中国"),
    ("江汉大学招收新生300个。", "中国"),
    ("哥伦比亚大学录取新生300个。", "中国"),
])
def test_a_school_place_in_national_news(text, expected):
    g = gazetteer()
    doc = DocText.of(text)
    schools = [(s.start, s.end) for s in find_schools(doc, g.pattern)]
    linker = RegionLinker(doc, find_mentions(text), g.nation, schools)
    assert linker.attach(_FIG.search(text).start()) == expected


def test_no_home_leaves_scope_words_unresolved():
    assert regions("全市共有学校30所。") == [None]
