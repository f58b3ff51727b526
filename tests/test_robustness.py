"""extract() never raises on a str, keeps its invariants, and stays linear on hostile input."""
import gc
import math
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cnedu_extract as ce

NUMERAL_CHARS = "0123456789０１２３４５６７８９.,，%％零〇一二三四五六七八九十百千万亿两几余多约近第前元人名所个年月日分之成倍<>p/“”《》、。 \n"


def check(text: str) -> None:
    """The invariants of SPEC section 2 on every record of ``text``."""
    records = ce.extract(text)
    for m in records:
        assert text[m.start:m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)
        assert math.isfinite(m.value)
        assert m.value_max is None or (math.isfinite(m.value_max) and m.value_max >= m.value)
        assert len(m.sentence) <= 2 * 200 + (m.end - m.start)
        m.sentence.encode("utf-8")  # no lone surrogate survives into a record
    for a, b in zip(records, records[1:]):
        assert a.start <= b.start and a.end <= b.start, (a.text, b.text)  # sorted, no overlap


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


# Pieces a hostile or careless source mixes into Chinese figures: numerals of every kind, signs,
# ranges, units, qualifiers, inline and block markup, entities, English, lone surrogates.
PIECES = st.sampled_from([
    "3", "52", "2.61", "1,100", "０.５", "一百", "点", "二", "五四", "七一", "八一", "万", "亿", "千", "十",
    "两", "几", "余", "多", "负", "-", "−", "到", "至", "~", "%", "元", "港元", "美元", "人", "名", "所",
    "个", "年", "分", "以上", "上", "约", "近", "第", "前", "学生", "全市", "萍乡市", "，", "。", "\n",
    "<b>", "</b>", "<p>", "</p>", "<br/>", "&nbsp;", "&amp;", "&#20154;", "&bogus;", "<", ">", " ",
    "million", "billion", "m", "km", "US$", "\ud800", "\udc80", "\U0001F600",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_records_never_overlap_and_keep_their_invariants(text):
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=60), PIECES, PIECES)
def test_lone_surrogates_and_markup_never_raise(text, a, b):
    check(a + text + b)


# -- linear scaling: every step of extract() and find_entities() follows the text's length ----

def _cpu_ratio(f, unit: str, small: int = 100_000, large: int = 1_000_000) -> float:
    """CPU time of ``f`` on ``unit`` repeated to ``large`` characters over ``small`` ones
    (process time, so other work on a shared machine does not count); linear work gives
    about 10, quadratic work 100. Each size is timed more than once and the fastest run counts:
    one slow run of the small text (a cache evicted by a neighbour) would inflate the ratio."""
    f(unit * 3)  # load the tables first
    times = []
    gc.collect()
    gc.disable()  # the collector's passes over the rest of the test session are not f's work
    try:
        for n, runs in ((small, 3), (large, 2)):
            text = (unit * (n // len(unit) + 1))[:n]
            best = float("inf")
            for _ in range(runs):
                t = time.process_time()
                f(text)
                best = min(best, time.process_time() - t)
            times.append(best)
    finally:
        gc.enable()
    return times[1] / max(times[0], 1e-3)


@pytest.mark.slow
def test_region_mentions_are_linear_on_a_line_of_names_and_scope_words():
    from cnedu_extract.linking.regions import find_mentions
    assert _cpu_ratio(find_mentions, "萍乡市全市芦溪县全县") < 15


def test_program_names_are_linear_on_a_text_naming_one_program_again_and_again():
    from cnedu_extract.linking.clauses import DocText
    from cnedu_extract.linking.program_names import find_programs
    # (each later form is compared with the names written before it: once per name, not per mention)
    assert _cpu_ratio(lambda t: find_programs(DocText.of(t)), "该市实施营养改善计划，", 20_000, 200_000) < 15


@pytest.mark.slow
def test_find_entities_is_linear():
    from cnedu_extract.linking import find_entities
    assert _cpu_ratio(find_entities, "萍乡市全市") < 15


@pytest.mark.slow
def test_extract_is_linear_on_one_line_of_figures_names_and_markup():
    assert _cpu_ratio(ce.extract, "萍乡市全市<b>学生3万人</b>&nbsp;投入-5.2亿元") < 15


# VmHWM, the peak resident memory of this program (ru_maxrss would count the forking parent's)
_PEAK = """
import re, cnedu_extract as ce
text = ("萍乡市全市共有学校52所，在校生3万人，" * 60_000)[:1_000_000]
records = ce.extract(text)
assert records and max(len(r.sentence) for r in records) <= 420
status = open("/proc/self/status").read()
print(int(re.search(r"VmHWM:\\s+([0-9]+) kB", status).group(1)) // 1024)
"""


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_peak_memory_on_a_megabyte_without_sentence_marks():
    """A megabyte with no 。！？ or line end: each record's sentence is bounded (SPEC: 200
    characters each side), so memory follows the records, not records × text."""
    out = subprocess.run([sys.executable, "-c", _PEAK], capture_output=True, text=True, check=True)
    peak = int(out.stdout.split()[-1])
    assert peak < 400, f"{peak} MB"  # the interpreter and its tables included


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_markup_offsets_point_at_the_same_characters(text):
    """Each character read through markup comes from the same character of the caller's
    text, or stands for a tag or entity starting there."""
    from cnedu_extract.text import strip_markup
    stripped = strip_markup(text)
    if stripped is None:
        return
    plain, back = stripped
    positions = [back[p] for p in range(len(plain))]
    assert positions == sorted(positions)
    for p, ch in enumerate(plain):
        assert text[positions[p]] == ch or text[positions[p]] in "<&"
