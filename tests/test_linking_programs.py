"""Programs: the forms a program takes and the figures that belong to it."""
import re

import pytest

from cnedu_extract.linking import link
from cnedu_extract.record import Measurement

_FIG = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:万|亿)?(?:元|人次|人|名|所|个|%|岁)")


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
    from cnedu_extract.linking.program_names import named_within

    assert named_within(DocText.of(text), [(0, len(text))]) is expected
    # a program named outside the spans does not count
    assert named_within(DocText.of("。" + text), [(0, 1)]) is False


def test_a_program_named_only_before_the_figures_sentence_is_not_theirs():
    text = "我市实施营养改善计划。全市共有中小学120所。"
    assert programs(text) == [None]


def document_programs(text, title=None):
    recs = [Measurement(None, m.start(), m.end(), m.group(), 1.0, None, "个", "count", "exact")
            for m in _FIG.finditer(text)]
    return [r.program for r in link(text, recs, title=title)]


@pytest.mark.parametrize("title, text, expected", [
    # program from the title: it holds for the figures of the report on it
    ("全省启动银龄讲学计划",
     "本报讯 今年共培训乡村教师3万人次，新建教师周转房500个。",
     ["银龄讲学计划", "银龄讲学计划"]),
    # a reform named by its ending only describes the article, it is no topic
    ("深化教育改革 办好人民满意教育", "全县今年新建学校12所。", [None]),
    # a policy ending alone is no topic either
    ("落实资助政策", "今年共资助学生3000人。", [None]),
])
def test_program_from_the_title(title, text, expected):
    assert document_programs(text, title) == expected


@pytest.mark.parametrize("text, expected", [
    # program from the lead, carried to the next paragraph
    ("今年我县启动“阳光午餐”工程。\n　　截至目前，共有120所学校参与，受益学生3.5万人。",
     ["阳光午餐工程", "阳光午餐工程"]),
    # a figure of the lead before the program it names is not yet about it
    ("新增学位3000个，我县启动营养改善计划，受益学生2万人。", [None, "营养改善计划"]),
    # a statistic of the whole place cited in passing
    ("我县实施营养改善计划。\n　　全县共有中小学120所。", [None]),
    # program topic ended: a later paragraph names another program
    ("省教育厅实施银龄讲学计划。\n　　各地还开展“送教下乡”活动，参与教师2000人。\n　　新建幼儿园30所。",
     ["送教下乡", None]),
    # ... unless the figure's sentence refers back to it (该计划)
    ("省教育厅实施银龄讲学计划。\n　　各地还开展“送教下乡”活动，参与教师2000人。\n　　该计划今年安排资金5000万元。",
     ["送教下乡", "银龄讲学计划"]),
    # a new dateline in a transcript of several reports ends the lead's program
    ("<p>央视网消息：今年启动银龄讲学计划，培训教师1万人。</p><p>本台消息：北京市新建幼儿园30所。</p>",
     ["银龄讲学计划", None]),
])
def test_program_of_the_lead(text, expected):
    assert document_programs(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a Latin name before 项目 is a program's name; named again, it is the paragraph's subject
    ("学院与英国合作开办HND项目。目前HND项目共招收学生300人，毕业生升学率95%。",
     ["HND项目", "HND项目"]),
    # a short title introduced as such refers to the full one
    ("印发《关于推进县域高中发展的实施意见》（以下简称《意见》）。《意见》提出，新建高中20所。",
     ["关于推进县域高中发展的实施意见"]),
    ("印发《关于推进县域高中发展的实施意见》。《意见》提出，新建高中20所。",
     ["关于推进县域高中发展的实施意见"]),
    # a quoted campaign (“…”读书活动)
    ("开展“书香校园”读书活动，参与学生3000人。", ["书香校园"]),
    # a program given as an example in a list is the kind's, not the text's subject
    ("落实“两免一补”等惠民政策，资助学生4万人次。", ["两免一补"]),
    # a title people hold is not the program of the figure after it
    ("入选“千人计划”的专家，其子女可获奖励20万元。", [None]),
    # a named policy (高考便利政策) after a list of its measures
    ("考生享受延长考试时间、大字卷等高考便利政策，共有考生300名。", ["高考便利政策"]),
])
def test_forms_of_programs(text, expected):
    assert document_programs(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a document in the lead is the topic before a plan named in passing; the title line's
    # figure, before the sentence that names it, is about it too
    ("招生新政出台 扩招不少于5%\n　　教育部日前印发《普通高校招生工作规定》，调整高校招生计划管理。\n"
     "　　今年录取新生共600万人。",
     ["普通高校招生工作规定", "普通高校招生工作规定"]),
    # an enrolment quota is no topic; a bare 计划 without a level does not refer back to it
    ("各校公布成人高校招生计划。\n　　部分学校计划总量增加10%。", [None]),
])
def test_topic_of_the_lead_choices(text, expected):
    assert document_programs(text) == expected


@pytest.mark.parametrize("text", [
    "新华社西安5月11日电 空军工程\n    学院481名毕业生服从分配。",   # a line wrapped inside 工程学院
    "充分发挥计划调控作用，安置毕业生3万名。",                    # 计划调控 is one word
])
def test_endings_inside_words(text):
    assert set(document_programs(text)) == {None}


@pytest.mark.parametrize("text, expected", [
    # a named policy that the paragraph's first sentence is about holds for its examples
    ("今年对农村考生的定向资助政策有所调整。例如，烈士子女可获2000元，少数民族考生可获1000元。",
     ["定向资助政策", "定向资助政策"]),
    # a program named once, in passing, later in a paragraph, is not the topic of the figures after it
    ("全省今年新建考点20个。\n　　今年考生人数增加。各地推进智慧招考工程。录取率达到80%。", [None, None]),
    # ... named in the paragraph's first sentence, it is
    ("全省今年新建考点20个。\n　　各地推进智慧招考工程。录取率达到80%。", [None, "智慧招考工程"]),
])
def test_program_of_a_paragraph(text, expected):
    assert document_programs(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a policy named by words of its own in the lead is the document's topic
    ("我省今年继续实施学前教育资助政策。\n　　今年资助幼儿2万人，发放资金3000万元。",
     ["学前教育资助政策", "学前教育资助政策"]),
    # words of a verb phrase do not name a policy: a goal, an act on policies, a domain's policies
    ("各地落实促进高校毕业生就业政策。\n　　今年帮助毕业生就业2万人。", [None]),
    ("各地千方百计送政策。\n　　今年举办招聘会100个，提供岗位2万个。", [None, None]),
    ("各部门打出政策。\n　　今年提供岗位2万个。", [None]),
    ("今年江苏高考政策有所调整。\n　　新增试点高校2所。", [None]),
    # a figure the lead gives before the policy it names later is not about it
    ("国家助学贷款已资助学生2000万名。今年国家出台助学贷款免息政策，惠及毕业生400万名。",
     [None, "助学贷款免息政策"]),
    # a policy named later is a provision of the topic document: the topic still holds after it
    ("教育部印发《普通高校招生工作规定》。\n　　今年退役士兵加分投档政策有所调整。\n　　新生流失率超过10%的高校可补录。",
     ["普通高校招生工作规定"]),
])
def test_policies_as_topics(text, expected):
    assert document_programs(text) == expected


def test_a_persons_age_takes_no_program():
    text = "今年启动银龄讲学计划。\n　　65岁的李老师已培训教师300人。"
    assert document_programs(text) == [None, "银龄讲学计划"]


# -- topics on the document model (linking/document.py) ------------------------------------

@pytest.mark.parametrize("title, text, expected", [
    # the title's program holds for every paragraph that reports on it
    ("我省全面推行强校提质工程",
     "本报讯 今年新增学位8000个。\n　　省财政投入资金3亿元。\n　　培训校长600人次。",
     ["强校提质工程"] * 3),
    # a campaign the title quotes is a name, also where the text names it by its ending only
    ("“乡村少年宫筑梦行动”在全省启动",
     "今天，乡村少年宫筑梦行动在长沙启动。\n　　乡村少年宫筑梦行动今年建设少年宫120所，惠及学生6万人。",
     ["乡村少年宫筑梦行动", "乡村少年宫筑梦行动"]),
    # a title that is a document's name without 《》
    ("中共中央 国务院关于推进学前教育普及的意见",
     "央视网消息：中共中央、国务院日前就推进学前教育普及提出意见。\n　　意见提出，学前三年毛入园率达到95%。",
     ["关于推进学前教育普及的意见"]),
    # a reform named by its ending only, in passing, leaves the document's topic be
    ("教育部印发《县域高中振兴计划》",
     "本报讯 各地深化办学体制改革。新增学位8000个。",
     ["县域高中振兴计划"]),
])
def test_program_from_the_title_holds_for_the_document(title, text, expected):
    assert document_programs(text, title) == expected


@pytest.mark.parametrize("text, expected", [
    # 这项政策 after the text has moved on to another program
    ("省里出台乡村教师生活补助政策。\n　　各地还实施“县管校聘”改革，交流教师900人。\n　　这项政策今年惠及教师2.1万人。",
     ["县管校聘改革", "乡村教师生活补助政策"]),
    # 此次活动: the campaign the lead names
    ("团省委启动“青春护苗”志愿服务活动。\n　　各地还推进智慧校园工程。\n　　此次活动共招募志愿者3000名。",
     ["青春护苗"]),
    # with no document topic, 该工程 takes the last works named before it
    ("全省教育工作会议召开。\n　　会上提出实施乡村学校改薄工程。\n　　该工程今年投入资金3亿元。",
     ["乡村学校改薄工程"]),
    ("全省教育工作会议召开。\n　　会上提出实施乡村学校改薄工程。\n　　今年投入资金3亿元。", [None]),
    # without a word that refers back, the figure after another program's paragraph has none
    ("团省委启动“青春护苗”志愿服务活动。\n　　各地还推进智慧校园工程。\n　　今年共招募志愿者3000名。",
     [None]),
])
def test_program_referred_to(text, expected):
    assert document_programs(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a new paragraph naming another program ends the lead's
    ("全县实施校舍安全工程。\n　　各校同时推进“书香校园”建设，参与学生5万人。\n　　新建操场12个。",
     ["书香校园", None]),
    # a new dateline starts another report
    ("<p>本台消息：今年启动银龄讲学计划，招募教师2000名。</p><p>新华社北京5月3日电 全国高校毕业生达1179万人。</p>",
     ["银龄讲学计划", None]),
    # an item run inline (一是…二是…) ends the program of the item before it; the next item
    # takes the document's topic again
    ("省教育厅印发《县域普通高中振兴方案》。\n　　一是落实教师轮岗交流政策，交流教师300名。二是补充教师。新招教师400名。",
     ["教师轮岗交流政策", "县域普通高中振兴方案"]),
    # so does a bullet in a line of them
    ("●实施农村学生升学专项计划●新生流失率超10%可补录\n　　教育部印发《普通高校招生工作规定》。",
     ["普通高校招生工作规定"]),
    # a program named in a part of a list set with semicolons holds for that part only
    ("高校教师收入差距拉大。\n　　“春蕾计划”资助女童300人；“长江学者”8人，年津贴10万元。\n　　另外，讲课费每天1000元。",
     ["春蕾计划", None, None, None]),
    # a reform named by its ending only describes: it does not hold for the paragraph's next figures
    ("发展职业教育是深化企业改革的重要条件。职业学校招收新生300万人，企业改革也在推进。", [None]),
])
def test_program_ended(text, expected):
    assert document_programs(text) == expected


def test_inline_items_and_wrapped_lines_of_the_document_model():
    from cnedu_extract.linking.document import Document

    text = "一、总体要求。一是补短板。二是强弱项；（三）促均衡。"
    d = Document.read(text)
    for word, item in (("补", "一是"), ("强", "二是"), ("促", "（三）")):
        a, b = d.inline_item(text.index(word))
        assert text[a:b].startswith(item)
    wrapped = "    本报讯  今年全市新建\n幼儿园30所，新增学位\n9000个。\n    另一段。"
    d = Document.read(wrapped)
    assert wrapped[:d.wrapped_end(5)].endswith("9000个。")
