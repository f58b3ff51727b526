"""Region scope rules: whose place a figure is when a text names places in passing, hands the
word to another speaker, reports from many places, or files national news from the capital."""
import re

import pytest

from cnedu_extract.linking import link
from cnedu_extract.linking.gazetteer import gazetteer
from cnedu_extract.record import Measurement

_FIG = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:万|亿)?(?:元|人次|人|名|所|个|%|分)")


def regions(text, **kw):
    """Region of every simple figure in ``text``, in order."""
    recs = [Measurement(None, m.start(), m.end(), m.group(), 1.0, None, "个", "count", "exact")
            for m in _FIG.finditer(text)]
    return [r.region for r in link(text, recs, **kw)]


@pytest.mark.parametrize("text, expected", [
    # a guest from abroad: where the guest comes from is not what the talk's figures are about
    ("座谈会上，来自英国的专家介绍了经验。他说，企业每年把利润的5%用于培训。", [None]),
    # ... nor is where applicants come from, in news about the country that admits them
    ("加拿大移民部表示，针对来自中国的留学生，担保金降为原来的60%。", ["加拿大"]),
    # a Chinese place someone comes from still owns the figure (a province's contestants)
    ("全国职业技能大赛闭幕，来自湖南的选手获得金牌12个。", ["湖南省"]),
])
def test_an_origin_named_in_passing(text, expected):
    assert regions(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a news agency's dateline in the capital files national news: the figures are national
    ("新华社北京3月5日电 教育部日前召开会议，要求各地今年新建幼儿园3000所。", ["中国"]),
    # the same with full-width digits, as the 1990s papers print it
    ("本报北京７月２１日讯 国家教委日前召开会议，部署治理中小学乱收费，查处学校120所。", ["中国"]),
    # a capital dateline over news about Beijing itself: Beijing
    ("新华社北京3月5日电 北京市教委宣布，北京今年新增中小学学位2万个。", ["北京市"]),
    # a dateline in a provincial capital still names the text's place
    ("新华社长沙3月5日电 今年新建幼儿园300所。", ["长沙市"]),
])
def test_a_capital_dateline_is_national(text, expected):
    assert regions(text) == expected


@pytest.mark.parametrize("text, expected", [
    # topic ended: a new speaker's words are not about the place the last one talked about
    ("主持人：欢迎各位家长来到今天的说明会。张校长：我们的学生大三出国。在美国，大学学费平均每年3万元，"
     "我们的学生去了要适应。主持人：谢谢张校长。李主任：我们学校今年招生500名。", ["美国", "郑州市"]),
    # topic carried: a list label with a colon is no speaker's turn
    ("在美国，大学生开支很大。学费：每年3万元。住宿：每年8000元。", ["美国", "美国"]),
])
def test_a_speakers_turn_ends_the_topic(text, expected):
    assert regions(text, title="郑州两所中学留学说明会实录") == expected


@pytest.mark.parametrize("text, expected", [
    # a story gathered in several provinces has no one home among them
    ("记者近日在天津、南京、甘肃等地采访时发现，孩子不爱劳动。\n南京的一位家长说，孩子每月零花钱300元。\n"
     "一名中学生每周上网时间很长，家里为此每月多付网费100元。", ["南京市", None]),
    # places listed as destinations are not the places the figures are about
    ("今年暑期，香港的1000名大学生分赴北京、上海、西安等地实习。香港今年为实习计划拨款3000万元。",
     ["香港特别行政区", "香港特别行政区"]),
])
def test_a_text_reporting_from_many_places(text, expected):
    assert regions(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a place named in full in an earlier clause of the figure's sentence is nearer than the
    # topic of the paragraph (安吉) set in the sentence before
    ("今年，浙江安吉新增就业岗位5000个。西南大学联合重庆市北碚区开展见习行动，目前已有800名大学生参加。",
     ["安吉县", "北碚区"]),
    # a short form right after the place that holds it counts as named in full
    ("同样捐款的还有江西新余的一位老教师，他几十年来资助学生，而今年他又捐出5万元。", ["新余市"]),
    # 大学生 (college students) after a place starts no university's name: the place heads its clause
    ("全国高校毕业生就业形势总体稳定，各地出台了一系列政策措施，拓宽就业渠道，加强就业服务，"
     "帮助毕业生尽早落实去向。教育部门和人社部门联合开展专项行动，走访用人单位，挖掘岗位资源，"
     "组织线上线下招聘活动，为毕业生提供精准服务，确保就业局势稳定。\n"
     "今年，浙江安吉吸引了大学生回乡创业。新增就业岗位5000个。", ["安吉县"]),
    # a list of places names no one of them
    ("浙江省今年新增学位3万个。与江苏、安徽等地合作开展培训，共培训教师800名。", ["浙江省", "浙江省"]),
])
def test_a_place_named_earlier_in_the_sentence(text, expected):
    assert regions(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a foreign city names its country
    ("在巴黎，公立大学的注册费每年约170欧元，留学生占10%。", ["法国"]),
    ("学生们在西雅图参观了一所中学，该校有学生1500名。", ["美国"]),
    # a university named after a country lies where the gazetteer says (哥伦比亚大学: New York)
    ("美国大学排名公布。哥伦比亚大学今年录取率为6%。", ["美国"]),
])
def test_foreign_places(text, expected):
    assert regions(text) == expected


@pytest.mark.parametrize("city, country", [("巴黎", "法国"), ("伦敦", "英国"), ("首尔", "韩国"),
                                           ("西雅图", "美国"), ("多伦多", "加拿大")])
def test_the_gazetteer_reads_foreign_cities_as_their_country(city, country):
    assert gazetteer().resolve(city, None).name == country


@pytest.mark.parametrize("word", ["万象", "小松", "北京"])
def test_common_words_and_chinese_places_are_no_foreign_city(word):
    r = gazetteer().resolve(word, None)
    assert r is None or r.level != "country"


@pytest.mark.parametrize("text, expected", [
    # topic carried: a school named with its place and then by its own name keeps the place
    ("今年，湖南湘西泸溪县梨林小学新建了教学楼。新学期梨林小学又迎来了3名年轻教师。", ["泸溪县"]),
    # ... a school of another name does not
    ("今年，湖南湘西泸溪县梨林小学新建了教学楼。新学期桃园小学又迎来了3名年轻教师。", ["湖南省"]),
])
def test_a_school_named_again_keeps_its_place(text, expected):
    assert regions(text, title="湖南乡村学校见闻") == expected
