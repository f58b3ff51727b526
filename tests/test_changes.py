"""Changes: aspect, direction, base and base_year, and the metric of a change (SPEC section 2)."""
import json

import pytest

import cnedu_extract as ce
from cnedu_extract.linking.changes import base_year


def _one(text: str, figure: str, **kw) -> ce.Measurement:
    """The record of ``figure`` (its first occurrence) in ``text``."""
    at = text.index(figure)
    got = [m for m in ce.extract(text, **kw) if m.start <= at < m.end]
    assert got, f"no record at {figure!r}: {ce.extract(text, **kw)}"
    return got[0]


# --- the words of change ---------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, aspect, direction", [
    ("2022年全县共有小学56所,比上年增加4所。", "4所", "change", "up"),
    ("2022年全县共有小学56所,比上年减少4所。", "4所", "change", "down"),
    ("2022年全县在校生9100人,比上年增长3.1%。", "3.1%", "growth", "up"),
    ("2022年全县在校生9100人,比上年下降2.4%。", "2.4%", "growth", "down"),
    ("2022年全县巩固率98.2%,比上年提高0.6个百分点。", "0.6个百分点", "change", "up"),
    ("2022年全县辍学率0.3%,比上年降低0.2个百分点。", "0.2个百分点", "change", "down"),
    ("2022年全县专任教师比上年上升了5.6%。", "5.6%", "growth", "up"),
    ("2022年全县教育经费增幅18%。", "18%", "growth", "up"),
    ("2022年全县学前教育经费降幅为7%。", "7%", "growth", "down"),
    ("2022年全县高校招生增长0.5倍。", "0.5倍", "growth", "up"),
    ("2022年全县贫困学生减少了1200人。", "1200人", "change", "down"),
    ("2022年全县减少辍学学生1200人。", "1200人", "change", "down"),
    ("这所大学在排行榜上连升5位。", "5位", "change", "up"),
    ("2022年本地生源比外地生源多300人。", "300人", "change", "up"),
    ("2022年本县录取率比全省平均水平低2个百分点。", "2个百分点", "change", "down"),
    ("2022年本县录取率高于全省平均水平3个百分点。", "3个百分点", "change", "up"),
])
def test_words_of_change(text, figure, aspect, direction):
    m = _one(text, figure)
    assert (m.aspect, m.direction) == (aspect, direction)


@pytest.mark.parametrize("text, figure", [
    ("2022年全县共有小学56所。", "56所"),                    # an amount
    ("2022年全县新增学位3000个。", "3000个"),                 # a flow is a level
    ("2022年入学率提高到96.4%。", "96.4%"),                  # a value reached
    ("2022年辍学率降至1%以下。", "1%以下"),
    ("2022年在校生人数增加为1.2万人。", "1.2万人"),
    ("退役士兵可在统考总分的基础上增加10分投档。", "10分"),     # a rule, not a movement
    ("报名人数最多300人。", "300人"),
    ("全市投入资金较多，达到500万元。", "500万元"),           # 较多 is no base
    ("全市生师比例为15%。", "15%"),
    ("签约的比例逐年降低，研究生从76.7%下降到40.7%。", "76.7%"),  # where a change starts
    ("签约的比例逐年降低，研究生从76.7%下降到40.7%。", "40.7%"),
])
def test_levels_stay_levels(text, figure):
    m = _one(text, figure)
    assert (m.aspect, m.direction, m.base) == ("level", None, None)


# --- signs ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, direction", [
    ("2023年全市民办学校在校生同比增长-5.2%。", "5.2%", "down"),
    ("2023年全市民办学校在校生负增长2.1%。", "2.1%", "down"),
    ("2023年全市民办学校在校生同比下降-1.5%。", "1.5%", "up"),
    ("2023年全市民办学校在校生同比增长5.2%。", "5.2%", "up"),
])
def test_a_growth_written_negative_is_down(text, figure, direction):
    m = _one(text, figure)
    assert (m.aspect, m.direction) == ("growth", direction)


# --- bases and base years -------------------------------------------------------------------

@pytest.mark.parametrize("text, figure, base, year", [
    ("2021年全市共有幼儿园482所,比上年增加17所。", "17所", "上年", 2020),
    ("2021年全市共有幼儿园482所,较上年增加17所。", "17所", "上年", 2020),
    ("2021年全市在园幼儿3.6万人,同比增长5.5%。", "5.5%", "上年同期", 2020),
    ("2021年全市在园幼儿3.6万人,比2019年增长8%。", "8%", "2019年", 2019),
    ("2021年全市在园幼儿3.6万人,较2019年增长8%。", "8%", "2019年", 2019),
    ("2021年全市在园幼儿3.6万人,与去年相比增加2000人。", "2000人", "去年", 2020),
    ("2021年全市在园幼儿3.6万人,比去年同期增长3%。", "3%", "去年同期", 2020),
    ("2021年本市录取率比全省平均水平高5个百分点。", "5个百分点", "全省平均水平", None),
    ("全市在园幼儿3.6万人,比上年增加2000人。", "2000人", "上年", None),  # no year: no base year
])
def test_bases(text, figure, base, year):
    m = _one(text, figure)
    assert (m.base, m.base_year) == (base, year)


def test_a_growth_after_a_change_shares_its_base():
    text = "2021年全市共有幼儿园482所,比上年增加17所,增长3.7%;在园幼儿3.6万人,增加2000人。"
    recs = ce.extract(text)
    got = [(m.text, m.aspect, m.direction, m.base, m.base_year) for m in recs]
    assert got == [("482所", "level", None, None, None),
                   ("17所", "change", "up", "上年", 2020),
                   ("3.7%", "growth", "up", "上年", 2020),
                   ("3.6万人", "level", None, None, None),
                   ("2000人", "change", "up", None, None)]  # a semicolon ends the base's reach


@pytest.mark.parametrize("base, year, expected", [
    ("上年", 2021, 2020), ("去年", 2016, 2015), ("前年", 2021, 2019), ("上年同期", 2021, 2020),
    ("2019年", 2023, 2019), ("2019年同期", None, 2019), ("全省平均水平", 2021, None),
    ("上年", None, None), (None, 2021, None),
])
def test_base_year(base, year, expected):
    assert base_year(base, year) == expected


def test_a_multiple_of_a_base_is_a_level_with_that_base():
    m = _one("2023年，全市参赛人数是去年的两倍。", "两倍")
    assert (m.aspect, m.kind, m.base, m.base_year) == ("level", "ratio", "去年", 2022)


# --- 从…到… ----------------------------------------------------------------------------------

def test_from_to_gives_two_levels_and_the_growth_its_base():
    text = "全市学生资助资金从2019年的6.14亿元逐年增长到2023年的7.04亿元,增长了14.6%。"
    recs = ce.extract(text)
    got = [(m.text, m.aspect, m.year, m.base, m.base_year, m.metric) for m in recs]
    assert got[0][:3] == ("6.14亿元", "level", 2019) and got[0][3] is None
    assert got[1][:3] == ("7.04亿元", "level", 2023) and got[1][3] is None
    assert got[2][:5] == ("14.6%", "growth", 2023, "2019年", 2019)
    assert got[0][5] == got[1][5] == got[2][5]


# --- the metric of a change -------------------------------------------------------------------

def test_a_change_names_the_quantity_that_changes():
    text = "2021年全市共有幼儿园482所,比上年增加17所,增长3.7%。"
    assert [m.metric for m in ce.extract(text)] == ["幼儿园"] * 3


def test_the_base_level_is_of_the_base_year_and_metric():
    text = "2017年全市教育经费总投入为4.2亿元,比上年的3.9亿元增长7.7%。"
    recs = ce.extract(text)
    assert [(m.text, m.aspect, m.year, m.metric) for m in recs] == [
        ("4.2亿元", "level", 2017, "教育经费总投入"),
        ("3.9亿元", "level", 2016, "教育经费总投入"),
        ("7.7%", "growth", 2017, "教育经费总投入")]


@pytest.mark.parametrize("text, figure, metric", [
    ("2021年全县人口总数下降了2.7万人。", "2.7万人", "人口总数"),
    ("2021年全县减少贫困人口2.3万人。", "2.3万人", "贫困人口"),
    ("2021年全县巩固率比上年提高1.5个百分点。", "1.5个百分点", "巩固率"),
    ("三年间全省投入20多亿元，增加1000所幼儿园。", "1000所", "幼儿园"),  # the count's own noun
])
def test_a_change_with_its_own_noun(text, figure, metric):
    assert _one(text, figure).metric == metric


def test_traditional_script_reads_the_same():
    text = "2015年全國民辦幼兒園14.64萬所,比上年增加7094所;在校生256.96萬人,與上年增加18.31萬人。"
    recs = {m.text: m for m in ce.extract(text)}
    assert (recs["7094所"].aspect, recs["7094所"].base_year) == ("change", 2014)
    assert (recs["18.31萬人"].direction, recs["18.31萬人"].base) == ("up", "上年")


# --- output paths -----------------------------------------------------------------------------

KEYS = ("aspect", "direction", "base", "base_year")


def test_record_keys_in_spec_order():
    keys = list(ce.RECORD_KEYS)
    assert keys[keys.index("period"):] == ["period", *KEYS, "sentence"]
    m = _one("2021年全市共有幼儿园482所,比上年增加17所。", "17所")
    d = m.to_dict()
    assert list(d) == keys and [d[k] for k in KEYS] == ["change", "up", "上年", 2020]
    json.dumps(d, ensure_ascii=False)


def test_the_new_keys_reach_the_dataframe():
    pytest.importorskip("pandas")
    from cnedu_extract.notebook import to_dataframe
    df = to_dataframe(ce.extract("2021年全市共有幼儿园482所,比上年增加17所。"))
    assert list(df.columns) == list(ce.RECORD_KEYS)
    assert str(df["aspect"].dtype) == "category" and list(df["aspect"].cat.categories) == ["level", "change", "growth"]
    assert str(df["base_year"].dtype) == "Int64" and str(df["base"].dtype) == "string"
    assert df["direction"].tolist()[1] == "up" and df["base_year"].tolist()[1] == 2020


def test_the_new_keys_reach_csv_and_parquet(tmp_path):
    from cnedu_extract.batch.sinks import arrow_schema, columns
    assert columns(())[-5:] == (*KEYS, "sentence")
    pa = pytest.importorskip("pyarrow")
    schema = arrow_schema()
    assert schema.field("base_year").type == pa.int64()
    assert schema.field("aspect").type == pa.string() and schema.field("base").type == pa.string()


def test_the_tooltip_says_the_change_and_its_base():
    from cnedu_extract.notebook.highlight import render
    html = str(render("2021年全市共有幼儿园482所,比上年增加17所。"))
    assert "change up, base: 上年 (2020)" in html


def test_the_words_of_change_load():
    from cnedu_extract.linking.change_words import rules
    r = rules()
    assert (r.direction["增加"], r.direction["降幅"], r.direction["高于"]) == ("up", "down", "up")
    assert r.base_years["上年"] == 1 and r.same_period["同比"] == "上年同期"
