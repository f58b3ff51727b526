"""What report pages leave in the text: footnote markers, ratios without units, sub-totals."""
import pytest

import cnedu_extract as ce


@pytest.mark.parametrize("text, surface, metric", [
    ("全省共有各级各类学校[2]1.2万所。", "1.2万所", "各级各类学校"),
    ("学前教育毛入园率[4]达到91.3%。", "91.3%", "学前教育毛入园率"),
    ("全县共有幼儿园[注1]86所。", "86所", "幼儿园"),
    ("全國共有特殊教育學校［3］2244所。", "2244所", "特殊教育學校"),
    ("高中阶段毛入学率达到92.5%[5]。", "92.5%", "高中阶段毛入学率"),
])
def test_footnote_markers_are_no_part_of_figure_or_metric(text, surface, metric):
    [m] = ce.extract(text)
    assert m.text == surface == text[m.start:m.end]
    assert m.metric == metric
    assert m.sentence == text  # the sentence is quoted as written, marker and all


def test_a_bracketed_number_with_a_unit_is_still_a_figure():
    assert [m.text for m in ce.extract("新建学校[含分校]12所")] == ["12所"]


@pytest.mark.parametrize("text", ["小学生师比17.12:1。", "普通高中生师比12.9∶1,与上年持平。"])
def test_a_ratio_without_unit_is_out_of_scope(text):
    assert ce.extract(text) == []


def test_subtotals_after_qizhong_are_figures_with_their_own_metric():
    ms = ce.extract("全县共有教职工5200人,其中专任教师4300人,工勤人员260人。")
    assert [(m.text, m.metric) for m in ms] == [
        ("5200人", "教职工"), ("4300人", "专任教师"), ("260人", "工勤人员")]
