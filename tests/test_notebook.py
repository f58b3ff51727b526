"""Notebook helpers: DataFrame dtypes, the records table, highlighted HTML, plots."""
from __future__ import annotations

import subprocess
import sys
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest

import cnedu_extract as ce
from cnedu_extract import linking
from cnedu_extract.linking import Entity
from cnedu_extract.notebook import (DTYPES, Records, plot_counts_by_year, plot_kinds,
                                    plot_money_by_region, render, to_dataframe)
from cnedu_extract.record import RECORD_KEYS, Measurement

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "corpus" / "seeds").glob("*.txt"))

TEXT = "萍乡市下达学生资助资金24314万元，受益学生37万人；芦溪县新增学位3-5万个，巩固率99.9%以上。"


def m(text: str, value: float, unit: str, kind: str, *, value_max: float | None = None,
      qualifier: str = "exact", **context) -> Measurement:
    start = TEXT.index(text)
    return Measurement("doc", start, start + len(text), text, value, value_max, unit, kind,
                       qualifier, sentence=TEXT, **context)


RECORDS = [
    m("24314万元", 243140000.0, "元", "money", region="萍乡市", program="学生资助", year=2023,
      metric="学生资助资金", school="一个名字很长很长的实验学校附属小学"),
    m("37万人", 370000.0, "人", "people", region="萍乡市", year=2023, metric="受益学生"),
    m("3-5万个", 30000.0, "个", "count", value_max=50000.0, region="芦溪县", year=2022),
    m("99.9%以上", 99.9, "%", "percent", qualifier="over", metric="巩固率"),
]
ENTITIES = [Entity(0, 3, "REGION", "萍乡市"), Entity(TEXT.index("芦溪县"), TEXT.index("芦溪县") + 3,
                                                   "REGION", "芦溪县")]


# --- DataFrame ------------------------------------------------------------------------------

EXPECTED_DTYPES = {
    "doc_id": "string", "start": "int64", "end": "int64", "text": "string", "value": "float64",
    "value_max": "float64", "unit": "string", "kind": "category", "qualifier": "category",
    "metric": "string", "region": "string", "school": "string", "program": "string",
    "year": "Int64", "period": "string", "aspect": "category", "direction": "category",
    "base": "string", "base_year": "Int64", "sentence": "string",
}


def test_dtype_table_is_documented():
    assert DTYPES == EXPECTED_DTYPES and list(EXPECTED_DTYPES) == list(RECORD_KEYS)


@pytest.mark.parametrize("column, dtype", sorted(EXPECTED_DTYPES.items()))
def test_dataframe_dtypes(column, dtype):
    import pandas as pd

    df = to_dataframe(RECORDS)
    got = df[column].dtype
    if dtype == "string":
        assert isinstance(got, pd.StringDtype)
    elif dtype == "category":
        assert isinstance(got, pd.CategoricalDtype)
    else:
        assert got == pd.api.types.pandas_dtype(dtype)


def test_dataframe_columns_values_and_missing():
    import pandas as pd

    df = to_dataframe(RECORDS)
    assert list(df.columns) == list(RECORD_KEYS)
    assert len(df) == len(RECORDS)
    assert df["value"].tolist() == [r.value for r in RECORDS]
    assert df["value_max"].isna().tolist() == [True, True, False, True]
    assert df.loc[2, "value_max"] == 50000.0
    assert df["year"].tolist()[:3] == [2023, 2023, 2022] and df["year"].iloc[3] is pd.NA
    assert df["school"].isna().tolist() == [False, True, True, True]
    assert set(df["kind"].cat.categories) >= {"money", "people", "count", "percent", "area"}
    assert list(df["qualifier"].cat.categories) == ["exact", "approx", "over", "under"]
    assert df["qualifier"].tolist() == ["exact", "exact", "exact", "over"]


def test_dataframe_of_nothing_keeps_dtypes():
    empty, full = to_dataframe([]), to_dataframe(RECORDS)
    assert len(empty) == 0 and list(empty.columns) == list(RECORD_KEYS)
    assert empty["year"].dtype == full["year"].dtype
    assert empty["kind"].dtype == full["kind"].dtype  # fixed categories
    assert empty["value"].dtype == "float64"


def test_dataframe_inputs_agree():
    as_dicts = to_dataframe([r.to_dict() for r in RECORDS])
    for other in (to_dataframe(Records(RECORDS)), Records(RECORDS).to_dataframe(), as_dicts):
        assert other.equals(to_dataframe(RECORDS))
    # and back: a frame is accepted as records
    assert Records(as_dicts) == Records(RECORDS)


def test_dataframe_from_spacy_doc():
    doc = ce.load()(TEXT)
    assert to_dataframe(doc)["text"].tolist() == [r.text for r in ce.extract(TEXT)]


def test_missing_pandas_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"cnedu-extract\[dataframe\]"):
        to_dataframe(RECORDS)


def test_missing_matplotlib_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"cnedu-extract\[notebook\]"):
        plot_kinds(RECORDS)


def test_imports_stay_lazy():
    code = ("import sys, cnedu_extract, cnedu_extract.notebook; "
            "cnedu_extract.to_dataframe; cnedu_extract.render; cnedu_extract.Records; "
            "print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- Records --------------------------------------------------------------------------------

def test_records_sequence_and_table():
    recs = Records(RECORDS)
    assert len(recs) == 4 and recs[0] is RECORDS[0] and isinstance(recs[1:], Records)
    assert recs.filter(kind="money") == [RECORDS[0]]
    assert recs.to_dicts() == [r.to_dict() for r in RECORDS]
    table = recs._repr_html_()
    assert table.count("<tr>") == 1 + len(RECORDS)
    for r in RECORDS:
        assert f"<td title=" in table and f">{r.text}</td>" in table
    assert "243,140,000" in table and "30,000" in table and "50,000" in table


def test_records_table_escapes():
    evil = Measurement("<b>x</b>", 0, 3, "<i>", 1.0, None, "个", "count", "exact",
                       metric='"quoted" & <tag>', sentence="<script>alert(1)</script>")
    table = Records([evil])._repr_html_()
    assert "<script>" not in table and "<i>" not in table and "<b>" not in table
    assert "&lt;script&gt;" in table and "&quot;quoted&quot; &amp; &lt;tag&gt;" in table


# --- render ---------------------------------------------------------------------------------

class Collect(HTMLParser):
    """Text outside <style>, the text inside each mark/entity, and a nesting check."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.marks, self.ents = [], [], [], []
        self.open_marks: list[list] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("meta", "br", "img", "link"):  # void elements
            return
        self.stack.append(tag)
        if tag == "mark":
            self.marks.append([attrs, ""])
            self.open_marks.append(self.marks[-1])
        if tag == "span" and "cnedu-ent" in (attrs.get("class") or ""):
            self.ents.append([attrs, ""])
            self.open_marks.append(self.ents[-1])
        elif tag == "span":
            self.open_marks.append(None)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"badly nested </{tag}>"
        self.stack.pop()
        if tag in ("mark", "span"):
            self.open_marks.pop()

    def handle_data(self, data):
        if "style" in self.stack:
            return
        self.text.append(data)
        for entry in self.open_marks:
            if entry is not None:
                entry[1] += data


def parse(html: str) -> Collect:
    c = Collect()
    c.feed(html)
    c.close()
    assert not c.stack
    return c


def body_text(html: str) -> str:
    """The highlighted text alone (drop the legend)."""
    middle = html.split('<div class="cnedu-text">', 1)[1].split('<div class="cnedu-legend">')[0]
    return '<div class="cnedu-text">' + middle


def test_render_marks_every_figure_with_its_record():
    out = render(TEXT, RECORDS, entities=ENTITIES)
    c = parse(out)
    assert [text for _, text in c.marks] == [r.text for r in RECORDS]
    for (attrs, _), r in zip(c.marks, RECORDS):
        assert attrs["data-kind"] == r.kind
        tip = attrs["title"]
        for field in ("unit", "kind", "qualifier"):
            assert str(getattr(r, field)) in tip
        for field in ("metric", "year", "region", "program"):
            if getattr(r, field) is not None:
                assert f"{field}: {getattr(r, field)}" in tip
        links = [x if len(x) <= 12 else x[:11] + "…" for x in (r.region, r.school, r.program) if x]
        assert attrs["data-tag"] == " · ".join([r.kind, *links])
    assert "value: 243,140,000 元" in c.marks[0][0]["title"]
    assert "value: 30,000–50,000 个" in c.marks[2][0]["title"]


def test_render_keeps_the_text_exactly():
    out = render(TEXT, RECORDS, entities=ENTITIES)
    assert "".join(parse(body_text(out)).text) == TEXT


def test_render_highlights_linked_entities():
    out = render(TEXT, RECORDS, entities=ENTITIES)
    ents = {a["data-name"]: (a, t) for a, t in parse(out).ents}
    assert ents["萍乡市"][1] == "萍乡市" and ents["芦溪县"][1] == "芦溪县"
    assert "cnedu-linked" in ents["萍乡市"][0]["class"] and ents["萍乡市"][0]["data-label"] == "REGION"
    # a linked name no entity covers is found where it is written: the program 学生资助
    assert ents["学生资助"][0]["data-label"] == "PROGRAM"
    assert "cnedu-linked" in ents["学生资助"][0]["class"]


def test_render_unlinked_entity_is_not_marked_linked():
    out = render(TEXT, RECORDS[3:], entities=ENTITIES)
    ents = parse(out).ents
    assert len(ents) == 2 and not any("cnedu-linked" in a["class"] for a, _ in ents)


def test_render_escapes_and_survives_crossing_spans():
    text = '<script>alert("x")</script> 投入5万元 & 3所 "学校"'
    recs = [Measurement(None, text.index("5万元"), text.index("5万元") + 3, "5万元", 50000.0, None,
                        "元", "money", "exact", region='<b onclick="x">'),
            Measurement(None, text.index("3所"), text.index("3所") + 2, "3所", 3.0, None, "所",
                        "institution", "exact")]
    crossing = [Entity(text.index("5万元") + 1, text.index("3所") + 1, "SCHOOL", "x")]
    out = render(text, recs, entities=crossing)
    assert "<script>" not in out and "<b onclick" not in out
    c = parse(body_text(out))
    assert "".join(c.text) == text
    assert [t for _, t in c.marks] == ["5万元", "3所"]
    assert c.ents == []  # crossing both figures: dropped, not broken HTML


def test_render_defaults_to_extract_and_linker(monkeypatch):
    monkeypatch.setattr(linking, "find_entities", lambda text, title=None: ENTITIES)
    out = render(TEXT)
    c = parse(out)
    assert [t for _, t in c.marks] == [r.text for r in ce.extract(TEXT)]
    assert {a["data-name"] for a, _ in c.ents} >= {"萍乡市", "芦溪县"}


def test_render_spacy_doc_and_page():
    doc = ce.load()(TEXT)
    out = render(doc, page=True)
    assert out.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in out
    assert [t for _, t in parse(out).marks] == [r["text"] for r in doc._.measurements]
    assert out._repr_html_() == str(out)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_render_seed_reports(path):
    text = path.read_text(encoding="utf-8")
    records = ce.extract(text, path.stem)
    c = parse(body_text(render(text, records)))
    assert "".join(c.text) == text
    assert [t for _, t in c.marks] == [r.text for r in records]


# --- plots ----------------------------------------------------------------------------------

@pytest.fixture
def agg():
    import matplotlib
    matplotlib.use("Agg")
    return matplotlib


def bars(fig):
    from matplotlib.patches import Rectangle
    ax = fig.axes[0]
    return [p for p in ax.patches if isinstance(p, Rectangle)], ax


def test_money_by_region(agg):
    extra = Measurement("doc", 0, 1, "x", 6.14e8, None, "元", "money", "exact", region="芦溪县")
    more = Measurement("doc", 0, 1, "x", 1e7, None, "元", "money", "exact", region="萍乡市")
    no_region = Measurement("doc", 0, 1, "x", 1e8, None, "元", "money", "exact")
    dollars = Measurement("doc", 0, 1, "x", 9e9, None, "美元", "money", "exact", region="美国")
    fig = plot_money_by_region(RECORDS + [extra, more, no_region, dollars])
    assert isinstance(fig, agg.figure.Figure)
    patches, ax = bars(fig)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widths = dict(zip(labels, (p.get_width() for p in patches)))
    assert widths == pytest.approx({"芦溪县": 6.14, "萍乡市": 2.5314, "(no region)": 1.0})
    assert labels[-1] == "芦溪县"  # largest on top
    assert "亿元" in ax.get_xlabel()
    fig.canvas.draw()  # renders without error


def test_counts_by_year(agg):
    fig = plot_counts_by_year(RECORDS)
    patches, ax = bars(fig)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert dict(zip(labels, (p.get_height() for p in patches))) == {"2022": 1, "2023": 2}
    assert "1 without a year" in ax.get_title()
    fig = plot_counts_by_year(RECORDS, kinds=["money"])
    assert [p.get_height() for p in bars(fig)[0]] == [1]


def test_kinds(agg):
    fig = plot_kinds(RECORDS + [RECORDS[0]])
    patches, ax = bars(fig)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    counts = dict(zip(labels, (p.get_width() for p in patches)))
    assert counts == {"money": 2, "people": 1, "count": 1, "percent": 1}
    assert labels[-1] == "money"


def test_plots_draw_on_given_axes(agg):
    from matplotlib.figure import Figure
    fig = Figure()
    ax1, ax2 = fig.subplots(1, 2)
    assert plot_kinds(RECORDS, ax=ax1) is fig
    assert plot_counts_by_year(RECORDS, ax=ax2) is fig
    assert len(ax1.patches) == 4 and len(ax2.patches) == 2


# --- a real browser -------------------------------------------------------------------------

def _render_png_module():
    import importlib.util
    spec = importlib.util.spec_from_file_location("render_png", REPO / "bench" / "render_png.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.browser
def test_render_in_headless_chromium(tmp_path, agg):
    """Chromium draws the page: the kind colours of the figures are on the screenshot."""
    render_png = _render_png_module()
    if render_png.find_chromium() is None:
        pytest.skip("no Chromium (apt-get install -y chromium fonts-noto-cjk)")
    out = render_png.screenshot(render(TEXT, RECORDS, entities=ENTITIES, page=True),
                                tmp_path / "r.png", width=800, height=300)
    import matplotlib.image
    import numpy as np
    pixels = (matplotlib.image.imread(out)[..., :3] * 255).round().astype(int)
    assert pixels.shape[:2] == (300, 800)
    from cnedu_extract.notebook.highlight import KIND_COLOURS
    for kind in ("money", "people", "count", "percent"):
        rgb = [int(KIND_COLOURS[kind][i:i + 2], 16) for i in (1, 3, 5)]
        assert (np.abs(pixels - rgb).sum(axis=-1) <= 6).sum() > 50, f"no {kind} highlight drawn"


@pytest.mark.parametrize("value, label", [
    (364200, "36.42万"), (120000000, "1.2亿"), (850, "850"), (0, "0"), (-30000, "-3万"),
])
def test_value_ticks_read_in_wan_and_yi(value, label):
    from cnedu_extract.notebook.plots import cn_tick
    assert cn_tick(value) == label


def test_a_long_run_of_years_stays_within_the_maximum_width(agg):
    from cnedu_extract.notebook.plots import MAX_WIDTH
    many = [Measurement("d", 0, 1, "x", 1, None, "人", "people", "exact", year=y) for y in range(1980, 2030)]
    fig = plot_counts_by_year(many)
    assert fig.get_figwidth() <= MAX_WIDTH


def test_plot_labels_use_a_font_that_has_the_chinese_glyphs(agg, tmp_path):
    """Region names render as glyphs, not boxes: the font chosen for them holds the characters,
    or, on a machine with no CJK font, one warning names the package to install."""
    from matplotlib import font_manager, ft2font
    from cnedu_extract.notebook import plots

    plots._font_families.cache_clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        families = plots._font_families()
    fig = plot_money_by_region(RECORDS)
    fig.savefig(tmp_path / "money.png")
    if families[0] == "DejaVu Sans":
        assert any("fonts-noto-cjk" in str(w.message) for w in caught)
        pytest.skip("no CJK font on this machine")
    path = font_manager.findfont(font_manager.FontProperties(family=families[0]), fallback_to_default=False)
    font = ft2font.FT2Font(path)
    assert all(font.get_char_index(ord(c)) for c in "萍乡市芦溪县")
    label = fig.axes[0].get_yticklabels()[0]
    assert label.get_fontfamily()[0] == families[0]
