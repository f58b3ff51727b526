"""Reading inputs: every input form and encoding gives the records of extract() on the text."""
from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest

import cnedu_extract as ce
from cnedu_extract.batch.sources import (DocError, InputError, check_inputs, decode,
                                   detect_encoding, iter_units)

from batch_helpers import SEEDS, seed_docs, write_jsonl

TEXT = "2023年，全市下达学生资助资金24314万元，惠及学生4万余名，新增学位52所。"
GBK_ONLY = "萍乡市芦溪县新增学位52所，资助资金3万元。"


@pytest.mark.parametrize("encoding,bom,expected", [
    ("utf-8", False, "utf-8"),
    ("utf-8", True, "utf-8-sig"),
    ("gbk", False, "gb18030"),
    ("gb18030", False, "gb18030"),
])
def test_detect_encoding(encoding: str, bom: bool, expected: str) -> None:
    raw = GBK_ONLY.encode(encoding) * 50
    assert detect_encoding((codecs.BOM_UTF8 if bom else b"") + raw) == expected


TRADITIONAL = ("香港教育局公佈，全港共有幼稚園1012所，在園幼兒14萬人，比上年減少百分之五點二。"
               "政府撥款三億港元，資助學校購置電子學習設備及改善校舍設施。")


@pytest.mark.parametrize("text,encoding,expected", [
    (TRADITIONAL, "big5", "big5hkscs"),
    (TRADITIONAL, "gb18030", "gb18030"),  # traditional characters in GBK stay GBK
    (TEXT, "utf-16-le", "utf-16-le"),
    (TEXT, "utf-16-be", "utf-16-be"),
    ("\u3000\u3000一所学校" * 20, "utf-16-le", "utf-16-le"),  # NULs of 一 and U+3000 too
    ("English with a few 汉字 only. " * 10, "utf-16-be", "utf-16-be"),  # valid UTF-8 too
])
def test_detect_big5_and_utf16_without_bom(text: str, encoding: str, expected: str) -> None:
    raw = text.encode(encoding)
    assert detect_encoding(raw) == expected
    assert decode(raw) == text


def test_bytes_of_no_known_encoding_are_undecodable_not_mojibake() -> None:
    raw = bytes(range(0x80, 0x100)) * 4
    assert detect_encoding(raw) == "undetected"
    with pytest.raises(DocError, match="undecodable"):
        decode(raw)


def test_detect_encoding_tolerates_a_sample_cut_inside_a_character() -> None:
    raw = ("资金" * 10).encode("utf-8")[:-1]
    assert detect_encoding(raw) == "utf-8"


@pytest.mark.parametrize("raw", [
    TEXT.encode("utf-8"), codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT.encode("gbk"),
    TEXT.encode("gb18030"), codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
])
def test_decode_every_encoding(raw: bytes) -> None:
    assert decode(raw) == TEXT


def test_damaged_utf8_is_an_error_not_mojibake() -> None:
    raw = TEXT.encode("utf-8")
    damaged = raw[:20] + b"\xff" + raw[21:]
    with pytest.raises(DocError, match="undecodable"):
        decode(damaged)


def test_forced_encoding_is_the_only_one_tried() -> None:
    assert decode(TEXT.encode("gbk"), "gbk", forced=True) == TEXT
    with pytest.raises(DocError, match="as utf-8"):
        decode(TEXT.encode("gbk"), "utf-8", forced=True)


def test_check_inputs_refuses_missing_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        check_inputs([tmp_path / "missing.jsonl"])
    with pytest.raises(InputError):
        check_inputs([])


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for rel in ["z.txt", "b/x.txt", "a/deep/y.txt", "a/w.txt", ".hidden/h.txt", "notes.md"]:
        (tmp_path / rel).write_text(TEXT, encoding="utf-8")
    write_jsonl(tmp_path / "a" / "docs.jsonl", [{"id": "j1", "text": TEXT}])
    units = list(iter_units([tmp_path]))
    assert [u.doc_id for u in units] == ["a/deep/y", "docs:1", "a/w", "b/x", "z"]
    assert [u.kind for u in units] == ["txt", "jsonl", "txt", "txt", "txt"]


def test_skip_passes_over_documents_without_reading_text_files(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "0.txt").chmod(0)  # would be an error unit if it were read
    units = list(iter_units([tmp_path], skip=1))
    assert [(u.kind, u.doc_id) for u in units] == [("txt", "1"), ("txt", "2")]


def test_blank_lines_are_no_documents_and_line_numbers_stay_true(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"id": "a", "text": "3万元"}\n\n   \n{"id": "b", "text": "5所"}\n', "utf-8")
    assert [(u.line, u.doc_id) for u in iter_units([path])] == [(1, "d:1"), (4, "d:4")]


def test_oversized_documents_are_rejected_before_decoding(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"x" * 4001)
    write_jsonl(tmp_path / "big.jsonl", [{"id": "x", "text": "y" * 20000}])
    units = list(iter_units([tmp_path], max_chars=1000))
    assert [u.kind for u in units] == ["error", "error"]
    assert all("too large" in u.data for u in units)


def test_a_truncated_gzip_file_logs_an_error_and_keeps_what_was_read(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl.gz", [{"id": str(i), "text": TEXT * 20}
                                                   for i in range(200)])
    path.write_bytes(path.read_bytes()[:-200])
    units = list(iter_units([path]))
    assert units[-1].kind == "error" and "cannot read" in units[-1].data
    assert len(units) > 100 and all(u.kind == "jsonl" for u in units[:-1])


def _expected(docs: list[dict]) -> list[dict]:
    return [m.to_dict() for d in docs
            for m in ce.extract(d["text"], d["id"], title=d.get("title"), date=d.get("date"))]


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return seed_docs()[:40]


@pytest.mark.parametrize("name,encoding,bom", [
    ("docs.jsonl", "utf-8", False), ("docs.jsonl", "utf-8", True),
    ("docs.jsonl", "gbk", False), ("docs.jsonl", "gb18030", False),
    ("docs.jsonl.gz", "utf-8", False), ("docs.jsonl.gz", "gb18030", False),
])
def test_jsonl_inputs_in_every_encoding(tmp_path: Path, docs: list[dict], name: str,
                                        encoding: str, bom: bool) -> None:
    path = write_jsonl(tmp_path / name, docs, encoding=encoding, bom=bom)
    errors: list[dict] = []
    got = [m.to_dict() for m in ce.extract_corpus(path, workers=1, on_error=errors.append)]
    assert errors == []
    assert got == _expected(docs) and got


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True), ("gbk", False),
                                          ("gb18030", False)])
def test_txt_inputs_in_every_encoding(tmp_path: Path, encoding: str, bom: bool) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    expected = []
    for p in seeds:
        raw = p.read_text(encoding="utf-8").encode(encoding, "replace")  # GBK lacks a few
        (tmp_path / p.name).write_bytes((codecs.BOM_UTF8 if bom else b"") + raw)
        expected += [m.to_dict() for m in ce.extract(raw.decode(encoding), p.stem)]
    got = [m.to_dict() for m in ce.extract_corpus(tmp_path, workers=1)]
    assert got == expected and len(got) > 50


def test_forced_encoding_option(tmp_path: Path, docs: list[dict]) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", docs[:5], encoding="gbk")
    errors: list[dict] = []
    assert list(ce.extract_corpus(path, workers=1, encoding="utf-8", on_error=errors.append)) \
        == []
    assert len(errors) == 5 and all("undecodable" in e["reason"] for e in errors)
    got = [m.to_dict() for m in ce.extract_corpus(path, workers=1, encoding="gbk")]
    assert got == _expected(docs[:5])


def test_other_field_names(tmp_path: Path, docs: list[dict]) -> None:
    renamed = [{"doc": d["id"], "body": d["text"]} for d in docs[:10]]
    path = write_jsonl(tmp_path / "d.jsonl", renamed)
    got = [m.to_dict() for m in ce.extract_corpus(path, workers=1, text_field="body",
                                                  id_field="doc")]
    assert got == [m.to_dict() for d in docs[:10] for m in ce.extract(d["text"], d["id"])]


def test_gzip_of_gbk_text_file_is_read_as_jsonl_only_when_named_so(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(
        ('{"id": "x", "text": "%s"}\n' % TEXT).encode("gbk")))
    got = list(ce.extract_corpus(tmp_path / "a.jsonl.gz", workers=1))
    assert [m.text for m in got] == [m.text for m in ce.extract(TEXT)]
