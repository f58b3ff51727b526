"""The Dask path: a real LocalCluster with two worker processes gives one process's records."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest

import cnedu_extract as ce
from cnedu_extract.batch.cli import main

from batch_helpers import read_jsonl, seed_docs, write_jsonl

distributed = pytest.importorskip("distributed")
dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")
pd = pytest.importorskip("pandas")
ced = pytest.importorskip("cnedu_extract.batch.dask")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as lc:
        yield lc.scheduler_address


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    docs = seed_docs()
    docs[7] = {"id": "nontext", "text": None, "title": "t"}
    return docs


@pytest.fixture(scope="module")
def expected(docs: list[dict]) -> list[dict]:
    return [m.to_dict() for m in ce.extract_many(docs, on_error=lambda e: None)]


def test_cli_on_the_cluster_equals_one_process(tmp_path: Path, cluster: str,
                                               docs: list[dict]) -> None:
    src = write_jsonl(tmp_path / "d.jsonl", docs)
    one, dist = tmp_path / "one.jsonl", tmp_path / "dist.jsonl"
    assert main([str(src), "-o", str(one), "-w", "1", "-q"]) == 0
    assert main([str(src), "-o", str(dist), "--scheduler", cluster, "-q",
                 "--chunk-docs", "8"]) == 0
    assert dist.read_bytes() == one.read_bytes() and one.stat().st_size > 0
    assert read_jsonl(f"{dist}.errors.jsonl") == read_jsonl(f"{one}.errors.jsonl")
    assert len(read_jsonl(f"{dist}.errors.jsonl")) == 1


def test_extract_bag_on_the_cluster(cluster: str, docs: list[dict],
                                    expected: list[dict]) -> None:
    with distributed.Client(cluster):
        got = ced.extract_bag(db.from_sequence(docs, npartitions=5)).compute()
    assert got == expected


def test_extract_frame_on_the_cluster(cluster: str, docs: list[dict],
                                      expected: list[dict]) -> None:
    frame = pd.DataFrame([{k: d.get(k) for k in ("id", "text", "title", "date", "source")}
                          for d in docs])
    ddf = dd.from_pandas(frame, npartitions=4)
    with distributed.Client(cluster):
        result = ced.extract_frame(ddf, text="text", id="id", meta=["source"])
        got = result.compute()
    assert list(result.dtypes.items()) == list(ced.frame_meta(["source"]).dtypes.items())
    assert list(got.dtypes.items()) == list(ced.frame_meta(["source"]).dtypes.items())
    rows = json.loads(got.drop(columns="meta_source").to_json(orient="records",
                                                              force_ascii=False))
    assert rows == json.loads(json.dumps(expected))
    by_id = {d["id"]: d.get("source") for d in docs}
    assert all(by_id[i] == s for i, s in zip(got["doc_id"], got["meta_source"]))


def test_frame_meta_is_fixed() -> None:
    meta = ced.frame_meta()
    assert list(meta.columns) == list(ce.RECORD_KEYS)
    assert str(meta["year"].dtype) == "Int64" and str(meta["value"].dtype) == "float64"
