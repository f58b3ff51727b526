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


_PREFACE = "学习要讲方法，贵在坚持。" * 20  # 240 characters: what follows is past the head


@pytest.mark.parametrize("text, expected", [
    # no place of its own, and the body keeps coming back to the whole country: national
    ("一项调查显示，多数留学人员选择回国发展。他们在国内找工作并不难，"
     "有60%的人月薪过万元。国内企业也更看重经验。", ["中国"]),
    ("我国高校毕业生逐年增加。调查显示，有30%的毕业生选择考研，我国研究生招生规模继续扩大。", ["中国"]),
    # named once past the head is not enough: a text about no place stays without one
    (_PREFACE + "调查显示，有30%的毕业生选择考研，国内研究生招生规模继续扩大。", [None]),
    # words that start another word do not count: 国内外 (home and abroad), 全国卷 (an exam paper)
    (_PREFACE + "做一遍全国卷，再做一遍全国卷，背熟20个句型。引进国内外专家。", [None]),
])
def test_a_text_that_keeps_naming_the_country_is_national(text, expected):
    assert regions(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a meeting held in a hall of the capital is not about the capital
    ("央视网消息：全国人大常委会会议在北京人民大会堂举行。报告指出，整改问题金额达4800亿元。", ["中国"]),
    # an event held in the city itself is the city's
    ("在杭州市举办的招聘会上，共有300个企业参加。", ["杭州市"]),
    # ... and one abroad is that country's
    ("据外媒报道，冲浪狗大赛在美国加州的海滩举行，今年有40个选手参赛。", ["美国"]),
])
def test_a_meeting_venue_is_no_topic(text, expected):
    assert regions(text) == expected


def test_the_whole_country_heading_a_sentence_with_semicolons_holds_for_the_paragraph():
    text = ("记者来到陕西平利县，当地投入资金1亿元。\n"
            "近年来，全国加强职业教育；中央扩大补助范围；高校毕业生人数增至50万人。")
    assert regions(text) == ["平利县", "中国"]


def test_an_autonomous_county_at_the_head_of_a_clause_sets_the_topic():
    text = "在海南琼中，当地拨付专项资金80万元。琼中县政府还招收了40名学员。"
    assert regions(text) == ["琼中黎族苗族自治县", "琼中黎族苗族自治县"]


@pytest.mark.parametrize("text, expected", [
    # a place phrase opened by 在 and closed by a comma sets the topic of what follows
    ("今年高考，在地处偏远的甘肃定西，8名考生在特设考场答卷。", ["定西市"]),
    ("拉萨日报讯 在海拔很高的西藏聂荣县，她走遍了200个村庄。", ["聂荣县"]),
    # ... not a place inside a phrase that it does not close: the home holds
    ("拉萨日报讯 在聂荣县的帮助下，全市200个村庄通了网。", ["拉萨市"]),
])
def test_a_place_phrase_before_the_subject_sets_the_topic(text, expected):
    assert regions(text) == expected


def test_a_place_right_after_a_clause_mark_heads_its_clause():
    # set_region_topics takes a place right after one of these marks as heading its clause
    # without asking the document model: the model must agree for every one of them
    from cnedu_extract.linking.document import Document
    from cnedu_extract.linking.regions import _CLAUSE_ENDS
    for mark in _CLAUSE_ENDS:
        text = f"今年各地学校继续扩大招生规模{mark}萍乡市新建学校3所"
        pos = text.index("萍乡市")
        assert Document.read(text).heads_clause(pos), mark
