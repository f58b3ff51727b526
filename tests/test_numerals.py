"""The numeral parser, read as a table of examples (SPEC section 1 and the issue's list)."""
import pytest

from cnedu_extract import to_number
from cnedu_extract.numerals import read_number

VALUES = [
    # Arabic, separators, full width
    ("24314", 24314), ("82,225.00", 82225), ("1,100万", 11_000_000), ("２４３１４", 24314),
    ("０.５", 0.5), ("-10000", -10000), ("2e5", 200_000), (".5", 0.5),
    # Chinese lower, upper, traditional case
    ("两千三百", 2300), ("一百零一", 101), ("一千零十", 1010), ("十三", 13), ("一十一", 11),
    ("壹佰贰拾", 120), ("壹萬壹仟壹佰壹拾壹", 11111), ("四千萬零六千", 40_006_000),
    ("一千零一亿一千零一万一千零一", 100_110_011_001), ("五兆六十二億四萬五千二", 5_006_200_045_200),
    ("〇", 0), ("二〇二三", 2023), ("一七二零", 1720), ("负四十五亿零四百零四万", -4_504_040_000),
    # trailing digit abbreviations
    ("九万四", 94_000), ("一千陆", 1600), ("九百九", 990), ("百三", 130), ("十三万五", 135_000), ("廿二", 22),
    # decimals
    ("三点五", 3.5), ("零点零零零一", 0.0001), ("三点五亿", 350_000_000), ("一七二零点一", 1720.1),
    # mixed
    ("2.61万", 26_100), ("1万2千", 12_000), ("4.78万亿", 4_780_000_000_000), ("5億1萬4千6百", 500_014_600),
    ("1百01", 101), ("40k", 40_000),
    # shares (in percent) and fractions (plain numbers)
    ("百分之九十八", 98), ("千分之五", 0.5), ("三成", 30), ("七成六", 76), ("98%", 98),
    ("五分之一", 0.2), ("三百五又三分之一", 350 + 1 / 3), ("3/5", 0.6), ("1 3/5", 1.6),
    # amounts
    ("壹拾壹元整", 11), ("壹佰捌拾壹圆柒角", 181.7),
]


@pytest.mark.parametrize("text,value", VALUES)
def test_to_number(text, value):
    assert to_number(text) == pytest.approx(value, rel=1e-12)


RANGES = [
    ("三四百", 300, 400, False), ("十七八", 17, 18, False), ("两三万", 20_000, 30_000, False),
    ("八九亿", 800_000_000, 900_000_000, False), ("一两", 1, 2, False),
]


@pytest.mark.parametrize("text,lo,hi,approx", RANGES)
def test_neighbouring_digits_read_as_a_range(text, lo, hi, approx):
    r = read_number(text)
    assert (r.value, r.value_max, r.approximate) == (lo, hi, approx)


@pytest.mark.parametrize("text,value", [("十几", 10), ("几十万", 100_000), ("二十几万", 200_000),
                                        ("一百零几万", 1_000_000), ("五百余万", 5_000_000)])
def test_unknown_digits_give_the_lower_bound_and_are_approximate(text, value):
    r = read_number(text)
    assert r.value == value and r.approximate


def test_arithmetic_is_exact():
    assert to_number("1719.9999999999998") == 1719.9999999999998
    assert read_number("17.2万").value == 172000  # never 171999.99999999997
    assert to_number("0.1万") + to_number("0.2万") == 3000


@pytest.mark.parametrize("text", ["", "万", "负", "点零", "零点", "零点点", "十一十二", "十七十八",
                                  "10..1万", "10.1万零100", "元整", "圆", "abc", "一一", "几", "分之"])
def test_not_a_number_raises_value_error(text):
    with pytest.raises(ValueError):
        to_number(text)


def test_non_strings_raise_value_error():
    with pytest.raises(ValueError):
        to_number(None)  # type: ignore[arg-type]


def test_agrees_with_cn2an_on_generated_numerals():
    """cn2an is the reference reading of plain Chinese numerals (differential test)."""
    cn2an = pytest.importorskip("cn2an")
    import random

    rng = random.Random(20241123)
    for _ in range(2000):
        n = rng.choice([rng.randrange(0, 100), rng.randrange(0, 10**4), rng.randrange(0, 10**9),
                        rng.randrange(0, 10**12)])
        written = cn2an.an2cn(n)
        assert to_number(written) == n, written
        assert to_number(cn2an.an2cn(n, "up")) == n
