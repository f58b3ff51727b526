"""The region gazetteer: data files load, hierarchy and short forms, namesakes by home."""
import pytest

from cnedu_extract.linking._data import config, tsv_rows
from cnedu_extract.linking.gazetteer import gazetteer


def test_every_linking_data_file_loads():
    assert config()["scope"]["nation_name"] == "中国"
    rows = tsv_rows("regions.tsv")
    assert all(len(r) == 6 for r in rows)
    levels = [r[2] for r in rows if r[5] == "current" and not r[0].startswith("71")]
    assert levels.count("province") == 33
    assert 330 <= levels.count("prefecture") <= 345
    assert 2800 <= levels.count("county") <= 2950
    taiwan = [r[2] for r in rows if r[0].startswith("71")]
    assert taiwan.count("province") == 1 and taiwan.count("prefecture") == 6
    assert 150 <= taiwan.count("county") <= 180  # 16 counties and cities, the six cities' districts


@pytest.mark.parametrize("form, name, city, province", [
    ("萍乡", "萍乡市", "萍乡市", "江西省"),        # prefecture short form
    ("芦溪", "芦溪县", "萍乡市", "江西省"),        # county short form
    ("江西", "江西省", None, "江西省"),           # province short form
    ("广西", "广西壮族自治区", None, "广西壮族自治区"),
    ("湘西州", "湘西土家族苗族自治州", "湘西土家族苗族自治州", "湖南省"),
    ("漳平", "漳平市", "漳平市", "福建省"),        # a county-level city is its own city
    ("仙桃市", "仙桃市", "仙桃市", "湖北省"),      # directly under the province
    ("海淀区", "海淀区", None, "北京市"),          # municipality districts hang on the province
    ("株洲县", "株洲县", "株洲市", "湖南省"),      # a former name still resolves
    ("武汉", "武汉市", "武汉市", "湖北省"),        # a big city's stem, frequent in jieba as a place
    ("保定", "保定市", "保定市", "河北省"),        # jieba tags it a verb, but rarely
    ("西藏", "西藏自治区", None, "西藏自治区"),    # 藏 is part of the name, not a nation suffix
    ("内蒙古", "内蒙古自治区", None, "内蒙古自治区"),
    ("海北州", "海北藏族自治州", "海北藏族自治州", "青海省"),
    ("香港", "香港特别行政区", None, "香港特别行政区"),
    ("九龙城区", "九龙城区", None, "香港特别行政区"),  # districts hang on the region itself
    ("澳门", "澳门特别行政区", None, "澳门特别行政区"),
    ("台湾", "台湾省", None, "台湾省"),
    ("台北", "台北市", "台北市", "台湾省"),
    ("士林区", "士林区", "台北市", "台湾省"),          # a district of one of Taiwan's six cities
    ("花莲", "花莲县", None, "台湾省"),
])
def test_forms_resolve_with_hierarchy(form, name, city, province):
    g = gazetteer()
    r = g.resolve(form, None)
    assert r.name == name
    assert (g.city_of(r).name if g.city_of(r) else None) == city
    assert g.province_of(r).name == province


@pytest.mark.parametrize("word", ["新华", "和平", "光明", "城区", "开发", "开封"])  # 开封: to unseal
def test_common_words_are_no_region(word):
    assert gazetteer().resolve(word, None) is None


@pytest.mark.parametrize("form, home, expected_parent", [
    ("朝阳区", "北京市", "北京市"),
    ("朝阳区", "长春市", "长春市"),
    ("鼓楼区", "南京市", "南京市"),
    ("鼓楼区", "福州市", "福州市"),
    ("中山区", "大连市", "大连市"),
    ("中山区", "台北市", "台北市"),
    ("中山区", None, "大连市"),  # without a home, the first of the namesakes as before
])
def test_namesakes_resolve_through_home(form, home, expected_parent):
    g = gazetteer()
    r = g.resolve(form, g.resolve(home, None) if home else None)
    assert g.parent(r).name == expected_parent


@pytest.mark.parametrize("form, name", [
    # an autonomous county is named with its stem and the plain suffix
    ("白沙县", "白沙黎族自治县"),
    ("长阳县", "长阳土家族自治县"),
    ("互助县", "互助土族自治县"),       # 互助 alone is a common word: only the suffixed form
    ("鄂伦春旗", "鄂伦春自治旗"),
    # a rare county stem that jieba tags as a transliterated or foreign name is a place
    ("嵊泗", "嵊泗县"),
    ("库尔勒", "库尔勒市"),
])
def test_autonomous_and_rare_county_forms(form, name):
    assert gazetteer().resolve(form, None).name == name


@pytest.mark.parametrize("form, name", [
    # a stem that names a province or a city keeps that meaning with 县 after it (河南县级)
    ("河南县", None),
    ("阜新县", None),
    ("互助", None),
    ("河南", "河南省"),
])
def test_suffixed_forms_do_not_swallow_provinces(form, name):
    r = gazetteer().resolve(form, None)
    assert (r.name if r else None) == name
