"""The cnedu-extract command: workers, bad documents, exit codes, options."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

import cnedu_extract as ce
from cnedu_extract.batch.cli import main

from batch_helpers import SEEDS, cli, extractor_module, read_jsonl, seed_docs, write_jsonl


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder mixing every input form: txt (UTF-8, GBK), JSONL, JSONL.gz in a subfolder."""
    root = tmp_path_factory.mktemp("corpus")
    docs = seed_docs()
    write_jsonl(root / "a.jsonl", docs[:60])
    (root / "sub").mkdir()
    write_jsonl(root / "sub" / "b.jsonl.gz", docs[60:])
    for p in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(p, root / p.name)
    p = sorted(SEEDS.glob("*.txt"))[2]
    (root / "sub" / "gbk.txt").write_bytes(p.read_text("utf-8").encode("gbk", "replace"))
    return root


def test_workers_2_equals_workers_1(tmp_path: Path, corpus: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main([str(corpus), "-o", str(one), "-w", "1", "-q"]) == 0
    assert main([str(corpus), "-o", str(two), "-w", "2", "-q", "--chunk-docs", "3"]) == 0
    assert one.read_bytes() == two.read_bytes()
    rows = read_jsonl(one)
    assert len({r["doc_id"] for r in rows}) > 40  # every form contributed
    assert {"000_b304b0a073afbedf", "sub/gbk"} <= {r["doc_id"] for r in rows}


def test_output_follows_input_order(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "o.jsonl"
    assert main([str(corpus), "-o", str(out), "-w", "2", "-q", "--chunk-docs", "2"]) == 0
    expected = [m.to_dict() for m in ce.extract_corpus(corpus, workers=1)]
    got = [{k: r[k] for k in ce.RECORD_KEYS} for r in read_jsonl(out)]
    assert got == expected


def bad_corpus(root: Path) -> tuple[list[Path], int]:
    """Inputs with one bad document of each sort, and the number of bad ones."""
    good = seed_docs()[:30]
    lines = [json.dumps(d, ensure_ascii=False).encode("utf-8") for d in good]
    lines[3] = lines[3][:40] + b"\xff\xfe" + lines[3][40:]         # undecodable bytes
    lines[6] = '{"id": "broken", "text": "3万元'.encode()        # malformed JSON
    lines[9] = b'{"id": "nontext", "text": 123}'                  # text not a string
    lines[12] = b'{"id": "null", "text": null}'                   # text null
    lines[15] = b'["a", "list"]'                                  # not an object
    lines[18] = '{"id": "notext", "body": "3万元"}'.encode()     # no text field
    lines[21] = json.dumps({"id": "empty", "text": ""}).encode()  # empty: fine, no records
    lines[24] = json.dumps({"id": "boom", "text": "BOOM 3万元"}).encode()  # extract() raises
    lines.insert(27, b'{"id": "huge", "text": "' + b"x" * 50_000_000 + b'"}')  # 50 MB
    (root / "bad.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    (root / "docs").mkdir()
    (root / "docs" / "gbk.txt").write_bytes("新增学位52所，资助资金3万元。".encode("gbk"))
    (root / "docs" / "empty.txt").write_bytes(b"")
    (root / "docs" / "corrupt.txt").write_bytes("资助资金3万元".encode("utf-8")[:-1] + b"\xff")
    (root / "docs" / "big.txt").write_bytes("资金".encode("utf-8") * 200_000)  # 400k chars
    return [root / "bad.jsonl", root / "docs"], 10


@pytest.mark.parametrize("workers", ["1", "2"])
def test_bad_documents_are_logged_and_the_run_goes_on(tmp_path: Path, workers: str) -> None:
    inputs, n_bad = bad_corpus(tmp_path)
    extractor_module(tmp_path)
    out = tmp_path / "out.jsonl"
    res = cli(*inputs, "-o", out, "-w", workers, "--max-chars", "100000",
              "--extractor", "batch_test_extractors:traps", pythonpath=tmp_path)
    assert res.returncode == 0, res.stderr
    errors = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert all(set(e) == {"source", "line", "id", "reason"} for e in errors)
    reasons = {(e["id"] or Path(e["source"]).name, e["line"]): e["reason"] for e in errors}
    assert len(errors) == n_bad, reasons
    expect = {("bad:4", 4): "undecodable", ("bad:7", 7): "malformed JSON",
              ("nontext", 10): "not a string but int", ("null", 13): "not a string",
              ("bad:16", 16): "not an object", ("notext", 19): "no 'text' field",
              ("boom", 25): "extract() raised RuntimeError: boom",
              ("bad.jsonl", 28): "too large", ("corrupt", None): "undecodable",
              ("big", None): "too large"}
    for key, reason in expect.items():
        assert reason in reasons.get(key, ""), (key, reasons)
    rows = read_jsonl(out)
    ids = {r["doc_id"] for r in rows}
    assert "gbk" in ids and "empty" not in ids
    good = [d for i, d in enumerate(seed_docs()[:30]) if i not in {3, 6, 9, 12, 15, 18, 21, 24}]
    assert {d["id"] for d in good if ce.extract(d["text"])} <= ids
    assert b"10 errors" in res.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_worker_that_dies_costs_one_document(tmp_path: Path, workers: str) -> None:
    """One behaviour whatever the workers: the crash is logged under the document's id."""
    docs = seed_docs()[:40]
    docs[13] = {"id": "crash", "text": "CRASH 新增学位52所"}
    src = write_jsonl(tmp_path / "d.jsonl", docs)
    extractor_module(tmp_path)
    out, clean = tmp_path / "o.jsonl", tmp_path / "clean.jsonl"
    res = cli(src, "-o", out, "-w", workers, "--chunk-docs", "4",
              "--extractor", "batch_test_extractors:quick_traps", pythonpath=tmp_path)
    assert res.returncode == 0, res.stderr
    (error,) = read_jsonl(str(out) + ".errors.jsonl")
    assert error["line"] == 14 and "worker process died" in error["reason"]
    assert error["id"] == "crash"
    write_jsonl(tmp_path / "d.jsonl", [d for d in docs if d["id"] != "crash"])
    res = cli(src, "-o", clean, "-w", "1", "--extractor", "batch_test_extractors:quick",
              pythonpath=tmp_path)
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == clean.read_bytes() != b""


def test_title_and_date_reach_the_extractor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(extractor_module(tmp_path)))
    src = write_jsonl(tmp_path / "d.jsonl", [
        {"id": "a", "text": "新增学位52所", "headline": "萍乡市教育", "day": "2023-05-01"},
        {"id": "b", "text": "新增学位52所"}])
    out = tmp_path / "o.jsonl"
    assert main([str(src), "-o", str(out), "-q", "-w", "1", "--title-field", "headline",
                 "--date-field", "day", "--extractor",
                 "batch_test_extractors:echo_context"]) == 0
    assert [r["metric"] for r in read_jsonl(out)] == ["萍乡市教育|2023-05-01", "None|None"]


def test_exit_code_2_when_input_cannot_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()


def test_exit_code_1_when_output_cannot_be_written(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "d.jsonl", seed_docs()[:3])
    assert main([str(src), "-o", str(tmp_path / "no" / "such" / "dir.jsonl"), "-q"]) == 1


def test_usage_errors(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "d.jsonl", seed_docs()[:3])
    for argv in ([str(src), "--format", "parquet"], [str(src), "--resume"],
                 [str(src), "-o", str(tmp_path / "o.xlsx")]):
        with pytest.raises(SystemExit) as e:
            main(argv)
        assert e.value.code == 2


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "d.jsonl", seed_docs()[:20])
    res = cli(src, "-o", tmp_path / "o.jsonl", "-w", "1")
    assert res.returncode == 0
    lines = res.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "20 documents" in lines[0] and "chars/s" in lines[0]
    quiet = cli(src, "-o", tmp_path / "o.jsonl", "-w", "1", "-q")
    assert quiet.returncode == 0 and quiet.stderr == b""


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    import os
    import subprocess
    src = write_jsonl(tmp_path / "d.jsonl", seed_docs()[:20])
    import fcntl
    import struct
    import termios
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 150, 0, 0))
    proc = subprocess.run([sys.executable, "-m", "cnedu_extract", str(src), "-o",
                           str(tmp_path / "o.jsonl"), "-w", "1"], stderr=slave, timeout=60)
    os.close(slave)
    seen = os.read(master, 65536).decode("utf-8", "replace")
    os.close(master)
    assert proc.returncode == 0
    assert "docs" in seen and "chars/s" in seen and "20 documents" in seen


def test_console_script_and_stdin(tmp_path: Path) -> None:
    exe = shutil.which("cnedu-extract")
    if exe is None:
        pytest.skip("console script not installed")
    import subprocess
    data = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in seed_docs()[:20])
    res = subprocess.run([exe, "-", "-w", "1", "-q"], input=data.encode(), capture_output=True,
                         timeout=60)
    assert res.returncode == 0, res.stderr
    src = write_jsonl(tmp_path / "d.jsonl", seed_docs()[:20])
    assert res.stdout == cli(src, "-w", "1", "-q").stdout != b""
