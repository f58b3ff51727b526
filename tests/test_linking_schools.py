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
    ("他考入了陆军兵器工程学院。", "陆军兵器工程学院"),    # named by the body that runs it
    ("武警警官学院今年毕业生多。", "武警警官学院"),
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
    "部队新建了空军子女学校。",        # a body and a kind of pupil: a kind of school
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


# -- the university gazetteer -------------------------------------------------------------

def school_names(text):
    return [e.name for e in find_entities(text) if e.label == "SCHOOL"]


@pytest.mark.parametrize("text, names", [
    ("去年北大录取新生3000人。", ["北大"]),                       # a short form as a word
    ("他先后在哈佛和耶鲁任教。", ["哈佛", "耶鲁"]),                 # foreign short forms, 和 before one
    ("复旦、人大、浙大的毕业生都来了。", ["复旦", "人大", "浙大"]),   # 人大 beside other schools
    ("人大学生会组织了活动。", ["人大"]),                          # 人大 before a school word
    ("北大学生在图书馆自习。", ["北大"]),                          # 北大学生 is one word to jieba
])
def test_short_forms_of_universities(text, names):
    assert school_names(text) == names


@pytest.mark.parametrize("text", [
    "县人大代表视察了工程。",          # 人大 = 人民代表大会
    "中央财政安排资金3亿元。",         # 央财 inside 中央财政
    "北大荒的麦田一望无际。",          # 北大 inside 北大荒
    "他独自去牛津旅行。",              # 牛津 the town
    "清华大学出版社出版了这本书。",     # a publisher of the university is no school
    "美国大学的学费逐年上涨。",         # a country's universities are a kind
])
def test_words_that_are_no_university(text):
    assert school_names(text) == []


def test_school_region_from_the_gazetteer():
    from cnedu_extract.linking.universities import school_region
    assert school_region("北京大学") == "北京市"
    assert school_region("吉林大学") == "长春市"
    assert school_region("哈佛") == "美国"            # a foreign short form: its country
    assert school_region("北大、清华") == "北京市"     # a list sharing one place
    assert school_region("北大、哈佛") is None          # a list across places has none
    assert school_region("青云谱实验学校") is None      # not a listed university


# -- a school the text is about carries to later figures ----------------------------------

def schools_of(text, figures, title=None):
    """The school linked to each of ``figures`` (surface strings, first occurrence after the last)."""
    recs, pos = [], 0
    for f in figures:
        i = text.index(f, pos)
        recs.append(Measurement(None, i, i + len(f), f, 1.0, None, "个", "count", "exact"))
        pos = i + len(f)
    return [r.school for r in link(text, recs, title=title)]


@pytest.mark.parametrize("text, figures, expected", [
    # named once, then referred to by 该校 / 学校
    ("江城理工大学举行开学典礼。该校今年招收本科生4200人，新建实验室12个。",
     ["4200人", "12个"], ["江城理工大学", "江城理工大学"]),
    ("1995年她来到青山湖小学任教，2001年学校搬迁，新校舍有教室18间。",
     ["18间"], ["青山湖小学"]),
    # the topic ends when the text turns to another school
    ("江城理工大学举行开学典礼，该校今年招收本科生4200人。与此同时，临川师范学院举行毕业典礼，"
     "该院今年毕业生3100人。",
     ["4200人", "3100人"], ["江城理工大学", "临川师范学院"]),
    # 以…为例: the school of the example owns the list of fees
    ("各校收费不一。以江城职业技术学院会计专业为例，学费5200元/年，住宿费900元/年。",
     ["5200元", "900元"], ["江城职业技术学院", "江城职业技术学院"]),
    # a school named in the title holds for the story (a title given as metadata)
    ("学校今年新增学位300个。", ["300个"], ["桃源路小学"]),
])
def test_a_school_carries_to_the_figures_about_it(text, figures, expected):
    title = "桃源路小学：扩容提质惠民生" if "桃源路" in expected[0] else None
    assert schools_of(text, figures, title=title) == expected


@pytest.mark.parametrize("text, figures, expected", [
    # a school in a list of examples is not what the text is about
    ("全省共有高校86所，其中江城理工大学、临川师范学院等入选。全省高校在校生110万人。",
     ["110万人"], [None]),
    # a figure about the country is not the school's, even right after it
    ("江城理工大学今年招生4200人。该校表示，全国今年高校毕业生达1076万人。",
     ["4200人", "1076万人"], ["江城理工大学", None]),
    # a new item (a dateline) ends the school of the last one
    ("新华社北京5月6日电 江城理工大学今年招生4200人。该校新建实验室12个。\n"
     "新华社上海5月6日电 上海今年新增养老床位8000张。",
     ["4200人", "12个", "8000张"], ["江城理工大学", "江城理工大学", None]),
    # a publisher, not the university, is the source of a book
    ("【来源：清华大学出版社】\n逻辑考试共有30道题，每题2分。",
     ["30道", "2分"], [None, None]),
])
def test_a_school_does_not_own_figures_not_about_it(text, figures, expected):
    assert schools_of(text, figures) == expected


@pytest.mark.parametrize("text, figure, expected", [
    # several schools before one count, joined with 、 as written
    ("加州理工、麻省理工和斯坦福三所学校并列第五。", "三所", "加州理工、麻省理工、斯坦福"),
    # schools named right after a figure as what it is
    ("稳居前三的依然是哈佛、普林斯顿和耶鲁。", "前三", "哈佛、普林斯顿、耶鲁"),
    # a list of schools as the subject of the clause
    ("达特茅斯和布朗依旧没有挤进前十。", "前十", "达特茅斯、布朗"),
])
def test_lists_of_universities(text, figure, expected):
    assert schools_of(text, [figure]) == [expected]


@pytest.mark.parametrize("text", [
    "北大荒的学生考上了北京大学，北大和清华大学都在北京。",
    "他在哈佛大学读书，后来去了耶鲁。",
    "中国人民大学、北京师范大学和北京大学附属中学",
    "没有任何学校名字的一句话。",
])
def test_university_automaton_finds_what_the_trie_regex_finds(text):
    """The Aho-Corasick scan gives the leftmost-longest matches of a trie regex of the forms."""
    from cnedu_extract.linking.universities import universities
    from cnedu_extract.regexes import trie_pattern

    g = universities()
    regex = re.compile(trie_pattern(g.forms))
    for a, b in [(0, len(text)), (2, len(text) - 3)]:
        expected = [(m.start(), m.end(), m.group()) for m in regex.finditer(text, a, b)]
        assert g.find(text, a, b) == expected


# -- the school referred to: topics of the document model ---------------------------------

@pytest.mark.parametrize("text, figures, expected", [
    # 该校 in the next sentence, 校方 two sentences on: the school named once holds
    ("枫林实验中学今年扩建校舍。该校新增教室24间。校方还添置课桌900套。",
     ["24间", "900套"], ["枫林实验中学", "枫林实验中学"]),
    # 他们学校 refers back as 该校 does
    ("记者走访了松岭小学。他们学校今年招收新生120名。",
     ["120名"], ["松岭小学"]),
    # 学校 opening a clause refers back; far from any reference the school no longer holds
    ("松岭小学建于1958年。学校现有学生860名。镇上新修公路12公里。村里种茶800亩。今年全镇降雨量增加9%。",
     ["860名", "9%"], ["松岭小学", None]),
    # a new school ends the one before, and 该校 refers to the new one
    ("枫林实验中学新增教室24间。白杨职业技术学院也在扩建，该校新建实训室16个。",
     ["24间", "16个"], ["枫林实验中学", "白杨职业技术学院"]),
    # a dateline opens a new item: the school of the last one no longer holds
    ("新华社合肥3月2日电 枫林实验中学新增教室24间。该校添置课桌900套。\n"
     "新华社兰州3月2日电 当地新建公路120公里，学校周边新增公交线路6条。",
     ["24间", "900套", "120公里", "6条"], ["枫林实验中学", "枫林实验中学", None, None]),
    # a kind opening a clause refers to the university the text is about (大学 → 某某大学)
    ("云梦大学创办于1952年，是一所综合性大学。大学共有学院18个，开设专业96个。",
     ["18个", "96个"], ["云梦大学", "云梦大学"]),
])
def test_a_school_referred_to(text, figures, expected):
    assert schools_of(text, figures) == expected


def test_the_school_topics_are_set_on_the_document_model():
    from cnedu_extract.linking.document import Document
    from cnedu_extract.linking.gazetteer import gazetteer
    from cnedu_extract.linking.school_topics import SchoolTopics
    from cnedu_extract.linking.schools import find_schools

    text = "枫林实验中学今年扩建校舍。该校新增教室24间。"
    d = Document.read(text)
    topics = SchoolTopics(d, find_schools(d.doc, gazetteer().pattern))
    assert topics.carried(text.index("24间")) == "枫林实验中学"
    assert [t.value[0] for t in d.topics("school") if t.value] == ["枫林实验中学", "枫林实验中学"]
    assert d.topic("school", text.index("该校") + 3).start == text.index("该校")  # the reference


@pytest.mark.parametrize("text, figure, expected", [
    # a school the figure describes, heading the rest of its clause
    ("在有八十年历史的枫林实验中学，校训代代相传。", "八十年", "枫林实验中学"),
    ("全美排名第12的云梦大学录取新生1600人。", "第12", "云梦大学"),
    # …but not a school that names whose something is (its headmaster)
    ("有三十年教龄的金沙江中学校长退休了。", "三十年", None),
    # one school: the school its sentence is about
    ("云梦大学位于河谷北岸，是当地唯一一所大学。", "一所", "云梦大学"),
    ("作为全县唯一一所高中，枫林实验中学承担着繁重的任务。", "一所", "枫林实验中学"),
    # a count of several schools stays no school's
    ("云梦大学位于河谷北岸，当地共有大学3所。", "3所", None),
    # the subject described before it in a ranking
    ("排名最靠前的云梦大学仅位列第9。", "第9", "云梦大学"),
])
def test_a_school_the_figure_describes(text, figure, expected):
    assert schools_of(text, [figure]) == [expected]


def test_an_institute_cited_as_a_source_is_no_subject():
    text = "某某教育研究院的专家认为，在本次调查中，有37%的受访者月薪不足五千元。"
    assert schools_of(text, ["37%"]) == [None]


@pytest.mark.parametrize("text, figure, expected", [
    # short forms no gazetteer holds, in a list with a school found before 等N所高校
    ("首批试点包括云大、河师、山工、云梦大学等4所高校。", "4所", "云大、河师、山工、云梦大学"),
    # places in the list are no schools: the school found is the list's
    ("南昌、九江、云梦大学等3所高校率先试点。", "3所", "云梦大学"),
])
def test_a_list_of_schools_before_its_count(text, figure, expected):
    assert schools_of(text, [figure]) == [expected]


# -- foreign universities by their short forms --------------------------------------------

@pytest.mark.parametrize("text, names", [
    # a branch campus written with the university's place and its own (generated: A大学B分校)
    ("他被加州伯克利录取了。", ["加州伯克利"]),
    ("加州洛杉矶和斯坦福都发来了录取通知。", ["加州洛杉矶", "斯坦福"]),
    # short forms that are also names or towns are schools in a sentence naming universities
    ("榜单前列依次是哈佛、耶鲁和普林斯顿，杜克位居第八。", ["哈佛", "耶鲁", "普林斯顿", "杜克"]),
])
def test_foreign_short_forms(text, names):
    assert school_names(text) == names


@pytest.mark.parametrize("text", [
    "这次会议在加州尔湾召开。",        # a campus's town named alone is a town
    "杜克先生是一位工程师。",          # a name without a school around it
    "他从牛津坐火车去伦敦。",          # a town
])
def test_foreign_short_forms_that_are_no_university_here(text):
    assert school_names(text) == []


def test_a_ranked_foreign_university_is_the_figure_s():
    text = "今年榜单前三依次是哈佛、耶鲁和普林斯顿，杜克排名第八。"
    assert schools_of(text, ["第八"]) == ["杜克"]


@pytest.mark.parametrize("text, figure, expected", [
    # a list after the verbs that build it, 及 inside an item, numbered short forms as written
    ("全县新建、改扩建桃源县一中、二中、城关中心校及幼儿园、松岭小学等4所学校。", "4所",
     "桃源县一中、二中、城关中心校及幼儿园、松岭小学"),
    # the school a sum is for, named after 用于 (a breakdown in brackets between)
    ("三年累计投入资金860万元(其中省级资金200万元),用于枫林实验中学校舍改造。", "860万元", "枫林实验中学"),
])
def test_schools_of_a_report(text, figure, expected):
    assert schools_of(text, [figure]) == [expected]
