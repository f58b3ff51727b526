"""One record schema, whichever way records reach a DataFrame."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

import cnedu_extract as ce  # noqa: E402
from cnedu_extract.frames import empty_frame, typed_frame  # noqa: E402
from cnedu_extract.record import RECORD_KEYS  # noqa: E402

DOCS = [
    '{"id": "a", "text": "萍乡市下达学生资助资金24314万元，受益学生37万人。", "title": "萍乡2023年资助"}',
    '{"id": "b", "text": "全县共有幼儿园48所，入园率99.2%，有=SUM(A1)字样。"}',
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("out")
    src = tmp / "docs.jsonl"
    src.write_text("\n".join(DOCS) + "\n", encoding="utf-8")
    out = {}
    for fmt in ("jsonl", "csv", "parquet"):
        out[fmt] = tmp / f"records.{fmt}"
        subprocess.run([sys.executable, "-m", "cnedu_extract", str(src), "-o", str(out[fmt]),
                        "-q", "--meta", ""], check=True)
    return out


def _schema(frame) -> list[tuple[str, str]]:
    return [(c, str(t)) for c, t in frame.dtypes.items()]


def test_every_output_format_reads_back_with_the_schema_of_to_dataframe(outputs):
    import json
    rows = [json.loads(x) for x in DOCS]
    expected = ce.to_dataframe([m for d in rows for m in ce.extract(d["text"], d["id"], title=d.get("title"))])
    for fmt, path in outputs.items():
        got = ce.read_records(path)
        assert list(got.columns) == list(RECORD_KEYS), fmt
        assert _schema(got) == _schema(expected), fmt
        for key in ("doc_id", "text", "value", "unit", "kind", "year", "region", "metric"):
            assert got[key].astype(object).where(got[key].notna(), None).tolist() == \
                expected[key].astype(object).where(expected[key].notna(), None).tolist(), (fmt, key)


def test_categories_are_fixed_so_frames_concatenate():
    a, b = empty_frame(), ce.to_dataframe(ce.extract("受益学生37万人"))
    both = pd.concat([a, b])
    assert str(both["kind"].dtype) == "category" and str(both["qualifier"].dtype) == "category"


def test_dask_meta_is_the_same_schema():
    pytest.importorskip("dask")
    import cnedu_extract.batch.dask as ced
    meta = ced.frame_meta(["source"])
    assert _schema(meta)[:len(RECORD_KEYS)] == _schema(empty_frame())
    assert _schema(meta)[-1] == ("meta_source", "string")


def test_typed_frame_fills_missing_columns_with_their_type():
    frame = typed_frame(rows=[{"doc_id": "x", "start": 0, "end": 2, "text": "3所", "value": 3,
                               "unit": "所", "kind": "institution", "qualifier": "exact"}])
    assert frame["year"].isna().all() and str(frame["year"].dtype) == "Int64"
    assert frame["value"].dtype == "float64" and frame["start"].dtype == "int64"


def test_plain_pandas_read_parquet_gets_text_and_year_types(outputs):
    frame = pd.read_parquet(outputs["parquet"])
    assert isinstance(frame["metric"].dtype, pd.StringDtype) and str(frame["year"].dtype) == "Int64"
    assert str(frame["base_year"].dtype) == "Int64" and frame["start"].dtype == "int64"
