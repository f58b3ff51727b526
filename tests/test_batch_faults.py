"""Batches that one document cannot stop, and that never pass silently (issue 14), and
the habits of a command-line tool (issue 15): each test runs the command as a user would."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cnedu_extract.batch.cli import main
from cnedu_extract.batch.runner import CKPT_DOCS_ENV, KILL_ENV, OutputLock

from batch_helpers import REPO, cli, extractor_module, read_jsonl, seed_docs, write_jsonl

QUICK = ["--extractor", "batch_test_extractors:quick"]


def _env(*folders: Path) -> dict[str, str]:
    """The environment of a subprocess that imports this checkout (from any directory)."""
    path = os.pathsep.join(map(str, (REPO, *folders)))
    return {**os.environ, "PYTHONPATH": path}


def quick_cli(folder: Path, *args: object, **kw: object) -> subprocess.CompletedProcess[bytes]:
    extractor_module(folder)
    return cli(*args, *QUICK, pythonpath=folder, **kw)  # type: ignore[arg-type]


def test_a_json_line_nested_too_deeply_is_one_error(tmp_path: Path) -> None:
    docs = [json.dumps(d, ensure_ascii=False) for d in seed_docs()[:12]]
    docs[5] = '{"id": "deep", "text": "3万元", "x": ' + "[" * 5000 + "]" * 5000 + "}"
    src = tmp_path / "d.jsonl"
    src.write_text("\n".join(docs) + "\n", "utf-8")
    out = tmp_path / "o.jsonl"
    res = quick_cli(tmp_path, src, "-o", out, "-w", "1", "--chunk-docs", "4")
    assert res.returncode == 0, res.stderr
    (error,) = read_jsonl(f"{out}.errors.jsonl")
    assert error["line"] == 6 and "nested too deeply" in error["reason"]
    docs[5] = '{"id": "deep", "text": ""}'  # the same documents, the deep one harmless
    src.write_text("\n".join(docs) + "\n", "utf-8")
    clean = tmp_path / "clean.jsonl"
    assert quick_cli(tmp_path, src, "-o", clean, "-w", "1").returncode == 0
    assert out.read_bytes() == clean.read_bytes() != b""  # the chunk's others are kept


def test_a_run_where_every_document_fails_exits_non_zero(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "d.jsonl", seed_docs()[:10])
    res = quick_cli(tmp_path, src, "-o", tmp_path / "o.jsonl", "--text-field", "body")
    assert res.returncode == 2
    (line,) = res.stderr.decode().strip().splitlines()
    assert "every document failed (10 of 10" in line and "no 'body' field" in line


def test_a_clean_run_leaves_no_errors_file(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "d.jsonl", seed_docs()[:10])
    out = tmp_path / "o.jsonl"
    Path(f"{out}.errors.jsonl").write_text('{"old": "run"}\n')  # a former run's errors
    assert quick_cli(tmp_path, src, "-o", out).returncode == 0
    assert sorted(p.name for p in tmp_path.glob("o.jsonl*")) == ["o.jsonl"]


def test_version() -> None:
    res = cli("--version")
    assert res.returncode == 0
    assert res.stdout.decode().startswith("cnedu-extract ")
    assert res.stdout.decode().split()[1][0].isdigit()


def test_plain_text_on_stdin(tmp_path: Path) -> None:
    extractor_module(tmp_path)
    res = subprocess.run([sys.executable, "-m", "cnedu_extract", "-", *QUICK],
                         input="全市新增学位52所，资助资金3万元。\n".encode(), capture_output=True,
                         env=_env(tmp_path), cwd=tmp_path, timeout=60)
    assert res.returncode == 0, res.stderr
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert [(r["doc_id"], r["text"]) for r in rows] == [("stdin", "52所"), ("stdin", "3万元")]
    assert not (tmp_path / "cnedu-extract.errors.jsonl").exists()


def test_quiet_and_verbose_messages(tmp_path: Path) -> None:
    docs = seed_docs()[:6] + [{"id": "nope", "body": "x"}]
    src = write_jsonl(tmp_path / "d.jsonl", docs)
    out = tmp_path / "o.jsonl"
    assert quick_cli(tmp_path, src, "-o", out, "-q").stderr == b""
    normal = quick_cli(tmp_path, src, "-o", out).stderr.decode().splitlines()
    assert len(normal) == 1 and normal[0].startswith("cnedu-extract: 7 documents")
    verbose = quick_cli(tmp_path, src, "-o", out, "-v").stderr.decode().splitlines()
    assert any("skipped nope" in x and "no 'text' field" in x for x in verbose)
    assert len(verbose) == 2


def test_progress_bar_counts_bytes_with_a_total(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios
    src = write_jsonl(tmp_path / "d.jsonl", seed_docs()[:40])
    extractor_module(tmp_path)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
    proc = subprocess.run([sys.executable, "-m", "cnedu_extract", str(src), "-o",
                           str(tmp_path / "o.jsonl"), "-w", "1", *QUICK], stderr=slave,
                          env=_env(tmp_path), timeout=60)
    os.close(slave)
    seen = os.read(master, 65536).decode("utf-8", "replace")
    os.close(master)
    assert proc.returncode == 0
    total = src.stat().st_size / 1024
    assert "100%" in seen and f"{total:.1f}k/{total:.1f}k" in seen, seen
    assert "40 docs" in seen


def test_resume_refuses_an_input_that_changed(tmp_path: Path) -> None:
    lines = [json.dumps(d, ensure_ascii=False) for d in seed_docs()[:60]]
    src = tmp_path / "d.jsonl"
    src.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "o.jsonl"
    killed = quick_cli(tmp_path, src, "-o", out, "-w", "1", "--chunk-docs", "4",
                       env={KILL_ENV: "40", CKPT_DOCS_ENV: "8"})
    assert killed.returncode == -signal.SIGKILL
    src.write_text("\n".join(reversed(lines)) + "\n", "utf-8")  # same size, other order
    res = quick_cli(tmp_path, src, "-o", out, "-w", "1", "--resume")
    assert res.returncode == 2
    assert f"input {src} changed since the interrupted run".encode() in res.stderr
    assert b"content" in res.stderr and not out.exists()


def test_resume_refuses_a_folder_whose_files_changed(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, d in enumerate(seed_docs()[:40]):
        (folder / f"{i:03d}.txt").write_text(d["text"], "utf-8")
    out = tmp_path / "o.jsonl"
    killed = quick_cli(tmp_path, folder, "-o", out, "-w", "1", "--chunk-docs", "4",
                       env={KILL_ENV: "30", CKPT_DOCS_ENV: "8"})
    assert killed.returncode == -signal.SIGKILL
    (folder / "000a.txt").write_text("新增学位52所", "utf-8")  # shifts every later file
    res = quick_cli(tmp_path, folder, "-o", out, "-w", "1", "--resume")
    assert res.returncode == 2 and b"changed since the interrupted run" in res.stderr


def test_a_second_run_on_the_same_output_is_refused(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "d.jsonl", seed_docs()[:5])
    out = tmp_path / "o.jsonl"
    lock = OutputLock(str(out))  # as a run in progress holds it
    try:
        res = quick_cli(tmp_path, src, "-o", out)
        assert res.returncode == 1 and b"another cnedu-extract run is writing" in res.stderr
        assert not out.exists() and not Path(f"{out}.part").exists()
    finally:
        lock.release()
    assert quick_cli(tmp_path, src, "-o", out).returncode == 0
    assert not Path(f"{out}.lock").exists()


def test_an_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "d.jsonl", seed_docs()[:5])
    before = src.read_bytes()
    assert main([str(src), "-o", str(src), "-q"]) == 2
    assert main([str(tmp_path), "-o", str(tmp_path / "records.jsonl"), "-q"]) == 2
    assert main([str(src), "-o", str(tmp_path / "o.csv"), "--errors", str(src), "-q"]) == 2
    assert src.read_bytes() == before and sorted(os.listdir(tmp_path)) == ["d.jsonl"]


SCRIPT = '''
import cnedu_extract as ce

records = list(ce.extract_corpus({folder!r}, workers=2))
many = list(ce.extract_many(["下达资金3万元", {{"id": "b", "text": "新增学位52所"}}], workers=2))
print(len(records), [m.text for m in many])
'''


def test_a_script_without_main_guard_gets_its_records(tmp_path: Path) -> None:
    """The README's examples, run as a user writes them: no ``if __name__ == "__main__"``."""
    folder = tmp_path / "news"
    folder.mkdir()
    for i, d in enumerate(seed_docs()[:8]):
        (folder / f"{i}.txt").write_text(d["text"], "utf-8")
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(SCRIPT.format(folder=str(folder))), "utf-8")
    res = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=120,
                         cwd=tmp_path, env=_env())
    assert res.returncode == 0, res.stderr
    import cnedu_extract as ce
    expected = len(list(ce.extract_corpus(folder, workers=1)))
    assert res.stdout.decode().split(" ", 1) == [str(expected), "['3万元', '52所']\n"]
    assert b"died" not in res.stderr and expected > 0


@pytest.mark.parametrize("encoding", ["big5", "utf-16-le", "utf-16-be"])
def test_big5_and_utf16_without_bom_are_read(tmp_path: Path, encoding: str) -> None:
    text = ("香港教育局公佈，全港共有幼稚園1012所，在園幼兒14萬人，"
            "政府撥款三億港元資助學校購置電子學習設備。")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_bytes(text.encode(encoding))
    write_jsonl(tmp_path / "docs" / "b.jsonl", [{"id": "b", "text": text}] * 3, encoding)
    out = tmp_path / "o.jsonl"
    res = quick_cli(tmp_path, tmp_path / "docs", "-o", out, "-w", "1")
    assert res.returncode == 0, res.stderr
    rows = read_jsonl(out)
    assert {r["doc_id"] for r in rows} == {"a", "b"}
    assert {r["sentence"] for r in rows} == {text}


def test_bytes_of_no_known_encoding_are_logged_as_undecodable(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_bytes(bytes(range(128, 256)) * 8)
    (tmp_path / "docs" / "b.txt").write_text("新增学位52所", "utf-8")
    out = tmp_path / "o.jsonl"
    res = quick_cli(tmp_path, tmp_path / "docs", "-o", out, "-w", "1")
    assert res.returncode == 0, res.stderr
    (error,) = read_jsonl(f"{out}.errors.jsonl")
    assert error["id"] == "a" and "undecodable" in error["reason"]


MEMORY = '''
import sys
from cnedu_extract.batch.sources import iter_units
units = list(iter_units([sys.argv[1]], max_chars=1000))
# this process's peak resident memory (ru_maxrss would include the parent's before exec)
peak_kb = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM"))
print(peak_kb // 1024, [u.kind for u in units])
'''


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc")
def test_max_chars_bounds_memory_while_reading(tmp_path: Path) -> None:
    """A 300 MB line inside a small .gz is passed over, not read into memory."""
    import gzip
    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as f:
        f.write(b'{"id": "a", "text": "3\\u4e07\\u5143"}\n{"id": "big", "text": "')
        block = b"x" * (1 << 20)
        for _ in range(300):
            f.write(block)
        f.write(b'"}\n{"id": "c", "text": "52\\u6240"}\n')
    assert path.stat().st_size < 2_000_000
    res = subprocess.run([sys.executable, "-c", MEMORY, str(path)], capture_output=True,
                         timeout=120, cwd=REPO)
    assert res.returncode == 0, res.stderr
    peak_mb, kinds = res.stdout.decode().split(" ", 1)
    assert kinds.strip() == "['jsonl', 'error', 'jsonl']"
    assert int(peak_mb) < 150, (peak_mb, res.stderr)


def test_where_workers_would_rerun_the_script_an_unguarded_one_is_refused_at_once(
        tmp_path: Path) -> None:
    """Without our fork server (Windows: 'spawn'), a clear error at once, not lost records."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("新增学位52所", "utf-8")
    body = ("import cnedu_extract as ce\nimport cnedu_extract.batch.parallel as p\n"
            "p._LAUNCH = None  # as where there is no fork server\n"
            f"print(len(list(ce.extract_corpus({str(tmp_path / 'news')!r}, workers=2))))\n")
    script = tmp_path / "unguarded.py"
    script.write_text(body, "utf-8")
    res = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=60,
                         env=_env())
    assert res.returncode == 1 and b"if __name__ ==" in res.stderr
    assert b"RuntimeError" in res.stderr and b"died" not in res.stderr
    guarded = tmp_path / "guarded.py"
    guarded.write_text(body.replace("print(", 'if __name__ == "__main__":\n    print('),
                       "utf-8")
    res = subprocess.run([sys.executable, str(guarded)], capture_output=True, timeout=60,
                         env=_env())
    assert res.returncode == 0 and res.stdout.strip() == b"1", res.stderr


@pytest.mark.parametrize("data,docs", [
    ("{注}全市新增学位52所。\n第二行3万元。\n", ["stdin"]),       # text that opens with a brace
    ('{"id": "a", "text": "新增学位52所"}\n{"id": "b", "text": "3万元"}\n', ["a", "b"]),
    ("\n\n   \n", []),                                           # nothing but blanks
])
def test_stdin_is_jsonl_only_when_its_first_line_is_a_json_object(data: str,
                                                                  docs: list[str]) -> None:
    res = subprocess.run([sys.executable, "-c", STDIN, "-"], input=data.encode(),
                         capture_output=True, timeout=60, env=_env())
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == docs


STDIN = '''
import json, sys
from cnedu_extract.batch.sources import iter_units
print(json.dumps([u.doc_id if u.kind == "txt" else json.loads(u.data)["id"]
                  for u in iter_units(["-"])]))
'''
