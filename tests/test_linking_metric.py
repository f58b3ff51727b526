"""Metric: the phrase naming what a figure measures, cut from the text's own words."""
import re

import pytest

from cnedu_extract.linking import link
from cnedu_extract.record import Measurement
from linking_helpers import metrics_of

_FIG = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:万|亿)?(?:元|人次|人|名|所|个|次|倍|%)|(?<=[0-9])余名")


def metrics(text, kind="count", unit="个"):
    recs = [Measurement(None, m.start(), m.end(), m.group(), 1.0, None, unit, kind, "exact")
            for m in _FIG.finditer(text)]
    return [r.metric for r in link(text, recs)]


@pytest.mark.parametrize("text, kind, expected", [
    # the phrase before the figure, grammar at its ends dropped
    ("累计发放助学金共计3000万元。", "money", ["发放助学金"]),
    ("全县义务教育巩固率达99.5%。", "percent", ["义务教育巩固率"]),
    ("培训乡村教师1.2万人次", "person_time", ["培训乡村教师"]),
    # times and places at the start are no part of the metric
    ("2022年，全市招聘教师300名。", "people", ["招聘教师"]),
    # a count's noun after its measure word when nothing names it before
    ("今年共有3万名考生报名。", "people", ["考生"]),
    ("全市45所初中、120所小学。", "institution", ["初中", "小学"]),
    # two metrics sharing one figure keep both
    ("宽带接入率、多媒体教室覆盖率均达100%。", "percent", ["宽带接入率、多媒体教室覆盖率"]),
    # an earlier figure in the clause ends the window of the next
    ("投入资金2亿元新建校舍12个", "money", ["投入资金", "新建校舍"]),
    # grammar words are dropped only when they are words of their own (在校生, 中央 stay whole)
    ("全省在校生120万人。", "people", ["在校生"]),
    ("中央财政下达补助资金30亿元。", "money", ["中央财政下达补助资金"]),
    ("全省高校毕业生预计达45万人。", "people", ["高校毕业生"]),
    ("招生方式分为3个。", "count", ["招生方式"]),
    # a count that is a verb's object: the noun after the measure word names what is counted
    ("企业技术痛点提供了200个解决方案。", "count", ["解决方案"]),
    ("今年，当地为高校毕业生准备了3万个就业岗位。", "count", ["就业岗位"]),
    # words between two figures belong to the earlier one (国家的, 和)
    ("来自32个国家的45名留学生代表给他写信。", "people", ["国家", "留学生代表"]),
    ("今年建成5个实验室和17个工作站。", "count", ["实验室", "工作站"]),
    # a window cut at its length limit starts where a word starts (not at 部 of 教育部)
    ("据统计，教育部会同各高校、相关部门共举办全国大型网络招聘活动24个。", "count",
     ["会同各高校、相关部门共举办全国大型网络招聘活动"]),
    # a place name is dropped only where a word ends (北京大学 is no 北京 + 大学)
    ("北京大学留学生代表45名参加。", "people", ["北京大学留学生代表"]),
    ("全国普通高等学校毕业生人数将近700万人，比去年多了19万人。", "people",
     ["普通高等学校毕业生人数", "普通高等学校毕业生人数"]),
    # a demonstrative points at the noun after the count (这两个目的)
    ("达到有利于提高办学效益、有利于提高教学质量这2个目的。", "count", ["目的"]),
    # words before a count join its noun only when they can modify it (城乡 yes, 到时会 no)
    ("城乡9所小学。", "institution", ["城乡小学"]),
    ("到时会有超过100万个就业岗位等待毕业生。", "count", ["就业岗位"]),
    # an ellipsis ends a clause
    ("他说还有很多困难……学校新建教室12个。", "count", ["学校新建教室"]),
    # the base of a comparison goes with its time (比2015年, 比去年); a growth names what grows
    ("特殊教育在校生总数比2015年增长80%。", "percent", ["特殊教育在校生总数"]),
    # the indent of a paragraph is no part of the metric
    ("\u3000\u3000全市招聘教师300名。", "people", ["招聘教师"]),
    # 从 with a word for the earlier state is the base of a change (从过去的, 从原来的)
    ("助学贷款额度从过去的8万元提高到12万元。", "money", ["助学贷款额度", "助学贷款额度"]),
    ("一大变化就是今年的考试时间从原来的2个月延长。", "count", ["考试时间"]),
    # after a copula, the words that follow name the figure
    ("其中最多的是农村学校35所。", "institution", ["农村学校"]),
    # words right after an earlier figure are its noun; the count's own noun follows it,
    # joined to them when they can modify it
    ("吸引了20个国家和地区3000名大学生参加。", "people", ["国家和地区", "大学生"]),
    ("全市80所乡村学校1200名教师。", "people", ["乡村学校", "乡村学校教师"]),
    # a quoted name is one noun after a measure word, a locality word inside it too
    ("设立了40个“拥军服务岗”。", "count", ["拥军服务岗"]),
    ("已为50个“一带一路”沿线国家的审计机关培训人员。", "count", ["一带一路沿线国家"]),
    # what follows a list mark is the next item, a dash ends the noun
    ("现有硕士生4500人、博士生1600人。", "people", ["硕士生", "博士生"]),
    ("记住了4个字——诚信。", "count", ["字"]),
    # a sum with 的 and a noun after it, and no noun of its own before it, is named by that
    # noun (回扣 is tagged a verb: after 的 a word is taken as a noun)
    ("老师仍可拿到1000元的回扣。", "money", ["回扣"]),
    ("给予见习单位每人每月150元的岗位补贴。", "money", ["岗位补贴"]),
    ("投入资金500万元的项目。", "money", ["投入资金"]),
    # 不到 says how much, not what
    ("还不到辍学生的20%。", "percent", ["辍学生"]),
    # a phrase ending in 率 names a measure, whatever the tags of its words (率 is tagged a verb)
    ("毕业生600名，年录用率平均在90%以上。", "percent", ["毕业生", "录用率"]),
    # a clause with 的 before a count says which of the noun after it are counted
    ("去年到油田工作的10名毕业生给他写信。", "people", ["到油田工作的毕业生"]),
    ("来自全国的300名大学生志愿者组成服务队。", "people", ["来自全国的大学生志愿者"]),
    # 包括 and 全部 say which and how many, not what
    ("今年的总计划中，包括高中起点专科3000人。", "people", ["高中起点专科"]),
    ("全市275所受灾中小学全部复课。", "institution", ["受灾中小学"]),
    # a dateline ends before the report starts
    ("新华社合肥5月18日电（通讯员杨积涵）蚌埠市新建学校3所。", "institution", ["新建学校"]),
    # the base of a rate says how much each, not what
    ("有的学校早餐收费每人130元。", "money", ["学校早餐收费"]),
    ("学费平均每人5000元。", "money", ["学费"]),
    # a label before a colon names the sum after it; a speaker or a dateline does not
    ("交通费：每月30元；住宿：600元。", "money", ["交通费", "住宿"]),
    ("央视网消息（新闻联播）：30元。", "money", [None]),
    ("张明：每月30元。", "money", [None]),
    # 其他, 另外 point at the noun after the count like a demonstrative
    ("与欧盟其他27个国家相一致。", "count", ["国家"]),
])
def test_metric_boundaries(text, kind, expected):
    assert metrics(text, kind) == expected


def test_a_copula_before_a_comparison_base_is_kept():
    # 是全省平均水平的2倍: the words after 是 are what the figure is compared with
    assert metrics("该县本科录取率是全省平均水平的2倍。", "ratio", unit="倍")[0].startswith("本科录取率")


def test_a_count_of_actions_keeps_its_verb():
    # 次 counts how often something is done: the noun after it (手 of 拍手) is no metric
    assert metrics("有学生听报告时拍了38次手。", "count", unit="次") == ["学生听报告时拍"]


def test_a_verb_of_change_shares_the_metric_before_it():
    text = "教育经费从2018年的3.2亿元增长到2022年的4.5亿元。"
    assert metrics(text, "money") == ["教育经费", "教育经费"]


_P = ("people", "人")
_I = ("institution", "所")


@pytest.mark.parametrize("text, figures, expected", [
    # values with nothing of their own take the subject of their sentence
    ("全市小学在校生人数逐年增加，2021年为5.2万人，2022年为5.6万人。",
     [("5.2万人", *_P), ("5.6万人", *_P)], ["小学在校生人数", "小学在校生人数"]),
    # a sentence that only lists values takes the subject of the sentence before
    ("全县初中教师人数不断增加。分别为1200人、1350人。",
     [("1200人", *_P), ("1350人", *_P)], ["初中教师人数", "初中教师人数"]),
    # the base of a comparison is the same quantity as the figure before it
    ("全年教育经费投入为8.5亿元，比上年的7.9亿元有所增加。",
     [("8.5亿元", "money", "元"), ("7.9亿元", "money", "元")], ["教育经费投入", "教育经费投入"]),
    # a table noun gets the sector its sentence or paragraph starts with ...
    ("全市共有普通高中12所，招生1.5万人，在校生4.3万人。",
     [("12所", *_I), ("1.5万人", *_P), ("4.3万人", *_P)], ["普通高中", "普通高中招生", "普通高中在校生"]),
    ("全市共有特殊教育学校3所。招生120人。",
     [("3所", *_I), ("120人", *_P)], ["特殊教育学校", "特殊教育学校招生"]),
    # ... not across a paragraph
    ("全市共有特殊教育学校3所。\n招生120人。", [("3所", *_I), ("120人", *_P)], ["特殊教育学校", "招生"]),
    # a count's noun keeps the predicate that says which of them are counted ...
    ("今年全市6所学校入选省级文明校园。", [("6所", *_I)], ["学校入选省级文明校园"]),
    ("12名学生获评市级三好学生。", [("12名", *_P)], ["学生获评市级三好学生"]),
    ("8名教师入选省级名师工作室。", [("8名", *_P)], ["教师入选省级名师工作室"]),
    ("5人入选省级名师工作室。", [("5人", *_P)], ["入选省级名师工作室"]),
    ("全县8所初中、15所小学入选省级示范校。", [("8所", *_I), ("15所", *_I)],
     ["初中入选省级示范校", "小学入选省级示范校"]),
    # ... a share any predicate
    ("85%的家长对课后服务表示满意。", [("85%", "percent", "%")], ["家长对课后服务表示满意"]),
    # ... with a threshold, or in the next clause when 其 refers back to them
    ("30%的毕业生月薪在5000元以上。", [("30%", "percent", "%")], ["毕业生月薪在5000元以上"]),
    ("六成的家长，其孩子参加了课外辅导。", [("六成", "percent", "%")], ["家长孩子参加了课外辅导"]),
    # ... of whom the words before it say they are among
    ("全县200所学校中30%的学校有图书室。", [("200所", *_I), ("30%", "percent", "%")], ["学校", "学校有图书室"]),
    # ... but not what the counted did next, nor when
    ("300名志愿者来回奔走。", [("300名", *_P)], ["志愿者"]),
    ("全国20多个省份结束了考试。", [("20多个", "count", "个")], ["省份"]),
    ("两位老师被分配到山区学校的时候。", [("两位", *_P)], ["老师"]),
    # a rank is a place in a ranking: a name before it says who is ranked, not what
    ("这几所大学都进入了前十。", [("前十", "rank", "名")], ["排名"]),
    ("北京大学排名第二。", [("第二", "rank", "名")], ["排名"]),
    ("毕业生就业率在全省排名第三。", [("第三", "rank", "名")], ["毕业生就业率在全省排名"]),
    # function words and verbs alone name nothing
    ("同样可以有3个。", [("3个", "count", "个")], [None]),
    ("需要5个。", [("5个", "count", "个")], [None]),
    # a count of times is named by the action after it when that ends the clause
    ("这座城市先后经受了12次轰炸。", [("12次", "count", "次")], ["轰炸"]),
    # a sum is named by what it is for
    ("市财政每年安排300万元用于发放乡村教师补贴。", [("300万元", "money", "元")], ["发放乡村教师补贴"]),
    # a span of years counts what is done in them
    ("该校连续5年荣获市级文明单位称号。", [("连续5年", "duration", "年")], ["荣获市级文明单位称号"]),
    # a named agent before an adverb or 把 is no part of the sum's noun
    ("省政府还拨专款200万元。", [("200万元", "money", "元")], ["拨专款"]),
    ("李明把全部奖金3万元捐给了学校。", [("3万元", "money", "元")], ["全部奖金"]),
    # a list of metrics before 分别为 gives each value its item
    ("全省小学、初中、高中的毛入学率分别为：99%、98%和95%。",
     [("99%", "percent", "%"), ("98%", "percent", "%"), ("95%", "percent", "%")],
     ["小学毛入学率", "初中毛入学率", "高中毛入学率"]),
    # a list's label may open with its year
    ("根据公报，2020年全省小学、初中、高中的巩固率分别为：99%、98%、95%。",
     [("99%", "percent", "%"), ("98%", "percent", "%"), ("95%", "percent", "%")],
     ["小学巩固率", "初中巩固率", "高中巩固率"]),
    # the share of a sum: 的比例 after the sum names the share, not the sum
    ("全市教育支出占财政支出80亿元的比例为20%。", [("80亿元", "money", "元"), ("20%", "percent", "%")],
     ["教育支出占财政支出", "教育支出占财政支出的比例"]),
    # a footnote mark and a note in parentheses before a figure are no part of its metric
    ("全国小学教职工5(不含教学点)553.73万人。", [("553.73万人", *_P)], ["小学教职工"]),
])
def test_metric_reads_on_its_own(text, figures, expected):
    assert metrics_of(text, figures) == expected


_S = ("percent", "%")
_AGE = ("other", "岁")
_PTS = ("other", "分")


@pytest.mark.parametrize("text, figures, expected", [
    # the top of a series is one of its values, not another quantity
    ("全县小学生人数分别为3.1万人、3.4万人和最高峰3.6万人，2020年为3.2万人。",
     [("3.1万人", *_P), ("3.4万人", *_P), ("3.6万人", *_P), ("3.2万人", *_P)], ["小学生人数"] * 4),
    # who reports a share names nothing; the counted and what they do name it (主动: an adverb)
    ("调查显示六成家长主动选择公办学校。", [("六成", *_S)], ["家长主动选择公办学校"]),
    # a space or a bullet separates the parts of a headline
    ("问卷称八成家长支持课后服务 35%家长担心费用", [("八成", *_S), ("35%", *_S)],
     ["家长支持课后服务", "家长担心费用"]),
    ("●招生计划增加●录取率为60%", [("60%", *_S)], ["录取率"]),
    # a time and a place before a share say when and where, not what
    ("目前美国约30%留学生来自亚洲国家。", [("30%", *_S)], ["留学生来自亚洲国家"]),
    # a quoted name is the object of a share's predicate
    ("全县85%的学校实现了“班班通”。", [("85%", *_S)], ["学校实现了班班通"]),
    # an age is of the person its role names; a bare name or a verb after it gives none
    ("75岁的李老师仍坚持上课。", [("75岁", *_AGE)], ["李老师"]),
    ("45岁的王建国担任校长。", [("45岁", *_AGE)], [None]),
    ("他从五岁开始学习钢琴。", [("五岁", *_AGE)], [None]),
    # points added to or taken off an exam score are the bonus, with the act it serves
    ("少数民族考生可降10分录取。", [("10分", *_PTS)], ["降分录取"]),
    ("退役士兵可在总分的基础上增加5分。", [("5分", *_PTS)], ["加分"]),
    # a clause with a verb and 的 after a measure word describes the counted: kept whole
    ("学校新来了三位从城里来的年轻教师。", [("三位", *_P)], ["城里来的年轻教师"]),
    ("本届共评出12个被专家认可的课题。", [("12个", "count", "个")], ["专家认可的课题"]),
    # the class after 等 names what a count counts; a sum is the listed members'
    ("学校开设了《家庭与社会》等校本课程12门。", [("12门", "count", "门")], ["校本课程"]),
    ("文科、艺术等专业每年5000元。", [("5000元", "money", "元")], ["文科、艺术等专业"]),
    # a list of short items before a count names its members; the noun after it what they are
    ("学生可从物理、化学、生物3门科目中选择。", [("3门", "count", "门")], ["科目"]),
    # a verb and its result make one verb, whose object the noun after the count names
    ("三年来他修坏了两台电脑。", [("两台", "count", "台")], ["电脑"]),
    # a list item's mark is no word of the metric
    ("3．全县招聘教师200名。", [("200名", *_P)], ["招聘教师"]),
    ("⑵共有教师45人。", [("45人", *_P)], ["教师"]),
    # a sum between a clause with 的 and a noun is that noun's
    ("校友为学校捐赠的50万元奖学金已发放。", [("50万元", "money", "元")], ["奖学金"]),
])
def test_metric_of_real_news(text, figures, expected):
    assert metrics_of(text, figures) == expected


@pytest.mark.parametrize("text, figure", [
    # a clause tied to the sentence's verb (就), or one with a copula, describes nothing counted
    ("每月只付300元就能用到合适的教材。", ("300元", "money", "元")),
    ("我们两个合起来是一个完整的小组。", ("两个", "count", "个")),
])
def test_a_sentence_after_a_figure_is_no_description(text, figure):
    metric = metrics_of(text, [figure])[0]
    assert metric is None or "的" not in metric
