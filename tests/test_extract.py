"""extract() on sentences of the kind it meets in news: one table per concern of SPEC section 1."""
import pytest

import cnedu_extract as ce


def figures(text):
    return [(m.text, m.value, m.value_max, m.unit, m.kind, m.qualifier) for m in ce.extract(text)]


def only(text):
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


UNITS = [
    # money: 万/亿 multiplied out, Renminbi as 元, other currencies by name
    ("下达学生资助资金24314万元", ("24314万元", 243140000, None, "元", "money", "exact")),
    ("财政教育经费6.14亿元", ("6.14亿元", 614000000, None, "元", "money", "exact")),
    ("发放资助资金1.43亿元。", ("1.43亿元", 143000000, None, "元", "money", "exact")),
    ("奖励5000块钱", ("5000块钱", 5000, None, "元", "money", "exact")),
    ("学费123元1角1分", ("123元1角1分", 123.11, None, "元", "money", "exact")),
    ("每年费用12万港币", ("12万港币", 120000, None, "港元", "money", "exact")),
    ("捐赠100万美元", ("100万美元", 1000000, None, "美元", "money", "exact")),
    ("人民币5000元", ("人民币5000元", 5000, None, "元", "money", "exact")),
    # people, person-times, institutions, counts
    ("受益学生37万人", ("37万人", 370000, None, "人", "people", "exact")),
    ("聘任37名责任督学", ("37名", 37, None, "人", "people", "exact")),
    ("3位老师", ("3位", 3, None, "人", "people", "exact")),
    ("培训教师7.47万人次", ("7.47万人次", 74700, None, "人次", "person_time", "exact")),
    ("新改扩建义务教育学校52所", ("52所", 52, None, "所", "institution", "exact")),
    ("新增学位2.61万个", ("2.61万个", 26100, None, "个", "count", "exact")),
    ("组织专场演出55场", ("55场", 55, None, "场", "count", "exact")),
    ("新增市场主体182家", ("182家", 182, None, "家", "count", "exact")),
    ("全省中小学18万余个班级", ("18万余个", 180000, None, "个", "count", "over")),
    # shares, ratios, ranks
    ("巩固率达99.9%以上", ("99.9%以上", 99.9, None, "%", "percent", "over")),
    ("占比达91.57 %", ("91.57 %", 91.57, None, "%", "percent", "exact")),
    ("入学率达百分之九十八", ("百分之九十八", 98, None, "%", "percent", "exact")),
    ("约三成学生", ("约三成", 30, None, "%", "percent", "approx")),
    ("提高了3个百分点", ("3个百分点", 3, None, "百分点", "percent", "exact")),
    ("占比约三分之一", ("约三分之一", 100 / 3, None, "%", "percent", "approx")),
    ("一半以上的学校", ("一半以上", 50, None, "%", "percent", "over")),
    ("是全省平均水平的两倍", ("两倍", 2, None, "倍", "ratio", "exact")),
    ("荣获考评第一名", ("第一名", 1, None, "名", "rank", "exact")),
    ("位居全省前30名", ("前30名", 30, None, "名", "rank", "under")),
    ("各项指标均位列全省前三，", ("前三", 3, None, "名", "rank", "under")),
    # durations, ages, scores, areas
    ("连续8年荣获", ("连续8年", 8, None, "年", "duration", "exact")),
    ("在乡村任教超过25年的教师", ("超过25年", 25, None, "年", "duration", "over")),
    ("集中培训3天", ("3天", 3, None, "天", "duration", "exact")),
    ("为期两个月", ("两个月", 2, None, "月", "duration", "exact")),
    ("每节课40分钟", ("40分钟", 40, None, "分钟", "duration", "exact")),
    ("“双减”实施两周年", ("两周年", 2, None, "年", "duration", "exact")),
    ("年满7岁的儿童", ("7岁", 7, None, "岁", "other", "exact")),
    ("总分650分", ("650分", 650, None, "分", "other", "exact")),
    ("校园占地56公顷", ("56公顷", 56, None, "公顷", "area", "exact")),
    ("建筑面积3.2万平方米", ("3.2万平方米", 32000, None, "平方米", "area", "exact")),
    # people without a measure word
    ("3000多万孩子受益", ("3000多万", 30000000, None, "人", "people", "over")),
    ("1.6万贫困人口", ("1.6万", 16000, None, "人", "people", "exact")),
    ("今年高考考生有51万，", ("51万", 510000, None, "人", "people", "exact")),
    ("毕业生人数将近700万，", ("将近700万", 7000000, None, "人", "people", "under")),
    ("新建教学楼1000平方米和一座操场", ("1000平方米", 1000, None, "平方米", "area", "exact")),
]


@pytest.mark.parametrize("text,expected", UNITS)
def test_units_and_kinds(text, expected):
    got = only(text)
    assert got[:1] == expected[:1] and got[3:] == expected[3:]
    assert got[1] == pytest.approx(expected[1])


QUALIFIERS = [
    ("投入20多亿元", "20多亿元", 2e9, "over"), ("近2000万元", "近2000万元", 2e7, "under"),
    ("约160万元", "约160万元", 1.6e6, "approx"), ("2000余人", "2000余人", 2000, "over"),
    ("4万余名学生", "4万余名", 40000, "over"), ("1500多万元", "1500多万元", 1.5e7, "over"),
    ("10人以下", "10人以下", 10, "under"), ("不少于50%", "不少于50%", 50, "over"),
    ("逾3000人", "逾3000人", 3000, "over"), ("不到4500人", "不到4500人", 4500, "under"),
    ("1000名左右", "1000名左右", 1000, "approx"), ("十几个", "十几个", 10, "over"),
    ("上万名", "上万名", 10000, "over"), ("几十万元", "几十万元", 100000, "over"),
    ("二十来个", "二十来个", 20, "approx"), ("将近40%", "将近40%", 40, "under"),
]


@pytest.mark.parametrize("text,span,value,qualifier", QUALIFIERS)
def test_qualifiers_are_read_and_part_of_the_span(text, span, value, qualifier):
    got = only(text)
    assert (got[0], got[5]) == (span, qualifier)
    assert got[1] == pytest.approx(value)


BRIDGED = [
    # a qualifier word before the figure's verb qualifies it; the verb keeps it out of the span
    ("每所学校约有80名教师", "80名", "approx"), ("读完全程至少要三年时间", "三年", "over"),
    ("报名人数超过了1.2万人", "1.2万人", "over"), ("每个班最多有45名学生", "45名", "under"),
    ("全县大概需5000万元", "5000万元", "approx"),
    # a word that only ends in 约 is no qualifier, nor is a qualifier word before the record before
    ("通过节约有800万元用于维修", "800万元", "exact"), ("约有30所中学、25所小学", "25所", "exact"),
    # nothing between: the word is in the span as always
    ("约30所", "约30所", "approx"),
]


@pytest.mark.parametrize("text,span,qualifier", BRIDGED)
def test_a_qualifier_before_the_verb_qualifies_the_figure(text, span, qualifier):
    [m] = [m for m in ce.extract(text) if m.text == span]
    assert m.qualifier == qualifier


RANGES = [
    ("3-5万元", 30000, 50000, "元"), ("3至5所", 3, 5, "所"), ("两到三万港元", 20000, 30000, "港元"),
    ("八九亿元", 8e8, 9e8, "元"), ("1万(含)-5万元", 10000, 50000, "元"), ("从8500到3万港元", 8500, 30000, "港元"),
    ("三四百所", 300, 400, "所"), ("十七八岁", 17, 18, "岁"), ("一两年", 1, 2, "年"),
    ("1万元--5万元", 10000, 50000, "元"), ("12－14万港币", 120000, 140000, "港元"),
]


@pytest.mark.parametrize("text,lo,hi,unit", RANGES)
def test_ranges_give_value_and_value_max(text, lo, hi, unit):
    got = only(text)
    assert (got[1], got[2], got[3]) == (pytest.approx(lo), pytest.approx(hi), unit)


EXCLUDED = [
    "2023年", "12月4日", "2024-04-03", "来源:《萍乡日报》12月4日2版", "近三年", "近五年来",
    "近年来", "2018年以来", "每年", "9年前", "3天后", "“十四五”规划", "坚持五育并举", "双减",
    "两免一补", "一校一品", "萍乡六中", "漳平二中", "“六个一”活动", "六统一", "体育、艺术2+1项目",
    "985、211高校", "提升工程2.0", "《规划(2021—2025年)》", "备忘录(2024-2035)", "一、高位引领",
    "1.强化战略部署", "关键词三", "第九届学科带头人", "首届家长节", "人民教育2023年第22期",
    "差异率均低于0.15", "平均分107左右", "１∶７", "荣获一等奖", "三等奖", "达到Ⅲ级以上",
    "三级教研体系", "取缔一批机构", "一系列措施", "一支队伍", "新一轮", "成为一名教师", "一家企业",
    "本期杂志遴选了9个案例", "7个关键词 串联", "党的二十届三中全会", "第一、二、三、四批院校",
    "九年义务教育", "大学生创新创业三年攻坚行动", "十分重要", "四处奔走", "<p style=\"width:100%\">",
    "访问 http://example.com/a?x=30%25", "上午8点30分", "２０２３年", "08年好莱坞",
    "二十届二中、三中全会", "八届全国人大四次会议", "一本和二本之分", "一首首动听的歌曲",
    "每万人专利申请数", "百家争鸣", "挑战百万年薪", "一九九六至一九九七学年", "一九九七年度",
    "这些半成品", "分数减半折算", "对折叠的纸", "坐落于陆家嘴的大学", "伍家岗区", "零件加工",
]


@pytest.mark.parametrize("text", EXCLUDED)
def test_out_of_scope_numbers_give_no_record(text):
    assert figures(text) == []


def test_one_counts_when_the_size_is_the_point():
    assert figures("只有一所学校") == [("一所", 1, None, "所", "institution", "exact")]
    assert [f[0] for f in figures("一所学校变成了两所学校")] == ["一所", "两所"]
    assert figures("30人以下仅保留必要的1所") == [("30人以下", 30, None, "人", "people", "under"),
                                               ("1所", 1, None, "所", "institution", "exact")]


def test_html_tags_are_text_and_offsets_point_into_the_original():
    text = "<p>　　央视网消息：全国共有学校52所，<strong>投入</strong>3亿元。</p>"
    records = ce.extract(text)
    assert [(m.text, text[m.start:m.end]) for m in records] == [("52所", "52所"), ("3亿元", "3亿元")]
    assert records[0].sentence.startswith("央视网消息")


def test_full_width_digits_keep_their_span():
    (m,) = ce.extract("全市评选出３００名学生")
    assert (m.text, m.value, m.start, m.end) == ("３００名", 300, 5, 9)


def test_two_years_give_two_records():
    text = "财政一般公共预算教育经费从2019年的6.14亿元逐年增长到2023年的7.04亿元"
    assert [(f[0], f[1]) for f in figures(text)] == [("6.14亿元", 614000000), ("7.04亿元", 704000000)]


def test_records_are_sorted_and_their_text_is_the_span():
    text = "全市新改扩建义务教育学校52所，新增学位2.61万个，培训教师7.47万人次。"
    records = ce.extract(text, doc_id="d1")
    assert [m.start for m in records] == sorted(m.start for m in records)
    for m in records:
        assert text[m.start:m.end] == m.text and m.doc_id == "d1"


def test_record_has_exactly_the_spec_keys():
    (m,) = ce.extract("下达学生资助资金24314万元")
    assert list(m.to_dict()) == ["doc_id", "start", "end", "text", "value", "value_max", "unit", "kind",
                                 "qualifier", "metric", "region", "school", "program", "year", "period",
                                 "aspect", "direction", "base", "base_year", "sentence"]
    assert ce.Measurement.from_dict(m.to_dict()) == m


def test_non_string_input_is_a_type_error():
    with pytest.raises(TypeError):
        ce.extract(None)  # type: ignore[arg-type]
    assert ce.extract("") == []
