"""Output formats: CSV and Parquet read back equal the JSONL records; schema is fixed."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import cnedu_extract as ce
from cnedu_extract import RECORD_KEYS
from cnedu_extract.batch import sinks
from cnedu_extract.batch.cli import main
from cnedu_extract.batch.sinks import arrow_schema, columns, format_for

from batch_helpers import read_jsonl, seed_docs, write_jsonl

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

META = ["meta_title", "meta_date", "meta_source"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same input written in every format (one worker: the pool is tested elsewhere)."""
    tmp = tmp_path_factory.mktemp("sinks")
    docs = seed_docs()
    first = next(d for d in docs if ce.extract(d["text"]))
    first["date"] = 2024  # a non-string meta value: JSON text in every format
    first["id"] = "int-date"
    src = write_jsonl(tmp / "docs.jsonl", docs)
    out = {"src": src}
    for fmt in ("jsonl", "csv", "parquet"):
        out[fmt] = tmp / f"records.{fmt}"
        assert main([str(src), "-o", str(out[fmt]), "-w", "1", "-q"]) == 0
    return out


def test_jsonl_rows_have_the_record_keys_then_meta(outputs: dict[str, Path]) -> None:
    rows = read_jsonl(outputs["jsonl"])
    assert len(rows) > 100
    assert all(list(r) == list(RECORD_KEYS) + META for r in rows)
    assert {r["meta_date"] for r in rows if r["doc_id"] == "int-date"} == {"2024"}


def test_parquet_reads_back_equal_to_jsonl(outputs: dict[str, Path]) -> None:
    table = pq.read_table(outputs["parquet"])
    assert table.schema.equals(arrow_schema(["title", "date", "source"]))
    assert table.to_pylist() == read_jsonl(outputs["jsonl"])


def test_csv_reads_back_equal_to_jsonl(outputs: dict[str, Path]) -> None:
    raw = outputs["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8 Chinese
    with open(outputs["csv"], encoding="utf-8-sig", newline="") as f:
        rows = [{k: sinks.unescape_csv_cell(v) for k, v in r.items()}
                for r in csv.DictReader(f)]
    expected = [{k: "" if v is None else str(v) for k, v in r.items()}
                for r in read_jsonl(outputs["jsonl"])]
    assert rows == expected


def test_csv_reads_back_with_pandas(outputs: dict[str, Path]) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(outputs["csv"], encoding="utf-8-sig", keep_default_na=False)
    assert list(frame.columns) == list(RECORD_KEYS) + META
    assert frame["value"].tolist() == [r["value"] for r in read_jsonl(outputs["jsonl"])]


def test_parquet_is_written_in_row_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          outputs: dict[str, Path]) -> None:
    monkeypatch.setattr(sinks, "ROW_GROUP_ROWS", 50)
    out = tmp_path / "r.parquet"
    assert main([str(outputs["src"]), "-o", str(out), "-w", "1", "-q", "--chunk-docs", "4"]) == 0
    meta = pq.ParquetFile(out).metadata
    assert meta.num_row_groups > 2
    assert all(meta.row_group(i).num_rows >= 50 for i in range(meta.num_row_groups - 1))
    assert pq.read_table(out).to_pylist() == read_jsonl(outputs["jsonl"])


def test_empty_output_keeps_the_schema(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": "没有数字。"}])
    for fmt in ("parquet", "csv", "jsonl"):
        out = tmp_path / f"r.{fmt}"
        assert main([str(src), "-o", str(out), "-q", "--meta", "source"]) == 0
    assert pq.read_table(tmp_path / "r.parquet").schema.names == list(columns(["source"]))
    assert (tmp_path / "r.csv").read_text("utf-8-sig").strip() == ",".join(columns(["source"]))
    assert (tmp_path / "r.jsonl").read_bytes() == b""


def test_meta_option_chooses_the_meta_columns(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": "新增学位52所", "src": "x",
                                              "n": [1, 2]}])
    out = tmp_path / "r.jsonl"
    assert main([str(src), "-o", str(out), "-q", "--meta", "src", "--meta", "n,missing"]) == 0
    (row,) = read_jsonl(out)
    assert list(row)[len(RECORD_KEYS):] == ["meta_src", "meta_n", "meta_missing"]
    assert (row["meta_src"], row["meta_n"], row["meta_missing"]) == ("x", "[1, 2]", None)
    assert main([str(src), "-o", str(out), "-q", "--meta", ""]) == 0
    assert list(read_jsonl(out)[0]) == list(RECORD_KEYS)


@pytest.mark.parametrize("path,fmt,expected", [
    ("a.jsonl", None, "jsonl"), ("a.CSV", None, "csv"), ("a.parquet", None, "parquet"),
    ("a.out", "csv", "csv"), (None, None, "jsonl"),
])
def test_format_for(path: str | None, fmt: str | None, expected: str) -> None:
    assert format_for(path, fmt) == expected


def test_format_for_unknown_suffix() -> None:
    with pytest.raises(ValueError, match="--format"):
        format_for("a.xlsx", None)


def test_stdout_is_jsonl(tmp_path: Path) -> None:
    from batch_helpers import cli
    src = write_jsonl(tmp_path / "d.jsonl", seed_docs()[:20])
    res = cli(src, "-w", "1")
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.decode("utf-8").splitlines()]
    assert rows and rows == _clean_rows(tmp_path, src)
    assert b"documents" in res.stderr  # the summary


def _clean_rows(tmp_path: Path, src: Path) -> list[dict]:
    out = tmp_path / "clean.jsonl"
    assert main([str(src), "-o", str(out), "-w", "1", "-q"]) == 0
    return read_jsonl(out)


@pytest.mark.parametrize("cell,written", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-5.2%", "'-5.2%"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("'quoted", "''quoted"), ("3万元", "3万元"),
    (-5.2, -5.2), (3, 3),
])
def test_csv_cells_are_escaped_as_text_never_as_numbers(cell: object, written: object) -> None:
    assert sinks.escape_csv_cell(cell) == written
    if isinstance(cell, str):
        assert sinks.unescape_csv_cell(str(written)) == cell


def test_csv_formulas_are_escaped_and_negative_values_stay_numbers(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "d.jsonl", [
        {"id": "=cmd|' /C calc'!A0", "title": "@SUM(1+1)", "text": "同比增长-5.2%，新增学位52所。"}])
    out = tmp_path / "r.csv"
    assert main([str(src), "-o", str(out), "-q", "-w", "1"]) == 0
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["doc_id"] == "'=cmd|' /C calc'!A0" for r in rows)
    assert all(r["meta_title"] == "'@SUM(1+1)" for r in rows)
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for k, v in r.items()
                   if k != "value")
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert frame["value"].dtype == "float64"  # numbers stay numbers, negative ones too
    assert frame["value"].tolist() == [m.value for m in ce.extract("同比增长-5.2%，新增学位52所。")]


def test_parquet_temp_file_is_compressed(tmp_path: Path, outputs: dict[str, Path]) -> None:
    """The temp file of a run holds the rows compressed: not many times the result."""
    part = tmp_path / "r.parquet.part"
    with open(outputs["src"], "rb") as f:
        lines = f.read().splitlines(keepends=True)
    docs = [json.loads(x) for x in lines]
    encoder = sinks.RowEncoder("parquet", ["title"])
    for d in docs:
        encoder.add(ce.extract(d["text"], d["id"]), [d["title"]])
    part.write_bytes(sinks.header("parquet", ["title"]) + encoder.payload())
    plain = sum(len(json.dumps(r, ensure_ascii=False).encode()) for d in docs
                for r in (m.to_dict() for m in ce.extract(d["text"], d["id"])))
    assert part.stat().st_size < plain / 3
    sinks.finish(str(part), str(tmp_path / "r.parquet"), "parquet")
    assert pq.read_table(tmp_path / "r.parquet").num_rows == sum(
        len(ce.extract(d["text"])) for d in docs)


def test_a_failed_parquet_rewrite_leaves_no_temp_file(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    part = tmp_path / "r.parquet.part"
    encoder = sinks.RowEncoder("parquet")
    encoder.add(ce.extract("新增学位52所"))
    part.write_bytes(sinks.header("parquet") + encoder.payload())

    def disk_full(self: object, *args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", disk_full)
    with pytest.raises(OSError, match="No space"):
        sinks.finish(str(part), str(tmp_path / "r.parquet"), "parquet")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.parquet.part"]
