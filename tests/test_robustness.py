"""extract() never raises on a str, keeps its invariants, and stays linear on hostile input."""
import math
import time

from hypothesis import given, settings
from hypothesis import strategies as st

import cnedu_extract as ce

NUMERAL_CHARS = "0123456789０１２３４５６７８９.,，%％零〇一二三四五六七八九十百千万亿两几余多约近第前元人名所个年月日分之成倍<>p/“”《》、。 \n"


def check(text: str) -> None:
    for m in ce.extract(text):
        assert text[m.start:m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)
        assert math.isfinite(m.value)
        assert m.value_max is None or math.isfinite(m.value_max)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text):
    check(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=NUMERAL_CHARS, max_size=80))
def test_never_raises_on_numeral_soup(text):
    check(text)


ADVERSARIAL = {
    "digits": "9" * 1_000_000,
    "wan": "万" * 1_000_000,
    "yi": "一" * 1_000_000,
    "percent": "%" * 1_000_000,
    "mixed": ("1万2千" * 40_000 + "元") * 5,
    "one_line": ("全市共有学校52所，" * 100_000)[:1_000_000],
    "commas": ("1," * 500_000),
    "dots": ("1." * 500_000),
}


def test_a_megabyte_of_hostile_input_is_handled_without_backtracking():
    for name, text in ADVERSARIAL.items():
        t = time.perf_counter()
        check(text)
        assert time.perf_counter() - t < 60, name  # linear: seconds, never minutes
