"""Programs: the forms a program takes and the figures that belong to it."""
import re

import pytest

from cnedu_extract.linking import link
from cnedu_extract.record import Measurement

_FIG = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:万|亿)?(?:元|人次|人|名|所|个|%)")


def programs(text):
    recs = [Measurement(None, m.start(), m.end(), m.group(), 1.0, None, "个", "count", "exact")
            for m in _FIG.finditer(text)]
    return [r.program for r in link(text, recs)]


@pytest.mark.parametrize("text, expected", [
    # a name ending in 计划, lead verb dropped, carried to the next figure of the sentence part
    ("下达农村学生营养改善计划资金500万元，惠及学生2万人。", ["农村学生营养改善计划", "农村学生营养改善计划"]),
    # a name ending in 工程 after the figure, in its clause
    ("完成校舍安全工程3个", ["校舍安全工程"]),
    # 项目 needs a program verb: counted projects are not a program
    ("实施薄弱学校改造项目20个。", ["薄弱学校改造项目"]),
    ("新建幼儿园项目12个。", [None]),
    # a quoted name after a program verb; the quote marks go
    ("全面落实“县管校聘”改革，交流教师300名。", ["县管校聘改革"]),
    ("大力实施“强基”行动，培训教师2000人次。", ["强基行动"]),
    # a quoted honour is no program
    ("10人入选“最美教师”。", [None]),
    # a policy document in 《》
    ("印发《关于加强乡村教师队伍建设的意见》，安排资金3000万元。", ["关于加强乡村教师队伍建设的意见"]),
    # a preposition, a copula or the report's time before a name is no part of it
    ("省财政向营养改善计划投入资金2亿元。", ["营养改善计划"]),
    ("全市中小学教师参与的是强师工程，培训教师300人。", ["强师工程"]),
    ("今年新疆成人高校招生计划共安排9000人。", ["新疆成人高校招生计划"]),
    # ... but 与 may join two names into one
    ("实施基础学科与交叉学科突破计划，支持项目30个。", ["基础学科与交叉学科突破计划"]),
    # a program does not reach over a semicolon part that came before it
    ("新增学位3000个；实施课后服务提升行动，参与学生9万人。", [None, "课后服务提升行动"]),
])
def test_program_of_a_figure(text, expected):
    assert programs(text) == expected


@pytest.mark.parametrize("text", [
    "当地计划生育率达95%。",                      # 计划生育 is another word
    "改革开放以来建成学校300所。",                  # so is 改革开放
    "湘潭大学计划2006年招收新生3000名。",            # the verb "plans", a time after it
    "全校本科计划共800人。",                        # a category of a quota
    "今年各高校计划共800人。",
    "省级教育部门计划开展招聘会50场，提供岗位3万个。",  # a body that plans: the verb
    "电子信息工程专业招生120人。",                   # a field of study
    "计算机科学与工程专业招收200人。",
    "记者介绍了他们进行教学改革的3个做法。",           # a clause is no name (了, 他们)
])
def test_words_that_are_no_program(text):
    assert programs(text) == [None]


@pytest.mark.parametrize("text, expected", [
    ("爱心企业大力支持希望工程，捐款20万元。", "希望工程"),           # 大力支持 leads like 支持
    ("实施封闭(半封闭)管理改革试点，覆盖学校3所。", "封闭(半封闭)管理改革试点"),  # brackets of the name stay
    ("天津市将试点新高考改革，涉及考生6万人。", "新高考改革"),
])
def test_names_after_clause_words(text, expected):
    assert programs(text) == [expected]



def test_a_bare_ending_refers_back_to_the_last_program():
    text = "今年启动城乡教育一体化改革试点。统筹省级试点资金2000万元，覆盖学校50所。"
    assert programs(text) == ["城乡教育一体化改革试点", "城乡教育一体化改革试点"]


def test_a_later_longer_form_is_written_as_the_first():
    text = "实施优师计划。制定《湖北省新时代优师计划》，培养教师800名。"
    assert programs(text) == ["优师计划"]


@pytest.mark.parametrize("text, expected", [
    ("实施营养改善计划，惠及学生2万人。", True),      # an ending
    ("开展“阳光招生”，录取新生300名。", True),        # a quoted name
    ("印发《教师队伍建设方案》，培训教师500人次。", True),  # a title
    ("全市共有中小学120所。", False),
])
def test_whether_a_sentence_can_name_a_program(text, expected):
    from cnedu_extract.linking.clauses import DocText
    from cnedu_extract.linking.programs import named_within

    assert named_within(DocText.of(text), [(0, len(text))]) is expected
    # a program named outside the spans does not count
    assert named_within(DocText.of("。" + text), [(0, 1)]) is False


def test_a_program_named_only_before_the_figures_sentence_is_not_theirs():
    text = "我市实施营养改善计划。全市共有中小学120所。"
    assert programs(text) == [None]
