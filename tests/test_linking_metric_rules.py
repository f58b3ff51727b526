"""Metric rules that read more than the words right before a figure: a list in the clause
before that a 分别 pairs with its values, a subject set apart by 把 or 将."""
import pytest

from cnedu_extract.linking.metric_phrases import object_list
from cnedu_extract.linking.metric_subjects import without_subject
from cnedu_extract.linking.metric_words import fragment_verb
from linking_helpers import metrics_of


_P = ("people", "人")
_M = ("money", "元")


@pytest.mark.parametrize("clause, items", [
    ("今年将扩大本科生招生和研究生规模", ["本科生招生", "研究生规模"]),
    ("全县共有小学、初中和高中", ["小学", "初中", "高中"]),
    ("招收本科生和研究生", ["本科生", "研究生"]),
    # one noun is no list; a clause that ends in a verb lists nothing
    ("招收本科生", None),
    ("学生和教师都来了", None),
])
def test_the_list_a_clause_ends_with(clause, items):
    assert object_list(clause) == items


@pytest.mark.parametrize("text, figures, expected", [
    # 分别 with no noun of its own gives its values to the list of the clause before, in turn
    ("明年将扩大本科生招生和研究生规模，预计分别增加2.1万人、8000人。",
     [("2.1万人", *_P), ("8000人", *_P)], ["本科生招生", "研究生规模"]),
    # its own noun names the values: the list before is not asked
    ("学校招收本科生和研究生，其中新生分别为300人、80人。",
     [("300人", *_P), ("80人", *_P)], ["新生", "新生"]),
])
def test_a_list_before_fenbie_names_its_values(text, figures, expected):
    assert metrics_of(text, figures) == expected


@pytest.mark.parametrize("left, expected", [
    # what 将 or 把 takes after a subject is the sum's noun, when it is a noun
    ("志愿者团队也将所得善款", "所得善款"),
    ("学校再将收益", "收益"),
    ("肖山把所得捐款", "所得捐款"),
    # 将 before a verb is the future: the phrase stays whole
    ("学费将上涨", "学费将上涨"),
    ("学生也将获得", "学生也将获得"),
    ("招生总量将超过去年", "招生总量将超过去年"),
])
def test_a_subject_set_apart_by_jiang_or_ba(left, expected):
    assert without_subject(left, None) == expected


def test_a_sum_that_jiang_takes_is_named_by_its_noun():
    assert metrics_of("志愿者团队也将所得善款5万元全部捐给了学校。", [("5万元", *_M)]) == ["所得善款"]


@pytest.mark.parametrize("text, figures, expected", [
    # what follows 已 is what was done to the counted, whatever its tag: the noun after names them
    ("平台首批已上线3万条招聘信息。", [("3万条", "count", "条")], ["招聘信息"]),
    ("该政策已惠及200万名儿童。", [("200万名", *_P)], ["儿童"]),
])
def test_a_word_after_yi_is_what_was_done(text, figures, expected):
    assert metrics_of(text, figures) == expected


@pytest.mark.parametrize("text, figures, expected", [
    # a distinguishing word right before a count (唯一) modifies what it counts: the noun after
    ("这是西部地区唯一一所海洋大学。", [("一所", "institution", "所")], ["海洋大学"]),
    ("作为全市唯一一所特殊教育学校，", [("一所", "institution", "所")], ["特殊教育学校"]),
])
def test_a_distinguishing_word_before_a_count(text, figures, expected):
    assert metrics_of(text, figures) == expected


@pytest.mark.parametrize("metric, expected", [
    # a piece of a predicate names its verb of two characters or more, else nothing
    ("每周如果练习", "练习"),
    ("再次投入", "投入"),
    ("择优录取其中", "择优录取"),
    ("一直要抓", None),
    ("可以说", None),
    ("收", None),
    # a doubled word that is no noun is an adverb (整整); a doubled noun (妈妈) names someone
    ("整整教", None),
    ("用了整整", None),
    ("为妈妈", "为妈妈"),
    # a noun, a measure's ending, a school stage, or a verb alone names something: kept
    ("招生", "招生"),
    ("月收入", "月收入"),
    ("奖学金", "奖学金"),
    ("高中起点升本科", "高中起点升本科"),
])
def test_a_piece_of_a_predicate(metric, expected):
    assert fragment_verb(metric) == expected


@pytest.mark.parametrize("text, figures, expected", [
    ("我们每天如果练习3小时，", [("3小时", "duration", "小时")], ["练习"]),
    ("他说，一直要抓3年。", [("3年", "duration", "年")], [None]),
])
def test_a_predicate_piece_before_a_figure(text, figures, expected):
    assert metrics_of(text, figures) == expected


@pytest.mark.parametrize("text, figures, expected", [
    # a short next clause that starts with something of theirs and what it does is the share's predicate
    ("有60%的毕业生，月薪高于5000元。", [("60%", "percent", "%")], ["毕业生月薪高于5000元"]),
    # a name or a time opening the next clause starts a new statement
    ("有60%的毕业生，今年又有所增加。", [("60%", "percent", "%")], ["毕业生"]),
])
def test_a_share_with_its_predicate_in_the_next_clause(text, figures, expected):
    assert metrics_of(text, figures)[:1] == expected


@pytest.mark.parametrize("text, figures, expected", [
    # a share written as 占… alone is of what the clause before says
    ("多数返乡的毕业生都进入了教育行业，占到60%以上。", [("60%以上", "percent", "%")], ["多数返乡的毕业生都进入了教育行业"]),
    ("试卷分两部分。第一部分为笔试，约占70%；第二部分为面试，约占30%。",
     [("70%", "percent", "%"), ("30%", "percent", "%")], ["第一部分为笔试", "第二部分为面试"]),
])
def test_a_share_of_the_clause_before(text, figures, expected):
    assert metrics_of(text, figures) == expected


@pytest.mark.parametrize("text, figures, expected", [
    # a span before a verb of selection counts what is won in it, not who wins it
    ("县教育局连续12年荣获市级文明单位。", [("12年", "duration", "年")], ["荣获市级文明单位"]),
    # a span of the named thing itself stays with it
    ("该专业学制4年。", [("4年", "duration", "年")], ["该专业学制"]),
])
def test_a_span_before_a_verb_of_selection(text, figures, expected):
    assert metrics_of(text, figures) == expected


@pytest.mark.parametrize("text, figure, expected", [
    # an adverb of time or likelihood before the verb is no part of what is measured
    ("全省高校毕业生人数将达到45万人。", ("45万人", *_P), "高校毕业生人数"),
    ("农村学校在校生已经超过3万人。", ("超过3万人", *_P), "农村学校在校生"),
    ("今年报考人数可能有12万人。", ("12万人", *_P), "报考人数"),
    # 将 right before a sum takes it: the noun after the sum names it
    ("退休教师王某将5万元的积蓄捐给母校。", ("5万元", *_M), "积蓄"),
])
def test_adverbs_and_disposal_before_a_figure(text, figure, expected):
    assert metrics_of(text, [figure]) == [expected]
