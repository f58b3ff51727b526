"""Nothing lost: a run killed with SIGKILL (or stopped) and resumed equals a clean run.

The runs use the ``quick`` regex extractor of batch_helpers: the machinery under test
does not depend on the extractor, and subprocesses then start in a fraction of a second.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from cnedu_extract.batch.cli import main
from cnedu_extract.batch.runner import CKPT_DOCS_ENV, KILL_ENV

from batch_helpers import cli, extractor_module, read_jsonl, seed_docs, write_jsonl


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """~120 documents with bad lines before and after the points where runs are killed."""
    root = tmp_path_factory.mktemp("resume")
    lines = [json.dumps(d, ensure_ascii=False) for d in seed_docs()]
    for i in (10, 45, 90):
        lines[i] = '{"id": "bad%d", "text": ' % i
    (root / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    extractor_module(root)
    sys.path.insert(0, str(root))
    SOURCE_DIR[:] = [root]
    yield root / "docs.jsonl"
    sys.path.remove(str(root))


_CLEAN: dict[tuple[Path, str], Path] = {}


def clean_run(source: Path, out: Path) -> None:
    """``out`` as an uninterrupted run writes it (computed once per source and format)."""
    key = (source, out.suffix)
    if key not in _CLEAN:
        _CLEAN[key] = source.parent / f"clean{out.suffix}"
        assert main([str(source), "-o", str(_CLEAN[key]), "-q", "-w", "1", *QUICK]) == 0
    for suffix in ("", ".errors.jsonl"):
        Path(f"{out}{suffix}").write_bytes(Path(f"{_CLEAN[key]}{suffix}").read_bytes())


QUICK = ["--extractor", "batch_test_extractors:quick"]


def run(*args: object, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """The command in a subprocess, with the quick extractor."""
    return cli(*args, *QUICK, env=env, pythonpath=SOURCE_DIR[0])


SOURCE_DIR: list[Path] = []


def read_output(path: Path) -> object:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq
        return pq.read_table(path).to_pylist()
    return path.read_bytes()


@pytest.mark.parametrize("fmt,workers", [("jsonl", "1"), ("jsonl", "2"), ("csv", "1"),
                                         ("parquet", "2")])
def test_sigkill_midway_then_resume_equals_clean_run(tmp_path: Path, source: Path, fmt: str,
                                                     workers: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    clean = tmp_path / f"clean.{fmt}"
    clean_run(source, clean)
    out = tmp_path / f"out.{fmt}"
    args = [source, "-o", out, "-w", workers, "--chunk-docs", "4"]
    # killed while writing the chunk that passes document 62, after a checkpoint at 48
    killed = run(*args, env={KILL_ENV: "62", CKPT_DOCS_ENV: "16"})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not out.exists()
    ckpt = json.loads(Path(f"{out}.ckpt.json").read_text())
    assert 0 < ckpt["units"] < 62
    assert os.path.getsize(f"{out}.part") > ckpt["out_bytes"]  # half a chunk to cut away
    resumed = run(*args, "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert f"resumed after {ckpt['units']}".encode() in resumed.stderr
    assert read_output(out) == read_output(clean)
    assert Path(f"{out}.errors.jsonl").read_bytes() == Path(f"{clean}.errors.jsonl").read_bytes()
    assert len(read_jsonl(f"{out}.errors.jsonl")) == 3
    assert not Path(f"{out}.part").exists() and not Path(f"{out}.ckpt.json").exists()


def _wait_for_checkpoint(path: Path, proc: subprocess.Popen[bytes], units: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if json.loads(path.read_text())["units"] >= units:
                return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.05)
    pytest.fail("the run made no checkpoint")


def _start(source: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(source.parent), CKPT_DOCS_ENV: "8"}
    return subprocess.Popen([sys.executable, "-m", "cnedu_extract", str(source), "-o", str(out),
                             "-w", "2", "--chunk-docs", "4", "--extractor",
                             "batch_test_extractors:slow", *extra],
                            env=env, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_external_sigkill_then_resume_equals_clean_run(tmp_path: Path, source: Path) -> None:
    psutil = pytest.importorskip("psutil")
    clean = tmp_path / "clean.jsonl"
    clean_run(source, clean)
    out = tmp_path / "out.jsonl"
    proc = _start(source, out)
    _wait_for_checkpoint(Path(f"{out}.ckpt.json"), proc, 24)
    children = psutil.Process(proc.pid).children(recursive=True)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    proc.stderr.close()  # type: ignore[union-attr]
    _, alive = psutil.wait_procs(children, timeout=20)
    assert not alive, "worker processes outlived the killed run"
    assert not out.exists()
    resumed = cli(source, "-o", out, "-w", "2", "--chunk-docs", "4", "--resume",
                  "--extractor", "batch_test_extractors:slow", pythonpath=source.parent)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == clean.read_bytes()
    assert Path(f"{out}.errors.jsonl").read_bytes() == Path(f"{clean}.errors.jsonl").read_bytes()


@pytest.mark.slow
def test_sigterm_stops_with_a_checkpoint_and_resume_finishes(tmp_path: Path,
                                                             source: Path) -> None:
    clean = tmp_path / "clean.csv"
    clean_run(source, clean)
    out = tmp_path / "out.csv"
    proc = _start(source, out)
    _wait_for_checkpoint(Path(f"{out}.ckpt.json"), proc, 16)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"--resume" in err
    resumed = cli(source, "-o", out, "-w", "2", "--resume", "--extractor",
                  "batch_test_extractors:slow", pythonpath=source.parent)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == clean.read_bytes()


def test_resume_refuses_a_checkpoint_of_other_options(tmp_path: Path, source: Path) -> None:
    out = tmp_path / "out.jsonl"
    killed = run(source, "-o", out, "-w", "1", env={KILL_ENV: "40", CKPT_DOCS_ENV: "16"})
    assert killed.returncode == -signal.SIGKILL
    res = run(source, "-o", out, "-w", "1", "--resume", "--max-chars", "500")
    assert res.returncode == 2 and b"other inputs or options" in res.stderr
    # the same options are fine whatever the number of workers
    res = run(source, "-o", out, "-w", "2", "--resume")
    assert res.returncode == 0, res.stderr
    clean = tmp_path / "clean.jsonl"
    clean_run(source, clean)
    assert out.read_bytes() == clean.read_bytes()


def test_resume_without_checkpoint_runs_from_the_start(tmp_path: Path, source: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main([str(source), "-o", str(out), "-q", "-w", "1", "--resume", *QUICK]) == 0
    clean = tmp_path / "clean.jsonl"
    clean_run(source, clean)
    assert out.read_bytes() == clean.read_bytes()


def test_a_new_run_overwrites_an_interrupted_one(tmp_path: Path, source: Path) -> None:
    out = tmp_path / "out.jsonl"
    killed = run(source, "-o", out, "-w", "1", env={KILL_ENV: "40", CKPT_DOCS_ENV: "16"})
    assert killed.returncode == -signal.SIGKILL
    assert main([str(source), "-o", str(out), "-q", "-w", "1", *QUICK]) == 0
    clean = tmp_path / "clean.jsonl"
    clean_run(source, clean)
    assert out.read_bytes() == clean.read_bytes()
    assert not Path(f"{out}.ckpt.json").exists()
