"""Library API: extract_many and extract_corpus yield extract()'s records, in order."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

import cnedu_extract as ce
from cnedu_extract.batch.sources import InputError

from batch_helpers import SEEDS, seed_docs, write_jsonl


def _direct(docs: list[dict]) -> list[dict]:
    return [m.to_dict() for d in docs
            for m in ce.extract(d["text"], d["id"], title=d.get("title"), date=d.get("date"))]


def test_extract_many_texts_and_dicts() -> None:
    texts = ["下达资金3万元", "新增学位52所"]
    got = list(ce.extract_many(texts))
    assert all(isinstance(m, ce.Measurement) for m in got)
    assert [(m.doc_id, m.text) for m in got] == [("0", "3万元"), ("1", "52所")]
    docs = seed_docs()[:30]
    assert [m.to_dict() for m in ce.extract_many(docs)] == _direct(docs)


def test_extract_many_with_two_workers_equals_one() -> None:
    docs = seed_docs()
    assert [m.to_dict() for m in ce.extract_many(iter(docs), workers=2)] == _direct(docs)


def test_bad_items_go_to_on_error_or_the_log(caplog: pytest.LogCaptureFixture) -> None:
    items = ["资金3万元", None, {"id": "x", "text": 5}, {"id": "y"}, "学位52所"]
    errors: list[dict] = []
    got = list(ce.extract_many(items, on_error=errors.append))
    assert [m.doc_id for m in got] == ["0", "4"]
    assert [(e["line"], e["id"]) for e in errors] == [(1, "1"), (2, "x"), (3, "y")]
    with caplog.at_level(logging.WARNING, logger="cnedu_extract"):
        assert len(list(ce.extract_many(items))) == 2
    assert "not a string" in caplog.text and "no 'text' field" in caplog.text


def test_extract_many_is_lazy_and_stops_cleanly() -> None:
    read = 0

    def docs():
        nonlocal read
        for _ in range(100):
            for d in seed_docs():
                read += 1
                yield {**d, "id": f"{d['id']}-{read}"}

    it = ce.extract_many(docs(), workers=2)
    first = next(it)
    it.close()  # shuts the pool down
    assert first.doc_id
    assert read <= 10 * 64  # a few chunks in flight, not the 12,300 documents


def test_extract_corpus_files_and_folders(tmp_path: Path) -> None:
    docs = seed_docs()[:20]
    src = write_jsonl(tmp_path / "d.jsonl", docs)
    assert [m.to_dict() for m in ce.extract_corpus(src, workers=1)] == _direct(docs)
    seeds = sorted(SEEDS.glob("*.txt"))
    got = [m.to_dict() for m in ce.extract_corpus([SEEDS], workers=2)]
    assert got == [m.to_dict() for p in seeds for m in ce.extract(p.read_text("utf-8"), p.stem)]


def test_extract_corpus_refuses_missing_inputs_at_once(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        ce.extract_corpus(tmp_path / "missing")
