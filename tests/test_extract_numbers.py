"""extract() reads every figure's number exactly: a differential test against cn2an on generated
sentences, and the families of issue 14 (decimals cut by masks, signs, ranges) as tables."""
import random
from fractions import Fraction

import pytest

import cnedu_extract as ce

# (unit as written, factor to the record's unit, record unit)
UNITS = [("元", 1, "元"), ("万元", 10**4, "元"), ("亿元", 10**8, "元"), ("人", 1, "人"), ("万人", 10**4, "人"),
         ("所", 1, "所"), ("个", 1, "个"), ("名", 1, "人"), ("%", 1, "%"), ("万人次", 10**4, "人次"),
         ("项", 1, "项"), ("平方米", 1, "平方米")]
BEFORE = ["全省共投入", "学校有", "共计", "今年招生", "下达资金", "覆盖", "其中", "", "达到", "新建校舍",
          "全年支出", "资助学生"]
AFTER = ["，", "。", "", "，比上年增加不少", "；", "用于改善办学条件。"]


def _numeral(rng: random.Random, cn2an) -> tuple[str, Fraction]:
    """A numeral as written (Chinese lower or upper case, Arabic, or Arabic with 万/亿) and its value."""
    whole = rng.choice([rng.randint(2, 9), rng.randint(10, 99), rng.randint(100, 9999), rng.randint(10**4, 10**8)])
    decimals = rng.choice(["", "", str(rng.randint(0, 9)), str(rng.randint(1, 99)).zfill(2).rstrip("0") or "5",
                           str(rng.randint(1, 9999)).zfill(4).rstrip("0") or "5"])
    arabic = f"{whole}.{decimals}" if decimals else str(whole)
    mode = rng.choice(["low", "low", "up", "arabic", "mixed"])
    if mode == "up" and whole < 10:
        mode = "low"  # a lone 陆 or 伍 before a measure word is a name (陆家嘴), by rule
    if mode in ("low", "up"):
        return cn2an.an2cn(arabic, mode), Fraction(arabic)
    if mode == "mixed" and whole < 10**4:  # 2.61万, 355.5亿: Arabic with a scale character
        scale, factor = rng.choice([("万", 10**4), ("亿", 10**8)])
        return arabic + scale, Fraction(arabic) * factor
    return arabic, Fraction(arabic)


def _cases(seed: int, n: int, cn2an):
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        written, value = _numeral(rng, cn2an)
        surface, factor, unit = rng.choice(UNITS)
        if surface[0] in "万亿" and written[-1] in "万亿":
            continue  # 3万亿元 is a scale of its own
        if unit == "%" and value > 1000:
            continue
        prefix, suffix = rng.choice(BEFORE), rng.choice(AFTER)
        sign = rng.choice(["", "", "", "-", "负"])  # 同比增长-5.2%: the sign is the figure's
        if sign:
            written, value = sign + written, -value
        out.append((prefix + written + surface + suffix, len(prefix), written + surface, value * factor, unit))
    return out


def test_extract_agrees_with_cn2an_on_generated_sentences():
    """Differential: a numeral cn2an writes (decimals, scale characters, upper case, a sign) and a
    unit in a sentence give one record, over the whole figure, with the exact value. 4,000 seeded
    cases."""
    cn2an = pytest.importorskip("cn2an")
    wrong = []
    for text, at, figure, value, unit in _cases(14, 4000, cn2an):
        records = ce.extract(text)
        got = [(r.start, r.end, r.value, r.unit) for r in records]
        expected = (at, at + len(figure), float(value), unit)
        if not any(g[:2] == expected[:2] and g[2] == pytest.approx(expected[2], rel=1e-12) and g[3] == unit
                   for g in got):
            wrong.append((text, expected, got))
    assert not wrong, f"{len(wrong)} misread, e.g. {wrong[:20]}"


# issue 14: a mask (holiday, word, clock time) never cuts a numeral in two
DECIMALS = [
    ("一百点二万元", "一百点二万元", 1_002_000), ("一百点二元", "一百点二元", 100.2),
    ("十点七一元", "十点七一元", 10.71), ("九十八点五四元", "九十八点五四元", 98.54),
    ("一点八一万元", "一点八一万元", 18_100), ("十万一千元", "十万一千元", 101_000),
    ("三千点五亿元", "三千点五亿元", 300_050_000_000), ("下达资金一点一亿元", "一点一亿元", 110_000_000),
    ("百分之零点零三八", "百分之零点零三八", 0.038), ("一点零五四元", "一点零五四元", 1.054),
    ("考了九十八点五分", None, None),  # 分 is a score in Arabic digits only; never 八点五 or 五分
]


@pytest.mark.parametrize("text,figure,value", DECIMALS)
def test_a_decimal_is_read_whole(text, figure, value):
    got = [(r.text, r.value) for r in ce.extract(text)]
    assert got == ([] if figure is None else [(figure, pytest.approx(value, rel=1e-12))])


@pytest.mark.parametrize("text", ["五四青年节", "八点三十分开会", "萍乡六中", "一校一品", "张永玖一度辍学"])
def test_masks_still_hide_names_and_times(text):
    assert ce.extract(text) == []


SIGNS = [
    # text, (text of the record, value, value_max)
    ("同比增长-5.2%", ("-5.2%", -5.2, None)),
    ("同比增长负5.2%", ("负5.2%", -5.2, None)),
    ("利润率-3.1%", ("-3.1%", -3.1, None)),
    ("变化幅度为负5到10%", ("负5到10%", -5, 10)),
    ("增速在-5到-2%之间", ("-5到-2%", -5, -2)),
    ("下降负三四百元", ("负三四百元", -400, -300)),
    ("误差正负5%", ("5%", 5, None)),           # 正负 is ±: no sign of the value
    ("2-5万元", ("2-5万元", 20_000, 50_000)),  # a dash between numbers is a range
    ("增长−5.2%", ("−5.2%", -5.2, None)),      # U+2212 MINUS SIGN
]


@pytest.mark.parametrize("text,expected", SIGNS)
def test_a_sign_is_kept_and_ranges_grow(text, expected):
    records = ce.extract(text)
    assert [(r.text, r.value, r.value_max) for r in records] == [expected]


OVERLAPS = [
    ("3港元5港元", ["3港元", "5港元"]),
    ("0元以上万人", ["0元以上", "万人"]),
]


@pytest.mark.parametrize("text,spans", OVERLAPS)
def test_words_before_a_figure_belong_to_it_only_after_the_record_before(text, spans):
    assert [r.text for r in ce.extract(text)] == spans


MARKUP = [
    # text, (record text, value, unit), metric
    ("<p>下达资金<b>5</b>亿元</p>", ("5</b>亿元", 500_000_000, "元"), "下达资金"),
    ("学生<strong>3万</strong>人", ("3万</strong>人", 30_000, "人"), "学生"),
    ("<p>学生3万人</p>", ("3万人", 30_000, "人"), "学生"),
    ("招收学生&nbsp;3万人", ("3万人", 30_000, "人"), "招收学生"),
]


@pytest.mark.parametrize("text,record,metric", MARKUP)
def test_figures_are_read_through_markup(text, record, metric):
    (r,) = ce.extract(text)
    assert (r.text, r.value, r.unit) == record
    assert text[r.start:r.end] == r.text
    assert r.metric == metric
    assert "<" not in r.sentence and "&nbsp;" not in r.sentence


def test_block_tags_end_sentences():
    text = "<p>全市共有幼儿园482所</p><p>在园幼儿3.6万人</p>"
    records = ce.extract(text)
    assert [r.sentence for r in records] == ["全市共有幼儿园482所", "在园幼儿3.6万人"]


ENGLISH = [
    ("5 million美元", ("5 million美元", 5_000_000, "美元")),
    ("投入1.5 billion元", ("1.5 billion元", 1_500_000_000, "元")),
    ("US$5 million", None),        # no currency word: left out
    ("5 million people", None),
    ("跑道长400 m。", ("400 m", 400, "米")),
]


@pytest.mark.parametrize("text,expected", ENGLISH)
def test_english_scale_words_never_become_units(text, expected):
    got = [(r.text, r.value, r.unit) for r in ce.extract(text)]
    assert got == ([] if expected is None else [expected])


def test_absurd_exponents_are_refused_at_once():
    for text in ("1e99999999", "2^99999999", "1e-99999999"):
        with pytest.raises(ValueError):
            ce.to_number(text)
    assert ce.to_number("1.5e3") == 1500


def test_a_lone_surrogate_is_read_around():
    text = "资助学生3万人\ud800，投入\udc80资金5亿元"
    records = ce.extract(text)
    assert [(r.text, r.value) for r in records] == [("3万人", 30_000), ("5亿元", 500_000_000)]
    for r in records:
        r.sentence.encode("utf-8")  # encodable: a writer never fails on it


def test_a_lone_surrogate_passes_the_spacy_tokenizer():
    nlp = ce.load()
    doc = nlp("学生3万人\ud800")
    assert [s.text for s in doc.spans["measurements"]] == ["3万人"]


def test_sentence_is_bounded_around_the_figure():
    text = "甲" * 5000 + "学生3万人" + "乙" * 5000
    (r,) = ce.extract(text)
    assert r.sentence == "甲" * 198 + "学生3万人" + "乙" * 200
