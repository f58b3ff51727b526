"""Traditional script is read like simplified; offsets and quoted fields stay the caller's."""
import pytest

import cnedu_extract as ce
from cnedu_extract import script
from cnedu_extract.linking import find_entities


@pytest.mark.parametrize("text, surface, value, unit, qualifier", [
    ("全縣共有教師約兩萬人。", "約兩萬人", 20000, "人", "approx"),
    ("下達補助資金超過3億元。", "超過3億元", 300000000, "元", "over"),
    ("受益學生4萬餘人。", "4萬餘人", 40000, "人", "over"),
    ("新建教學點12個。", "12個", 12, "个", "exact"),
    ("新增學位兩千個。", "兩千個", 2000, "个", "exact"),
    ("學前教育毛入園率達到88.1%。", "88.1%", 88.1, "%", "exact"),
    ("在園幼兒3.6萬人。", "3.6萬人", 36000, "人", "exact"),
])
def test_traditional_figures_read_like_simplified(text, surface, value, unit, qualifier):
    [m] = ce.extract(text)
    assert text[m.start:m.end] == m.text == surface  # offsets into the caller's text
    assert (m.value, m.unit, m.qualifier) == (value, unit, qualifier)


@pytest.mark.parametrize("text, surface, metric, region", [
    ("2021年全國共有幼兒園29.48萬所。", "29.48萬所", "幼兒園", "中国"),
    ("臺北市有國民小學150所。", "150所", "國民小學", "台北市"),
    ("香港共有中學500所。", "500所", "中學", "香港特别行政区"),
    ("澳門特別行政區有學校77所。", "77所", "學校", "澳门特别行政区"),
])
def test_metric_as_written_region_official(text, surface, metric, region):
    [m] = ce.extract(text)
    assert m.text == surface
    assert m.metric == metric
    assert m.region == region
    assert m.sentence == text


def test_school_and_program_stay_as_written():
    [m] = ce.extract("臺北市立建國高級中學共有學生3000人。")
    assert m.school == "臺北市立建國高級中學"
    [m] = ce.extract("參與「強師計劃」，培訓教師120人。")
    assert m.program == "強師計劃"  # 「」 read as quotes, the name as written


def test_a_joined_metric_comes_back_in_the_texts_characters():
    # the metric joins the heading (小學) and the figure's noun (招生): no single span of the text
    text = "一、小學\n全國共有小學17.76萬所;招生1752.47萬人。"
    ms = ce.extract(text)
    assert [m.text for m in ms] == ["17.76萬所", "1752.47萬人"]
    assert all("学" not in (m.metric or "") for m in ms)


def test_mixed_and_simplified_texts():
    assert script.fold("全国共有幼儿园") is None  # simplified text is never copied
    assert script.fold("全國共有幼兒園") == "全国共有幼儿园"
    assert script.fold(None) is None
    simplified = ce.extract("全国共有幼儿园29.48万所")
    assert [(m.text, m.metric) for m in simplified] == [("29.48万所", "幼儿园")]


def test_table_is_one_to_one_and_folds_to_simplified():
    table, marks = script._tables()
    assert all(len(v) == 1 for v in table.values())
    assert not any(marks.search(v) for v in table.values())  # folding twice changes nothing
    for trad, simp in [("萬", "万"), ("億", "亿"), ("兩", "两"), ("約", "约"), ("餘", "余"),
                       ("個", "个"), ("臺", "台"), ("國", "国"), ("於", "于"), ("「", "“")]:
        assert table[ord(trad)] == simp
    assert ord("著") not in table  # 著名 is written so in simplified too


def test_find_entities_and_spacy_read_traditional():
    text = "臺北市立建國高級中學共有學生3000人，全國幼兒園4萬所。"
    ents = find_entities(text)
    assert ("SCHOOL", "臺北市立建國高級中學") in [(e.label, e.name) for e in ents]
    region = next(e for e in ents if e.label == "REGION")
    assert (text[region.start:region.end], region.name) == ("全國", "中国")
    doc = ce.load()(text)
    assert [r["text"] for r in doc._.measurements] == ["3000人", "4萬所"]
    assert [s.text for s in doc.spans["measurements"]] == ["3000人", "4萬所"]
