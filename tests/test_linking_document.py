"""The document model: structure, topics, and the year and region each scope tells a figure."""
import re

import pytest

from cnedu_extract.linking import link
from cnedu_extract.linking.document import Document
from cnedu_extract.record import Measurement

_FIG = re.compile(r"[0-9０-９]+(?:\.[0-9]+)?(?:万|亿)?(?:元|人次|人|名|所|个|%)")


def _records(text):
    return [Measurement(None, m.start(), m.end(), m.group(), 1.0, None, "个", "count", "exact")
            for m in _FIG.finditer(text)]


def regions(text, **kw):
    """Region of every simple figure in ``text``, in order."""
    return [r.region for r in link(text, _records(text), **kw)]


def years(text, **kw):
    """Year of every simple figure in ``text``, in order."""
    return [r.year for r in link(text, _records(text), **kw)]


# -- structure -------------------------------------------------------------------------------

def test_paragraphs_title_lead_and_headings():
    text = "示例县教育简报\n一、办学条件\n全县新建学校3所，投入资金2亿元。\n二、师资队伍\n招聘教师120名。"
    d = Document.read(text)
    kinds = [(text[a:b], k) for (a, b), k in zip(d.paragraphs, d.kinds)]
    assert kinds == [("示例县教育简报", "heading"), ("一、办学条件", "heading"),
                     ("全县新建学校3所，投入资金2亿元。", "lead"), ("二、师资队伍", "heading"),
                     ("招聘教师120名。", "body")]
    assert text[d.lead.start:d.lead.end] == "全县新建学校3所，投入资金2亿元。"
    assert d.section(text.index("招聘")).start == text.index("二、")


def test_html_paragraphs_and_item_datelines():
    text = ("<p>央视网消息（新闻联播）：各地举办招聘会。</p>"
            "<p>新华社昆明3月2日电 云南新增岗位3万个。</p>")
    d = Document.read(text)
    assert [text[a:b] for a, b in d.paragraphs] == ["央视网消息（新闻联播）：各地举办招聘会。",
                                                   "新华社昆明3月2日电 云南新增岗位3万个。"]
    assert len(d.datelines) == 2
    assert d.sections == [0, text.index("新华社")]  # a second dateline opens a second item


def test_topic_api_answers_from_the_nearest_scope():
    text = "第一段讲甲。第一段还讲甲。\n第二段讲乙。\n第三段。"
    d = Document.read(text)
    d.set_topic("f", 0, "文档", "document")
    d.set_topic("f", text.index("第二段"), "乙", "paragraph")
    d.set_topic("f", text.index("第一段还"), "句", "sentence")
    assert d.topic("f", text.index("还讲") + 1).value == "句"     # its sentence
    assert d.topic("f", 1).value == "文档"                         # before any narrower scope
    assert d.topic("f", text.index("讲乙")).value == "乙"           # its paragraph
    assert d.topic("f", text.index("第三段")).value == "文档"        # the paragraph's topic ended
    assert d.topic("g", 3) is None
    d.set_topic("f", text.index("第三段"), None, "paragraph")       # ends without naming one
    assert d.topic("f", text.index("第三段") + 1).value == "文档"


# -- region ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # topic carried: a region at the head of a paragraph owns the figures that follow in it
    ("<p>本台消息：各地推进就业。</p><p>河南今年组建服务专班，提供岗位3000个，已有5万名毕业生签约。</p>",
     ["河南省", "河南省"]),
    ("<p>本台消息：各地推进就业。</p><p>在甘肃天水，教师志愿者团队今年走访家庭800个。</p>",
     ["天水市"]),
    # topic ended: the next paragraph names another region
    ("<p>本台消息：各地推进就业。</p><p>河南提供岗位3000个。</p><p>陕西宝鸡提供岗位2万个，补贴300万元。</p>",
     ["河南省", "宝鸡市", "宝鸡市"]),
    # a list of places is no one place's topic
    ("<p>本台消息：记者在河南、陕西等地采访发现，</p><p>不少学校新建了实验室，共计120个。</p>",
     [None]),
])
def test_region_topic_carried_and_ended(text, expected):
    assert regions(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a figure about the whole country is 中国
    ("调查显示，我国高校毕业生中有35%选择考研。另有20%的人选择出国。", ["中国", "中国"]),
    ("记者从教育部获悉，全国今年招生1000万人。", ["中国"]),
])
def test_national_figures(text, expected):
    assert regions(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a foreign country that is the paragraph's topic owns its figures
    ("留学政策有变。\n而在新西兰，政府宣布今年留学生增加8000名，签证费上调15%。", ["新西兰", "新西兰"]),
    ("在德国，公立大学免收学费，约有40万名国际学生。", ["德国"]),
])
def test_foreign_paragraph_topic(text, expected):
    assert regions(text) == expected


@pytest.mark.parametrize("text, expected", [
    # named in passing: a comparison, an exam, a destination — not the topic
    ("湖州日报讯 我市要像芬兰那样办教育，今年新建学校6所。", ["湖州市"]),
    ("湖州日报讯 像芬兰那样，今年我市新建学校6所。", ["湖州市"]),
    ("湖州日报讯 赴英国交流的学生今年有300名，比去年多50名。", ["湖州市", "湖州市"]),
    # a place inside a name (a school's, a body's) is the name's
    ("湖州日报讯 北京师范大学今年在我市招生120名。", ["湖州市"]),
])
def test_passing_mention_sets_no_topic(text, expected):
    assert regions(text) == expected


def test_the_place_of_the_school_a_sentence_is_about():
    text = "<p>本台消息：乡村教师受到关注。</p><p>在乡村教师王老师所在的湖南江华县白芒营小学，企业捐款30万元。</p>"
    assert regions(text) == ["江华瑶族自治县"]


# -- year ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kw, expected", [
    # a dated item gives its figures its year
    ("<p>本台消息：今天，全省新建学校12所。</p><p>志愿者走访家庭300个。</p>", {"date": "2021-06-05"}, [2021, 2021]),
    # ... but not the base of a comparison (比去年) nor a year the text names for a figure
    ("<p>本台消息：今天，全省招生人数比去年增加300人。</p>", {"date": "2021-06-05"}, [2021]),
    ("<p>本台消息：今天发布数据。</p><p>2018年，全省有学校200所。</p>", {"date": "2021-06-05"}, [2018]),
    # ... nor to figures it places in another time
    ("<p>本台消息：今天，新校舍投入使用。</p><p>18年前，这里只有学生200名。</p>", {"date": "2021-06-05"}, [None]),
    ("<p>本台消息：今天发布数据。</p><p>2014年全省开展扶贫以来，累计资助学生30万人。</p>",
     {"date": "2021-06-05"}, [None]),
    # a window is no year, dated or not
    ("<p>本台消息：今天发布数据。近五年全省投入80亿元。</p>", {"date": "2021-06-05"}, [None]),
    # a date in a source line alone gives no year to figures the text does not place in time
    ("全县新建学校12所。\n示例县教育局2024-04-03", {}, [None]),
])
def test_dated_item(text, kw, expected):
    assert years(text, **kw) == expected


@pytest.mark.parametrize("text, expected", [
    # 今年 in a text whose years run 2016…2017…2018 is 2019
    ("2016年招生200人，2017年招生260人，2018年招生300人。今年招生增至380人。", [2016, 2017, 2018, 2019]),
    # a year that starts a time running to now: now is later
    ("从2015年开始实行小班教学。今年班额降到30人。", [2016]),
    # 去年 in such a text is the year before
    ("1992年和1993年先后有50名毕业生赴边疆。今年又有30名报名，去年有20名。", [None, 1994, 1993]),
    # a target year is ahead of now: 目前 is not 2025
    ("目前全省有留学生3万人，计划到2025年增至5万人。", [None, 2025]),
    # nothing tells the year: None, and the period keeps 今年
    ("今年招生380人。", [None]),
])
def test_the_year_the_text_presents_as_current(text, expected):
    assert years(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a lead about one year gives it to every figure of the text
    ("示例市发布2019年高考指南。\n文科一本线为520分，本科计划招生3万人。\n录取率达85%。", [2019, 2019]),
    # a year at the head of a paragraph holds for the paragraph and a 其中 paragraph after it
    ("一、学前教育\n2022年，全县有幼儿园40所。在园幼儿9000人。\n其中民办幼儿园12所。\n二、小学\n小学30所。",
     [2022, 2022, 2022, None]),
    # a year named mid-paragraph holds for its sentence only
    ("全县共有小学30所，教师1500名。\n学校建设成效明显，2022年新建2所。另有教学点12个。",
     [None, None, 2022, None]),
])
def test_year_of_a_lead_and_of_a_paragraph(text, expected):
    assert years(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a comparison base is never the figure's year
    ("2020年在校生12000人，比2015年增加3000人。", [2020, 2020]),
    # the year a change starts from is not the year of the figure it reaches
    ("覆盖率从2015年的71%提高到85%。", [2015, None]),
    # figures listed after a span of years take its years in turn
    ("从2010年到2013年，在校生分别为300人、320人、350人和380人。", [2010, 2011, 2012, 2013]),
    # ... but not figures of different kinds after a span
    ("2016—2018年全县累计投入资金1600万元，新建校舍面积8000平方米，建设项目60个。", [None, None]),
])
def test_comparison_base_and_change_start(text, expected):
    assert years(text) == expected


# -- the opening (title line and lead) ---------------------------------------------------------

def _opening(text):
    d = Document.read(text)
    return text[d.opening.start:d.opening.end], text[d.lead.start:d.lead.end]


def test_opening_takes_the_hard_wrapped_lines_of_the_first_sentence():
    text = "示范区推进“春苗助学计划”，\n全区资助学生500名。\n另有教师培训200人次。"
    opening, lead = _opening(text)
    assert opening == "示范区推进“春苗助学计划”，\n全区资助学生500名。"
    assert lead == "全区资助学生500名。"  # the wrapped first line is heading-sized: not the lead paragraph


def test_opening_holds_the_title_line_then_the_lead():
    text = "某市启动乡村教师支持计划\n今年全市招聘教师300名，其中乡村教师200名。\n新建学校5所。"
    opening, lead = _opening(text)
    assert opening == "某市启动乡村教师支持计划\n今年全市招聘教师300名，其中乡村教师200名。"
    assert lead == "今年全市招聘教师300名，其中乡村教师200名。"


def test_opening_of_html_ends_with_its_first_paragraph():
    text = "<p>某省实施学前教育行动计划。</p><p>新增幼儿园40所。</p>"
    opening, lead = _opening(text)
    assert opening == "<p>某省实施学前教育行动计划。"
    assert lead == "某省实施学前教育行动计划。"


def test_opening_without_a_full_stop_is_the_first_characters():
    text = "学校12所、教师800名，" * 40
    assert Document.read(text).opening == (0, 300)
    assert Document.read("学校12所").opening == (0, 5)


def test_headline_is_the_title_line_not_a_source_line():
    text = "示范大学开学迎新\n全校迎来新生5000名。"
    d = Document.read(text)
    assert text[d.headline.start:d.headline.end] == "示范大学开学迎新"
    sourced = "【来源：某某日报】\n全校迎来新生5000名。"
    assert Document.read(sourced).headline == (0, 0)
    assert Document.read("全校迎来新生5000名。").headline == (0, 0)  # no line before the lead


def test_title_line_is_the_headline_else_a_short_first_line():
    text = "【来源：某某日报】\n>>图书推荐：2020年备考手册\n示范大学开学迎新\n全校迎来新生5000名。"
    d = Document.read(text)
    assert d.title_line == d.title == "示范大学开学迎新"  # past the source line and the link
    assert Document.read(text, title="某市教育新闻").title == "某市教育新闻"  # a given title wins
    # without a headline, a short first line still stands for the title; a one-line text has none
    assert Document.read("【来源：某某日报】\n全校迎来新生5000名。").title == "【来源：某某日报】"
    assert Document.read(">>图书推荐\n全校迎来新生5000名。").title is None
    assert Document.read("全校迎来新生5000名。").title is None


@pytest.mark.parametrize("word, item", [
    ("学校3所", "一是新建学校3所。"),
    ("教师40名", "二是招聘教师40名"),
    ("全市", "全市今年办好两件事。"),         # the stretch before the first item
])
def test_inline_item_holds_the_position(word, item):
    text = "全市今年办好两件事。一是新建学校3所。二是招聘教师40名"
    d = Document.read(text)
    a, b = d.inline_item(text.index(word))
    assert text[a:b] == item

